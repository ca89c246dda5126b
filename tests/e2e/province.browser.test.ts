// The province leader in a real Chromium (issue 20): signs in with a second factor, sees the province's totals
// (published and live side by side, units stated), drills province → city → zone → company → the projects behind
// a number — the confidential one counted, never named —, at 1440 px and at 390 px without sideways scrolling.
// A city leader reaching another city's zone gets a 404. PGlite only: the point is the pages, not the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { CONFIDENTIAL_NAME, prepareProvince } from "../support/province-world";

const SHOTS = process.env.SHOTS;
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the province's pages in Chromium (pglite)", () => {
  let server: TestServer<Awaited<ReturnType<typeof prepareProvince>>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite", (db) => prepareProvince(db)), launchBrowser()]);
    page = await signInPage(browser, server.baseUrl, "province");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`at ${viewport.width} px: the total, then province → city → zone → company → projects`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(`${server.baseUrl}/province?from=2026-03-01&to=2026-03-31`);
      await page.getByRole("heading", { name: "全省三个一批" }).waitFor();
      // Both totals, what each counts, the units.
      expect(await page.getByTestId("total-live-signed").textContent()).toBe("5 个46,696.27 万元（4.67 亿元）");
      expect(await page.getByTestId("total-published-signed").textContent()).toBe("2 个13,145.77 万元（1.31 亿元）");
      expect(await page.getByTestId("total-published").textContent()).toContain("3 个开发区中已发布本期的 1 个");
      // Two zones have not published March; the reference zone shows its published figures.
      expect(await page.getByTestId("by-zone").getByTestId("not-published").count()).toBe(2);
      expect(await page.getByTestId("by-cluster").textContent()).toContain("节能环保");
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/province-${viewport.width}.png`, fullPage: true });

      // The tables' links (CellLink) navigate in the app: the page is not reloaded, so this mark survives.
      await page.evaluate(() => Object.assign(window, { stayedInApp: "yes" }));
      await Promise.all([page.waitForURL(/\/province\/cities\/datong/), page.getByTestId("by-city").getByRole("link", { name: "大同" }).click()]);
      await page.getByRole("heading", { name: "大同 · 三个一批" }).waitFor();
      expect(await page.getByTestId("city-total-signed-count").textContent()).toBe("2");
      expect(await sideways(page)).toBeLessThanOrEqual(0);

      await Promise.all([page.waitForURL(/\/province\/zones\/dtjk/), page.getByRole("link", { name: "大同经济技术开发区" }).click()]);
      await page.getByRole("heading", { name: /大同经济技术开发区 · 各公司三个一批/ }).waitFor();
      expect(await page.getByTestId("zone-published").textContent()).toContain("未发布");
      expect(await page.evaluate(() => (window as unknown as { stayedInApp?: string }).stayedInApp)).toBe("yes");
      expect(await sideways(page)).toBeLessThanOrEqual(0);

      // The 光伏 company's signing is the confidential project: counted, and its list does not name it.
      const row = page.getByTestId("zone-companies").getByRole("row", { name: /光伏产业招商服务公司/ });
      await Promise.all([page.waitForURL(/\/projects\?/), row.getByRole("link", { name: "1" }).first().click()]);
      await page.getByTestId("drill-down").waitFor();
      expect(await page.getByTestId("drill-hidden").count()).toBeGreaterThan(0);
      const html = await page.content();
      expect(html).not.toContain(CONFIDENTIAL_NAME);
      // Its money is in the company's total (it is counted), never on a row of its own.
      expect(await page.getByTestId("drill-hidden").textContent()).toBe("—保密项目签约—");
      expect(await page.getByTestId("drill-total-wan").textContent()).toBe("31,000.00");
      expect(await page.getByTestId("drill-down").locator("a").count()).toBe(0);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/province-projects-${viewport.width}.png`, fullPage: true });
    });
  }

  it("the tables download as the page shows them, the confidential project unnamed", async () => {
    const csv = async (path: string) => {
      const response = await page.request.get(`${server.baseUrl}${path}`);
      expect(response.status(), path).toBe(200);
      return response.text();
    };
    const zones = await csv("/province/export/zones?from=2026-03-01&to=2026-03-31&export=csv");
    expect(zones).toContain("大同经济技术开发区");
    expect(zones).toContain("未发布");
    expect(zones).toContain("13145.77");
    expect(await csv("/province/export/clusters?from=2026-03-01&to=2026-03-31&export=csv")).toContain("节能环保");
    expect(await csv("/province/export/targets?from=2026-03-01&to=2026-03-31&export=csv")).toContain("—");
    const projects = await csv("/province/export/zone-projects?zone=dtjk&from=2026-03-01&to=2026-03-31&export=csv");
    expect(projects).toContain("保密项目");
    expect(projects).toContain("大同余热利用项目");
    expect(projects).not.toContain(CONFIDENTIAL_NAME);
  });

  it("no project page opens for the province leader, and a city leader gets a 404 for another city's zone", async () => {
    expect((await page.goto(`${server.baseUrl}/projects`))?.status()).toBe(404);
    const city = await signInPage(browser, server.baseUrl, "taiyuan_leader");
    expect(new URL(city.url()).pathname).toBe("/province");
    await city.getByRole("heading", { name: "全市三个一批" }).waitFor();
    expect(await city.getByTestId("by-zone").textContent()).not.toContain("大同");
    expect((await city.goto(`${server.baseUrl}/province/zones/dtjk`))?.status()).toBe(404);
    expect((await city.goto(`${server.baseUrl}/province/cities/datong`))?.status()).toBe(404);
    expect((await city.goto(`${server.baseUrl}/province/zones/tyjk`))?.status()).toBe(200);
    await city.context().close();
  });
});
