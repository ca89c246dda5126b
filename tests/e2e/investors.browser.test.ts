// Investors in a real Chromium, in Chinese: registering one with contacts, the precise message for a wrong credit
// code, the zone-wide duplicate check (who already follows it), the same with JavaScript off, and an edit conflict;
// then (PGlite only) a contact's 微信 entered, refused, shown and edited, and a co-follow (协同跟进) asked from the
// duplicate check, accepted by the other company's manager and used — last, as it opens that company's project.
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
const SHOTS = process.env.SCREENSHOT_DIR;

/** At 390 px the page has no sideways scroll; with SCREENSHOT_DIR set it is also saved for a look. */
async function phoneCheck(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function submitAndWait(page: Page, button: string, urlPattern: RegExp) {
  await Promise.all([page.waitForURL(urlPattern), page.getByRole("button", { name: button, exact: true }).click()]);
}

describe.each(browserKinds())("investors in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;
  // The browser part of issue 19's last cases runs on the embedded database only: the point is the pages.
  const onPglite = kind === "pglite";

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

  it("the duplicate check never answers with another zone's investor: only which zone follows it (decision 021)", async () => {
    const w = server.data;
    const staff = new HttpSession(server.baseUrl);
    await staff.signIn(w.logins.otherZoneStaff, TEST_PASSWORD);
    const response = await staff.get(`/api/investor-matches?name=${encodeURIComponent(w.followedByB.name)}&uscc=${w.followedByB.uscc}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ matches: [], otherZones: [{ zone: "太原 · 示范开发区", match: "uscc" }] });
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
  it.runIf(onPglite)("a contact's 微信: a wrong one is refused next to the field in Chinese; a good one is shown and can be edited", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.staff);
    await page.goto(`${server.baseUrl}/investors/new`);
    await page.getByLabel("投资方名称").fill("晋城微联精密制造有限公司");
    await page.getByLabel("联系人1 姓名").fill("张伟");
    await page.getByLabel("联系人1 微信").fill("zw");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    const wechatCell = page.locator('td[data-label="微信"]').first();
    await wechatCell.getByText("请输入微信号（6–20 位字母、数字、下划线或减号，以字母开头）或微信绑定的手机号").waitFor();
    expect(new URL(page.url()).pathname).toBe("/investors/new");
    await phoneCheck(page, "phone-investor-wechat-error");

    await page.getByLabel("联系人1 微信").fill(" wxid_zw2026 ");
    await submitAndWait(page, "登记", /\/investors\/\d+$/);
    await page.getByText("投资方已登记：晋城微联精密制造有限公司").waitFor();
    const contacts = page.locator("section", { hasText: "联系人" }).first();
    expect(await contacts.getByRole("columnheader", { name: "微信" }).count()).toBe(1);
    expect(await contacts.innerText()).toContain("wxid_zw2026");
    const investorUrl = page.url();

    // Edited to the mobile WeChat finds them by, typed as people type it: stored and shown without +86 or spaces.
    await page.goto(`${investorUrl}/edit`);
    expect(await page.getByLabel("联系人1 微信").inputValue()).toBe("wxid_zw2026");
    await page.getByLabel("联系人1 微信").fill("微信号");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page
      .locator('td[data-label="微信"]')
      .first()
      .getByText(/^请输入微信号/)
      .waitFor();
    await page.getByLabel("联系人1 微信").fill("+86 139 0351 2026");
    await submitAndWait(page, "保存", /\/investors\/\d+$/);
    await page.getByText("投资方信息已保存").waitFor();
    const shown = await page.locator("section", { hasText: "联系人" }).first().innerText();
    expect(shown).toContain("13903512026");
    expect(shown).not.toContain("wxid_zw2026");
    await page.context().close();
  });

  it.runIf(onPglite)("co-follow: A's staff asks B from the duplicate check, B's manager accepts, A's staff then works on B's project", async () => {
    const w = server.data;
    const form = await signInPage(browser, server.baseUrl, w.logins.staff);
    await form.goto(`${server.baseUrl}/investors/new`);
    await form.getByLabel("投资方名称").fill(w.followedByB.name);
    const ask = form.locator("section.matches").getByRole("link", { name: `请求${w.companyB.name}同意本公司协同跟进` });
    await ask.waitFor();
    expect(await ask.getAttribute("href")).toBe(`/investors/${w.followedByB.id}/cofollow?company=${w.companyB.id}`);
    // It opens in a new tab, so the registration form keeps what was typed.
    const [staff] = await Promise.all([form.context().waitForEvent("page"), ask.click()]);
    await staff.waitForURL(/\/cofollow\?company=\d+$/);
    expect(await form.getByLabel("投资方名称").inputValue()).toBe(w.followedByB.name);
    await staff.getByRole("heading", { level: 1, name: `请求协同跟进：${w.followedByB.name}` }).waitFor();
    expect(await staff.getByLabel("正在跟进的公司").inputValue()).toBe(String(w.companyB.id));
    // Neither the project's name nor its figures before the answer.
    expect(await staff.locator("main").innerText()).not.toContain("澄泓智能传感器项目");
    await phoneCheck(staff, "phone-staff-cofollow");
    await staff.getByLabel("事由").fill("我公司与该投资方母公司有长期合作，可协助对接用地和配套");
    await submitAndWait(staff, "发送请求", /\/handoffs\/\d+$/);
    const handoffUrl = staff.url();
    await staff.getByText(`已向${w.companyB.name}发出协同跟进请求，等待其负责人答复`).waitFor();
    await staff.getByText("（对方项目，接受后可见）").waitFor();
    expect(await staff.locator("main").innerText()).not.toContain("澄泓智能传感器项目");

    // B's manager finds it in the 移交协办 inbox and accepts: the helper is the one who asked.
    const manager = await signInPage(browser, server.baseUrl, w.logins.otherCompanyManager);
    await manager.goto(`${server.baseUrl}/handoffs`);
    await Promise.all([
      manager.waitForURL(new RegExp(`${new URL(handoffUrl).pathname}$`)),
      manager
        .locator(`a[href="${new URL(handoffUrl).pathname}"]`)
        .first()
        .click(),
    ]);
    await manager.getByRole("heading", { level: 1, name: "协同跟进：澄泓智能传感器项目" }).waitFor();
    await manager.getByText(/接受后，发起人.*作为协同跟进人参与该项目/).waitFor();
    await phoneCheck(manager, "phone-manager-cofollow-answer");
    await manager.getByRole("button", { name: "接受", exact: true }).click();
    await manager.getByRole("status").filter({ hasText: "已接受" }).waitFor();
    // The 督办 list says what its overdue tab counts (open work only), at phone width too.
    await manager.goto(`${server.baseUrl}/pipeline/chasing?tab=overdue`);
    await manager.getByText("在跟项目（未投产、未搁置、未流失）的下一步已过期未完成", { exact: false }).waitFor();
    await phoneCheck(manager, "phone-manager-chasing-overdue");
    await manager.context().close();

    // A's staff now sees the project: on the request, in the project list, and may log a visit on it.
    await staff.goto(handoffUrl);
    await staff.getByText("澄泓智能传感器项目").first().waitFor();
    await Promise.all([staff.waitForURL(/\/projects\/\d+$/), staff.getByRole("link", { name: "打开项目" }).click()]);
    // The request's own heading names the project too, and the URL moves before React renders the project page:
    // wait for the project page's 记录跟进 itself (it never shows if the helper may not log).
    await staff.getByRole("link", { name: "记录跟进" }).first().waitFor();
    await staff.getByRole("heading", { level: 1, name: /澄泓智能传感器项目/ }).waitFor();
    expect(await staff.getByRole("heading", { level: 1, name: /^协同跟进/ }).count()).toBe(0);
    await staff.goto(`${server.baseUrl}/projects?q=${encodeURIComponent("澄泓智能传感器")}`);
    await staff.getByRole("link", { name: "澄泓智能传感器项目" }).first().waitFor();
    await staff.context().close();
  });
});
