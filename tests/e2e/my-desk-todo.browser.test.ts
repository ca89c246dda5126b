// 我的工作台 on a phone (390×844): a staff member completes a to-do in place — with JavaScript the page stays (no load,
// the row goes), without JavaScript a plain post comes back to /my with the message — and the page never scrolls
// sideways. Another company's staff posting the same form gets a 404 and completes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { activities, projects } from "../../db/schema";
import { eq } from "drizzle-orm";
import { addDays, todayInZone } from "../../app/lib/dates";
import { launchBrowser } from "../support/browser";
import { browserKinds } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies, TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";

const PHONE = { width: 390, height: 844 };
const today = todayInZone();

type Desk = { staff: string; otherStaff: string; projectId: number; ids: Record<string, number> };

describe.each(browserKinds())("completing a to-do on 我的工作台 (%s)", (kind) => {
  let server: TestServer<Desk>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(kind, async (db) => {
        const ref = await createReferenceZone(db);
        const { a, b } = await createTwoCompanies(db, ref);
        const p = await createProject(db, {
          zoneId: ref.zoneId,
          clusterId: ref.clusters[0].id,
          companyId: a.company.id,
          ownerId: a.staff1.id,
          name: "高纯石英砂深加工项目（手机待办）",
        });
        const ids: Record<string, number> = {};
        // Three open actions kept on purpose: overdue, today, later this week (or in the coming days).
        for (const [text, due] of [
          ["回访投资方确认用地需求（逾期）", addDays(today, -3)],
          ["电话沟通签约时间（今天）", today],
          ["寄送园区政策汇编（稍后）", addDays(today, 2)],
        ] as const) {
          const [row] = await db
            .insert(activities)
            .values({
              projectId: p.id,
              companyId: a.company.id,
              kind: "visit",
              occurredOn: addDays(today, -5),
              summary: "上门拜访",
              nextAction: text,
              nextActionDueOn: due,
              createdById: a.staff1.id,
            })
            .returning({ id: activities.id });
          ids[text] = row.id;
        }
        await db
          .update(projects)
          .set({ nextAction: "回访投资方确认用地需求（逾期）", nextActionOn: addDays(today, -3) })
          .where(eq(projects.id, p.id));
        return { staff: a.staff1.login, otherStaff: b.staff1.login, projectId: p.id, ids };
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function phonePage(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled, locale: "zh-CN", viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(server.data.staff);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
    await page.goto(`${server.baseUrl}/my`);
    return page;
  }
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const todo = (page: Page) => page.locator("#todo");

  it("with JavaScript, 完成 takes the row off without leaving the page", async () => {
    const page = await phonePage(true);
    const todayText = "电话沟通签约时间（今天）";
    await todo(page).getByText(todayText).first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // The agenda shows the coming days, today's call among them.
    expect(await page.locator("#agenda").textContent()).toContain(todayText);
    const button = todo(page).getByRole("button", { name: `完成：${todayText}` });
    const box = await button.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    // A page load would drop this mark, and a navigation (even a client-side one) would scroll back to the top.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await button.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 40));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);
    // Hydrated: the form now marks its post as made in place.
    await todo(page).locator('input[name="inPlace"]').first().waitFor({ state: "attached" });
    await button.click();
    await todo(page).getByText(todayText).waitFor({ state: "detached" });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/my");
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await todo(page).textContent()).toContain("回访投资方确认用地需求（逾期）");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // Saved: a fresh load no longer lists it.
    await page.reload();
    await todo(page).getByText("回访投资方确认用地需求（逾期）").first().waitFor();
    expect(await todo(page).textContent()).not.toContain(todayText);
    await page.context().close();
  });

  it("without JavaScript, a plain post completes it and comes back to /my with the message", async () => {
    const page = await phonePage(false);
    const text = "回访投资方确认用地需求（逾期）";
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/my"),
      page.waitForEvent("load"),
      todo(page)
        .getByRole("button", { name: `完成：${text}` })
        .click(),
    ]);
    await page.getByText(`已完成：${text}`).waitFor();
    expect(await todo(page).textContent()).not.toContain(text);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it("another company's staff posting the same form gets a 404 and completes nothing", async () => {
    const other = new HttpSession(server.baseUrl);
    await other.signIn(server.data.otherStaff, TEST_PASSWORD);
    const csrf = await other.csrfToken();
    const text = "寄送园区政策汇编（稍后）";
    const response = await other.request("POST", "/my", { csrf, intent: "complete-next-action", activityId: String(server.data.ids[text]) });
    expect(response.status).toBe(404);
    // Still open: on the list if due this week, in the agenda in any case.
    const page = await phonePage(true);
    await page.locator("#agenda").getByText(text).first().waitFor();
    await page.context().close();
  });

  it("logging a visit on the phone with a new next action replaces the open one the form names", async () => {
    const page = await phonePage(true);
    const old = "寄送园区政策汇编（稍后）";
    await page.goto(`${server.baseUrl}/projects/${server.data.projectId}/activities/new`);
    const replace = page.locator("#next-action-replace");
    expect(await replace.textContent()).toContain(old);
    expect(await page.getByLabel("保留原下一步").isChecked()).toBe(false);
    await page.getByLabel("内容摘要").fill("现场踏勘厂房，确认二期用地");
    await page.getByLabel("下一步行动", { exact: true }).fill("提交用地预审材料");
    await page.getByLabel("下一步截止日期").fill(addDays(today, 1));
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/projects/${server.data.projectId}`),
      page.getByRole("button", { name: "保存", exact: true }).click(),
    ]);
    await page.goto(`${server.baseUrl}/my`);
    await page.locator("#agenda").getByText("提交用地预审材料").first().waitFor();
    expect(await page.locator("#agenda").textContent()).not.toContain(old);
    expect(await todo(page).textContent()).not.toContain(old);
    await page.context().close();
  });
});
