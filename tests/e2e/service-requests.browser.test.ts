// 一话通办 in Chromium: the hotline logs a power-supply request for a landed enterprise, routed to the 开发建设平台公司;
// its manager assigns a handler; the handler notes and closes it; the enterprise rates it through its link on a
// phone; the measures move. The hotline logs a 回访 from its list; the handler can never rate (decision 018).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { projects, serviceRequests, users } from "../../db/schema";
import type { Browser, Page } from "playwright-core";
import { addDays, todayInZone } from "../../app/lib/dates";
import { launchBrowser, pickInCombobox, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function measures(page: Page) {
  const read = async (id: string) => (await page.getByTestId(id).textContent())?.trim();
  return {
    received: Number(await read("measure-received")),
    solved: Number(await read("measure-solved")),
    satisfaction: await read("measure-satisfaction"),
    rated: Number(await read("measure-rated")),
  };
}

describe.each(browserKinds())("an enterprise's request from the hotline to a rating (%s)", (kind) => {
  let server: TestServer<World & { followUp: { enterprise: string } }>;
  let browser: Browser;

  beforeAll(async () => {
    const prepare = async (db: Parameters<typeof prepareWorld>[0]) => {
      const w = await prepareWorld(db, { demoProjects: 30 });
      // A request the platform company solved five days ago, still unrated: on the hotline's 回访 list.
      const [handler] = await db.select().from(users).where(eq(users.login, w.service.logins.handler));
      const [project] = await db.select().from(projects).where(eq(projects.id, w.service.landed.id));
      await db.insert(serviceRequests).values({
        zoneId: project.zoneId,
        projectId: project.id,
        channel: "hotline",
        type: "land",
        description: "回访-厂房产权证办理",
        handlingCompanyId: handler.companyId!,
        handlerId: handler.id,
        status: "solved",
        receivedOn: addDays(todayInZone(), -12),
        dueOn: addDays(todayInZone(), 3),
        solvedOn: addDays(todayInZone(), -5),
        resolution: "已办结产权证",
        createdById: handler.id,
        loggedByCompanyId: handler.companyId,
      });
      return { ...w, followUp: { enterprise: w.service.landed.enterprise } };
    };
    [server, browser] = await Promise.all([startTestServer(kind, prepare), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("hotline logs, the platform manager assigns, the handler closes, the enterprise rates by its link, and the measures move", async () => {
    const w = server.data;
    const today = todayInZone();

    const manager = await signInPage(browser, server.baseUrl, w.service.logins.platformManager);
    await manager.goto(`${server.baseUrl}/service-requests`);
    const before = await measures(manager);
    // Each figure says what it counts: the period's requests of the company, not the list below.
    expect(await manager.getByTestId("measures-scope").textContent()).toBe(
      `以下统计的是本公司办理、受理日期在 ${today.slice(0, 4)}-01-01 至 ${today} 的全部诉求，不随下方的视图和类型筛选变化。`,
    );
    await manager.getByText("期间受理（件）").waitFor();
    expect(await manager.getByTestId("list-count").textContent()).toMatch(/^下方列表 [\d,]+ 件（随筛选变化）$/);

    // The hotline of the 综合招商服务公司 logs a power-supply request for an enterprise of another company.
    const hotline = await signInPage(browser, server.baseUrl, w.service.logins.hotline);
    await hotline.getByRole("link", { name: "企业诉求" }).click();
    await hotline.getByRole("link", { name: "登记诉求" }).click();
    await hotline.getByText("一话通办：可为全区任一已落地企业登记诉求").waitFor();
    await hotline.getByRole("button", { name: "保存" }).click();
    await hotline.getByText("必填").first().waitFor();
    // The enterprise picker is searchable: 晋中恒润 by its pinyin initials.
    await pickInCombobox(hotline, "企业（项目）", `${w.service.landed.enterprise}（矩阵-落地企业项目）`, "jzhr");
    await hotline.getByLabel("承办单位").selectOption({ label: w.service.platformName });
    await hotline.getByLabel("诉求类型").selectOption("utilities");
    await hotline.getByLabel("反映人").fill("李经理");
    await hotline.getByLabel("诉求内容").fill("新厂房双回路供电迟迟未接入，影响设备调试");
    await shoot(hotline, "service-new");
    await Promise.all([hotline.waitForURL(/\/service-requests\/\d+$/), hotline.getByRole("button", { name: "保存" }).click()]);
    await hotline.getByText("诉求已登记").waitFor();
    await hotline.getByText(addDays(today, 7)).waitFor();
    const requestUrl = hotline.url();
    // The hotline reads what it logged but does not work it.
    expect(await hotline.getByRole("button", { name: "办结" }).count()).toBe(0);
    await hotline.context().close();

    await manager.goto(requestUrl);
    await pickInCombobox(manager, "承办人", w.service.handlerName);
    await Promise.all([manager.waitForURL(requestUrl), manager.getByRole("button", { name: "分派", exact: true }).click()]);
    await manager.getByText("已分派").first().waitFor();
    await manager.getByText(`分派给 ${w.service.handlerName}`).waitFor();

    const handler = await signInPage(browser, server.baseUrl, w.service.logins.handler);
    await handler.goto(requestUrl);
    await handler.getByLabel("办理记录").fill("已协调供电公司，周三现场踏勘");
    await handler.getByRole("button", { name: "添加办理记录", exact: true }).click();
    await handler.getByText("办理记录已添加").waitFor();
    // Closing says what was done; the handler enters no rating.
    expect(await handler.getByLabel("满意度").count()).toBe(0);
    await handler.getByRole("button", { name: "办结", exact: true }).click();
    await handler.getByText("必填").first().waitFor();
    await handler.getByLabel("办理结果").fill("双回路已接入并送电");
    await handler.getByRole("button", { name: "办结", exact: true }).click();
    await handler.getByText("诉求已办结").waitFor();
    await handler.getByText("已协调供电公司，周三现场踏勘").waitFor();
    await handler.getByTestId("satisfaction").getByText("尚未评价").waitFor();
    // The page shows the enterprise's link as a QR code and a URL; the handler has no rating form…
    await handler.getByRole("heading", { name: "企业评价链接" }).waitFor();
    await handler.getByRole("img", { name: "企业评价二维码" }).waitFor();
    expect(await handler.getByRole("button", { name: "记录回访" }).count()).toBe(0);
    const link = (await handler.getByTestId("rating-link").getAttribute("href"))!;
    expect(link).toMatch(/\/rate\/[A-Za-z0-9_-]{40,}$/);
    await shoot(handler, "service-detail");
    // … and posting one anyway is refused.
    const forged = await handler.evaluate(async () => {
      const csrf = (document.querySelector("input[name=csrf]") as HTMLInputElement).value;
      const body = new URLSearchParams({ csrf, intent: "rate", score: "5", comment: "自评" });
      return (await fetch(window.location.pathname, { method: "POST", body })).status;
    });
    expect(forged).toBe(403);
    const followUpPost = await handler.evaluate(async (id) => {
      const csrf = (document.querySelector("input[name=csrf]") as HTMLInputElement).value;
      const body = new URLSearchParams({ csrf, intent: `followUp-${id}`, requestId: id, score: "5" });
      return (await fetch("/service-requests/follow-up", { method: "POST", body })).status;
    }, requestUrl.split("/").pop()!);
    expect(followUpPost).toBe(403);
    await handler.context().close();

    // The enterprise opens the link on a phone, without an account.
    const phone = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const enterprise = await phone.newPage();
    await enterprise.goto(link);
    await enterprise.getByRole("heading", { name: "服务评价" }).waitFor();
    await enterprise.getByText(w.service.landed.enterprise, { exact: false }).first().waitFor();
    await enterprise.getByRole("button", { name: "提交评价" }).click();
    await enterprise.getByText("请选择 1–5 分").waitFor();
    await enterprise.getByLabel("满意度").selectOption("5");
    await enterprise.getByLabel("企业评价").fill("响应很快");
    expect(await enterprise.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(enterprise, "service-rate-phone");
    await enterprise.getByRole("button", { name: "提交评价" }).click();
    await enterprise.getByText("感谢您的评价！").waitFor();
    // One answer: the link says so afterwards.
    await enterprise.goto(link);
    await enterprise.getByText("该诉求已评价，感谢您的反馈。").waitFor();
    expect(await enterprise.getByRole("button", { name: "提交评价" }).count()).toBe(0);
    await phone.close();

    await manager.goto(`${server.baseUrl}/service-requests?view=solved`);
    const after = await measures(manager);
    expect(after.received).toBe(before.received + 1);
    expect(after.solved).toBe(before.solved + 1);
    expect(after.rated).toBe(before.rated + 1);
    // The enterprise's 5 enters the average over the rated requests (the page shows it rounded to two places).
    const expected = before.rated === 0 ? 5 : (Number(before.satisfaction) * before.rated + 5) / after.rated;
    expect(Math.abs(Number(after.satisfaction) - expected)).toBeLessThanOrEqual(0.01);
    expect(after.satisfaction).toMatch(/^\d\.\d{2}$/);
    await manager.getByRole("link", { name: w.service.landed.enterprise }).first().waitFor();
    await shoot(manager, "service-list");
    await manager.context().close();
  });

  it("the hotline staff log a 回访 call from their list: the enterprise's score and comment", async () => {
    const w = server.data;
    const hotline = await signInPage(browser, server.baseUrl, w.service.logins.hotline);
    await hotline.getByRole("link", { name: "回访", exact: true }).click();
    await hotline.getByRole("heading", { name: "待回访诉求" }).waitFor();
    const row = hotline.getByRole("region", { name: w.followUp.enterprise }).filter({ hasText: "回访-厂房产权证办理" });
    await row.getByRole("button", { name: "记录回访" }).click();
    await row.getByText("请选择 1–5 分").waitFor();
    await row.getByLabel("满意度").selectOption("4");
    await row.getByLabel("企业评价").fill("办证顺利，希望简化材料");
    await shoot(hotline, "service-follow-up");
    await row.getByRole("button", { name: "记录回访" }).click();
    await hotline.getByText("回访已记录").waitFor();
    expect(await hotline.getByText("回访-厂房产权证办理").count()).toBe(0);
    await hotline.context().close();
  });

  it("without JavaScript the new-request form answers with the server's messages and keeps what was typed", async () => {
    const w = server.data;
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(w.service.logins.hotline);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
    await page.goto(`${server.baseUrl}/service-requests/new`);
    await page.getByLabel("反映人").fill("王厂长");
    await page.getByLabel("诉求内容").fill("用工招聘需要对接职业院校");
    await page.getByLabel("诉求类型").selectOption("hiring");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "保存" }).click()]);
    // The server's message sits next to the field it is about; the typed values are still there.
    await page.locator("#projectId-error").getByText("必填").waitFor();
    expect(await page.getByLabel("反映人").inputValue()).toBe("王厂长");
    expect(await page.getByLabel("诉求内容").inputValue()).toBe("用工招聘需要对接职业院校");
    expect(await page.getByLabel("诉求类型").inputValue()).toBe("hiring");
    await context.close();
  });

  it("the owner's company sees the requests on the project page; leaders change a type's deadline", async () => {
    const w = server.data;
    const staff = await signInPage(browser, server.baseUrl, w.logins.staff);
    await staff.goto(`${server.baseUrl}/projects/${w.service.landed.id}`);
    const panel = staff.getByRole("region", { name: "企业诉求" });
    await panel.getByRole("link", { name: "水电气暖" }).first().waitFor();
    await panel.getByRole("link", { name: "登记诉求" }).waitFor();
    await shoot(staff, "service-project-panel");
    await staff.context().close();

    const leader = await signInPage(browser, server.baseUrl, w.logins.leader);
    await leader.goto(`${server.baseUrl}/service-requests`);
    await leader.getByRole("link", { name: "办结时限" }).click();
    await leader.getByLabel("水电气暖").fill("0");
    await leader.getByRole("button", { name: "保存" }).click();
    await leader.getByText("请输入 1–365 之间的天数").waitFor();
    await leader.getByLabel("水电气暖").fill("5");
    await leader.getByRole("button", { name: "保存" }).click();
    await leader.getByText("办结时限已保存").waitFor();
    expect(await leader.getByLabel("水电气暖").inputValue()).toBe("5");
    await shoot(leader, "service-deadlines");
    await leader.context().close();
  });
});
