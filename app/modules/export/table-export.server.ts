// Any list or report leaves the app the same way: as a formatted XLSX sheet (ExcelJS) or a CSV (csv-stringify)
// that Chinese Excel opens correctly. Callers hand over the rows they already show, with typed columns.
//
// A column's `kind` says what its cells are; in XLSX every kind but text is a real number (or date) cell with a
// number format, so Excel sorts, sums and charts it; in CSV the same value is written plain:
//
//   kind       cell value given                  XLSX cell                              CSV
//   text       anything (default)                text                                    text (formula-safe)
//   int        number or "12"                    number, format 0; totalled              12
//   wan        万元 decimal string "1234.50"       number, format #,##0.00; totalled      1234.50
//   number     number or decimal string "4.33"   number, `decimals` places (default 2)  4.33
//   percent    the page's percentage "87.5"      0.875 with a % format (`decimals` 1)   87.5
//   date       "YYYY-MM-DD"                      a date, format yyyy-mm-dd               2026-03-31
//   datetime   "YYYY-MM-DD HH:mm" (zone time)    a date and time, format yyyy-mm-dd hh:mm 2026-03-31 09:05
//
// null / undefined / "" is an empty cell — or `missingText` (e.g. "—") when the table sets it, so that "no data"
// never reads as 0 (Excel's SUM and AVERAGE skip text). Only int and wan columns are totalled (exactly, or from
// `totals`); a caller may give any column's total in `totals`.
//
//   { key: "onTime", header: "按时办结率（%）", kind: "percent" }   // rows: { onTime: "87.5" } → 87.5 %
//   { key: "score", header: "得分", kind: "number", decimals: 2 }
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { sumDecimals } from "~/lib/money";

export type ExportFormat = "xlsx" | "csv";

export type ExportColumn = {
  key: string;
  header: string;
  /** See the table at the top of this file. Default text. */
  kind?: "text" | "date" | "datetime" | "wan" | "int" | "number" | "percent";
  /** Places shown for number (default 2) and percent (default 1) columns. */
  decimals?: number;
};

export type ExportCell = string | number | null | undefined;

export type ExportTable = {
  /** Without extension. */
  fileName: string;
  sheetName: string;
  columns: ExportColumn[];
  rows: Record<string, ExportCell>[];
  /** Label of a totals row (first column); wan and int columns are summed exactly. Omit for no totals row. */
  totalsLabel?: string;
  /** Totals given by the caller (summed in SQL) instead of summed from the rows: rows that hide their figures still count. */
  totals?: Record<string, ExportCell>;
  /** Written in a non-text column's empty cell of a data row (not the totals row), e.g. "—" for "no data". */
  missingText?: string;
  /** XLSX only: dropdowns (data validation lists) on these columns, the choices kept on a hidden sheet. */
  choices?: ColumnChoices;
  /** XLSX only: further sheets of the same workbook, after this one (a CSV holds the first sheet alone). */
  sheets?: ExportSheet[];
};

/** A further sheet of a workbook: the same columns and cells as a table, without totals. */
export type ExportSheet = Pick<ExportTable, "sheetName" | "columns" | "rows" | "missingText">;

/**
 * A column's dropdown: the cells below the header take one of `values`. `strict` false lets Excel accept other text
 * after a warning (a login typed into 负责人). The values sit in a hidden sheet after the data sheet, so the list
 * has no length limit (an inline list stops at 255 characters) and an importer reading the first sheet skips it.
 */
export type ColumnChoices = {
  sheetName: string;
  /** Rows of the data sheet that get the dropdown (below the header). */
  rows: number;
  title: string;
  /** The column's header goes in for {column}. */
  error: (header: string) => string;
  lists: { key: string; values: string[]; strict?: boolean }[];
};

/** `?export=xlsx` or `?export=csv` on a list's URL asks for the file instead of the page. */
export function requestedExport(url: URL): ExportFormat | null {
  const value = url.searchParams.get("export");
  return value === "xlsx" || value === "csv" ? value : null;
}

function totalsRow(table: ExportTable): Record<string, ExportCell> | null {
  if (!table.totalsLabel) return null;
  const row: Record<string, ExportCell> = {};
  table.columns.forEach((column, index) => {
    if (table.totals && column.key in table.totals) {
      row[column.key] = table.totals[column.key];
    } else if (column.kind === "wan") {
      row[column.key] = sumDecimals(table.rows.map((r) => (r[column.key] == null ? null : String(r[column.key]))));
    } else if (column.kind === "int") {
      row[column.key] = sumDecimals(table.rows.map((r) => (r[column.key] == null ? null : String(r[column.key]))));
    } else if (index === 0) {
      row[column.key] = table.totalsLabel;
    }
  });
  return row;
}

/**
 * Text that Excel would run as a formula when it opens a CSV (=, +, -, @, tab, CR first) gets a leading apostrophe
 * (OWASP "CSV injection"), as does text that already starts with apostrophes before one; the importer takes
 * exactly one off again, so an export still imports unchanged.
 */
export const FORMULA_START = /^'*[=+\-@\t\r]/;
const csvText = (column: ExportColumn, value: ExportCell, missingText = "") => {
  if (value == null || value === "") return (column.kind ?? "text") === "text" ? "" : missingText;
  const text = String(value);
  return (column.kind ?? "text") === "text" && FORMULA_START.test(text) ? `'${text}` : text;
};

