// Any list or report leaves the app the same way: as a formatted XLSX sheet (ExcelJS) or a CSV (csv-stringify)
// that Chinese Excel opens correctly. Callers hand over the rows they already show, with typed columns.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { sumDecimals } from "~/lib/money";

export type ExportFormat = "xlsx" | "csv";

export type ExportColumn = {
  key: string;
  header: string;
  /**
   * wan: 万元 decimal strings, two places and a total; int: whole numbers, totalled; text/date as they are;
   * percent: a percentage as decimal text ("12.5" for 12.5 %), a number cell with a % format in XLSX, not totalled.
   */
  kind?: "text" | "date" | "wan" | "int" | "percent";
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
const csvText = (column: ExportColumn, value: ExportCell) => {
  if (value == null) return "";
  const text = String(value);
  return (column.kind ?? "text") === "text" && FORMULA_START.test(text) ? `'${text}` : text;
};

/** CSV in UTF-8 with a BOM (so Excel reads the Chinese), one header row, money as plain decimals. */
export function toCsv(table: ExportTable): string {
  const rows = [...table.rows];
  const totals = totalsRow(table);
  if (totals) rows.push(totals);
  const body = stringify(
    rows.map((r) => table.columns.map((c) => csvText(c, r[c.key]))),
    { header: true, columns: table.columns.map((c) => c.header) },
  );
  return `\uFEFF${body}`;
}

/**
 * XLSX with a bold frozen header, 万元 as numbers with two decimals, and the totals row. A cell holds a double:
 * 万元 with two places stays exact up to 90 trillion 万元, and the total is summed exactly before it is written.
 */
export async function toXlsx(table: ExportTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  // Excel refuses : \\ / ? * [ ] in sheet names and more than 31 characters.
  const sheetName = table.sheetName.replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " ").trim().slice(0, 31) || "Sheet1";
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(10, Math.min(40, c.header.length * 2 + 4)),
    style: c.kind === "wan" ? { numFmt: "#,##0.00" } : c.kind === "int" ? { numFmt: "0" } : c.kind === "percent" ? { numFmt: "0.0%" } : {},
  }));
  const toCell = (column: ExportColumn, value: ExportCell) => {
    if (value == null || value === "") return null;
    if (column.kind === "wan" || column.kind === "int") return Number(value);
    // "12.5" → 0.125 through the decimal text (a shift of two places), shown as 12.5% by the format.
    if (column.kind === "percent") return Number(`${value}e-2`);
    return value;
  };
  for (const row of table.rows) {
    sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, toCell(c, row[c.key])])));
  }
  const totals = totalsRow(table);
  if (totals) {
    const added = sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, toCell(c, totals[c.key])])));
    added.font = { bold: true };
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFF3F8" } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
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
