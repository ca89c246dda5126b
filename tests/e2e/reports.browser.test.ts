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
import { databaseKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").trim();

describe.each(databaseKinds())("a leader reads, traces, weighs and exports the zone's figures (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, (db) => prepareWorld(db, { demoProjects: 300 })), launchBrowser()]);
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
    const row = page.locator("[data-testid=three-batches] tbody tr").filter({ has: page.locator("td a") }).first();
    const company = (await row.getAttribute("data-company"))!;
    const signedLink = row.locator("td").nth(1).locator("a");
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
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
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
});
