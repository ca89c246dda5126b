// Issue 21 items 1–3 on a phone (390×844), PGlite only (the database's part is tests/integration/approvals.test.ts):
// the owner signs a project and its checklist appears as a timeline; works an item, logs a blocker and escalates it
// to the committee, whose leader finds it on the 督办 page; 开工 is refused while required items are open, and the
// manager overrides with a reason that the history shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { projects, users } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import { completeUscc } from "../../app/lib/uscc";
import { launchBrowser, signInPage } from "../support/browser";
import { samplePng } from "../support/evidence";
import { createProject } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { prepareWorld } from "../support/world";

const PHONE = { width: 390, height: 844 };
const today = todayInZone();

const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a signed project's approvals, worked to 开工 and 投产 on a phone (pglite)", () => {
  let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
  let browser: Browser;
  let staff: Page;

  async function prepare(db: Parameters<typeof prepareWorld>[0]) {
    const world = await prepareWorld(db);
    const [owner] = await db.select().from(users).where(eq(users.login, world.logins.staff));
    const [{ clusterId }] = await db.select({ clusterId: projects.clusterId }).from(projects).where(eq(projects.id, world.records.own.id));
    const p = await createProject(db, {
      zoneId: owner.zoneId,
      companyId: owner.companyId!,
      clusterId,
      ownerId: owner.id,
      stage: "evaluating",
      name: "碳纤维复材产线项目",
      plannedInvestmentWan: "80000.00",
    });
    // A 技改 project without new land: six items, four of them required before 开工.
    await db
      .update(projects)
      .set({ reviewOutcome: "approved", contactedOn: "2026-01-10", investmentType: "upgrade", landMu: "0" })
      .where(eq(projects.id, p.id));
    return { world, projectId: p.id };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite", (db) => prepare(db)), launchBrowser()]);
    staff = await signInPage(browser, server.baseUrl, server.data.world.logins.staff);
    await staff.setViewportSize(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const project = () => `${server.baseUrl}/projects/${server.data.projectId}`;

  async function moveForward(page: Page, fill: (page: Page) => Promise<void>) {
    await page.goto(`${project()}/stage`);
    await fill(page);
    await Promise.all([page.waitForURL(new RegExp(`/projects/${server.data.projectId}$`)), page.getByRole("button", { name: "确认推进" }).click()]);
  }

  it("signing creates the checklist, shown as a timeline that fits 390 px", async () => {
    await moveForward(staff, async (page) => {
      await page.getByLabel("签约日期").fill(addDays(today, -20));
      await page.getByLabel("协议编号").fill("TX-2026-21");
    });
    const timeline = staff.locator("#approvals li[data-approval]");
    await timeline.first().waitFor();
    await expect(timeline.count()).resolves.toBe(6);
    await expect(staff.locator("#approvals").textContent()).resolves.toContain("共 6 项，已办结 0 项");
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);
  });

  it("the owner works 环评, logs a blocker and escalates it; the committee's leader sees it on the 督办 page", async () => {
    await staff.goto(project());
    await Promise.all([staff.waitForURL(/\/approvals\/\d+$/), staff.locator('#approvals li[data-approval="环评"] a').first().click()]);
    // Submitted more days ago than allowed: overdue.
    await staff.getByLabel("提交", { exact: true }).fill(addDays(today, -40));
    await Promise.all([staff.waitForLoadState("networkidle"), staff.getByRole("button", { name: "保存", exact: true }).click()]);
    await staff.locator('h1 [data-light="overdue"]').waitFor();
    await staff.getByLabel("卡点说明").fill("区域环评报告未批复");
    await staff.getByRole("button", { name: "记录卡点" }).click();
    await staff.locator("#blockers li", { hasText: "区域环评报告未批复" }).waitFor();
    await staff.getByLabel("督办期限").fill(addDays(today, 7));
    await staff.getByRole("button", { name: "提请管委会督办" }).click();
    await staff.getByText(`管委会督办，期限 ${addDays(today, 7)}`).waitFor();
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);

    const leader = await signInPage(browser, server.baseUrl, server.data.world.logins.leader);
    await leader.setViewportSize(PHONE);
    await leader.goto(`${server.baseUrl}/pipeline/chasing`);
    await expect(leader.locator("#escalations").textContent()).resolves.toContain("碳纤维复材产线项目 · 环评");
    await expect(leader.locator("#overdue-approvals").textContent()).resolves.toContain("碳纤维复材产线项目 · 环评");
    expect(await overflowOf(leader)).toBeLessThanOrEqual(0);
    // The committee keeps the zone's catalogue on a phone too: 施工许可's days, saved on their own.
    await leader.goto(`${server.baseUrl}/approvals/catalogue`);
    const permit = leader.locator('details[data-item="construction_permit"]');
    await permit.locator("summary").click();
    await permit.getByLabel("办理时限（天）").fill("5");
    await permit.getByRole("button", { name: "保存" }).click();
    await leader.locator('details[data-item="construction_permit"] summary', { hasText: "时限 5 天" }).waitFor();
    expect(await overflowOf(leader)).toBeLessThanOrEqual(0);
    await leader.context().close();
  });

  it("开工 is refused while required items are open; the manager overrides with a reason, kept in the history", async () => {
    await moveForward(staff, async (page) => {
      await page.getByLabel("注册日期").fill(addDays(today, -10));
      await page.getByLabel("项目公司", { exact: true }).fill("太原碳纤维复材有限公司");
      await page.getByLabel("项目公司统一社会信用代码").fill(completeUscc("91140100MA0K21210"));
    });
    await staff.locator("#approvals").waitFor();
    await staff.goto(`${project()}/stage`);
    await expect(staff.locator("#open-approvals li").count()).resolves.toBe(4);
    await expect(staff.locator("#open-approvals").textContent()).resolves.toContain("只有公司负责人");
    await staff.getByLabel("开工日期").fill(addDays(today, -1));
    await staff.getByRole("button", { name: "确认推进" }).click();
    await staff.getByText("开工前必须办结的审批事项尚未办结").waitFor();
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);

    const manager = await signInPage(browser, server.baseUrl, server.data.world.logins.manager);
    await manager.setViewportSize(PHONE);
    await manager.goto(`${project()}/stage`);
    await manager.getByLabel("开工日期").fill(addDays(today, -1));
    await manager.getByLabel("越过理由（公司负责人，记入历史与审计）").fill("环评承诺制，先行开工");
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await Promise.all([
      manager.waitForURL(new RegExp(`/projects/${server.data.projectId}$`)),
      manager.getByRole("button", { name: "确认推进" }).click(),
    ]);
    await manager.locator("[data-override]").waitFor();
    await expect(manager.locator("[data-override]").textContent()).resolves.toBe("审批未办结，负责人越过开工门槛：环评承诺制，先行开工");
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await manager.context().close();
  });

  it("环评 approved, a site photo kept, the project reaches 投产 and its page gives the landing speed", async () => {
    await staff.goto(project());
    await Promise.all([staff.waitForURL(/\/approvals\/\d+$/), staff.locator('#approvals li[data-approval="环评"] a').first().click()]);
    await staff.getByLabel("受理", { exact: true }).fill(addDays(today, -35));
    await staff.getByLabel("批复", { exact: true }).fill(addDays(today, -3));
    await Promise.all([staff.waitForLoadState("networkidle"), staff.getByRole("button", { name: "保存", exact: true }).click()]);
    await staff.locator('h1 [data-light="done"]').waitFor();

    await staff.goto(project());
    await staff.getByLabel("所属节点").selectOption("construction");
    await staff.getByLabel("文件").setInputFiles({ name: "开工现场.png", mimeType: "image/png", buffer: samplePng() });
    await Promise.all([staff.waitForLoadState("networkidle"), staff.getByRole("button", { name: "上传" }).click()]);
    await staff.getByText("已上传佐证材料：开工现场.png").waitFor();
    await moveForward(staff, async (page) => {
      await page.getByLabel("投产日期").fill(today);
    });
    await staff.getByText("项目已推进到「投产」").waitFor();
    // Registered 10 days ago, construction yesterday, production today: the province's kind of figure, per project.
    await expect(staff.getByTestId("speed-registerToConstruction").textContent()).resolves.toBe("9 天");
    await expect(staff.getByTestId("speed-constructionToProduction").textContent()).resolves.toBe("1 天");
    // 环评: submitted 40 days ago, approved 3 days ago, against its allowed days.
    await expect(staff.getByTestId("speed-approvals").textContent()).resolves.toContain("环评 37 天");
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);
  });
});
