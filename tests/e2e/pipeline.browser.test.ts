// The company pipeline in Chromium, in Chinese: a manager opens the board, filters it by owner, moves a card with the
// keyboard (which opens the gated stage form, writing nothing), saves the filter as a company view and finds it in
// the navigation, opens the stale list and the funnel, and reassigns two projects from the team page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const SHOTS = process.env.SCREENSHOT_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const card = (page: Page, name: string) => page.locator("li.card", { hasText: name });

describe.each(browserKinds())("the company pipeline in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;
  let page: Page;
  const owners = { own: "", ownCompany: "" };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ demoProjects: 30 })), launchBrowser()]);
    page = await signInPage(browser, server.baseUrl, server.data.logins.manager);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a manager opens the board: one column per stage with counts and totals, cards with owner and light", async () => {
    await page.getByRole("link", { name: "项目看板" }).click();
    await page.getByRole("heading", { level: 1, name: "公司项目看板" }).waitFor();
    for (const stage of ["线索", "首次接洽", "洽谈", "会商评审", "签约", "注册落地", "开工", "投产"]) {
      await page.getByRole("region", { name: stage }).waitFor();
    }
    const { records } = server.data;
    await card(page, records.own.name).waitFor();
    owners.own = (await card(page, records.own.name).locator(".card-facts span").first().textContent())!.trim();
    owners.ownCompany = (await card(page, records.ownCompany.name).locator(".card-facts span").first().textContent())!.trim();
    expect(owners.own).not.toBe(owners.ownCompany);
    // Another company's project is not on this company's board.
    expect(await card(page, records.otherCompany.name).count()).toBe(0);
    await shot(page, "pipeline-board");
  });

  it("filters the board by owner with the list's own parameters", async () => {
    const { records } = server.data;
    await page.getByLabel("负责人").selectOption({ label: owners.own });
    await Promise.all([page.waitForURL(/[?&]owner=\d+/), page.getByRole("button", { name: "查询" }).click()]);
    await card(page, records.own.name).waitFor();
    await card(page, records.ownCompany.name).waitFor({ state: "detached" });
    // The table view keeps the filter.
    expect(await page.getByRole("link", { name: "表格视图" }).getAttribute("href")).toMatch(/^\/projects\?owner=\d+/);
  });

  it("moving a card with the keyboard opens the stage form at the target stage and changes nothing", async () => {
    const { records } = server.data;
    const boardUrl = page.url();
    const handle = page.getByRole("button", { name: `调整阶段：${records.own.name}` });
    await handle.focus();
    await page.keyboard.press("Space");
    // Picked up (the card lifts), moved (the next column is highlighted as the target), dropped.
    await page.locator("li.card.dragging").waitFor();
    await page.keyboard.press("ArrowRight");
    await page.locator('.board-column.over[data-stage="contacted"]').waitFor();
    await Promise.all([page.waitForURL(new RegExp(`/projects/${records.own.id}/stage\\?to=contacted$`)), page.keyboard.press("Space")]);
    await page.getByText("从看板移到「首次接洽」").waitFor();
    await page.getByRole("heading", { name: "推进阶段：线索 → 首次接洽" }).waitFor();
    await shot(page, "pipeline-stage-form");
    // Still a lead: the gate (a logged activity) was not bypassed by the drag.
    await page.goto(boardUrl);
    await page.getByRole("heading", { level: 1, name: "公司项目看板" }).waitFor();
    await page.getByRole("region", { name: "线索" }).locator("li.card", { hasText: records.own.name }).waitFor();
  });

  it("saves the filtered board as a company view and finds it in the navigation", async () => {
    await page.locator("summary", { hasText: "保存为视图" }).click();
    await page.getByLabel("视图名称").fill("本人项目看板");
    await page.getByLabel("全公司共享").check();
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "视图「本人项目看板」已保存" }).waitFor();
    await page.goto(`${server.baseUrl}/projects`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.locator(".views-menu > summary").click();
    await Promise.all([page.waitForURL(/\/pipeline\?owner=\d+$/), page.getByRole("link", { name: /本人项目看板/ }).click()]);
    await card(page, server.data.records.own.name).waitFor();
  });

  it("opens the stale list and the funnel", async () => {
    await page.getByRole("link", { name: "督办" }).click();
    await page.getByRole("heading", { level: 1, name: "督办清单" }).waitFor();
    await page.getByRole("link", { name: /久未跟进/ }).waitFor();
    await page.getByText("在跟项目 30 天以上没有跟进记录").waitFor();
    await shot(page, "pipeline-chasing");
    await page.getByRole("link", { name: "漏斗与转化" }).click();
    await page.getByRole("heading", { level: 1, name: "漏斗与转化" }).waitFor();
    await page.getByRole("columnheader", { name: "转化率" }).waitFor();
    await page.getByText("期间终止的项目").waitFor();
    await shot(page, "pipeline-funnel");
  });

  it("reassigns two projects from the team page in one action", async () => {
    const { records } = server.data;
    await page.getByRole("link", { name: "团队" }).click();
    await page.getByRole("heading", { level: 1, name: "团队" }).waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: new RegExp(`^${owners.ownCompany} `) }) });
    await row.getByRole("link", { name: "查看项目" }).click();
    await page.getByRole("heading", { name: `${owners.ownCompany} 的在跟项目` }).waitFor();
    await page.getByRole("checkbox", { name: records.ownCompany.name }).check();
    await page.getByRole("checkbox", { name: records.confidential.name }).check();
    await page.getByLabel("改派给").selectOption({ label: owners.own });
    await shot(page, "pipeline-team");
    await page.getByRole("button", { name: "改派所选项目" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `已将 2 个项目改派给 ${owners.own}` })
      .waitFor();
    await page.getByRole("checkbox", { name: records.ownCompany.name }).waitFor({ state: "detached" });
    // They are now on the new owner's board.
    await page.goto(`${server.baseUrl}/pipeline`);
    await page.getByLabel("负责人").selectOption({ label: owners.own });
    await Promise.all([page.waitForURL(/[?&]owner=\d+/), page.getByRole("button", { name: "查询" }).click()]);
    await card(page, records.ownCompany.name).waitFor();
    await card(page, records.confidential.name).waitFor();
  });
});
