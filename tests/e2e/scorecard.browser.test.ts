// A leader in Chromium on 四比四看 with no annual targets set (issue 18): target completion shows "—" with the
// reason on hover and for screen readers, the totals are marked as rescaled, the rule is written on the page, and
// the switch to "missing counts as zero" ranks strictly (and back). Then the XLSX holds numbers, not text.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { annualTargets } from "../../db/schema";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

describe.each(browserKinds())("a leader reads the scorecard's missing measures (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(kind, async (db) => {
        const world = await prepareWorld(db, { demoProjects: 120 });
        await db.delete(annualTargets);
        return world;
      }),
      launchBrowser(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("“—” with its reason, the rescaled mark, the rule, the strict switch and back, and a numeric XLSX", async () => {
    const page = await signInPage(browser, server.baseUrl, "leader");
    await page.getByRole("link", { name: "四比四看" }).click();
    await page.getByRole("heading", { name: "四比四看", exact: true }).waitFor();
    await page.getByRole("link", { name: "本年" }).click();
    await page.waitForURL(/preset=year/);

    // The rule is written on the page, the fair one in force.
    const rule = page.getByTestId("missing-rule");
    await rule.getByRole("heading", { name: "缺项怎么计分" }).waitFor();
    expect(await page.getByTestId("rule-in-force").textContent()).toBe("当前规则：缺项不计分，按已有指标折算");
    expect(await rule.textContent()).toContain("综合得分只按该公司已有的指标计算，其权重按比例折算为 100");

    // No target anywhere: every company's target completion is "—", its reason on hover and in hidden text.
    const table = page.getByTestId("scorecard");
    const header = await table.locator("thead th").allTextContents();
    const targetColumn = header.findIndex((h) => h.startsWith("年度目标综合完成率（%）"));
    expect(targetColumn).toBeGreaterThan(0);
    const rows = table.locator("tbody tr");
    const count = await rows.count();
    expect(count).toBe(14);
    const cell = rows.first().locator("td").nth(targetColumn).getByTestId("missing");
    expect((await cell.locator("[aria-hidden=true]").textContent())?.trim()).toBe("—");
    expect(await cell.getAttribute("title")).toBe("未设定本年度目标，无从计算完成率");
    expect(await cell.locator(".sr-only").textContent()).toBe("无数据：未设定本年度目标，无从计算完成率");
    await cell.hover();
    // Nothing scored under it: no "score → contribution" line.
    expect(await rows.first().locator("td").nth(targetColumn).locator(".muted").count()).toBe(0);
    // Each total is marked as rescaled, saying what is missing and over which weights.
    const mark = rows.first().getByTestId("rescaled");
    expect(await mark.getAttribute("title")).toMatch(/^缺 .*年度目标综合完成率（%）.*：按已有指标的 \d+\/100 权重折算为 100$/);
    expect(await table.getByTestId("rescaled").count()).toBe(count);
    await shoot(page, "scorecard-missing");
    const fair = new Map<string, number>();
    for (const row of await rows.all())
      fair.set((await row.locator("td").nth(2).textContent())!, Number(await row.getByTestId("total").textContent()));

    // The switch: missing counts as zero.
    await page.getByTestId("switch-rule").click();
    await page.waitForURL(/missing=zero/);
    await page.getByText("当前规则：缺项记零分").waitFor();
    expect(await table.getByTestId("rescaled").count()).toBe(0);
    const strictCell = rows.first().locator("td").nth(targetColumn);
    expect(await strictCell.getByTestId("missing").getAttribute("title")).toBe("未设定本年度目标，无从计算完成率");
    expect((await strictCell.locator(".muted").textContent())?.trim()).toBe("0.0 → 0.00");
    let lower = 0;
    for (const row of await rows.all()) {
      const name = (await row.locator("td").nth(2).textContent())!;
      const total = Number(await row.getByTestId("total").textContent());
      expect(total, name).toBeLessThanOrEqual(fair.get(name)!);
      if (total < fair.get(name)!) lower++;
    }
    expect(lower).toBeGreaterThan(0);
    await shoot(page, "scorecard-strict");

    // The strict ranking as XLSX: rank, total and percentages are numbers; the missing target is "—".
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 XLSX" }).click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-xlsx-")), download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const head = (sheet.getRow(1).values as unknown[]).map(String);
    const first = sheet.getRow(2);
    expect(first.getCell(head.indexOf("排名")).value).toBe(1);
    expect(typeof first.getCell(head.indexOf("综合得分")).value).toBe("number");
    expect(first.getCell(head.indexOf("年度目标综合完成率（%）")).value).toBe("—");
    expect(first.getCell(head.indexOf("年度目标综合完成率（%） 得分")).value).toBe(0);
    expect(first.getCell(head.indexOf("缺项规则")).value).toBe("缺项记零分");
    expect(first.getCell(head.indexOf("30天无跟进占比（%）")).numFmt).toBe("0.0%");
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    // And back to the fair rule.
    await page.getByTestId("switch-rule").click();
    await page.getByText("当前规则：缺项不计分，按已有指标折算").waitFor();
    expect(page.url()).not.toContain("missing=");
    expect(await table.getByTestId("rescaled").count()).toBe(count);

    // The targets page, on the same table: no target set reads 未设定, and its XLSX has percentages as numbers.
    await page.getByRole("link", { name: "年度目标" }).click();
    await page.getByRole("heading", { name: "年度目标" }).waitFor();
    const targets = page.getByTestId("targets");
    expect(await targets.locator("tbody tr").count()).toBe(18);
    expect(await targets.locator("tbody tr").first().textContent()).toContain("未设定");
    await shoot(page, "targets");
    const [targetsDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 XLSX" }).click()]);
    const targetsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-xlsx-")), targetsDownload.suggestedFilename());
    await targetsDownload.saveAs(targetsFile);
    const targetsBook = new ExcelJS.Workbook();
    await targetsBook.xlsx.readFile(targetsFile);
    const targetsSheet = targetsBook.worksheets[0];
    const targetsHead = (targetsSheet.getRow(1).values as unknown[]).map(String);
    expect(targetsSheet.rowCount).toBe(1 + 18);
    expect(typeof targetsSheet.getRow(2).getCell(targetsHead.indexOf("签约个数 完成")).value).toBe("number");
    expect(targetsSheet.getRow(2).getCell(targetsHead.indexOf("综合完成率")).value).toBe("—");
    expect(targetsSheet.getRow(2).getCell(targetsHead.indexOf("综合完成率")).numFmt).toBe("0.0%");
    fs.rmSync(path.dirname(targetsFile), { recursive: true, force: true });
  });
});
