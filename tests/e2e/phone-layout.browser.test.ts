// Every role's pages on a phone (390×844) and at a desk (1440×900), in a real Chromium: the page never scrolls
// sideways, the menu button opens the navigation and reaches 移交协办, 通知, English and 退出, touch targets are at
// least 44 px, and the desktop header stays one row without the menu button. At 1024 px (a tablet, a small
// laptop) the menu button's panel lists every entry, with no 更多 (header-more-menu.browser.test.ts: the desk).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { samplePng } from "../support/evidence";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };
const DESK = { width: 1440, height: 900 };

type Role = { name: string; login: (w: World) => string; extra: (w: World) => string[]; handoffs: boolean };

// Each role's pages beyond its navigation: a project page, an investor page and the new-activity form where the
// role may open them, and the other forms staff fill in on the road.
const ROLES: Role[] = [
  {
    name: "staff",
    login: (w) => w.logins.staff,
    handoffs: true,
    extra: (w) => {
      const p = w.records.own.id;
      return [
        `/projects/${p}`,
        `/investors/${w.investors.ownCompany}`,
        `/projects/${p}/activities/new`,
        `/projects/${p}/edit`,
        `/projects/${p}/stage`,
        `/projects/${p}/handoff`,
        "/projects/new",
        "/investors/new",
        `/investors/${w.investors.ownCompany}/edit`,
        "/account",
      ];
    },
  },
  {
    name: "manager",
    login: (w) => w.logins.manager,
    handoffs: true,
    extra: (w) => [
      `/projects/${w.records.ownCompany.id}`,
      `/investors/${w.investors.ownCompany}`,
      `/projects/${w.records.ownCompany.id}/activities/new`,
      "/pipeline/funnel",
      "/pipeline/chasing",
      "/pipeline/team",
      `/handoffs/${w.handoffs.matrix.incoming.id}`,
    ],
  },
  {
    name: "leader",
    login: (w) => w.logins.leader,
    handoffs: true,
    extra: (w) => [`/projects/${w.records.own.id}`, `/investors/${w.investors.ownCompany}`, "/service-requests/deadlines"],
  },
  {
    name: "admin",
    login: (w) => w.logins.admin,
    handoffs: false,
    extra: (w) => [`/projects/${w.records.own.id}`, "/admin/users/new"],
  },
  {
    // The 综合招商 company's staff: its own lead, and the hotline's enterprise-request form.
    name: "service staff",
    login: (w) => w.handoffs.logins.serviceStaff,
    handoffs: true,
    extra: (w) => [`/projects/${w.handoffs.lead.id}`, `/projects/${w.handoffs.lead.id}/activities/new`, "/service-requests/new"],
  },
];

