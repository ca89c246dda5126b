// Words and numbers one way everywhere (issue 19, item 7): every role signs in on demo-like data, opens every page
// of its navigation, the header's pages and a project page with a change history, and reads what a person sees
// (the rendered text, not attributes or scripts). No page may show a raw key of the schema's enums ("contacted",
// "signed") or a count or sum of money of 1,000 or more without its thousands separators ("1855", "50000").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import * as values from "../../app/lib/domain-values";
import { auditLog, projectEvents } from "../../db/schema";
import type { Database } from "../../db/index";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

/** Every value of every enum of the schema (db/schema/enums.ts takes them from domain-values). */
const ENUM_KEYS = [
  ...new Set((Object.values(values) as unknown[]).filter((v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string")).flat()),
];

/**
 * Raw enum keys standing as whole Latin words in the text (a key inside an identifier such as a test user's name
 * "staff-3" or an e-mail address is not a word of the text).
 */
function rawKeysIn(text: string): string[] {
  const found = new Set<string>();
  for (const key of ENUM_KEYS) {
    if (new RegExp(`(?<![A-Za-z0-9_@.-])${key}(?![A-Za-z0-9_@-])`).test(text)) found.add(key);
  }
  return [...found];
}

/**
 * Runs of four or more digits that are a count or a sum shown without separators. Not flagged: dates and times
 * (digits joined by - or :), years (a four-digit 19xx/20xx), codes and logins (digits joined to letters, -, _),
 * mobile phones (11 digits from 1), USCCs (18 characters) and the fraction of a decimal.
 */
function unformattedNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\dA-Za-z_\-:.#])\d{4,}(?![\dA-Za-z_\-:])/g)) {
    const run = m[0];
    const around = text.slice(Math.max(0, m.index - 12), m.index + run.length + 12).replace(/\s+/g, " ");
    if (run.length === 4 && /^(19|20)\d\d$/.test(run) && !/^\.\d/.test(text.slice(m.index + 4))) continue; // a year
    if (/^1[3-9]\d{9}$/.test(run)) continue; // a mobile phone
    if (run.length === 18) continue; // a USCC of digits only
    found.push(`${run} in "${around}"`);
  }
  return found;
}

/**
 * What the reader sees of the page: its rendered text, without attributes, scripts or hidden parts, and without
 * identifiers the page marks translate="no" (logins such as "admin", which are names, not dictionary words).
 */
function visibleText(page: Page) {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('[translate="no"], script, style, template')) el.remove();
    // innerText needs layout: measure the copy in place of the page, then put the page back.
    const original = document.body;
    original.replaceWith(copy);
    const text = copy.innerText;
    copy.replaceWith(original);
    return text;
  });
}

/** A change history like the one of the issue: a stage move, money, a channel and a lost reason, by their keys. */
async function addHistory(db: Database, w: World) {
  const projectId = w.records.own.id;
  const actorId = w.users.ownZone;
  const at = new Date("2026-11-20T02:00:00Z");
  await db.insert(auditLog).values([
    {
      zoneId: w.zoneId,
      actorId,
      entity: "project",
      entityId: projectId,
      action: "update",
      before: { contractedInvestmentWan: null, plannedInvestmentWan: "1855", sourceChannel: "exhibition", investmentType: "new", jobs: 1200 },
      after: {
        contractedInvestmentWan: "50000",
        plannedInvestmentWan: "3869470.5",
        sourceChannel: "online",
        investmentType: "expansion",
        jobs: 1500,
      },
      at,
    },
    {
      zoneId: w.zoneId,
      actorId,
      entity: "project",
      entityId: projectId,
      action: "stage_forward",
      before: { stage: "lead" },
      after: { stage: "contacted", contactedOn: "2026-11-21" },
      at: new Date(at.getTime() + 60_000),
    },
    {
      zoneId: w.zoneId,
      actorId,
      entity: "project",
      entityId: projectId,
      action: "status",
      before: { status: "active", lostReason: null },
      after: { status: "on_hold", lostReason: "other_location", reviewOutcome: "approved" },
      at: new Date(at.getTime() + 120_000),
    },
  ]);
  await db.insert(projectEvents).values({ projectId, actorId, kind: "stage", fromStage: "lead", toStage: "contacted", businessOn: "2026-11-21" });
}

