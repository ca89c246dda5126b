// Reads an uploaded sheet into rows of cells, with every limit checked before anything is expanded: csv-parse for CSV
// (UTF-8 with or without a BOM, or GB18030 as Chinese Excel saves it); for XLSX the zip's central directory is read
// first (declared sizes), then only the entries needed are inflated as a stream and parsed with a SAX parser, so a
// cell in column XFD or a sheet that inflates to gigabytes is refused without being built. It runs in a worker
// (read-file.ts); no database, no framework.
import { parse } from "csv-parse/sync";
import { SaxesParser } from "saxes";
import zlib from "node:zlib";

/** A cell as the file holds it: text, a number (XLSX), a date (an XLSX date cell) or nothing. */
export type SheetCell = string | number | Date | null;
export type SheetRow = { row: number; cells: SheetCell[] };
export type Sheet = { format: "csv" | "xlsx"; header: string[]; rows: SheetRow[] };
/** A sheet besides the first, by its name in the workbook; `sheet` is null when it has no rows under its header. */
export type NamedSheet = { name: string; sheet: Sheet | null };

export type SheetProblem =
  "empty" | "xls" | "unreadable" | "tooManyRows" | "tooManyColumns" | "cellTooLong" | "tooLargeUnzipped" | "tooManyStrings" | "nul" | "tooComplex";
/**
 * `sheet` is the workbook's first sheet (the projects); `extra` the sheets asked for by name (ReadOptions) that the
 * workbook has; `unknown` the names of its other visible sheets, which the caller refuses (a misnamed sheet must
 * not go missing silently). Hidden sheets (the template's dropdown lists) are skipped. A CSV has only `sheet`.
 * A refusal in a sheet besides the first names it (`sheet`).
 */
export type ReadResult =
  { ok: true; sheet: Sheet; extra: NamedSheet[]; unknown: string[] } | { ok: false; problem: SheetProblem; row?: number; sheet?: string };
/** The names of the sheets besides the first that the caller reads (import-sheets.ts lists them). */
export type ReadOptions = { extraSheets?: readonly string[] };

/** More rows than this are refused before they are checked (the benchmark imports 50,000). */
export const MAX_IMPORT_ROWS = 100_000;
/** The template's projects sheet has 17 columns (the approvals sheet 15); a file may leave some blank between them, but not spread over thousands. */
export const MAX_IMPORT_COLUMNS = 64;
/** The longest cell read (the longest template field, 备注, takes 2,000 characters; the check says so per row). */
export const MAX_CELL_CHARS = 10_000;
/** What the entries of an XLSX may inflate to together, by the zip's own directory and as they inflate. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** The shared strings of an XLSX: at most one per cell of the largest sheet, and this much text in all. */
export const MAX_SHARED_STRINGS = (MAX_IMPORT_ROWS + 1) * 16;
export const MAX_SHARED_CHARS = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 10_000;

/** Thrown inside the readers to stop at the first limit; turned into a ReadResult at the top. */
class Refusal extends Error {
  constructor(
    readonly problem: SheetProblem,
    readonly row?: number,
    public sheet?: string,
  ) {
    super(problem);
  }
}

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

const isBlank = (cell: SheetCell | undefined) => cell == null || (typeof cell === "string" && cell.trim() === "");

/** The header and the rows under it; null when there are no rows (an empty sheet, or a header alone). */
function toSheet(format: Sheet["format"], records: SheetRow[]): Sheet | null {
  const nonEmpty = records.filter((r) => !r.cells.every(isBlank));
  const [head, ...rows] = nonEmpty;
  if (!head || rows.length === 0) return null;
  if (rows.length > MAX_IMPORT_ROWS) throw new Refusal("tooManyRows");
  const header = head.cells.map((c) => (c == null ? "" : String(c).trim()));
  return { format, header, rows };
}

