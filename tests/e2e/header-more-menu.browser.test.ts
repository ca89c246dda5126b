// The header at a desk in a real Chromium: a role's entries that fit stay in the one row, the rest are in 更多
// (decision 039). Every entry is reachable exactly once, none is cut, 更多 is a menu button (keys, Escape, a
// click outside) and opens without JavaScript too; the current page's entry is marked even inside 更多.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 1200, height: 900 };

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

/** Waits until the page's script has measured the row (without it, pass measured = false). */
async function header(page: Page, measured = true) {
  if (measured) await page.locator("header nav[data-measured]").waitFor({ state: "attached" });
  return {
    more: page.locator("header .more-menu > summary"),
    menu: page.locator("header .more-menu ul"),
  };
}

/** The row's visible entries and 更多's, each checked whole inside the header's row and left of the user's links. */
async function reachableEntries(page: Page) {
  const { more, menu } = await header(page, false);
  const headerBox = (await page.locator("header.shell-header").boundingBox())!;
  expect(headerBox.height).toBe(48);
  const userBox = (await page.locator("header .user-box").boundingBox())!;
  const problems: string[] = [];
  const check = async (target: Locator, what: string) => {
    const box = (await target.boundingBox())!;
    if (!inside(box, headerBox)) problems.push(`${what} outside the header: ${JSON.stringify(box)}`);
    if (box.x + box.width > userBox.x) problems.push(`${what} runs into the user's links`);
    // A label is whole: nothing of it hidden by the row's clipping.
    const cut = await target.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
    if (cut) problems.push(`${what} is cut`);
  };
  const row: string[] = [];
  for (const link of await page.locator("header .nav-links a").all()) {
    if (!(await link.isVisible())) continue;
    row.push((await link.getAttribute("href"))!);
    await check(link, `row entry ${await link.innerText()}`);
  }
  const inMore: string[] = [];
  if (await more.isVisible()) {
    await check(more, "更多");
    await more.click();
    await menu.waitFor();
    for (const item of await menu.getByRole("menuitem").all()) {
      if (await item.isVisible()) inMore.push((await item.getAttribute("href"))!);
    }
    await more.click();
    await menu.waitFor({ state: "hidden" });
  }
  return { row, inMore, problems };
}

/** The role's whole navigation, as the server sent it (every entry once in the row's markup). */
function allEntries(page: Page) {
  return page.locator("header .nav-links a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
}

describe.each(browserKinds())("the header's 更多 menu (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    { role: "leader", login: (w: World) => w.logins.leader, first: "/overview" },
    { role: "staff", login: (w: World) => w.logins.staff, first: "/my" },
    { role: "manager", login: (w: World) => w.logins.manager, first: "/projects" },
  ])(
    "$role at 1440 and 1200 px: every entry in the row or in 更多, once, none cut, one row",
    async ({ login, first }) => {
      const page = await signInPage(browser, server.baseUrl, login(server.data));
      const rows: Record<number, number> = {};
      for (const size of [WIDE, NARROW]) {
        await page.setViewportSize(size);
        await page.goto(`${server.baseUrl}${first}`);
        await header(page);
        const all = await allEntries(page);
        const { row, inMore, problems } = await reachableEntries(page);
        expect(problems, `${size.width} px`).toEqual([]);
        expect([...row, ...inMore], `${size.width} px`).toEqual(all);
        // The role's first page stays in the row.
        expect(row[0]).toBe(first);
        rows[size.width] = row.length;
      }
      // A wider window holds at least as many entries.
      expect(rows[WIDE.width]).toBeGreaterThanOrEqual(rows[NARROW.width]);
      await page.context().close();
    },
    120_000,
  );

  it("a leader's twelve entries do not all fit at 1440 px: the reports stay in the row, the rest are in 更多", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.leader);
    await header(page);
    const { row, inMore } = await reachableEntries(page);
    expect(row.slice(0, 5)).toEqual(["/overview", "/reports/three-batches", "/reports/scorecard", "/reports/targets", "/reports/trends"]);
    expect(inMore).toContain("/policies");
    await page.context().close();
  });

  it("the keyboard opens 更多, moves through it, and Escape closes it and returns to the button; a click outside closes it", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.leader);
    const { more, menu } = await header(page);
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    expect(await more.getAttribute("aria-haspopup")).toBe("menu");
    expect(await more.getAttribute("aria-expanded")).toBe("false");

    await more.focus();
    await page.keyboard.press("Enter");
    await menu.waitFor();
    // aria-expanded follows the details' toggle event, which the browser fires a task after the details open.
    await expect.poll(() => more.getAttribute("aria-expanded")).toBe("true");
    const items = menu.getByRole("menuitem").filter({ visible: true });
    const names = await items.allInnerTexts();
    expect(names.length).toBeGreaterThan(1);

    // Arrows move through the entries (wrapping round), Tab too.
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe(names[0]);
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe(names[1]);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await focused()).toBe(names.at(-1));
    await page.keyboard.press("Home");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe(names[1]);

    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "hidden" });
    await expect.poll(() => more.getAttribute("aria-expanded")).toBe("false");
    expect(await more.evaluate((summary) => summary === document.activeElement)).toBe(true);

    // Space opens it as well; ArrowDown on the closed button opens it at the first entry.
    await page.keyboard.press("Space");
    await menu.waitFor();
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "hidden" });
    await page.keyboard.press("ArrowDown");
    await menu.waitFor();
    expect(await focused()).toBe(names[0]);

    // Enter on an entry opens its page, and the menu is closed there.
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname !== "/overview");
    await menu.waitFor({ state: "hidden" });

    await more.click();
    await menu.waitFor();
    await page.locator("main h1").first().click();
    await menu.waitFor({ state: "hidden" });
    await expect.poll(() => more.getAttribute("aria-expanded")).toBe("false");
    await page.context().close();
  });

  it("the current page's entry is marked inside 更多, and 更多 with it", async () => {
    const page = await signInPage(browser, server.baseUrl, server.data.logins.leader);
    await page.goto(`${server.baseUrl}/policies`);
    const { more, menu } = await header(page);
    const weight = (l: Locator) => l.evaluate((e) => getComputedStyle(e).fontWeight);
    // The row marks no entry; 更多 is marked like a current entry would be.
    expect(await page.locator('header .nav-links a[aria-current="page"]').isVisible()).toBe(false);
    expect(await weight(more)).toBe("600");
    await more.click();
    const current = menu.getByRole("menuitem", { name: "政策库" });
    expect(await current.getAttribute("aria-current")).toBe("page");
    expect(await weight(current)).toBe("600");

    // On a page whose entry is in the row, 更多 is not marked.
    await page.goto(`${server.baseUrl}/overview`);
    await header(page);
    expect(await weight(more)).not.toBe("600");
    await page.context().close();
  });

  it("without JavaScript 更多 opens, and every entry is in the row or in it, none cut", async () => {
    const signedIn = await signInPage(browser, server.baseUrl, server.data.logins.leader);
    const cookies = await signedIn.context().cookies();
    await signedIn.context().close();
    for (const viewport of [WIDE, NARROW]) {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport });
      await context.addCookies(cookies);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/overview`);
      const all = await allEntries(page);
      const { row, inMore, problems } = await reachableEntries(page);
      expect(problems, `${viewport.width} px`).toEqual([]);
      expect([...row, ...inMore], `${viewport.width} px`).toEqual(all);
      expect(inMore.length, `${viewport.width} px`).toBeGreaterThan(0);
      await context.close();
    }
  });
});