type Role = { name: string; login: (w: World) => string; extra: (w: World) => string[] };

const ROLES: Role[] = [
  {
    name: "staff",
    login: (w) => w.logins.staff,
    extra: (w) => [`/projects/${w.records.own.id}`, `/investors/${w.investors.ownCompany}`, "/handoffs"],
  },
  {
    name: "manager",
    login: (w) => w.logins.manager,
    extra: (w) => [`/projects/${w.records.own.id}`, "/pipeline/funnel", "/pipeline/chasing", "/pipeline/team", "/handoffs"],
  },
  { name: "demo staff", login: () => "bdt_s1", extra: () => ["/handoffs"] },
  { name: "demo manager", login: () => "bdt_mgr", extra: () => ["/pipeline/funnel", "/pipeline/chasing", "/pipeline/team", "/handoffs"] },
  {
    name: "leader",
    login: (w) => w.logins.leader,
    extra: (w) => [
      `/projects/${w.records.own.id}`,
      "/reports/three-batches?preset=year&compare=yoy",
      "/pipeline/funnel?view=cumulative",
      "/reports/scorecard",
      "/reports/trends",
      "/reports/targets",
      "/pipeline/funnel",
      "/service-requests/deadlines",
    ],
  },
  { name: "admin", login: (w) => w.logins.admin, extra: (w) => [`/projects/${w.records.own.id}`] },
];

describe("the page-text checks", () => {
  it("find raw keys and unformatted figures, and pass dates, codes, phones and formatted figures", () => {
    expect(rawKeysIn("阶段：lead → contacted")).toEqual(["lead", "contacted"]);
    expect(rawKeysIn("阶段：线索 → 首次接洽 English XLSX bdt_s1 staff-3 lead@zone.cn")).toEqual([]);
    expect(unformattedNumbersIn("合计 1855 漏斗 1855/1462 — → 50000 3,869,470.5")).toHaveLength(4);
    expect(
      unformattedNumbersIn("2026-11-27 10:30 · 2026 年 · XM-2026-0042 · 13912345678 · 91140100MA0L123456 · 1,855 · 3,869,470.50 · 0.1234"),
    ).toEqual([]);
  });
});

describe.each(browserKinds())("words and numbers on every page (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(kind, async (db, { filesDir }) => {
        // Enough projects that the zone's counts pass a thousand (not a year-like 2000).
        const w = await prepareWorld(db, { filesDir, demoProjects: 1500 });
        await addHistory(db, w);
        return w;
      }),
      launchBrowser(),
    ]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(ROLES)(
    "$name: no page shows a raw enum key or a figure of 1,000 or more without separators",
    async (role) => {
      const w = server.data;
      const page = await signInPage(browser, server.baseUrl, role.login(w));
      await page.locator("header nav a").first().waitFor({ state: "attached" });
      const nav = await page.locator("header nav a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(nav.length, `navigation at ${page.url()}`).toBeGreaterThan(0);
      const paths = [...new Set([...nav, "/notifications", ...role.extra(w)])];
      const problems: string[] = [];
      for (const path of paths) {
        const response = await page.goto(server.baseUrl + path);
        if (response?.status() !== 200) {
          problems.push(`${path}: status ${response?.status()}`);
          continue;
        }
        const text = await visibleText(page);
        for (const key of rawKeysIn(text)) problems.push(`${path}: raw key "${key}"`);
        for (const figure of unformattedNumbersIn(text)) problems.push(`${path}: unformatted ${figure}`);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    },
    240_000,
  );

  it("the change history reads in the dictionary's words and formatted money", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    const text = await visibleText(page);
    expect(text).toContain("阶段：线索 → 首次接洽");
    expect(text).toContain("— → 50,000.00");
    expect(text).toContain("1,855.00 → 3,869,470.50");
    expect(text).toContain("展会招商 → 网络招商");
    await page.context().close();
  });
});
