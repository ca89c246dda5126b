// Handoffs in Chromium, in Chinese: a service-company staff member transfers a semiconductor lead to the 半导体
// company, whose manager accepts and names the new owner; the new owner continues it; the originating staff still
// reads its history; an assist request to the 科创金融平台公司 is accepted, worked and closed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, pickInCombobox, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const SHOTS = process.env.SCREENSHOT_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function submitAndWait(page: Page, button: string, urlPattern: RegExp, flash?: string) {
  await Promise.all([page.waitForURL(urlPattern), page.getByRole("button", { name: button, exact: true }).click()]);
  // Answering a handoff redirects to the page it was sent from: the URL alone does not prove the answer landed.
  if (flash) await page.getByRole("status").filter({ hasText: flash }).waitFor();
}

describe.each(browserKinds())("handoffs in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;
  let transferUrl = "";
  let assistUrl = "";
  let projectUrl = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ demoProjects: 30 })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a service-company staff member asks the 半导体 company to take a lead over", async () => {
    const h = server.data.handoffs;
    const page = await signInPage(browser, server.baseUrl, h.logins.serviceStaff);
    projectUrl = `${server.baseUrl}/projects/${h.lead.id}`;
    await page.goto(projectUrl);
    await page.getByRole("link", { name: "移交/协办" }).click();
    await page.getByRole("heading", { level: 1, name: /移交\/协办：/ }).waitFor();
    // A reason is required: the message stands next to the field.
    await page.locator("#transfer-toCompanyId").selectOption({ label: h.names.semiconductorCompany });
    await page.getByRole("button", { name: "提交移交申请" }).click();
    await page.locator("#transfer-reason-error").waitFor();
    await page.locator("#transfer-reason").fill("投资方做功率半导体封测，属于半导体产业集群");
    await shot(page, "handoff-request");
    await submitAndWait(page, "提交移交申请", /\/handoffs\/\d+$/);
    transferUrl = page.url();
    await page.getByText(`已向${h.names.semiconductorCompany}发出移交申请`).waitFor();
    await page.getByText(/等待.*负责人答复/).waitFor();
    // Nothing changed hands yet; a second transfer is not offered.
    await page.goto(`${projectUrl}/handoff`);
    await page.getByText("该项目已有待答复的移交申请").waitFor();
    await page.context().close();
  });

  it("the 半导体 manager finds it in the inbox, accepts it and names the new owner", async () => {
    const h = server.data.handoffs;
    const page = await signInPage(browser, server.baseUrl, h.logins.semiconductorManager);
    const badge = page.getByRole("link", { name: /移交协办：\d+ 项待处理/ });
    expect(Number(await badge.locator(".count-badge").textContent())).toBeGreaterThan(0);
    await badge.click();
    await page.getByRole("heading", { level: 1, name: "移交与协办" }).waitFor();
    await shot(page, "handoff-inbox");
    await page.getByRole("link", { name: h.lead.name }).first().click();
    await page.waitForURL(transferUrl);
    await pickInCombobox(page, "新负责人", h.names.newOwner);
    await shot(page, "handoff-answer");
    await submitAndWait(page, "接受", /\/handoffs\/\d+$/, "已接受");
    await page.getByText("已接受", { exact: true }).first().waitFor();
    await page.getByText(h.names.newOwner).first().waitFor();
    await page.context().close();
  });

  it("the new owner continues the project and logs an activity", async () => {
    const h = server.data.handoffs;
    const page = await signInPage(browser, server.baseUrl, h.logins.newOwner);
    await page.goto(projectUrl);
    await page.getByRole("link", { name: "项目操作" }).waitFor();
    await page.getByRole("link", { name: "记录跟进" }).click();
    await page.getByLabel("类型").selectOption("visit");
    await page.getByLabel("内容摘要").fill("接手后首次拜访晶芯，确认封测线用地需求");
    await submitAndWait(page, "保存", /\/projects\/\d+$/);
    await page.getByText("接手后首次拜访晶芯，确认封测线用地需求").waitFor();
    await page.context().close();
  });

  it("the originating staff still reads the project and its history, read-only", async () => {
    const h = server.data.handoffs;
    const page = await signInPage(browser, server.baseUrl, h.logins.serviceStaff);
    await page.goto(projectUrl);
    await page.getByText("只读：该项目已移交给其他公司").waitFor();
    await page.getByText("接手后首次拜访晶芯，确认封测线用地需求").waitFor();
    await page.getByRole("heading", { name: "移交与协办" }).waitFor();
    expect(await page.getByRole("link", { name: "项目操作" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "移交/协办" }).count()).toBe(0);
    await shot(page, "handoff-project-readonly");
    await page.context().close();
  });

  it("leaders see every handoff of the zone, the overdue ones marked", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.leader);
    await page.goto(`${server.baseUrl}/handoffs`);
    await page.getByText(/超期 \d+ 项（等待答复超过 3 天）/).waitFor();
    const overdueRow = page.locator("tr.handoff-overdue", { hasText: "矩阵-B请求协办项目" });
    await overdueRow.getByText("超期", { exact: true }).waitFor();
    await page.getByRole("link", { name: server.data.handoffs.lead.name }).waitFor();
    await shot(page, "handoff-inbox-leader");
    await page.context().close();
  });

  it("an assist request to the financing platform is accepted, worked and closed", async () => {
    const h = server.data.handoffs;
    // The owner asks.
    let page = await signInPage(browser, server.baseUrl, h.logins.newOwner);
    await page.goto(`${projectUrl}/handoff`);
    await page.locator("#assist-toCompanyId").selectOption({ label: h.names.platform });
    await page.locator("#assist-need").selectOption("financing");
    await page.locator("#assist-wishedByOn").fill("2099-12-31");
    await page.locator("#assist-reason").fill("需要对接产业基金，解决设备融资");
    await submitAndWait(page, "提交协办请求", /\/handoffs\/\d+$/);
    assistUrl = page.url();
    await page.context().close();

    // The platform's manager accepts and names a helper.
    page = await signInPage(browser, server.baseUrl, h.logins.platformManager);
    await page.goto(assistUrl);
    await pickInCombobox(page, "协办人", h.names.platformStaff);
    await submitAndWait(page, "接受", /\/handoffs\/\d+$/, "已接受");
    await page.context().close();

    // The helper logs the work on the project and closes the assist.
    page = await signInPage(browser, server.baseUrl, h.logins.platformStaff);
    await page.goto(assistUrl);
    await page.getByRole("link", { name: "记录协办工作" }).click();
    await page.getByLabel("类型").selectOption("negotiation");
    await page.getByLabel("内容摘要").fill("与省产业基金洽谈设备融资方案");
    await submitAndWait(page, "保存", /\/projects\/\d+$/);
    await page.getByText("与省产业基金洽谈设备融资方案").waitFor();
    // The project stays with its owner: the helper may not change it.
    expect(await page.getByRole("link", { name: "项目操作" }).count()).toBe(0);
    await page.goto(assistUrl);
    await page.getByLabel("办理结果").fill("已完成基金对接，设备融资3000万元进入尽调");
    await shot(page, "handoff-assist-close");
    await submitAndWait(page, "办结", /\/handoffs\/\d+$/, "已办结");
    await page.getByText("已办结", { exact: true }).first().waitFor();
    await page.context().close();

    // Both sides see the work and the closed assist.
    page = await signInPage(browser, server.baseUrl, h.logins.newOwner);
    await page.goto(projectUrl);
    await page.getByText("与省产业基金洽谈设备融资方案").waitFor();
    await page.getByText("已完成基金对接，设备融资3000万元进入尽调").waitFor();
    await shot(page, "handoff-project-owner");
    await page.context().close();
  });
});
