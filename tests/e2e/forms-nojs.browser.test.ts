// The edit forms without JavaScript: the server-rendered form must carry the record's values, or a plain POST
// would send blanks (react-hook-form fills fields through refs only once the script runs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { browserKinds } from "../support/db";
import { TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

describe.each(browserKinds())("edit forms without JavaScript (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ files: true })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a staff member changes a project's name with a plain POST and nothing else of the project changes", async () => {
    const w = server.data;
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(w.logins.staff);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);

    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}/edit`);
    const name = page.getByLabel("项目名称", { exact: true });
    // The page as the server sent it already holds the project's values.
    expect(await name.inputValue()).toBe(w.records.own.name);
    const fields = () =>
      page
        .locator("form.project-form, form:has(#clusterId)")
        .first()
        .locator("input:not([type=hidden]):not([type=checkbox]), select, textarea")
        .evaluateAll((els) => Object.fromEntries(els.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).value])));
    const before = await fields();
    expect(before.clusterId).not.toBe("");
    expect(await page.locator('input[type="hidden"][name="version"]').inputValue()).toMatch(/^\d+$/);

    await name.fill(`${w.records.own.name}（无脚本改名）`);
    await Promise.all([page.waitForURL(new RegExp(`/projects/${w.records.own.id}$`)), page.getByRole("button", { name: "保存" }).click()]);
    await page.getByRole("heading", { name: `${w.records.own.name}（无脚本改名）` }).waitFor();

    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}/edit`);
    const after = await fields();
    expect({ ...after, name: before.name }).toEqual(before);
    expect(after.name).toBe(`${w.records.own.name}（无脚本改名）`);
    await context.close();
  });
  it("without JavaScript a refused activity comes back with the server's message next to the field and the input kept", async () => {
    const w = server.data;
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(w.logins.staff);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);

    const url = `${server.baseUrl}/projects/${w.records.own.id}/activities/new`;
    await page.goto(url);
    await page.getByLabel("内容摘要").fill("与投资方电话沟通用地指标");
    await page.getByLabel("下一步行动", { exact: true }).fill("寄送园区资料");
    await page.getByRole("button", { name: "保存", exact: true }).click();

    const message = page.locator("#nextActionDueOn-error");
    await message.waitFor();
    expect(await message.innerText()).toBe("填写了下一步行动时请给出截止日期");
    expect(await page.getByLabel("下一步截止日期").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("内容摘要").inputValue()).toBe("与投资方电话沟通用地指标");
    expect(await page.getByLabel("下一步行动", { exact: true }).inputValue()).toBe("寄送园区资料");
    await context.close();
  });
});
