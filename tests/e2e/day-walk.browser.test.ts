// Issue 19's "Done when", walked in a real Chromium on a phone (390×844) and at a desk (1440×900), as the people do
// it: a staff member's day (我的工作台 → the header search → the project → log the signing ceremony with a photo,
// which signs the project → back on the desk, the remaining to-do completed in place) and a manager's (the board,
// an incoming transfer accepted with the new owner named in the searchable picker). At every step the page is no
// wider than the window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/index";
import { activities, handoffs, projects, users } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import { launchBrowser, pickInCombobox, signInPage } from "../support/browser";
import { samplePng } from "../support/evidence";
import { createProject } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { prepareWorld } from "../support/world";

const SIZES = [
  { name: "phone", width: 390, height: 844, phone: true },
  { name: "desk", width: 1440, height: 900, phone: false },
] as const;
type Size = (typeof SIZES)[number];

const today = todayInZone();
const yesterday = addDays(today, -1);

/** What each size walks: its own project to sign and its own incoming transfer, so the two walks never meet. */
const WALK = {
  phone: {
    signing: "曙光碳化硅衬底扩产项目",
    typed: "碳化硅衬底扩",
    todo: "确认签约仪式议程（曙光）",
    agreementNo: "SG-2026-019",
    transfer: "北辰功率模块封装项目",
  },
  desk: {
    signing: "晨星氮化镓外延片项目",
    typed: "氮化镓外延",
    todo: "确认签约仪式议程（晨星）",
    agreementNo: "CX-2026-019",
    transfer: "南岭车规芯片测试项目",
  },
} as const;

async function prepare(db: Database) {
  const world = await prepareWorld(db, { demoProjects: 10 });
  const [staff] = await db.select().from(users).where(eq(users.login, world.logins.staff));
  const [colleague] = await db.select().from(users).where(eq(users.login, world.logins.colleague));
  const [otherStaff] = await db.select().from(users).where(eq(users.login, world.logins.otherCompanyStaff));
  const [{ clusterId }] = await db.select({ clusterId: projects.clusterId }).from(projects).where(eq(projects.id, world.records.own.id));
  const base = { zoneId: world.zoneId, clusterId };
  const walks = {} as Record<Size["name"], { signingId: number; transferId: number }>;
  for (const size of SIZES) {
    const w = WALK[size.name];
    // In 会商评审 with the review passed: 签约 is the next stage. One next action open, due today.
    const p = await createProject(db, {
      ...base,
      companyId: world.companyA.id,
      ownerId: staff.id,
      stage: "evaluating",
      name: w.signing,
      plannedInvestmentWan: "50000.00",
    });
    await db
      .update(projects)
      .set({ reviewOutcome: "approved", contactedOn: "2026-01-10", nextAction: w.todo, nextActionOn: today })
      .where(eq(projects.id, p.id));
    await db.insert(activities).values({
      projectId: p.id,
      companyId: world.companyA.id,
      kind: "review_meeting",
      reviewOutcome: "approved",
      occurredOn: addDays(today, -7),
      summary: "项目会商通过",
      nextAction: w.todo,
      nextActionDueOn: today,
      createdById: staff.id,
    });
    // A project company B asks company A to take over.
    const t = await createProject(db, { ...base, companyId: world.companyB.id, ownerId: otherStaff.id, name: w.transfer });
    await db.insert(handoffs).values({
      zoneId: world.zoneId,
      projectId: t.id,
      kind: "transfer",
      fromCompanyId: world.companyB.id,
      toCompanyId: world.companyA.id,
      requestedById: otherStaff.id,
      reason: "投资方落户方向调整，请贵公司承接",
    });
    walks[size.name] = { signingId: p.id, transferId: t.id };
  }
  return { world, walks, newOwner: colleague.displayName };
}

