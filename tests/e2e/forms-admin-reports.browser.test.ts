// The sign-in, account, admin and leadership forms (issue 17, the one form idiom): with JavaScript a bad value gets
// its message next to the field before any request; without, the server answers the same message and keeps what
// was typed (never a password).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { TEST_PASSWORD } from "../support/factories";
import { deviceOf, nextCodeFor } from "../support/mfa";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

describe.each(browserKinds())("the admin and report forms' messages (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ files: true })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The POSTs the page sends from now on. */
  const postsOf = (page: Page) => {
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    return posts;
  };

  /** A browser without JavaScript, signed in (the code step too, with the authenticator the first sign-in set up). */
  async function noScriptPage(login: string): Promise<Page> {
    // A leader or admin sets the authenticator up on a first sign-in, with JavaScript, as signInPage does.
    if (!deviceOf(server.baseUrl, login)) await (await signInPage(browser, server.baseUrl, login)).context().close();
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(login);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "登录" }).click()]);
    if (new URL(page.url()).pathname === "/login/mfa") {
      await page.getByLabel("验证码").fill(await nextCodeFor(server.baseUrl, login));
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "验证" }).click()]);
    }
    return page;
  }

  /** Submits without JavaScript and waits for the server's answer to the POST. */
  async function post(page: Page, button: ReturnType<Page["getByRole"]>) {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
    await page.waitForLoadState("domcontentloaded");
    return response.status();
  }

  it("with JavaScript, a leader's target, weights and deadlines get their messages before any request", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.leader);
    const posts = postsOf(page);

    await page.goto(`${server.baseUrl}/reports/targets?edit=${w.companyA.id}#edit`);
    await page.locator("#target-signedCount").fill("两个");
    await page.locator("#edit").getByRole("button", { name: "保存" }).click();
    await page.locator("#target-signedCount-error", { hasText: "请输入非负整数" }).waitFor();
    expect(await page.locator("#target-signedCount").getAttribute("aria-invalid")).toBe("true");

    await page.goto(`${server.baseUrl}/reports/scorecard`);
    const weights = page.locator("#weights");
    for (const input of await weights.locator(".weights-grid input").all()) await input.fill("0");
    await weights.getByRole("button", { name: "保存" }).click();
    await weights.getByRole("alert").filter({ hasText: "至少一项指标的权重大于 0" }).waitFor();

    await page.goto(`${server.baseUrl}/service-requests/deadlines`);
    await page.getByLabel("证照审批").fill("0");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("alert").filter({ hasText: "请输入 1–365 之间的天数" }).waitFor();

    expect(posts).toEqual([]);
    await page.context().close();
  });

  it("with JavaScript, an admin's token and own password forms get their messages before any request", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.admin);
    const posts = postsOf(page);

    await page.goto(`${server.baseUrl}/admin/tokens`);
    await page.getByLabel("有效天数").fill("400");
    await page.getByRole("button", { name: "新建令牌" }).click();
    await page.locator("#create-days-error", { hasText: "有效天数应为 1–365 的整数" }).waitFor();
    expect(await page.locator("#create-name-error").textContent()).toBe("必填");

    await page.goto(`${server.baseUrl}/account`);
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.locator("#password-current-error", { hasText: "必填" }).waitFor();

    expect(posts).toEqual([]);
    await page.context().close();
  });

  it("without JavaScript, the server answers the same messages and keeps what was typed", async () => {
    const w = server.data;
    const leader = await noScriptPage(w.logins.leader);

    await leader.goto(`${server.baseUrl}/reports/targets?edit=${w.companyA.id}#edit`);
    await leader.locator("#target-signedCount").fill("两个");
    await leader.locator("#target-signedInvestmentWan").fill("12,345.5");
    expect(await post(leader, leader.locator("#edit").getByRole("button", { name: "保存" }))).toBe(400);
    await leader.locator("#target-signedCount-error", { hasText: "请输入非负整数" }).waitFor();
    expect(await leader.locator("#target-signedCount").inputValue()).toBe("两个");
    expect(await leader.locator("#target-signedInvestmentWan").inputValue()).toBe("12,345.5");

    await leader.goto(`${server.baseUrl}/reports/scorecard`);
    const weights = leader.locator("#weights");
    for (const input of await weights.locator(".weights-grid input").all()) await input.fill("0");
    await weights.getByLabel("调整说明").fill("全部清零试试");
    expect(await post(leader, weights.getByRole("button", { name: "保存" }))).toBe(400);
    await leader.locator("#weights").getByRole("alert").filter({ hasText: "至少一项指标的权重大于 0" }).waitFor();
    expect(await leader.locator("#weights").getByLabel("调整说明").inputValue()).toBe("全部清零试试");

    await leader.goto(`${server.baseUrl}/service-requests/deadlines`);
    await leader.getByLabel("证照审批").fill("400");
    expect(await post(leader, leader.getByRole("button", { name: "保存" }))).toBe(400);
    await leader.getByRole("alert").filter({ hasText: "请输入 1–365 之间的天数" }).waitFor();
    expect(await leader.getByLabel("证照审批").inputValue()).toBe("400");
    await leader.context().close();

    const admin = await noScriptPage(w.logins.admin);
    await admin.goto(`${server.baseUrl}/admin/tokens`);
    await admin.getByLabel("有效天数").fill("400");
    await admin.getByRole("checkbox", { name: /reports:read/ }).check();
    expect(await post(admin, admin.getByRole("button", { name: "新建令牌" }))).toBe(400);
    await admin.locator("#create-days-error", { hasText: "有效天数应为 1–365 的整数" }).waitFor();
    expect(await admin.locator("#create-name-error").textContent()).toBe("必填");
    expect(await admin.getByLabel("有效天数").inputValue()).toBe("400");
    expect(await admin.getByRole("checkbox", { name: /reports:read/ }).isChecked()).toBe(true);
    expect(await admin.getByRole("checkbox", { name: /imports:write/ }).isChecked()).toBe(false);

    await admin.goto(`${server.baseUrl}/account`);
    await admin.getByLabel("当前密码").fill("not-my-password");
    await admin.getByLabel("新密码").fill("a-new-password-2027");
    expect(await post(admin, admin.getByRole("button", { name: "修改密码" }))).toBe(400);
    await admin.locator("#password-current-error").waitFor();
    // Passwords are never sent back into the page.
    expect(await admin.getByLabel("当前密码").inputValue()).toBe("");
    expect(await admin.getByLabel("新密码").inputValue()).toBe("");
    await admin.context().close();
  });

  it("without JavaScript, a sign-in with a wrong password keeps the login and never the password", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    expect(await post(page, page.getByRole("button", { name: "登录" }))).toBe(400);
    await page.locator("#login-error", { hasText: "请输入用户名和密码" }).waitFor();

    await page.getByLabel("用户名").fill("nobody_here");
    await page.getByLabel("密码").fill("wrong-password-1");
    expect(await post(page, page.getByRole("button", { name: "登录" }))).toBe(400);
    await page.getByRole("alert").filter({ hasText: "用户名或密码错误" }).waitFor();
    expect(await page.getByLabel("用户名").inputValue()).toBe("nobody_here");
    expect(await page.getByLabel("密码").inputValue()).toBe("");
    await context.close();
  });
});
