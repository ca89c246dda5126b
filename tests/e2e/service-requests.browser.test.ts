// 一话通办 in Chromium: the hotline logs a power-supply request for a landed enterprise, routed to the 开发建设平台公司;
// its manager assigns a handler; the handler notes and closes it with the enterprise's rating; the measures move.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { addDays, todayInZone } from "../../app/lib/dates";
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

async function measures(page: Page) {
  const read = async (id: string) => (await page.getByTestId(id).textContent())?.trim();
  return { received: Number(await read("measure-received")), solved: Number(await read("measure-solved")), satisfaction: await read("measure-satisfaction") };
}

describe.each(databaseKinds())("an enterprise's request from the hotline to a rating (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, (db) => prepareWorld(db, { demoProjects: 30 })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("hotline logs, the platform manager assigns, the handler closes with a rating, and the measures move", async () => {
    const w = server.data;
    const today = todayInZone();

    const manager = await signInPage(browser, server.baseUrl, w.service.logins.platformManager);
    await manager.goto(`${server.baseUrl}/service-requests`);
    const before = await measures(manager);

    // The hotline of the 综合招商服务公司 logs a power-supply request for an enterprise of another company.
    const hotline = await signInPage(browser, server.baseUrl, w.service.logins.hotline);
    await hotline.getByRole("link", { name: "企业诉求" }).click();
    await hotline.getByRole("link", { name: "登记诉求" }).click();
    await hotline.getByText("一话通办：可为全区任一已落地企业登记诉求").waitFor();
    await hotline.getByRole("button", { name: "保存" }).click();
    await hotline.getByText("必填").first().waitFor();
    await hotline.getByLabel("企业（项目）").selectOption({ label: `${w.service.landed.enterprise}（矩阵-落地企业项目）` });
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
    await manager.getByLabel("承办人").selectOption({ label: w.service.handlerName });
    await Promise.all([manager.waitForURL(requestUrl), manager.getByRole("button", { name: "分派", exact: true }).click()]);
    await manager.getByText("已分派").first().waitFor();
    await manager.getByText(`分派给 ${w.service.handlerName}`).waitFor();

    const handler = await signInPage(browser, server.baseUrl, w.service.logins.handler);
    await handler.goto(requestUrl);
    await handler.getByLabel("办理记录").fill("已协调供电公司，周三现场踏勘");
    await handler.getByRole("button", { name: "添加办理记录", exact: true }).click();
    await handler.getByText("办理记录已添加").waitFor();
    // Closing needs the enterprise's rating.
    await handler.getByLabel("办理结果").fill("双回路已接入并送电");
    await handler.getByRole("button", { name: "办结", exact: true }).click();
    await handler.getByText("请选择 1–5 分").waitFor();
    await handler.getByLabel("满意度").selectOption("5");
    await handler.getByLabel("企业评价").fill("响应很快");
    await handler.getByRole("button", { name: "办结", exact: true }).click();
    await handler.getByText("诉求已办结").waitFor();
    await handler.getByText("办结，满意度 5 分").waitFor();
    await handler.getByText("已协调供电公司，周三现场踏勘").waitFor();
    await shoot(handler, "service-detail");
    await handler.context().close();

    await manager.goto(`${server.baseUrl}/service-requests?view=solved`);
    const after = await measures(manager);
    expect(after.received).toBe(before.received + 1);
    expect(after.solved).toBe(before.solved + 1);
    // The rating of 5 enters the average (the page shows it rounded to two places).
    const expected = before.solved === 0 ? 5 : (Number(before.satisfaction) * before.solved + 5) / after.solved;
    expect(Math.abs(Number(after.satisfaction) - expected)).toBeLessThanOrEqual(0.01);
    expect(after.satisfaction).toMatch(/^\d\.\d{2}$/);
    await manager.getByRole("link", { name: w.service.landed.enterprise }).first().waitFor();
    await shoot(manager, "service-list");
    await manager.context().close();
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
