// Reads an uploaded sheet into rows of cells with maintained parsers: csv-parse for CSV (UTF-8 with or without a
// BOM, or GB18030 as Chinese Excel saves it) and ExcelJS for XLSX. No database; the rows are checked elsewhere.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { FORMULA_START } from "~/modules/export/table-export.server";

/** A cell as the file holds it: text, a number (XLSX), a date (an XLSX date cell) or nothing. */
export type SheetCell = string | number | Date | null;
export type SheetRow = { row: number; cells: SheetCell[] };
export type Sheet = { format: "csv" | "xlsx"; header: string[]; rows: SheetRow[] };

export type SheetProblem = "empty" | "xls" | "unreadable" | "tooManyRows";
export type ReadResult = { ok: true; sheet: Sheet } | { ok: false; problem: SheetProblem };

/** More rows than this are refused before they are checked (the benchmark imports 50,000). */
export const MAX_IMPORT_ROWS = 100_000;

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK and GB2312). */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

const isBlank = (cell: SheetCell) => cell === null || (typeof cell === "string" && cell.trim() === "");

function finish(format: Sheet["format"], records: { row: number; cells: SheetCell[] }[]): ReadResult {
  const nonEmpty = records.filter((r) => !r.cells.every(isBlank));
  if (nonEmpty.length === 0) return { ok: false, problem: "empty" };
  const [head, ...rows] = nonEmpty;
  if (rows.length === 0) return { ok: false, problem: "empty" };
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, problem: "tooManyRows" };
  const header = head.cells.map((c) => (c == null ? "" : String(c).trim()));
  return { ok: true, sheet: { format, header, rows } };
}

function readCsv(bytes: Uint8Array): ReadResult {
  let records: string[][];
  try {
    records = parse(decodeText(bytes), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  // Rows are numbered as a spreadsheet shows them: the header is row 1. The apostrophe our CSV export puts before
  // text Excel would run as a formula comes off again.
  return finish(
    "csv",
    records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (FORMULA_START.test(c) && c.startsWith("'") ? c.slice(1) : c)) })),
  );
}

function cellValue(cell: ExcelJS.Cell): SheetCell {
  const value = cell.value;
  if (value == null) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (value instanceof Date) return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("result" in value) {
      const result = value.result;
      if (result == null || typeof result === "object") return result instanceof Date ? result : null;
      return typeof result === "boolean" ? String(result) : result;
    }
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
  }
  return cell.text;
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: "empty" };
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) return { ok: false, problem: "tooManyRows" };
  const records: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c)));
    records.push({ row: rowNumber, cells });
  });
  return finish("xlsx", records);
}

/** The file's rows, whatever the name says: an XLSX is a zip (PK…), an old .xls a compound file, the rest CSV. */
export async function readImportFile(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, problem: "xls" };
  return readCsv(bytes);
}