/** How far the page reaches past the window's right edge (0 when it does not scroll sideways). */
function overflowOf(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Visits each path and returns those that scroll sideways or do not open, with by how much. */
async function pagesThatOverflow(page: Page, baseUrl: string, paths: string[]) {
  const bad: string[] = [];
  for (const path of paths) {
    const response = await page.goto(baseUrl + path);
    if (response?.status() !== 200) {
      bad.push(`${path}: status ${response?.status()}`);
      continue;
    }
    // Parts that appear once the page runs its script (e.g. the evidence form's camera button) count too.
    await page.waitForLoadState("networkidle");
    const over = await overflowOf(page);
    if (over > 0) bad.push(`${path}: ${over} px too wide`);
  }
  return bad;
}

describe.each(browserKinds())("every page on a phone and at a desk (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ files: true })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(ROLES)(
    "$name: the menu button reaches every page, and no page scrolls sideways at 390 px",
    async (role) => {
      const w = server.data;
      const page = await signInPage(browser, server.baseUrl, role.login(w));
      await page.setViewportSize(PHONE);
      await page.reload();

      // Closed, the menu shows only its button: the navigation and 退出 are hidden.
      const menu = page.locator("header summary", { hasText: "菜单" });
      const logout = page.getByRole("button", { name: "退出" });
      await menu.waitFor();
      expect(await logout.isVisible()).toBe(false);
      expect(await page.locator("header .nav-links a").first().isVisible()).toBe(false);

      // Open: every link of the navigation, 通知, English and 退出 within the screen, each at least 44 px tall.
      await menu.click();
      await logout.waitFor();
      const targets = [
        ...(await page.locator("header .nav-links a").all()),
        ...(role.handoffs ? [page.getByRole("link", { name: /^移交协办/ })] : []),
        page.getByRole("link", { name: /^通知/ }),
        page.getByRole("button", { name: "English" }),
        logout,
      ];
      for (const target of targets) {
        const box = (await target.boundingBox())!;
        expect(box, await target.innerText()).not.toBeNull();
        expect(box.height, await target.innerText()).toBeGreaterThanOrEqual(44);
        expect(box.x + box.width, await target.innerText()).toBeLessThanOrEqual(PHONE.width);
      }
      expect(await overflowOf(page)).toBeLessThanOrEqual(0);
      const nav = await page.locator("header .nav-links a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(nav.length).toBeGreaterThan(0);

      // Following a link of the menu closes it on the next page.
      const second = page.locator("header .nav-links a").nth(nav.length > 1 ? 1 : 0);
      await Promise.all([page.waitForURL((url) => url.pathname === new URL(server.baseUrl + nav[nav.length > 1 ? 1 : 0]).pathname), second.click()]);
      await expect.poll(() => logout.isVisible()).toBe(false);

      // Every page of the navigation, the header's own pages and the role's other pages: none wider than the phone.
      const paths = [...nav, ...(role.handoffs ? ["/handoffs"] : []), "/notifications", ...role.extra(w)];
      expect(await pagesThatOverflow(page, server.baseUrl, paths)).toEqual([]);

      // At 1024 px the menu button, not 更多: its panel lists every entry of the navigation, whole, on the screen.
      await page.setViewportSize(TABLET);
      await page.goto(server.baseUrl + nav[0]);
      await menu.click();
      await logout.waitFor();
      expect(await page.locator("header .more-menu").isVisible()).toBe(false);
      for (const link of await page.locator("header .nav-links a").all()) {
        const box = (await link.boundingBox())!;
        expect(box, await link.innerText()).not.toBeNull();
        expect(box.x + box.width, await link.innerText()).toBeLessThanOrEqual(TABLET.width);
      }
      expect(await overflowOf(page)).toBeLessThanOrEqual(0);

      // The same pages at a desk: one header row with no menu button, nothing wider than the window.
      await page.setViewportSize(DESK);
      await page.goto(server.baseUrl + nav[0]);
      expect(await menu.isVisible()).toBe(false);
      expect(await logout.isVisible()).toBe(true);
      const header = (await page.locator("header.shell-header").boundingBox())!;
      expect(header.height).toBe(48);
      expect(await pagesThatOverflow(page, server.baseUrl, paths)).toEqual([]);
      await page.context().close();
      // Some twenty pages at two widths, each waited for until its script has run: more than the default minute.
    },
    240_000,
  );

  it("without JavaScript the menu still opens and reaches 退出", async () => {
    const w = server.data;
    const signedIn = await signInPage(browser, server.baseUrl, w.logins.staff);
    const cookies = await signedIn.context().cookies();
    await signedIn.context().close();
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: PHONE });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    const logout = page.getByRole("button", { name: "退出" });
    expect(await logout.isVisible()).toBe(false);
    await page.locator("header summary", { hasText: "菜单" }).click();
    expect(await logout.isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "公司项目" }).isVisible()).toBe(true);
    await context.close();
  });

  it("on the phone, a site photo taken with the camera button is uploaded as the milestone's evidence", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.setViewportSize(PHONE);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    const panel = page.locator("#evidence");
    // The camera opens from its own input (the back camera, photos only); the form's field still takes a PDF.
    const camera = panel.getByLabel("拍照");
    expect(await camera.getAttribute("capture")).toBe("environment");
    expect(await camera.getAttribute("accept")).toBe("image/jpeg,image/png");
    expect(await panel.getByLabel("文件").getAttribute("capture")).toBeNull();
    expect(await panel.getByLabel("文件").getAttribute("accept")).toContain(".pdf");
    await panel.getByLabel("所属节点").selectOption("construction");
    await camera.setInputFiles({ name: "开工现场.png", mimeType: "image/png", buffer: samplePng(40, 30) });
    expect(await panel.getByLabel("文件").evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe("开工现场.png");
    await Promise.all([page.waitForURL(/#evidence$/), panel.getByRole("button", { name: "上传" }).click()]);
    await page.getByRole("status").filter({ hasText: "开工现场.png" }).waitFor();
    expect(await panel.locator(".evidence-group", { hasText: "开工" }).getByRole("link", { name: "开工现场.png" }).count()).toBe(1);
    await page.context().close();
  });

  it("a form on the phone: one column, fields and the save button at least 44 px and within reach", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.setViewportSize(PHONE);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}/activities/new`);
    const controls = page.locator(
      "main input:visible:not([type=checkbox]):not([type=radio]), main select:visible, main textarea:visible, main button:visible",
    );
    const boxes = await controls.evaluateAll((elements) =>
      elements.map((e) => {
        const r = e.getBoundingClientRect();
        return { name: e.getAttribute("name") ?? e.textContent, left: r.left, right: r.right, height: r.height };
      }),
    );
    expect(boxes.length).toBeGreaterThan(3);
    for (const box of boxes) {
      expect(box.height, String(box.name)).toBeGreaterThanOrEqual(44);
      expect(box.right, String(box.name)).toBeLessThanOrEqual(PHONE.width);
    }
    // One column: the type and the date fields sit one under the other.
    const type = (await page.getByLabel("类型").boundingBox())!;
    const date = (await page.getByLabel("日期", { exact: true }).boundingBox())!;
    expect(date.y).toBeGreaterThan(type.y + type.height);
    // The save button is reachable by scrolling, inside the screen's width.
    const save = page.getByRole("button", { name: "保存" });
    await save.scrollIntoViewIfNeeded();
    const box = (await save.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await page.context().close();
  });
});
