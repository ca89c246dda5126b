import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ExportTable } from "./table-export.server";
import { requestedExport, toCsv, toXlsx } from "./table-export.server";

const table: ExportTable = {
  fileName: "项目清单",
  sheetName: "项目",
  columns: [
    { key: "name", header: "项目名称" },
    { key: "count", header: "数量", kind: "int" },
    { key: "wan", header: "总投资(万元)", kind: "wan" },
  ],
  // 0.1 + 0.2 drifts as floats; the totals row must not.
  rows: [
    { name: "光伏组件, 一期", count: 1, wan: "0.10" },
    { name: '含"引号"', count: 2, wan: "0.20" },
    { name: "无投资", count: null, wan: null },
  ],
  totalsLabel: "合计",
};

describe("table export", () => {
  it("reads the format from the URL", () => {
    expect(requestedExport(new URL("http://x/projects?export=xlsx"))).toBe("xlsx");
    expect(requestedExport(new URL("http://x/projects?export=csv"))).toBe("csv");
    expect(requestedExport(new URL("http://x/projects?export=pdf"))).toBeNull();
  });

  it("writes CSV with a BOM, quoted fields and an exact totals row", () => {
    const csv = toCsv(table);
    expect(csv.startsWith("\uFEFF项目名称,数量,总投资(万元)\n")).toBe(true);
    expect(csv).toContain('"光伏组件, 一期",1,0.10\n');
    expect(csv).toContain('"含""引号""",2,0.20\n');
    expect(csv.trimEnd().split("\n").at(-1)).toBe("合计,3,0.30");
  });

  it("defuses text Excel would run as a formula, not numbers", () => {
    const csv = toCsv({
      fileName: "x",
      sheetName: "x",
      columns: [
        { key: "note", header: "备注" },
        { key: "wan", header: "万元", kind: "wan" },
      ],
      rows: [
        { note: '=HYPERLINK("http://evil")', wan: "-5.00" },
        { note: "@SUM(A1)", wan: "1.00" },
      ],
    });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",-5.00`);
    expect(csv).toContain("'@SUM(A1),1.00");
  });

  it("names the sheet as Excel allows", async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await toXlsx({ ...table, sheetName: "Three batches: 2026/Q1 [draft]?" });
    await workbook.xlsx.load(bytes.buffer as ExcelJS.Buffer);
    expect(workbook.worksheets[0].name).toBe("Three batches 2026 Q1 draft");
  });

  it("writes XLSX with a header, two-decimal 万元 and the totals row", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(table)).buffer as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("项目")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "项目名称", "数量", "总投资(万元)"]);
    expect(sheet.getCell("C2").value).toBe(0.1);
    expect(sheet.getCell("C2").numFmt).toBe("#,##0.00");
    expect(sheet.getCell("A5").value).toBe("合计");
    expect(sheet.getCell("B5").value).toBe(3);
    expect(sheet.getCell("C5").value).toBe(0.3);
    expect(sheet.getRow(5).font?.bold).toBe(true);
  });
});

describe("numeric, percent and date cells", () => {
  const typed: ExportTable = {
    fileName: "四比四看",
    sheetName: "四比四看",
    columns: [
      { key: "company", header: "公司" },
      { key: "rank", header: "排名", kind: "int" },
      { key: "score", header: "得分", kind: "number" },
      { key: "days", header: "天数", kind: "number", decimals: 1 },
      { key: "rate", header: "按时办结率（%）", kind: "percent" },
      { key: "on", header: "日期", kind: "date" },
    ],
    rows: [
      { company: "甲", rank: 1, score: 87.456, days: "4.5", rate: "87.5", on: "2026-03-31" },
      { company: "乙", rank: "2", score: "0", days: null, rate: null, on: null },
    ],
    missingText: "—",
  };

  it("XLSX: numbers with their formats, a percentage as its fraction with a % format, a real date; no data is “—”, not 0", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(typed)).buffer as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell("B2").value).toBe(1);
    expect(sheet.getCell("B3").value).toBe(2);
    expect(sheet.getCell("B2").numFmt).toBe("0");
    expect(sheet.getCell("C2").value).toBe(87.456);
    expect(sheet.getCell("C2").numFmt).toBe("0.00");
    expect(sheet.getCell("C3").value).toBe(0);
    expect(sheet.getCell("D2").value).toBe(4.5);
    expect(sheet.getCell("D2").numFmt).toBe("0.0");
    expect(sheet.getCell("E2").value).toBe(0.875);
    expect(sheet.getCell("E2").numFmt).toBe("0.0%");
    expect(sheet.getCell("F2").value).toEqual(new Date(Date.UTC(2026, 2, 31)));
    expect(sheet.getCell("F2").numFmt).toBe("yyyy-mm-dd");
    for (const ref of ["D3", "E3", "F3"]) expect(sheet.getCell(ref).value, ref).toBe("—");
  });

  it("CSV: the same values plain, “—” where there is no data; number and percent columns are not totalled", () => {
    const csv = toCsv({ ...typed, totalsLabel: "合计" });
    const lines = csv.replace("\uFEFF", "").trim().split("\n");
    expect(lines[1]).toBe("甲,1,87.456,4.5,87.5,2026-03-31");
    expect(lines[2]).toBe("乙,2,0,—,—,—");
    expect(lines[3]).toBe("合计,3,,,,");
  });

  it("without missingText an empty numeric cell stays empty", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx({ ...typed, missingText: undefined })).buffer as ExcelJS.Buffer);
    expect(workbook.worksheets[0].getCell("E3").value).toBeNull();
    expect(
      toCsv({ ...typed, missingText: undefined })
        .trim()
        .split("\n")[2],
    ).toBe("乙,2,0,,,");
  });
});

describe("date and time cells", () => {
  it("writes dates and the zone's date-times as real date cells with their formats, and plain text in CSV", async () => {
    const dated: ExportTable = {
      fileName: "x",
      sheetName: "x",
      columns: [
        { key: "on", header: "签约日期", kind: "date" },
        { key: "at", header: "更新时间", kind: "datetime" },
      ],
      rows: [
        { on: "2026-09-18", at: "2026-12-07 15:34" },
        { on: null, at: null },
      ],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(dated)).buffer as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell("A2").value).toEqual(new Date(Date.UTC(2026, 8, 18)));
    expect(sheet.getCell("A2").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell("B2").value).toEqual(new Date(Date.UTC(2026, 11, 7, 15, 34)));
    expect(sheet.getCell("B2").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(sheet.getCell("B3").value).toBeNull();
    expect(toCsv(dated)).toContain("2026-09-18,2026-12-07 15:34\n");
  });
});
