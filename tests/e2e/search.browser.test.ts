// The header search in a real Chromium, on a phone (390×844) and at a desk (1440×900): `/` puts the cursor in the
// box, typing pinyin initials lists the viewer's matches grouped by kind, ArrowDown and Enter open the project; a
// confidential project of a colleague never appears; without JavaScript the box submits to the results page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desk", width: 1440, height: 900 },
];

describe.each(browserKinds())("the header search (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(SIZES)(
    "$name: press /, type pinyin initials, arrow down, Enter opens the project",
    async (size) => {
      const w = server.data;
      const page = await signInPage(browser, server.baseUrl, w.logins.staff);
      await page.setViewportSize(size);
      await page.goto(`${server.baseUrl}/my`);
      await page.waitForLoadState("networkidle");
      await page.keyboard.press("/");
      const box = page.getByRole("combobox", { name: "搜索" });
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await box.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(size.name === "phone" ? 44 : 30);

      // "jz" is 矩阵: the staff member's own and their company's projects, not the colleague's confidential one.
      await page.keyboard.type("jz");
      const list = page.getByRole("listbox", { name: "搜索" });
      await list.getByRole("group", { name: "项目" }).waitFor();
      const titles = await list.getByRole("option").allInnerTexts();
      expect(titles.some((t) => t.includes(w.records.own.name))).toBe(true);
      expect(titles.some((t) => t.includes(w.records.confidential.name))).toBe(false);
      expect(titles.some((t) => t.includes(w.records.otherZone.name))).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      // Narrowed to one, then the keyboard: ArrowDown makes it the active option, Enter opens it.
      await page.keyboard.type("br");
      await expect.poll(() => list.getByRole("option").count()).toBe(1);
      await page.keyboard.press("ArrowDown");
      const active = await box.getAttribute("aria-activedescendant");
      expect(active).toBeTruthy();
      expect(await page.locator(`#${active}`).getAttribute("aria-selected")).toBe("true");
      await Promise.all([page.waitForURL(`**/projects/${w.records.own.id}`), page.keyboard.press("Enter")]);
      await page.locator("h1", { hasText: w.records.own.name }).waitFor();

      // Escape closes the list; a second Escape clears the box.
      await box.fill("jz");
      await list.getByRole("option").first().waitFor();
      await page.keyboard.press("Escape");
      expect(await box.getAttribute("aria-expanded")).toBe("false");
      await page.keyboard.press("Escape");
      expect(await box.inputValue()).toBe("");
      await page.context().close();
    },
    60_000,
  );

  it("without JavaScript the box submits to a results page grouped by kind", async () => {
    const w = server.data;
    const signedIn = await signInPage(browser, server.baseUrl, w.logins.staff);
    const cookies = await signedIn.context().cookies();
    await signedIn.context().close();
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: { width: 390, height: 844 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    await page.locator("header").getByRole("combobox", { name: "搜索" }).fill("jzbr");
    await Promise.all([page.waitForURL("**/search?q=jzbr"), page.locator("header").getByRole("combobox", { name: "搜索" }).press("Enter")]);
    const projects = page.getByRole("region", { name: "项目" });
    expect(await projects.getByRole("link").allInnerTexts()).toEqual([expect.stringContaining(w.records.own.name)]);
    await page.goto(`${server.baseUrl}/search?q=${encodeURIComponent(w.records.confidential.name)}`);
    expect(await page.getByRole("region", { name: "项目" }).count()).toBe(0);
    await context.close();
  });
});
