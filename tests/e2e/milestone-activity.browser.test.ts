// Issue 19 item 3 on a phone (390×844): a staff member logs the signing ceremony where it happens and the same
// save signs the project, with JavaScript and without; a gate refusal shows next to its field and writes nothing;
// the change history shows one event; the stage form opens at the logged date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { projects, users } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import type { Database } from "../../db/index";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { createProject, TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const PHONE = { width: 390, height: 844 };
const yesterday = addDays(todayInZone(), -1);

function overflowOf(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe.each(browserKinds())("logging 签约仪式 signs the project, on a phone (%s)", (kind) => {
  let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
  let browser: Browser;

  async function prepare(db: Database, world: World) {
    const [staff] = await db.select().from(users).where(eq(users.login, world.logins.staff));
    // Projects under review whose review meeting passed (one for the browser with JavaScript, one without) and one
    // whose review asked for another round, which the 签约 gate refuses.
    const make = async (name: string, reviewOutcome: "approved" | "another_round" = "approved") => {
      const p = await createProject(db, {
        zoneId: staff.zoneId!,
        companyId: staff.companyId!,
        clusterId: (await db.select({ c: projects.clusterId }).from(projects).where(eq(projects.id, world.records.own.id)))[0].c,
        ownerId: staff.id,
        stage: "evaluating",
        name,
        plannedInvestmentWan: "50000.00",
      });
      await db.update(projects).set({ reviewOutcome, contactedOn: "2026-01-10" }).where(eq(projects.id, p.id));
      return p.id;
    };
    return {
      world,
      withJs: await make("碳化硅衬底扩产项目"),
      withoutJs: await make("光伏组件封装项目"),
      reviewPending: await make("氢能装备项目", "another_round"),
    };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(
        kind,
        worldTemplate({}, (db, { data }) => prepare(db, data)),
      ),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function projectRow(id: number, page: Page) {
    await page.goto(`${server.baseUrl}/projects/${id}`);
    return page;
  }

  it("with JavaScript: choosing 签约仪式 offers the move, the gate's fields follow the logged date, one save signs", async () => {
    const { world, withJs } = server.data;
    const page = await signInPage(browser, server.baseUrl, world.logins.staff);
    await page.setViewportSize(PHONE);
    await page.goto(`${server.baseUrl}/projects/${withJs}/activities/new`);
    const advance = page.getByLabel("同时推进阶段到「签约」");
    // A visit marks no stage: once the page runs its script, the offer (on the page for browsers without) goes.
    await advance.waitFor({ state: "detached" });
    await page.getByLabel("类型", { exact: true }).selectOption("signing");
    await advance.waitFor();
    await page.getByLabel("日期", { exact: true }).fill(yesterday);
    await page.getByLabel("内容摘要").fill("在管委会举行投资协议签约仪式");
    await advance.check();
    const signingDate = page.getByLabel("签约日期");
    await expect(signingDate.inputValue()).resolves.toBe(yesterday);
    await expect(page.getByLabel("合同总投资(万元)").inputValue()).resolves.toBe("50000.00");
    // The gate's message next to its field, before anything is sent.
    const save = page.getByRole("button", { name: "保存", exact: true });
    await save.click();
    await page.locator("#agreementNo-error").waitFor();
    await expect(page.locator("#agreementNo-error").textContent()).resolves.toContain("必填");
    await page.getByLabel("协议编号").fill("TZ-2026-031");
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    // The save button is within reach at 390 px: inside the window's width once scrolled to.
    await save.scrollIntoViewIfNeeded();
    const box = (await save.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await Promise.all([page.waitForURL(new RegExp(`/projects/${withJs}$`)), save.click()]);

    await expect(page.locator(".flash").first().textContent()).resolves.toContain("已记录签约仪式并推进到「签约」");
    const facts = page.locator("dl.facts");
    await expect(facts.getByText("TZ-2026-031").count()).resolves.toBe(1);
    const changes = page.locator("ul.changes > li");
    await expect(changes.count()).resolves.toBe(1);
    await expect(changes.first().textContent()).resolves.toContain("记录签约仪式并推进到签约");
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
  });

  it("without JavaScript: the gate's fields are on the page, a refusal writes nothing, the checkbox decides", async () => {
    const { world, withoutJs } = server.data;
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(world.logins.staff);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
    const url = `${server.baseUrl}/projects/${withoutJs}/activities/new`;
    await page.goto(url);
    await page.getByLabel("类型", { exact: true }).selectOption("signing");
    await page.getByLabel("日期", { exact: true }).fill(yesterday);
    await page.getByLabel("签约日期").fill(yesterday);
    await page.getByLabel("内容摘要").fill("签约仪式");
    await page.getByLabel("同时推进阶段到「签约」").check();
    const save = page.getByRole("button", { name: "保存", exact: true });
    await save.click();
    await page.locator("#agreementNo-error").waitFor();
    // Refused by the server: the message next to the agreement number, the rest kept, nothing logged.
    await expect(page.locator("#agreementNo-error").textContent()).resolves.toContain("必填");
    await expect(page.getByLabel("内容摘要").inputValue()).resolves.toBe("签约仪式");
    await projectRow(withoutJs, page);
    await expect(page.locator("ul.timeline > li").count()).resolves.toBe(0);

    await page.goto(url);
    await page.getByLabel("类型", { exact: true }).selectOption("signing");
    await page.getByLabel("日期", { exact: true }).fill(yesterday);
    await page.getByLabel("签约日期").fill(yesterday);
    await page.getByLabel("内容摘要").fill("签约仪式");
    await page.getByLabel("同时推进阶段到「签约」").check();
    await page.getByLabel("协议编号").fill("GF-2026-002");
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await Promise.all([page.waitForURL(new RegExp(`/projects/${withoutJs}$`)), save.click()]);
    await expect(page.locator("dl.facts").getByText("GF-2026-002").count()).resolves.toBe(1);
    await expect(page.locator("ul.changes > li").count()).resolves.toBe(1);
    await context.close();
  });

  it("a gate the project does not pass: the reason next to the checkbox, the activity not logged", async () => {
    const { world, reviewPending } = server.data;
    const page = await signInPage(browser, server.baseUrl, world.logins.staff);
    await page.setViewportSize(PHONE);
    await page.goto(`${server.baseUrl}/projects/${reviewPending}/activities/new`);
    await page.getByLabel("同时推进阶段到「签约」").waitFor({ state: "detached" });
    // A review meeting that did not pass marks no stage: nothing is offered.
    await page.getByLabel("类型", { exact: true }).selectOption("review_meeting");
    await page.getByLabel("评审结论（项目会商时填写）").selectOption("another_round");
    await expect(page.getByLabel("同时推进阶段到「签约」").count()).resolves.toBe(0);
    // A signing ceremony is offered, but the 签约 gate asks for a passed review: refused by the server.
    await page.getByLabel("类型", { exact: true }).selectOption("signing");
    await page.getByLabel("内容摘要").fill("签约仪式");
    await page.getByLabel("同时推进阶段到「签约」").check();
    await page.getByLabel("协议编号").fill("QN-2026-001");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.locator("#advanceStage-error").waitFor();
    await expect(page.locator("#advanceStage-error").textContent()).resolves.toContain("会商评审结论为「通过」");
    await projectRow(reviewPending, page);
    await expect(page.locator("ul.timeline > li").count()).resolves.toBe(0);
    await expect(page.locator("ul.changes > li").count()).resolves.toBe(0);
  });

  it("the stage form opens at the date the milestone was logged", async () => {
    const { world } = server.data;
    const page = await signInPage(browser, server.baseUrl, world.logins.staff);
    await page.setViewportSize(PHONE);
    // 光伏组件封装项目 was signed; its next stage 注册落地 has no logged registration: today. Log one, then it is that date.
    const { withoutJs } = server.data;
    await page.goto(`${server.baseUrl}/projects/${withoutJs}/stage`);
    await expect(page.getByLabel("注册日期").inputValue()).resolves.toBe(todayInZone());
    await page.goto(`${server.baseUrl}/projects/${withoutJs}/activities/new`);
    await page.getByLabel("类型", { exact: true }).selectOption("registration");
    await page.getByLabel("日期", { exact: true }).fill(yesterday);
    await page.getByLabel("内容摘要").fill("完成工商注册");
    await Promise.all([page.waitForURL(new RegExp(`/projects/${withoutJs}$`)), page.getByRole("button", { name: "保存", exact: true }).click()]);
    await page.goto(`${server.baseUrl}/projects/${withoutJs}/stage`);
    await expect(page.getByLabel("注册日期").inputValue()).resolves.toBe(yesterday);
    await expect(page.locator("#logged-date").textContent()).resolves.toContain("注册落地");
  });
});