let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer("pglite", prepare), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The page is no wider than the window (no sideways scroll). */
async function expectNoOverflow(page: Page, step: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${step}: ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

/** Follows a header link as the person does: on the phone the menu button opens the navigation first. */
async function followHeaderLink(page: Page, size: Size, name: string | RegExp, path: string) {
  if (size.phone) await page.locator("header summary", { hasText: "菜单" }).click();
  await Promise.all([page.waitForURL((url) => url.pathname === path), page.locator("header").getByRole("link", { name }).first().click()]);
}

describe.each(SIZES)("a day's work at $width×$height", (size) => {
  it("a staff member: desk → search → project → log the signing with a photo → to-do completed in place", async () => {
    const { world, walks } = server.data;
    const w = WALK[size.name];
    const projectId = walks[size.name].signingId;
    const page = await signInPage(browser, server.baseUrl, world.logins.staff);
    await page.setViewportSize(size);

    // 我的工作台: the open next action is on the to-do list.
    await page.goto(`${server.baseUrl}/my`);
    await page.locator("#todo").getByText(w.todo).first().waitFor();
    await expectNoOverflow(page, "我的工作台");

    // `/` puts the cursor in the header's search box; part of the name finds the project; ArrowDown, Enter opens it.
    await page.waitForLoadState("networkidle");
    await page.keyboard.press("/");
    const box = page.getByRole("combobox", { name: "搜索" });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(w.typed);
    const list = page.getByRole("listbox", { name: "搜索" });
    await list
      .getByRole("group", { name: "项目" })
      .getByRole("option", { name: new RegExp(w.signing) })
      .waitFor();
    await expect.poll(() => list.getByRole("option").count()).toBe(1);
    await expectNoOverflow(page, "搜索结果");
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForURL((url) => url.pathname === `/projects/${projectId}`), page.keyboard.press("Enter")]);
    await page.locator("h1", { hasText: w.signing }).waitFor();
    await expectNoOverflow(page, "项目页");

    // 记录跟进: a 签约仪式 with a photo, and the same save moves the project to 签约 with the gate's fields.
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/projects/${projectId}/activities/new`),
      page.getByRole("link", { name: "记录跟进" }).click(),
    ]);
    const advance = page.getByLabel("同时推进阶段到「签约」");
    // Hydrated: a visit marks no stage, so the script takes the offer away until a milestone is chosen.
    await advance.waitFor({ state: "detached" });
    await page.getByLabel("类型", { exact: true }).selectOption("signing");
    await advance.waitFor();
    await page.getByLabel("日期", { exact: true }).fill(yesterday);
    await page.getByLabel("内容摘要").fill("在管委会举行投资协议签约仪式，合影留存");
    const photoName = `签约合影-${size.name}.png`;
    await page.getByLabel("照片、纪要、名片").setInputFiles({ name: photoName, mimeType: "image/png", buffer: samplePng(64, 48) });
    await advance.check();
    await expect(page.getByLabel("签约日期").inputValue()).resolves.toBe(yesterday);
    await page.getByLabel("协议编号").fill(w.agreementNo);
    await expectNoOverflow(page, "记录跟进");
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/projects/${projectId}`),
      page.getByRole("button", { name: "保存", exact: true }).click(),
    ]);

    // Saved: the project is 签约, the photo shows on the activity, the history has one event.
    await expect(page.locator(".flash").first().textContent()).resolves.toContain("已记录签约仪式并推进到「签约」");
    await expect(page.locator(".kpi .badge.stage-signed").textContent()).resolves.toBe("签约");
    await expect(page.locator("dl.facts").getByText(w.agreementNo).count()).resolves.toBe(1);
    const signing = page.locator(".timeline > li", { hasText: "在管委会举行投资协议签约仪式" });
    const thumb = signing.locator(`.activity-files img[alt='${photoName}']`);
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    const changes = page.locator("ul.changes > li");
    await expect(changes.count()).resolves.toBe(1);
    await expect(changes.first().textContent()).resolves.toContain("记录签约仪式并推进到签约");
    await expectNoOverflow(page, "签约后的项目页");

    // Back on the desk: the remaining to-do, completed in place (no page load), is gone.
    await followHeaderLink(page, size, "我的项目", "/my");
    const todo = page.locator("#todo");
    const done = todo.getByRole("button", { name: `完成：${w.todo}` });
    await done.waitFor();
    await todo.locator('input[name="inPlace"]').first().waitFor({ state: "attached" });
    await expectNoOverflow(page, "回到我的工作台");
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await done.click();
    await todo.getByText(w.todo).waitFor({ state: "detached" });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/my");
    await expectNoOverflow(page, "完成待办");
    // Saved: a fresh load does not list it either.
    await page.reload();
    await todo.waitFor();
    expect(await todo.textContent()).not.toContain(w.todo);
    await page.context().close();
  }, 60_000);

  it("a manager: the board shows the company's projects; an incoming transfer accepted, the new owner named", async () => {
    const { world, walks, newOwner } = server.data;
    const w = WALK[size.name];
    const transferId = walks[size.name].transferId;
    const page = await signInPage(browser, server.baseUrl, world.logins.manager);
    await page.setViewportSize(size);
    await page.reload();
    await expectNoOverflow(page, "登录后");

    // The board: the company's projects, not another company's, and not yet the one offered.
    await followHeaderLink(page, size, "项目看板", "/pipeline");
    await page.getByRole("heading", { level: 1, name: "公司项目看板" }).waitFor();
    const card = (name: string) => page.locator("li.card", { hasText: name });
    await card(world.records.own.name).waitFor();
    await card(world.records.ownCompany.name).waitFor();
    expect(await card(world.records.otherCompany.name).count()).toBe(0);
    expect(await card(w.transfer).count()).toBe(0);
    await expectNoOverflow(page, "项目看板");

    // The incoming transfer from the header's badge, accepted with the new owner picked by typing.
    await followHeaderLink(page, size, /^移交协办/, "/handoffs");
    await page.getByRole("heading", { level: 1, name: "移交与协办" }).waitFor();
    await expectNoOverflow(page, "移交协办");
    await Promise.all([page.waitForURL(/\/handoffs\/\d+$/), page.getByRole("link", { name: w.transfer }).first().click()]);
    await expectNoOverflow(page, "移交申请");
    await pickInCombobox(page, "新负责人", newOwner);
    await expectNoOverflow(page, "选定新负责人");
    await Promise.all([page.waitForURL(/\/handoffs\/\d+$/), page.getByRole("button", { name: "接受", exact: true }).click()]);
    await page.getByRole("status").filter({ hasText: "已接受" }).waitFor();
    await expectNoOverflow(page, "已接受");

    // The project now belongs to the company, with the named owner, and is on the board.
    await page.goto(`${server.baseUrl}/projects/${transferId}`);
    const facts = page.locator("dl.facts").first();
    await expect(facts.locator("dt", { hasText: "招商公司" }).locator("+ dd").textContent()).resolves.toBe(world.companyA.name);
    await expect(facts.locator("dt", { hasText: "负责人" }).locator("+ dd").textContent()).resolves.toBe(newOwner);
    await expectNoOverflow(page, "接收后的项目页");
    await page.goto(`${server.baseUrl}/pipeline`);
    await card(w.transfer).waitFor();
    await expectNoOverflow(page, "接收后的看板");
    await page.context().close();
  }, 60_000);
});
