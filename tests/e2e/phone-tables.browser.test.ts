// Every list on a phone (390×844): rows become cards that show the row's title, and no page slides sideways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

type Card = { display: string; title: string; titleLabel: string; right: number };
type Measure = { scrollWidth: number; innerWidth: number; tables: number; cards: Card[] };

/** The page's width against the window, and for each table the first row's card: its display and visible title. */
async function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const tables = [...document.querySelectorAll<HTMLTableElement>("main table.data")];
    const cards = tables.flatMap((table) => {
      const row = table.querySelector<HTMLTableRowElement>("tbody tr");
      if (!row || row.querySelector("td.empty")) return [];
      const title = row.querySelector<HTMLElement>('[data-card="title"]');
      return [
        {
          display: getComputedStyle(row).display,
          title: title && title.getBoundingClientRect().height > 0 ? title.innerText.trim() : "",
          // The title stands alone: no "column: value" label before it.
          titleLabel: title ? getComputedStyle(title, "::before").content : "none",
          right: Math.round(row.getBoundingClientRect().right),
        },
      ];
    });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, tables: tables.length, cards };
  });
}

async function phone(browser: Browser, baseUrl: string, login: string): Promise<Page> {
  const page = await signInPage(browser, baseUrl, login);
  await page.setViewportSize({ width: 390, height: 844 });
  return page;
}

describe.each(browserKinds())("lists on a phone (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens each page and checks that it fits and that every table's first row is a card with a title. */
  async function walk(page: Page, paths: string[]): Promise<Record<string, Measure>> {
    const seen: Record<string, Measure> = {};
    for (const path of paths) {
      const response = await page.goto(`${server.baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      const m = await measure(page);
      if (process.env.PHONE_SHOTS) await page.screenshot({ path: `${process.env.PHONE_SHOTS}/${path.replace(/[^a-z0-9]+/gi, "_")}.png` });
      expect({ path, fits: m.scrollWidth <= m.innerWidth, scrollWidth: m.scrollWidth }).toEqual({ path, fits: true, scrollWidth: m.scrollWidth });
      for (const card of m.cards) {
        expect(card.display, path).toBe("block");
        expect(card.title, path).not.toBe("");
        expect(card.titleLabel, path).toBe("none");
        expect(card.right, path).toBeLessThanOrEqual(m.innerWidth);
      }
      seen[path] = m;
    }
    return seen;
  }

  it("staff see their desk, projects, investors, handoffs and requests as cards", async () => {
    const w = server.data;
    const page = await phone(browser, server.baseUrl, w.logins.staff);
    const seen = await walk(page, [
      "/my",
      `/projects?q=${encodeURIComponent(w.records.own.name)}`,
      "/projects",
      `/projects/${w.records.own.id}`,
      "/investors",
      `/investors/${w.investors.ownCompany}`,
      "/handoffs",
      "/notifications",
    ]);
    // The project list's card is titled by the project's name.
    expect(seen[`/projects?q=${encodeURIComponent(w.records.own.name)}`]!.cards[0]!.title).toContain(w.records.own.name);
    expect(seen["/projects"]!.cards.length).toBeGreaterThan(0);
    expect(seen["/investors"]!.cards.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it("a manager's team, chasing list, imports and service requests fit the phone", async () => {
    const w = server.data;
    const page = await phone(browser, server.baseUrl, w.logins.manager);
    const seen = await walk(page, ["/pipeline/team", "/pipeline/chasing", "/imports", "/service-requests", "/handoffs"]);
    expect(seen["/pipeline/team"]!.cards.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it("the leader's overview shows each company as a card", async () => {
    const page = await phone(browser, server.baseUrl, server.data.logins.leader);
    const seen = await walk(page, ["/overview"]);
    expect(seen["/overview"]!.cards).toHaveLength(1);
    await page.context().close();
  });

  it("an admin's users and tokens fit the phone", async () => {
    const w = server.data;
    const page = await phone(browser, server.baseUrl, w.logins.admin);
    const seen = await walk(page, ["/admin/users", "/admin/tokens", `/admin/users/${w.users.ownZone}`]);
    expect(seen["/admin/users"]!.cards.length).toBe(1);
    await page.context().close();
  });
});
