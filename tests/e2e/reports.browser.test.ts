// A leader in Chromium: opens 三个一批 for the year, drills into a company's signings, gives the scorecard a new
// weight, and exports the report to XLSX, whose totals (read back with ExcelJS) are the page's.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { formatWan } from "../../app/lib/money";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").trim();

describe.each(browserKinds())("a leader reads, traces, weighs and exports the zone's figures (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate()), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("report for a year → a company's signings → a new weight → XLSX with the page's totals", async () => {
    const page = await signInPage(browser, server.baseUrl, "leader");
    await page.getByRole("link", { name: "三个一批", exact: true }).click();
    await page.getByRole("heading", { name: "三个一批" }).waitFor();
    await page.getByRole("link", { name: "本年" }).click();
    await page.waitForURL(/preset=year/);
    await page.getByText("全区合计").waitFor();
    const year = new Date().getFullYear();
    await page.getByText(`${year}-01-01 至 ${year}-12-31`).first().waitFor();
    await shoot(page, "reports-three-batches");
    const totalSigned = Number(await text(page, "total-signed-count"));
    const totalSignedWan = await text(page, "total-signed-wan");
    expect(totalSigned).toBeGreaterThan(0);

    // Drill into the first company with signings: the list behind the number adds up to it.
    // Columns: company, cluster, then each milestone's count and investment.
    const row = page
      .locator("[data-testid=three-batches] tbody tr")
      .filter({ has: page.locator("td:nth-child(3) a") })
      .first();
    const company = (await row.locator("td").first().textContent())!.trim();
    const signedLink = row.locator("td").nth(2).locator("a");
    const signedCount = Number((await signedLink.textContent())!.trim());
    await signedLink.click();
    await page.getByRole("heading", { name: `三个一批明细 · ${company} · 签约` }).waitFor();
    await page.locator("[data-testid=drill-down] tbody tr").first().waitFor();
    expect(await page.locator("[data-testid=drill-down] tbody tr").count()).toBe(signedCount);
    expect(await text(page, "drill-total-count")).toBe(`共 ${signedCount} 条`);
    await shoot(page, "reports-drill-down");

    // The scorecard: weigh signed investment alone; the new version is in force and ranks by it.
    await page.getByRole("link", { name: "四比四看" }).click();
    await page.getByRole("heading", { name: "调整权重" }).waitFor();
    for (const input of await page.locator(".weights-grid input").all()) await input.fill("0");
    await page.getByLabel("签约总投资（万元）").fill("100");
    await page.getByLabel("调整说明").fill("只比签约投资");
    await page.getByTestId("weight-sum").getByText("权重合计 100").waitFor();
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("已保存第 1 版权重").waitFor();
    await page.getByText(/当前权重：第 1 版/).waitFor();
    const headers = await page.locator("[data-testid=scorecard] thead th").allTextContents();
    expect(headers.filter((h) => h.includes("权重"))).toEqual(["签约总投资（万元）权重 100"]);
    expect(await page.locator("[data-testid=scorecard] tbody tr").first().getByTestId("total").textContent()).toBe("100.00");
    await shoot(page, "reports-scorecard");

    // Export the year's report and read it back.
    await page.getByRole("link", { name: "三个一批", exact: true }).click();
    await page.getByRole("heading", { name: "三个一批" }).waitFor();
    await page.getByRole("link", { name: "本年" }).click();
    await page.waitForURL(/preset=year/);
    await page.getByText("全区合计").waitFor();
    expect(await text(page, "total-signed-wan")).toBe(totalSignedWan);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 XLSX" }).click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-xlsx-")), download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe(`三个一批-${year}-01-01-${year}-12-31.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(1).value).toBe("全区合计");
    const col = (name: string) => header.indexOf(name);
    expect(totals.getCell(col("签约个数")).value).toBe(totalSigned);
    expect(formatWan((totals.getCell(col("签约总投资（万元）")).value as number).toFixed(2))).toBe(totalSignedWan);
    expect(sheet.rowCount).toBe(1 + 18 + 1);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    // Trends: ECharts draws on canvas in the browser (loaded as its own chunk under the CSP), beside the tables.
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await page.getByRole("link", { name: "趋势分析" }).click();
    await page.getByRole("heading", { name: `${year} 年各月三个一批（全区）` }).waitFor();
    await page.locator("[data-testid=chart] canvas").first().waitFor();
    expect(await page.locator("[data-testid=chart] canvas").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("[data-testid=monthly] tbody tr").count()).toBe(12);
    expect(blocked).toEqual([]);
    await shoot(page, "reports-trends");
  });

  it("last quarter → 同比 → publish after the confirmation → the page says who published it and when", async () => {
    const page = await signInPage(browser, server.baseUrl, "leader");
    await page.getByRole("link", { name: "三个一批", exact: true }).click();
    await page.getByRole("heading", { name: "三个一批" }).waitFor();
    await page.getByRole("link", { name: "上季度" }).click();
    await page.waitForURL(/preset=lastQuarter/);
    // The last whole quarter in the zone's calendar.
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const q = Math.floor((m - 1) / 3);
    const [qy, qn] = q === 0 ? [y - 1, 4] : [y, q];
    const from = `${qy}-${String(qn * 3 - 2).padStart(2, "0")}-01`;
    const to = new Date(Date.UTC(qy, qn * 3, 0)).toISOString().slice(0, 10);
    await page.getByText(`${from} 至 ${to}`).first().waitFor();

    // 同比: each figure with last year's, the difference and the percentage.
    await page.getByLabel("对比").selectOption("yoy");
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/compare=yoy/);
    await page
      .getByTestId("compare-period")
      .getByText(`对比期间 ${qy - 1}${from.slice(4)} 至 ${qy - 1}${to.slice(4)}`)
      .waitFor();
    await expect
      .poll(async () => (await page.getByTestId("compare-signed-wan").textContent()) ?? "")
      .toMatch(/^对比期 [\d,.]+ [+-]?[\d,.]+ \((—|[+-][\d,.]+%)\)$/);
    await shoot(page, "reports-compare");

    // 发布本期数据 asks first: the period, the totals to be frozen, that it cannot be undone.
    const signedCount = await text(page, "total-signed-count");
    await page.getByLabel("发布说明（可选）").fill("季度通报");
    await page.getByRole("button", { name: "发布本期数据" }).click();
    await page.waitForURL(/step=confirm/);
    const confirm = page.getByTestId("publish-confirm");
    await confirm.getByRole("heading", { name: `确认发布季度数据：${from} 至 ${to}` }).waitFor();
    await confirm.getByText("发布不可撤销，也不能重新发布同一期间。").waitFor();
    expect(await confirm.locator("tbody tr").first().locator("td").first().textContent()).toBe(signedCount);
    await shoot(page, "reports-publish-confirm");
    await confirm.getByRole("button", { name: `确认发布 ${from} 至 ${to}（不可撤销）` }).click();
    await page.getByText(`已发布 ${from} 至 ${to} 的数据`).waitFor();
    await page
      .getByTestId("published-banner")
      .getByText(/本期数据已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 管委会领导 发布/)
      .waitFor();
    expect(await page.getByTestId("published-banner").textContent()).toContain("说明：季度通报");
    expect(await page.getByRole("button", { name: "发布本期数据" }).count()).toBe(0);
    await shoot(page, "reports-published");
  });

  it("the funnel says what it counts; the cumulative view never grows and each number opens its projects", async () => {
    const page = await signInPage(browser, server.baseUrl, "leader");
    await page.goto(`${server.baseUrl}/pipeline/funnel?period=year`);
    await page.getByRole("heading", { level: 1, name: "漏斗与转化" }).waitFor();
    await page
      .getByTestId("funnel-explain")
      .getByText(/不是目前处于该阶段的项目数/)
      .waitFor();
    await page.getByRole("link", { name: "累计：至少到达该阶段" }).click();
    await page.waitForURL(/view=cumulative/);
    await page
      .getByTestId("funnel-explain")
      .getByText(/数字逐级不增/)
      .waitFor();
    // Column 3 is "至少到达": it never grows from stage to stage.
    const cells = await page.locator("[data-testid=funnel] tbody tr td:nth-child(3)").allTextContents();
    const numbers = cells.map((c) => Number(c.trim()));
    expect(numbers.length).toBe(8);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeLessThanOrEqual(numbers[i - 1]);
    expect(numbers[0]).toBeGreaterThan(0);
    await shoot(page, "pipeline-funnel-cumulative");
    await page.locator("[data-testid=funnel] tbody tr").first().locator("td:nth-child(3) a").click();
    await page.getByRole("heading", { name: /漏斗明细 · 线索 · 至少到达/ }).waitFor();
    expect(await text(page, "funnel-drill-total")).toBe(`共 ${numbers[0]} 个项目`);
    expect(await page.locator("[data-testid=funnel-drill] tbody tr").count()).toBe(Math.min(numbers[0], 100));
    expect(numbers[0]).toBeGreaterThan(100);
    if (numbers[0] > 100) {
      // 下一页 is a plain link (keyset, sealed cursor): the next rows, the same count.
      await page.getByRole("link", { name: "下一页" }).click();
      await page.waitForURL(/after=s\./);
      // The URL moves before React renders the next rows: poll for them.
      await expect.poll(() => page.locator("[data-testid=funnel-drill] tbody tr").count()).toBe(Math.min(numbers[0] - 100, 100));
      expect(await text(page, "funnel-drill-total")).toBe(`共 ${numbers[0]} 个项目`);
    }
    // A lost number opens the projects it counts.
    await page.goto(`${server.baseUrl}/pipeline/funnel?period=year`);
    const lostCell = page.locator("[data-testid=funnel-lost] tbody tr td.num a").first();
    expect(await lostCell.count()).toBeGreaterThan(0);
    if ((await lostCell.count()) > 0) {
      const n = Number((await lostCell.textContent())?.trim());
      await lostCell.click();
      await page.getByRole("heading", { name: /漏斗明细 · 期间终止的项目/ }).waitFor();
      expect(await text(page, "funnel-drill-total")).toBe(`共 ${n} 个项目`);
      expect(await page.locator("[data-testid=funnel-drill] tbody tr").count()).toBe(Math.min(n, 100));
    }
  });
});
