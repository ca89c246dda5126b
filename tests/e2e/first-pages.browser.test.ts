// People using the first pages in a real Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { formatCount } from "../../app/lib/format";
import { formatWan } from "../../app/lib/money";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

describe.each(browserKinds())("first pages in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("staff sign in to their projects, filter the list, open a project, and get a 404 for another company's", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    expect(new URL(page.url()).pathname).toBe("/my");
    await page.getByRole("heading", { level: 1, name: "我的工作台" }).waitFor();
    await page.goto(`${server.baseUrl}/projects?owner=me`);
    await page.getByRole("heading", { level: 1, name: "我的项目" }).waitFor();
    expect(await page.getByRole("link", { name: w.records.own.name }).count()).toBe(1);

    // Filter the company list by text: only the matching project remains, and the filter is in the URL.
    await page.getByRole("link", { name: "公司项目" }).click();
    await page.getByRole("heading", { level: 1, name: "项目", exact: true }).waitFor();
    await page.getByLabel("查询").fill("矩阵-同公司");
    await Promise.all([page.waitForURL(/q=/), page.getByRole("button", { name: "查询" }).click()]);
    expect(decodeURIComponent(page.url())).toContain("q=矩阵-同公司");
    const rows = page.locator("table.data tbody tr");
    // The URL changes when the navigation commits; React renders the new rows in a transition just after.
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(w.records.ownCompany.name);

    // Filter by stage through the select: every row shows that stage.
    await page.goto(`${server.baseUrl}/projects`);
    await page.getByLabel("阶段").selectOption("signed");
    await Promise.all([page.waitForURL(/stage=signed/), page.getByRole("button", { name: "查询" }).click()]);
    const stageBadges = page.locator("table.data tbody tr td:nth-child(6) .badge:first-child");
    await expect
      .poll(async () => {
        const stages = await stageBadges.allTextContents();
        return stages.length > 0 && stages.every((s) => s === "签约");
      })
      .toBe(true);

    // Open a project from the list.
    await page.goto(`${server.baseUrl}/projects?q=${encodeURIComponent(w.records.own.name)}`);
    await Promise.all([page.waitForURL(/\/projects\/\d+$/), page.getByRole("link", { name: w.records.own.name }).click()]);
    await page.getByRole("heading", { level: 1, name: w.records.own.name }).waitFor();
    expect(await page.getByText("阶段与状态记录").count()).toBe(1);

    // Another company's project: a 404 page, and nothing of the project on it.
    const response = await page.goto(`${server.baseUrl}/projects/${w.records.otherCompany.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain(w.records.otherCompany.name);
    expect(await page.getByText("页面不存在，或您无权查看。").count()).toBe(1);
    await page.context().close();
  });

  it("the leader's overview shows the zone totals the database holds", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, "leader");
    expect(new URL(page.url()).pathname).toBe("/overview");
    const total = await page.getByTestId("zone-total").innerText();
    expect(total).toContain(formatCount(w.zoneTotals.count));
    expect(total).toContain(formatWan(w.zoneTotals.investmentWan));
    // One row per company of the zone (14 attraction + 2 service + 2 platform).
    expect(await page.locator("table.overview tbody tr").count()).toBe(18);
    await page.context().close();
  });

  it("switches to English and remembers it", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.manager);
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "English" }).click()]);
    await page.waitForSelector("text=Company projects");
    await page.goto(`${server.baseUrl}/projects`);
    await page.getByRole("heading", { level: 1, name: "Projects" }).waitFor();
    await page.context().close();
  });
});