/** CSV in UTF-8 with a BOM (so Excel reads the Chinese), one header row, money as plain decimals. */
export function toCsv(table: ExportTable): string {
  const rows = table.rows.map((r) => table.columns.map((c) => csvText(c, r[c.key], table.missingText)));
  const totals = totalsRow(table);
  if (totals) rows.push(table.columns.map((c) => csvText(c, totals[c.key])));
  const body = stringify(rows, { header: true, columns: table.columns.map((c) => c.header) });
  return `\uFEFF${body}`;
}

const places = (n: number) => (n > 0 ? `0.${"0".repeat(n)}` : "0");

/** The number format of a column's cells in XLSX (none for text). */
export function numberFormat(column: ExportColumn): string | undefined {
  switch (column.kind) {
    case "wan":
      return "#,##0.00";
    case "int":
      return "0";
    case "number":
      return places(column.decimals ?? 2);
    case "percent":
      return `${places(column.decimals ?? 1)}%`;
    case "date":
      return "yyyy-mm-dd";
    case "datetime":
      return "yyyy-mm-dd hh:mm";
    default:
      return undefined;
  }
}

/** A cell's XLSX value: numbers for the numeric kinds (a percentage as its fraction), a UTC date for dates. */
function xlsxValue(column: ExportColumn, value: ExportCell, missingText: string | undefined): ExcelJS.CellValue {
  const kind = column.kind ?? "text";
  if (value == null || value === "") return kind === "text" ? null : (missingText ?? null);
  if (kind === "wan" || kind === "int" || kind === "number") return Number(value);
  // 87.5 (%) → 0.875: Excel keeps a percentage as its fraction and the % format shows it as 87.5%.
  if (kind === "percent") return Number(value) / 100;
  if (kind === "date") {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(value);
  }
  if (kind === "datetime") {
    // Excel has no time zones: the zone's wall clock is written as it reads (ExcelJS writes a Date by its UTC fields).
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(String(value));
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))) : String(value);
  }
  return value;
}

/**
 * XLSX with a bold frozen header, numeric kinds as number cells with their formats, and the totals row. A cell
 * holds a double: 万元 with two places stays exact up to 90 trillion 万元, and the total is summed exactly before
 * it is written.
 */
// Excel refuses : \\ / ? * [ ] in sheet names and more than 31 characters.
const safeSheetName = (name: string, fallback: string) =>
  name
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 31) || fallback;

/** A sheet with a bold frozen header and its typed cells. */
function addSheet(workbook: ExcelJS.Workbook, table: ExportSheet, fallbackName: string) {
  const sheet = workbook.addWorksheet(safeSheetName(table.sheetName, fallbackName), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(10, Math.min(40, c.header.length * 2 + 4)),
    style: numberFormat(c) ? { numFmt: numberFormat(c) } : {},
  }));
  for (const row of table.rows) {
    sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, xlsxValue(c, row[c.key], table.missingText)])));
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFF3F8" } };
  return sheet;
}

export async function toXlsx(table: ExportTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = addSheet(workbook, table, "Sheet1");
  const totals = totalsRow(table);
  if (totals) {
    const added = sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, xlsxValue(c, totals[c.key], undefined)])));
    added.font = { bold: true };
  }
  (table.sheets ?? []).forEach((extra, i) => addSheet(workbook, extra, `Sheet${i + 2}`));
  if (table.choices) addChoices(workbook, sheet, table, table.choices);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const columnLetter = (n: number): string => (n <= 0 ? "" : columnLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

// ExcelJS 4.4 has worksheet.dataValidations (it reads and writes them) but its typings leave it out.
type WithValidations = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };
const withValidations = (sheet: ExcelJS.Worksheet) => sheet as unknown as WithValidations;

function addChoices(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, table: ExportTable, choices: ColumnChoices) {
  const lists = workbook.addWorksheet(choices.sheetName, { state: "hidden" });
  const quoted = `'${choices.sheetName.replace(/'/g, "''")}'`;
  choices.lists.forEach((list, i) => {
    const index = table.columns.findIndex((c) => c.key === list.key);
    if (index < 0 || list.values.length === 0) return;
    const column = table.columns[index];
    const listColumn = columnLetter(i + 1);
    lists.getCell(`${listColumn}1`).value = column.header;
    list.values.forEach((value, row) => (lists.getCell(`${listColumn}${row + 2}`).value = value));
    const target = columnLetter(index + 1);
    withValidations(sheet).dataValidations.add(`${target}2:${target}${choices.rows + 1}`, {
      type: "list",
      allowBlank: true,
      formulae: [`${quoted}!$${listColumn}$2:$${listColumn}$${list.values.length + 1}`],
      showErrorMessage: true,
      errorStyle: list.strict === false ? "warning" : "stop",
      errorTitle: choices.title,
      error: choices.error(column.header),
    });
  });
}

function disposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The file as a download response. */
export async function exportResponse(table: ExportTable, format: ExportFormat): Promise<Response> {
  if (format === "csv") {
    return new Response(toCsv(table), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": disposition(`${table.fileName}.csv`),
        "Cache-Control": "no-store",
      },
    });
  }
  return new Response(await toXlsx(table), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition(`${table.fileName}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