function finish(format: Sheet["format"], records: SheetRow[]): ReadResult {
  try {
    const sheet = toSheet(format, records);
    return sheet ? { ok: true, sheet, extra: [], unknown: [] } : { ok: false, problem: "empty" };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** Text that Excel would run as a formula, as our CSV export writes it: behind one apostrophe (table-export). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

function readCsv(bytes: Uint8Array): ReadResult {
  // A NUL is no text a person typed: UTF-16 "Unicode text" or a binary file; PostgreSQL could not store it anyway.
  if (bytes.includes(0)) return { ok: false, problem: "nul" };
  const records: SheetRow[] = [];
  let line = 0;
  try {
    parse(decodeText(bytes), {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_CELL_CHARS * MAX_IMPORT_COLUMNS,
      // Rows are numbered as a spreadsheet shows them (the header is row 1); only rows with something in them are
      // kept, and reading stops at the first limit. The apostrophe our CSV export puts before text Excel would run
      // as a formula comes off again.
      on_record: (cells: string[]) => {
        line += 1;
        if (cells.every((c) => c.trim() === "")) return null;
        if (cells.length > MAX_IMPORT_COLUMNS && cells.slice(MAX_IMPORT_COLUMNS).some((c) => c.trim() !== ""))
          throw new Refusal("tooManyColumns", line);
        if (cells.some((c) => c.length > MAX_CELL_CHARS)) throw new Refusal("cellTooLong", line);
        if (records.length > MAX_IMPORT_ROWS) throw new Refusal("tooManyRows");
        records.push({
          row: line,
          cells: cells.slice(0, MAX_IMPORT_COLUMNS).map((c) => (FORMULA_START.test(c) && c.startsWith("'") ? c.slice(1) : c)),
        });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem, row: error.row };
    const code = (error as { code?: string }).code;
    if (code === "CSV_MAX_RECORD_SIZE") return { ok: false, problem: "cellTooLong" };
    return { ok: false, problem: "unreadable" };
  }
  return finish("csv", records);
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX: the zip

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

/** The zip's central directory: every entry's declared sizes, read without inflating anything. */
function centralDirectory(zip: Buffer): Map<string, ZipEntry> {
  const floor = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= floor; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Refusal("unreadable");
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  // Zip64 (more than 65,535 entries or 4 GB) is never a sheet of this size.
  if (count === 0xffff || offset === 0xffffffff || offset + size > eocd) throw new Refusal("unreadable");
  if (count > MAX_ZIP_ENTRIES) throw new Refusal("tooLargeUnzipped");
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== 0x02014b50) throw new Refusal("unreadable");
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    };
    if (flags & 1) throw new Refusal("unreadable"); // encrypted
    total += entry.size;
    if (entry.size === 0xffffffff || total > MAX_UNZIPPED_BYTES) throw new Refusal("tooLargeUnzipped");
    entries.set(entry.name.replace(/^\//, ""), entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * An entry's text as it inflates, chunk by chunk; more than its declared size (a directory that lies) stops it,
 * so what is inflated never exceeds what the directory was checked for.
 */
async function* entryText(zip: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw new Refusal("unreadable");
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  const decoder = new TextDecoder("utf-8");
  if (entry.method === 0) {
    if (data.length > entry.size) throw new Refusal("tooLargeUnzipped");
    for (let i = 0; i < data.length; i += 65536) yield decoder.decode(data.subarray(i, i + 65536), { stream: true });
    return;
  }
  if (entry.method !== 8) throw new Refusal("unreadable");
  const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  inflate.end(data);
  let inflated = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.size) throw new Refusal("tooLargeUnzipped");
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal("unreadable");
  } finally {
    inflate.destroy();
  }
  yield decoder.decode();
}

type XmlTag = { name: string; attributes: Record<string, string> };
type XmlHandlers = { open?: (tag: XmlTag) => void; close?: (name: string) => void; text?: (text: string) => void };

/** Feeds an entry through a SAX parser: no tree is built, the handlers keep what they need. */
async function parseEntry(zip: Buffer, entry: ZipEntry | undefined, handlers: XmlHandlers) {
  if (!entry) return;
  const parser = new SaxesParser();
  if (handlers.open) parser.on("opentag", (tag) => handlers.open!(tag as XmlTag));
  if (handlers.close) parser.on("closetag", (tag) => handlers.close!(tag.name));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  try {
    for await (const text of entryText(zip, entry)) parser.write(text);
    parser.close();
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal("unreadable");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX: the workbook

/** "XFD300" → column 16384, row 300 (either may be missing). */
function cellRef(ref: string): { col: number; row: number } {
  const match = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(ref.trim());
  if (!match) return { col: 0, row: 0 };
  let col = 0;
  for (const ch of match[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(match[2] || 0) };
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const isDateFormatCode = (code: string) =>
  /[dmyhs]/i.test(
    code
      .replace(/"[^"]*"/g, "")
      .replace(/\[[^\]]*\]/g, "")
      .replace(/\\./g, "")
      .replace(/General/gi, ""),
  );

/** Which cell styles (by index) show a number as a date. */
async function dateStyles(zip: Buffer, entry: ZipEntry | undefined): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  const xfs: number[] = [];
  let inCellXfs = false;
  await parseEntry(zip, entry, {
    open: (tag) => {
      if (tag.name === "numFmt") custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? "");
      else if (tag.name === "cellXfs") inCellXfs = true;
      else if (tag.name === "xf" && inCellXfs) xfs.push(Number(tag.attributes.numFmtId ?? 0));
    },
    close: (name) => {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  for (const id of xfs) styles.push(custom.has(id) ? isDateFormatCode(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
  return styles;
}

async function sharedStrings(zip: Buffer, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  let chars = 0;
  await parseEntry(zip, entry, {
    open: (tag) => {
      if (tag.name === "sst") {
        const declared = Number(tag.attributes.uniqueCount ?? tag.attributes.count ?? 0);
        if (declared > MAX_SHARED_STRINGS) throw new Refusal("tooManyStrings");
      } else if (tag.name === "si") {
        current = [];
        if (strings.length >= MAX_SHARED_STRINGS) throw new Refusal("tooManyStrings");
      } else if (tag.name === "rPh") inPhonetic = true;
      else if (tag.name === "t") inText = !inPhonetic;
    },
    text: (text) => {
      if (!inText || !current) return;
      chars += text.length;
      if (chars > MAX_SHARED_CHARS) throw new Refusal("tooManyStrings");
      current.push(text);
    },
    close: (name) => {
      if (name === "t") inText = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "si" && current) {
        strings.push(current.join(""));
        current = null;
      }
    },
  });
  return strings;
}

/** Sheets listed after this many are not looked at (their names are not reported either). */
const MAX_SHEETS_LISTED = 50;

type WorkbookSheet = { name: string; hidden: boolean; entry: ZipEntry | undefined };

/** The sheets in workbook order with their entries, the shared strings' and the styles', as the relationships name them. */
async function workbookParts(zip: Buffer, entries: Map<string, ZipEntry>) {
  const listed: { name: string; rel: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parseEntry(zip, entries.get("xl/workbook.xml"), {
    open: (tag) => {
      if (tag.name === "workbookPr") date1904 = tag.attributes.date1904 === "1" || tag.attributes.date1904 === "true";
      else if (tag.name === "sheet" && listed.length < MAX_SHEETS_LISTED)
        listed.push({
          name: (tag.attributes.name ?? "").trim(),
          rel: tag.attributes["r:id"] ?? "",
          hidden: tag.attributes.state === "hidden" || tag.attributes.state === "veryHidden",
        });
    },
  });
  const targets = new Map<string, string>();
  let sharedTarget: string | null = null;
  let stylesTarget: string | null = null;
  await parseEntry(zip, entries.get("xl/_rels/workbook.xml.rels"), {
    open: (tag) => {
      if (tag.name !== "Relationship") return;
      const target = tag.attributes.Target ?? "";
      const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
      targets.set(tag.attributes.Id ?? "", path);
      if (/\/sharedStrings$/.test(tag.attributes.Type ?? "")) sharedTarget = path;
      if (/\/styles$/.test(tag.attributes.Type ?? "")) stylesTarget = path;
    },
  });
  const sheets: WorkbookSheet[] = listed.map((l) => ({ name: l.name, hidden: l.hidden, entry: entries.get(targets.get(l.rel) ?? "") }));
  // A workbook that lists no sheet is read as its sheet1, as before.
  if (sheets.length === 0) sheets.push({ name: "", hidden: false, entry: entries.get("xl/worksheets/sheet1.xml") });
  else if (!sheets[0].entry) sheets[0].entry = entries.get("xl/worksheets/sheet1.xml");
  return {
    sheets,
    shared: entries.get(sharedTarget ?? "xl/sharedStrings.xml"),
    styles: entries.get(stylesTarget ?? "xl/styles.xml"),
    date1904,
  };
}

/** An Excel serial day as the UTC date ExcelJS gives (1900 or 1904 system). */
const serialDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

type CellFormats = { dates: boolean[]; strings: string[]; date1904: boolean };

/** One worksheet's rows, every limit checked as it streams. */
async function readWorksheet(zip: Buffer, entry: ZipEntry, parts: CellFormats): Promise<SheetRow[]> {
  const { dates, strings } = parts;
  const records: SheetRow[] = [];
  let rowNumber = 0;
  let cells: SheetCell[] = [];
  let col = 0;
  let cell: { type: string; style: number; col: number } | null = null;
  let value: string[] | null = null;
  let valueChars = 0;
  let inInline = false;
  let inPhonetic = false;
  let collecting = false;

  const endCell = () => {
    if (!cell || value === null) return;
    const raw = value.join("");
    let out: SheetCell;
    switch (cell.type) {
      case "s": {
        const s = strings[Number(raw)];
        if (s === undefined) throw new Refusal("unreadable");
        out = s;
        break;
      }
      case "inlineStr":
      case "str":
      case "e":
        out = raw;
        break;
      case "b":
        out = raw === "1" || raw === "true" ? "true" : "false";
        break;
      case "d":
        out = new Date(raw);
        if (Number.isNaN(out.getTime())) out = raw;
        break;
      default: {
        const n = Number(raw);
        out = raw.trim() === "" || !Number.isFinite(n) ? raw : dates[cell.style] ? serialDate(n, parts.date1904) : n;
      }
    }
    if (isBlank(out)) return;
    if (cell.col > MAX_IMPORT_COLUMNS) throw new Refusal("tooManyColumns", rowNumber);
    if (typeof out === "string" && out.length > MAX_CELL_CHARS) throw new Refusal("cellTooLong", rowNumber);
    cells[cell.col - 1] = out;
  };

  await parseEntry(zip, entry, {
    open: (tag) => {
      const a = tag.attributes;
      switch (tag.name) {
        case "dimension": {
          // The sheet says its extent first: a used range wider or longer than an import can be is refused here.
          const [, end = a.ref ?? ""] = (a.ref ?? "").split(":");
          const last = cellRef(end);
          if (last.col > MAX_IMPORT_COLUMNS) throw new Refusal("tooManyColumns");
          if (last.row > MAX_IMPORT_ROWS + 1) throw new Refusal("tooManyRows");
          break;
        }
        case "row":
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          if (!Number.isSafeInteger(rowNumber) || rowNumber < 1) throw new Refusal("unreadable");
          cells = [];
          col = 0;
          break;
        case "c":
          col = a.r ? cellRef(a.r).col : col + 1;
          if (col < 1) throw new Refusal("unreadable");
          cell = { type: a.t ?? "n", style: Number(a.s ?? 0), col };
          value = null;
          break;
        case "v":
          if (cell && !inInline) {
            value = [];
            valueChars = 0;
            collecting = true;
          }
          break;
        case "is":
          inInline = true;
          value = [];
          valueChars = 0;
          break;
        case "t":
          collecting = inInline && !inPhonetic;
          break;
        case "rPh":
          inPhonetic = true;
          break;
      }
    },
    text: (text) => {
      if (value === null || !collecting) return;
      valueChars += text.length;
      if (valueChars > MAX_CELL_CHARS) throw new Refusal("cellTooLong", rowNumber);
      value.push(text);
    },
    close: (name) => {
      switch (name) {
        case "c":
          endCell();
          cell = null;
          value = null;
          break;
        case "v":
        case "t":
          collecting = false;
          break;
        case "is":
          inInline = false;
          break;
        case "rPh":
          inPhonetic = false;
          break;
        case "row":
          if (cells.some((c) => !isBlank(c))) {
            if (records.length > MAX_IMPORT_ROWS) throw new Refusal("tooManyRows");
            records.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
          }
          break;
      }
    },
  });
  return records;
}

/**
 * The first visible sheet not named as an extra one is the projects' (as the template and the export write it);
 * the sheets named in `extraSheets` are read too; other visible sheets are reported by name and not read.
 */
async function readXlsx(bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(zip);
  const parts = await workbookParts(zip, entries);
  const wanted = new Set(options.extraSheets ?? []);
  const visible = parts.sheets.filter((s) => !s.hidden);
  const main = visible.find((s) => !wanted.has(s.name)) ?? (parts.sheets.length === 1 ? parts.sheets[0] : undefined);
  if (!main?.entry) return { ok: false, problem: entries.has("xl/workbook.xml") ? "empty" : "unreadable" };
  const formats: CellFormats = {
    dates: await dateStyles(zip, parts.styles),
    strings: await sharedStrings(zip, parts.shared),
    date1904: parts.date1904,
  };
  const first = finish("xlsx", await readWorksheet(zip, main.entry, formats));
  if (!first.ok) return first;
  const extra: NamedSheet[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const s of visible) {
    if (s === main) continue;
    // A name twice (Excel never writes it) is not guessed between: both are unknown.
    if (!wanted.has(s.name) || seen.has(s.name) || !s.entry) {
      unknown.push(s.name);
      continue;
    }
    seen.add(s.name);
    try {
      extra.push({ name: s.name, sheet: toSheet("xlsx", await readWorksheet(zip, s.entry, formats)) });
    } catch (error) {
      if (error instanceof Refusal) error.sheet = s.name;
      throw error;
    }
  }
  return { ...first, extra, unknown };
}

/**
 * The file's rows, whatever the name says: an XLSX is a zip (PK…), an old .xls a compound file, the rest CSV.
 * `extraSheets`: the names of further sheets of a workbook to read besides the first (ReadResult).
 */
export async function readSheet(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, problem: "xls" };
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readCsv(bytes);
  try {
    return await readXlsx(bytes, options);
  } catch (error) {
    if (error instanceof Refusal)
      return { ok: false, problem: error.problem, row: error.row, ...(error.sheet !== undefined ? { sheet: error.sheet } : {}) };
    return { ok: false, problem: "unreadable" };
  }
}
