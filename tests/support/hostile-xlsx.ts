// Hand-built XLSX files for the import's limits: a zip written byte by byte, so that a test can say what its central
// directory declares (or lie in it), and sheets no spreadsheet program would write.
import zlib from "node:zlib";

export type ZipPart = { name: string; data: Buffer | string; /** What the central directory claims (default: the truth). */ declaredSize?: number };

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === "string" ? Buffer.from(part.data, "utf8") : part.data;
    const compressed = zlib.deflateRawSync(data, { level: 1 });
    const name = Buffer.from(part.name, "utf8");
    const crc = zlib.crc32(data);
    const size = part.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    central.push(entry, name);
    offset += local.length + name.length + compressed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook of one sheet with the given sheetData body (and optional shared strings), as the parts of a zip. */
export function workbookParts(sheetXml: Buffer | string, opts: { sharedStrings?: Buffer | string; sheetDeclaredSize?: number } = {}): ZipPart[] {
  return [
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${opts.sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    },
    { name: "xl/worksheets/sheet1.xml", data: sheetXml, declaredSize: opts.sheetDeclaredSize },
    ...(opts.sharedStrings ? [{ name: "xl/sharedStrings.xml", data: opts.sharedStrings }] : []),
  ];
}

export const sheetXml = (body: string, head = "") =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${head}<sheetData>${body}</sheetData></worksheet>`;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** The finding's file: 300 rows of one cell each in column XFD, about 3 KB. */
export function xfdWorkbook(): Buffer {
  let body = "";
  for (let r = 1; r <= 300; r++) body += `<row r="${r}">${inline(`XFD${r}`, "x")}</row>`;
  return buildZip(workbookParts(sheetXml(body)));
}

/** A header and `rows` rows of the template's required columns (more than the limit, when asked). */
export function manyRowsWorkbook(rows: number, opts: { dimension?: boolean } = {}): Buffer {
  const parts = [`<row r="1">${inline("A1", "项目名称")}${inline("B1", "投资方")}${inline("C1", "产业集群")}</row>`];
  for (let r = 2; r <= rows + 1; r++)
    parts.push(`<row r="${r}">${inline(`A${r}`, `项目${r}`)}${inline(`B${r}`, "某投资方")}${inline(`C${r}`, "光伏")}</row>`);
  return buildZip(workbookParts(sheetXml(parts.join(""), opts.dimension ? `<dimension ref="A1:C${rows + 1}"/>` : "")));
}

/** A sheet that inflates to `megabytes` MB of blanks inside a cell; the directory tells the truth unless `declared`. */
export function zipBombWorkbook(megabytes: number, declared?: number): Buffer {
  const open = Buffer.from(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>').split("</sheetData>")[0]);
  const close = Buffer.from("</t></is></c></row></sheetData></worksheet>");
  const sheet = Buffer.concat([open, Buffer.alloc(megabytes * 1024 * 1024, 0x20), close]);
  return buildZip(workbookParts(sheet, { sheetDeclaredSize: declared }));
}

/** Shared strings that declare (or hold) more than an import can use. */
export function sharedStringsWorkbook(opts: { declaredCount?: number; strings?: number; length?: number }): Buffer {
  const n = opts.strings ?? 1;
  const one = `<si><t>${"a".repeat(opts.length ?? 1)}</t></si>`;
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${opts.declaredCount ?? n}" uniqueCount="${opts.declaredCount ?? n}">${one.repeat(n)}</sst>`;
  return buildZip(workbookParts(sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), { sharedStrings: sst }));
}

/** A workbook of several named sheets, each given as its sheetData body (cells as inline strings, see `row`). */
export function workbookOfSheets(sheets: { name: string; body: Buffer | string }[]): Buffer {
  const list = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  return buildZip([
    { name: "xl/workbook.xml", data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="${REL}"><sheets>${list}</sheets></workbook>` },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: Buffer.concat([Buffer.from(sheetXml("").split("</sheetData>")[0]), Buffer.from(s.body), Buffer.from("</sheetData></worksheet>")]),
    })),
  ]);
}

/** A row of inline-string cells from column A. */
export const row = (r: number, cells: string[]) =>
  `<row r="${r}">${cells.map((text, i) => inline(`${String.fromCharCode(65 + i)}${r}`, text)).join("")}</row>`;
