// The sheet reader's limits: every hostile file is refused with its reason before it is expanded.
import { describe, expect, it } from "vitest";
import {
  buildZip,
  manyRowsWorkbook,
  sharedStringsWorkbook,
  sheetXml,
  workbookParts,
  xfdWorkbook,
  zipBombWorkbook,
} from "../../../tests/support/hostile-xlsx";
import { readImportFile } from "./read-file";
import { MAX_CELL_CHARS, MAX_IMPORT_ROWS, readSheet } from "./read-sheet";

const enc = (s: string) => new TextEncoder().encode(s);

describe("reading a sheet within limits", () => {
  it("refuses the 3 KB workbook with 300 cells in column XFD by its columns, without building them", async () => {
    const file = xfdWorkbook();
    expect(file.length).toBeLessThan(4096);
    expect(await readSheet(file)).toMatchObject({ ok: false, problem: "tooManyColumns" });
  });

  it("refuses a sheet whose dimension is wider than an import, before its rows", async () => {
    const file = buildZip(
      workbookParts(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>', '<dimension ref="A1:XFD300"/>')),
    );
    expect(await readSheet(file)).toMatchObject({ ok: false, problem: "tooManyColumns" });
  });

  it("refuses a zip whose directory declares more than the unzipped limit, without inflating it", async () => {
    // The sheet holds a few bytes; the directory says 300 MB: refused on the directory's word alone.
    const file = buildZip(workbookParts(sheetXml(""), { sheetDeclaredSize: 300 * 1024 * 1024 }));
    expect(await readSheet(file)).toEqual({ ok: false, problem: "tooLargeUnzipped" });
  });

  it("stops inflating a sheet at the size its directory declared (a directory that lies)", async () => {
    const file = zipBombWorkbook(50, 1000);
    expect(file.length).toBeLessThan(1024 * 1024);
    expect(await readSheet(file)).toEqual({ ok: false, problem: "tooLargeUnzipped" });
  });

  it("refuses more rows than the limit, by the dimension at once and by counting without one", async () => {
    expect(await readSheet(manyRowsWorkbook(MAX_IMPORT_ROWS + 1, { dimension: true }))).toEqual({ ok: false, problem: "tooManyRows" });
    expect(await readSheet(manyRowsWorkbook(MAX_IMPORT_ROWS + 1))).toEqual({ ok: false, problem: "tooManyRows" });
    const ok = await readSheet(manyRowsWorkbook(3));
    expect(ok).toMatchObject({ ok: true, sheet: { header: ["项目名称", "投资方", "产业集群"] } });
  }, 30_000);

  it("refuses shared strings that declare or hold more than an import can use", async () => {
    expect(await readSheet(sharedStringsWorkbook({ declaredCount: 50_000_000 }))).toEqual({ ok: false, problem: "tooManyStrings" });
    expect(await readSheet(sharedStringsWorkbook({ strings: 70, length: 1024 * 1024 }))).toEqual({ ok: false, problem: "tooManyStrings" });
  }, 30_000);

  it("refuses a cell longer than the limit, naming its row", async () => {
    const long = "长".repeat(MAX_CELL_CHARS + 1);
    const xlsx = buildZip(
      workbookParts(
        sheetXml(
          `<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${long}</t></is></c></row>`,
        ),
      ),
    );
    expect(await readSheet(xlsx)).toEqual({ ok: false, problem: "cellTooLong", row: 2 });
    expect(await readSheet(enc(`项目名称,投资方\n甲,乙\n${long},乙\n`))).toEqual({ ok: false, problem: "cellTooLong", row: 3 });
  });

  it("gives a CSV the same limits: rows, columns, and no NUL", async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `项目${i},投资方,光伏`).join("\n");
    expect(await readSheet(enc(`项目名称,投资方,产业集群\n${rows}\n`))).toEqual({ ok: false, problem: "tooManyRows" });
    expect(await readSheet(enc(`项目名称,投资方\n甲,乙${",".repeat(100)}x\n`))).toEqual({ ok: false, problem: "tooManyColumns", row: 2 });
    expect(await readSheet(enc("项目名称,投资方,产业集群\n甲\u0000,乙,光伏\n"))).toEqual({ ok: false, problem: "nul" });
    // Blank lines between rows are no rows, and the rows keep their line numbers.
    expect(await readSheet(enc("项目名称,投资方\n\n甲,乙\n"))).toMatchObject({ ok: true, sheet: { rows: [{ row: 3, cells: ["甲", "乙"] }] } });
  });

  it("reads in a worker that a file cannot hold up: a reader past its memory cap or its time is stopped and the file refused", async () => {
    expect(await readImportFile(xfdWorkbook())).toMatchObject({ ok: false, problem: "tooManyColumns" });
    expect(await readImportFile(enc("项目名称,投资方\n甲,乙\n"))).toMatchObject({
      ok: true,
      sheet: { format: "csv", rows: [{ row: 2, cells: ["甲", "乙"] }] },
    });
    const big = manyRowsWorkbook(60_000);
    expect(await readImportFile(big)).toMatchObject({ ok: true });
    expect(await readImportFile(big, { memoryMb: 8 })).toEqual({ ok: false, problem: "tooComplex" });
    expect(await readImportFile(big, { timeLimitMs: 50 })).toEqual({ ok: false, problem: "tooComplex" });
  }, 60_000);
});
