// Investors in a real Chromium, in Chinese: registering one with contacts, the precise message for a wrong credit
// code, the zone-wide duplicate check (who already follows it), the same with JavaScript off, and an edit conflict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { completeUscc } from "../../app/lib/uscc";
import { TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const GOOD = completeUscc("91140100MA0X77881");

async function submitAndWait(page: Page, button: string, urlPattern: RegExp) {
  await Promise.all([page.waitForURL(urlPattern), page.getByRole("button", { name: button, exact: true }).click()]);
}

describe.each(browserKinds())("investors in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ demoProjects: 50 })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a staff member registers an investor with a contact; a wrong code gets the precise message next to the field", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.staff);
    await page.getByRole("link", { name: "投资方", exact: true }).click();
    await page.getByRole("heading", { name: "投资方", exact: true }).waitFor();
    await page.getByRole("link", { name: "登记投资方" }).click();
    await page.getByRole("heading", { name: "登记投资方" }).waitFor();

    await page.getByLabel("投资方名称").fill("太原星河智能装备有限公司");
    await page.getByLabel("统一社会信用代码").fill(`${GOOD.slice(0, 8)}O${GOOD.slice(9)}`);
    await page.getByLabel("联系人1 姓名").fill("王敏");
    await page.getByLabel("联系人1 职务").fill("投资总监");
    await page.getByLabel("联系人1 手机").fill("+86 139-1234-5678");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    const message = page.locator("#uscc-error");
    await message.waitFor();
    expect(await message.innerText()).toBe("统一社会信用代码第9位“O”不是有效字符（不使用 I、O、S、V、Z）");
    expect(await page.getByLabel("统一社会信用代码").getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).pathname).toBe("/investors/new");

    // A second contact row, with a number that is not a mobile; then taken out again.
    await page.getByLabel("统一社会信用代码").fill(GOOD);
    await page.getByRole("button", { name: "+ 添加联系人" }).click();
    await page.getByLabel("联系人2 姓名").fill("李强");
    await page.getByLabel("联系人2 手机").fill("0351-1234567");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await page.getByText("请输入11位中国大陆手机号码，如 138 0013 8000").waitFor();
    await page.getByRole("row", { name: /李强/ }).getByRole("button", { name: "移除" }).click();
    expect(await page.getByLabel("联系人2 姓名").count()).toBe(0);

    await submitAndWait(page, "登记", /\/investors\/\d+$/);
    await page.getByText("投资方已登记：太原星河智能装备有限公司").waitFor();
    await page.getByRole("heading", { level: 1, name: /太原星河智能装备有限公司/ }).waitFor();
    const contacts = await page.locator("section", { hasText: "联系人" }).first().innerText();
    expect(contacts).toContain("王敏");
    expect(contacts).toContain("13912345678");
    expect(contacts).not.toContain("李强");
    await page.context().close();
  });

  it("registering a similar name shows who already follows it (company and owner) and needs confirmation", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.goto(`${server.baseUrl}/investors/new`);
    await page.getByLabel("投资方名称").fill("山西澄泓科技");
    // Shown as the user types.
    const panel = page.locator("section.matches");
    await panel.getByRole("link", { name: w.followedByB.name }).waitFor();
    const text = await panel.innerText();
    expect(text).toContain(`${w.companyB.name}（负责人：${w.followedByB.owner}）`);
    expect(text).toMatch(/名称相似 \d+%/);
    expect(await page.content()).not.toContain("澄泓智能传感器项目");

    // Saving without confirming is refused with the same list; confirming registers it.
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await page.getByText("全区已有相同或相似的投资方，请先核对是否为同一家：").waitFor();
    expect(new URL(page.url()).pathname).toBe("/investors/new");
    expect(await page.getByLabel("投资方名称").inputValue()).toBe("山西澄泓科技");
    await submitAndWait(page, "我已了解，仍然登记", /\/investors\/\d+$/);
    await page.getByText("投资方已登记：山西澄泓科技").waitFor();
    await page.context().close();
  });

  it("an exact duplicate code is refused outright, with a link to the investor that has it", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.manager);
    await page.goto(`${server.baseUrl}/investors/new`);
    await page.getByLabel("投资方名称").fill("澄泓控股集团");
    await page.getByLabel("统一社会信用代码").fill(w.followedByB.uscc.toLowerCase());
    const refusal = `该统一社会信用代码已登记为「${w.followedByB.name}」`;
    await page.locator("section.matches").getByText(refusal).waitFor();
    expect(await page.getByRole("button", { name: "我已了解，仍然登记" }).count()).toBe(0);

    await page.getByRole("button", { name: "登记", exact: true }).click();
    await page.locator("#uscc-error", { hasText: refusal }).waitFor();
    const link = page.getByRole("alert").getByRole("link", { name: "查看该投资方" });
    expect(await link.getAttribute("href")).toBe(`/investors/${w.followedByB.id}`);
    await Promise.all([page.waitForURL(new RegExp(`/investors/${w.followedByB.id}$`)), link.click()]);
    // Another company's investor: its project is not shown, only who follows it.
    await page.getByText(`${w.companyB.name}（负责人：${w.followedByB.owner}）`).waitFor();
    const body = await page.locator("main").innerText();
    expect(body).toContain(`${w.companyB.name}（负责人：${w.followedByB.owner}）`);
    expect(body).not.toContain("澄泓智能传感器项目");
    await page.context().close();
  });

  it("works without JavaScript: rows are added by the server, the duplicate check asks for confirmation", async () => {
    const w = server.data;
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(w.logins.manager);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
    await page.goto(`${server.baseUrl}/investors/new`);

    await page.getByLabel("投资方名称").fill("山西澄泓科技发展");
    await page.getByLabel("联系人1 姓名").fill("周颖");
    await page.getByRole("button", { name: "+ 添加联系人" }).click();
    await page.getByLabel("联系人2 姓名").waitFor();
    expect(await page.getByLabel("联系人1 姓名").inputValue()).toBe("周颖");
    await page.getByLabel("联系人2 姓名").fill("吴昊");
    await page.getByLabel("联系人2 手机").fill("138 0013 8000");
    await page.getByLabel("统一社会信用代码").fill("9114");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await page.locator("#uscc-error", { hasText: "统一社会信用代码应为18位，当前为4位" }).waitFor();

    await page.getByLabel("统一社会信用代码").fill("");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await page.locator("section.matches").getByText(`${w.companyB.name}（负责人：${w.followedByB.owner}）`).waitFor();
    await submitAndWait(page, "我已了解，仍然登记", /\/investors\/\d+$/);
    const contacts = await page.locator("section", { hasText: "联系人" }).first().innerText();
    expect(contacts).toContain("周颖");
    expect(contacts).toContain("13800138000");
    await context.close();
  });

  it("the duplicate check never answers with another zone's investor", async () => {
    const w = server.data;
    const staff = new HttpSession(server.baseUrl);
    await staff.signIn(w.logins.otherZoneStaff, TEST_PASSWORD);
    const response = await staff.get(`/api/investor-matches?name=${encodeURIComponent(w.followedByB.name)}&uscc=${w.followedByB.uscc}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ matches: [] });
    const anonymous = await new HttpSession(server.baseUrl).get("/api/investor-matches?name=x");
    expect(anonymous.status).toBe(302);
  });

  it("two people edit the same investor: the second is told who changed what, keeps the input, and saves on purpose", async () => {
    const w = server.data;
    const first = await signInPage(browser, server.baseUrl, w.logins.staff);
    const second = await signInPage(browser, server.baseUrl, w.logins.manager);
    const editUrl = `${server.baseUrl}/investors/${w.investors.ownCompany}/edit`;
    await Promise.all([first.goto(editUrl), second.goto(editUrl)]);

    await first.getByLabel("所在地区").fill("山西省晋中市");
    await submitAndWait(first, "保存", /\/investors\/\d+$/);
    await first.getByText("投资方信息已保存").waitFor();

    await second.getByLabel("所属行业").fill("光伏");
    await second.getByRole("button", { name: "保存", exact: true }).click();
    const alert = second.locator(".conflict");
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/此投资方已被 staff-\d+ 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改/);
    expect(text).toContain("山西省晋中市");
    expect(await second.getByLabel("所属行业").inputValue()).toBe("光伏");

    await submitAndWait(second, "保存", /\/investors\/\d+$/);
    await second.getByText("投资方信息已保存").waitFor();
    const facts = await second.locator("section", { hasText: "基本信息" }).innerText();
    expect(facts).toContain("光伏");
    await Promise.all([first.context().close(), second.context().close()]);
  });
});
