// Playwright driving the system Chromium (Playwright's own browser download is not used).
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { TEST_PASSWORD } from "./factories";
import { nextCode, nextCodeFor, rememberDevice } from "./mfa";

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

export async function signInPage(browser: Browser, baseUrl: string, login: string, password = TEST_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(login);
  await page.getByLabel("密码").fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "登录" }).click()]);
  const { pathname } = new URL(page.url());
  if (pathname === "/login/mfa") {
    await page.getByLabel("验证码").fill(await nextCodeFor(baseUrl, login));
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "验证" }).click()]);
  } else if (pathname === "/account/mfa") {
    // An admin or leader without a second factor enrols first, as a person would: read the key, type the code.
    const secret = (await page.locator("[data-mfa-secret]").textContent())!.trim();
    const { code, step } = await nextCode(secret, null);
    await page.getByLabel("验证码").fill(code);
    await page.getByRole("button", { name: "确认开启" }).click();
    await page.locator(".recovery-codes code").first().waitFor();
    const codes = await page.locator(".recovery-codes code").allTextContents();
    rememberDevice(baseUrl, login, secret, step, codes);
    await Promise.all([page.waitForURL((url) => url.pathname !== "/account/mfa"), page.getByRole("link", { name: "我已保存，继续" }).click()]);
  }
  return page;
}

/**
 * Picks an option of a searchable picker (app/components/combobox.tsx) as a person does: types into the box (by
 * default the option's text; pinyin initials work too) and clicks the option. Waits for the page's script to have
 * turned the plain select into the box.
 */
export async function pickInCombobox(page: Page, label: string, option: string, typed = option) {
  const box = page.getByLabel(label, { exact: true });
  await box.and(page.locator('input[role="combobox"]')).waitFor();
  await box.fill(typed);
  const list = page.locator(".combobox").filter({ has: box }).getByRole("listbox");
  await list.getByRole("option", { name: option, exact: true }).click();
}
