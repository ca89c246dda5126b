// The trends page's export: numbers are numeric cells with the page's number format, never text (issue 18 item 7).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translator } from "~/lib/i18n";
import { toXlsx } from "~/modules/export/table-export.server";
import { trendsExport } from "./report-exports.server";
import type { trends } from "./trends.server";

type Trends = Awaited<ReturnType<typeof trends>>;

const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
const cells = (count: number, wan: string) => months.map((_, i) => (i === 2 ? { count, investmentWan: wan } : { count: 0, investmentWan: "0.00" }));
const tr = {
  year: 2026,
  months,
  zone: { months: { signed: cells(3, "12345.67"), construction: cells(1, "2000.50"), production: cells(0, "0.00") } },
} as unknown as Trends;

describe("the trends export", () => {
  it("writes each month's counts and 万元 as numbers, with a totals row", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(trendsExport(tr, translator("zh")))).buffer as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["月份", "签约个数", "签约总投资（万元）", "开工个数", "开工总投资（万元）", "投产个数", "投产总投资（万元）"]);
    const march = sheet.getRow(4);
    expect(march.getCell(1).value).toBe("2026-03");
    expect(march.getCell(2).value).toBe(3);
    expect(march.getCell(3).value).toBe(12345.67);
    expect(march.getCell(3).numFmt).toContain("#,##0.00");
    expect(march.getCell(4).value).toBe(1);
    const totals = sheet.getRow(14);
    expect(totals.getCell(1).value).toBe("合计");
    expect(totals.getCell(2).value).toBe(3);
    expect(totals.getCell(5).value).toBe(2000.5);
  });
});
