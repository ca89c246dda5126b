// Issue 21 item 4: the speed measures — 注册→开工, 签约→开工, 开工→投产 and the approval items' days — in the
// scorecard, the trends and the company's speed page, held to the projects' and items' dates as this file writes
// them, computed here on their own (plain date arithmetic and a sort), not by the app's rule or SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { approvalCatalogue, projectApprovals, projects, users } from "../../db/schema";
import { quarterPeriod } from "../../app/lib/periods";
import type { Viewer } from "../../app/modules/auth/policy";
import { companySpeed } from "../../app/modules/approvals/speed.server";
import { scorecard } from "../../app/modules/reports/scorecard.server";
import { trends } from "../../app/modules/reports/trends.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const Q2 = quarterPeriod(2026, 2);

// The independent arithmetic: whole days between two dates, the median as the pages write it (one decimal).
const days = (from: string, to: string) =>
  (Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8))) / 86_400_000;
function median(values: number[]): string | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2).toFixed(1);
}
const inside = (on: string | null | undefined, from: string, to: string): on is string => !!on && on >= from && on <= to;

type ProjectSpec = {
  key: string;
  company: "a" | "b";
  confidential?: boolean;
  registeredOn?: string;
  signedOn?: string;
  constructionOn?: string;
  productionOn?: string;
};
// A's four starts of construction in Q2 (one confidential, one without a registration date) and one production
// start in Q2 from a January construction; B's one start without a registration date.
const PROJECTS: ProjectSpec[] = [
  { key: "p1", company: "a", registeredOn: "2026-03-01", signedOn: "2026-02-01", constructionOn: "2026-04-10" },
  { key: "p2", company: "a", registeredOn: "2026-04-20", signedOn: "2026-03-15", constructionOn: "2026-05-05" },
  { key: "p3", company: "a", confidential: true, registeredOn: "2026-01-10", signedOn: "2026-01-02", constructionOn: "2026-06-20" },
  { key: "p4", company: "a", signedOn: "2025-12-01", constructionOn: "2026-05-15", productionOn: "2026-06-25" },
  { key: "p5", company: "a", registeredOn: "2025-10-20", signedOn: "2025-10-01", constructionOn: "2026-01-10", productionOn: "2026-05-30" },
  { key: "b1", company: "b", signedOn: "2026-04-01", constructionOn: "2026-05-01" },
];

type ItemSpec = {
  project: string;
  type: "permit" | "eia" | null; // null: added by hand
  name?: string;
  allowedDays: number;
  submittedOn: string | null;
  approvedOn: string | null;
  notApplicable?: boolean;
};
const ITEMS: ItemSpec[] = [
  { project: "p1", type: "permit", allowedDays: 7, submittedOn: "2026-04-01", approvedOn: "2026-04-06" },
  { project: "p2", type: "permit", allowedDays: 11, submittedOn: "2026-05-01", approvedOn: "2026-05-12" }, // on the last allowed day: within
  { project: "p3", type: "permit", allowedDays: 10, submittedOn: "2026-05-10", approvedOn: "2026-05-30" }, // slowest permit, confidential
  { project: "p1", type: "eia", allowedDays: 30, submittedOn: "2026-03-01", approvedOn: "2026-04-15" },
  { project: "p2", type: "eia", allowedDays: 30, submittedOn: "2026-04-01", approvedOn: "2026-04-21" },
  { project: "p4", type: null, name: "临时用电报装", allowedDays: 5, submittedOn: "2026-06-01", approvedOn: "2026-06-03" },
  // Not counted in Q2: not applicable, approved without a submission date, not yet approved, approved in July.
  { project: "p4", type: "eia", allowedDays: 30, submittedOn: "2026-04-01", approvedOn: "2026-04-02", notApplicable: true },
  { project: "p5", type: "permit", allowedDays: 7, submittedOn: null, approvedOn: "2026-05-01" },
  { project: "p5", type: "eia", allowedDays: 30, submittedOn: "2026-05-01", approvedOn: null },
  { project: "p2", type: null, name: "临时用电报装", allowedDays: 5, submittedOn: "2026-06-20", approvedOn: "2026-07-05" },
];
const granted = (i: ItemSpec) => !i.notApplicable && i.submittedOn !== null && i.approvedOn !== null;

/** The spans' samples of a company (or all) in a period, from the specs. */
function spanDays(company: "a" | "b" | null, from: string, to: string) {
  const mine = PROJECTS.filter((p) => company === null || p.company === company);
  return {
    r2c: mine.filter((p) => inside(p.constructionOn, from, to) && p.registeredOn).map((p) => days(p.registeredOn!, p.constructionOn!)),
    s2c: mine.filter((p) => inside(p.constructionOn, from, to) && p.signedOn).map((p) => days(p.signedOn!, p.constructionOn!)),
    c2p: mine.filter((p) => inside(p.productionOn, from, to) && p.constructionOn).map((p) => days(p.constructionOn!, p.productionOn!)),
  };
}
function itemsIn(company: "a" | "b" | null, from: string, to: string) {
  return ITEMS.filter((i) => granted(i) && inside(i.approvedOn, from, to)).filter(
    (i) => company === null || PROJECTS.find((p) => p.key === i.project)!.company === company,
  );
}

describe.each(databaseKinds())("speed measures against the dates (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const [leader] = await db.db.select().from(users).where(eq(users.id, ref.leaderId));
    const ids = new Map<string, number>();
    for (const spec of PROJECTS) {
      const side = spec.company === "a" ? a : b;
      const owner = spec.confidential ? side.staff2 : side.staff1;
      const p = await createProject(db.db, {
        zoneId: ref.zoneId,
        companyId: side.company.id,
        clusterId: ref.clusters[0].id,
        ownerId: owner.id,
        name: `速度${spec.key}`,
        stage: spec.productionOn ? "production" : "construction",
        confidential: spec.confidential,
        contractedInvestmentWan: "1000.00",
        signedOn: spec.signedOn,
        constructionOn: spec.constructionOn,
        productionOn: spec.productionOn,
      });
      await db.db
        .update(projects)
        .set({ registeredOn: spec.registeredOn ?? null })
        .where(eq(projects.id, p.id));
      ids.set(spec.key, p.id);
    }
    const catalogue = await db.db
      .insert(approvalCatalogue)
      .values([
        { zoneId: ref.zoneId, code: "speed_permit", name: "施工许可（速度测试）", authority: "住建局", allowedDays: 7, sortOrder: 1 },
        { zoneId: ref.zoneId, code: "speed_eia", name: "环评（速度测试）", authority: "生态环境局", allowedDays: 30, sortOrder: 2 },
      ])
      .returning();
    const catalogueOf = { permit: catalogue[0], eia: catalogue[1] };
    const itemIds: number[] = [];
    for (const spec of ITEMS) {
      const c = spec.type ? catalogueOf[spec.type] : null;
      const [row] = await db.db
        .insert(projectApprovals)
        .values({
          projectId: ids.get(spec.project)!,
          catalogueId: c?.id ?? null,
          // The checklist keeps the name it was copied with; the page shows the catalogue's name of today.
          name: c ? `旧名${c.name}` : spec.name!,
          authority: c?.authority ?? "供电公司",
          allowedDays: spec.allowedDays,
          sortOrder: c?.sortOrder ?? 9,
          submittedOn: spec.submittedOn,
          approvedOn: spec.approvedOn,
          notApplicable: spec.notApplicable ?? false,
        })
        .returning({ id: projectApprovals.id });
      itemIds.push(row.id);
    }
    return { ref, a, b, leader: leader as Viewer, ids, catalogueOf };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  it("the scorecard's 注册→开工, 签约→开工, 开工→投产 and approval measures are the dates' medians", async () => {
    const card = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "all" });
    for (const side of ["a", "b"] as const) {
      const row = card.rows.find((r) => r.id === w[side].company.id)!;
      const spans = spanDays(side, Q2.from, Q2.to);
      const items = itemsIn(side, Q2.from, Q2.to);
      const within = items.filter((i) => days(i.submittedOn!, i.approvedOn!) <= i.allowedDays).length;
      expect(row.values, side).toMatchObject({
        daysRegisterToConstruction: median(spans.r2c),
        daysSignToConstruction: median(spans.s2c),
        daysConstructionToProduction: median(spans.c2p),
        daysApproval: median(items.map((i) => days(i.submittedOn!, i.approvedOn!))),
        approvalWithinAllowedPercent: items.length ? ((100 * within) / items.length).toFixed(1) : null,
      });
    }
    // What those are, written out once: A's starts 40, 15 and 161 days after registration (p4 has no registration
    // date: left out, not 0); items 5, 11, 20, 45, 20 and 2 days, four within their allowed days (11 of 11 is).
    const a = card.rows.find((r) => r.id === w.a.company.id)!;
    expect(a.values).toMatchObject({ daysRegisterToConstruction: "40.0", daysApproval: "15.5", approvalWithinAllowedPercent: "66.7" });
  });

  it("a company without the dates is missing on them, with the reason, never 0; and they weigh 0 by default", async () => {
    const card = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "all" });
    const b = card.rows.find((r) => r.id === w.b.company.id)!;
    expect(b.values).toMatchObject({ daysRegisterToConstruction: null, daysApproval: null, approvalWithinAllowedPercent: null });
    expect(b.values.daysSignToConstruction).toBe("30.0");
    expect(b.reasons).toMatchObject({
      daysRegisterToConstruction: "noRegisteredStart",
      daysApproval: "noApprovals",
      approvalWithinAllowedPercent: "noApprovals",
    });
    const idle = card.rows.find((r) => r.id !== w.a.company.id && r.id !== w.b.company.id)!;
    expect(idle.reasons).toMatchObject({ daysRegisterToConstruction: "noConstruction" });
    expect(card.weights).toMatchObject({ daysRegisterToConstruction: 0, daysApproval: 0, approvalWithinAllowedPercent: 0 });
    expect(b.missing).not.toContain("daysApproval");
    // Weighted, the best gets 100 and the missing company nothing (rescaled), not a 0 that ranks it last.
    const weighted = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "all", weights: { ...card.weights, daysApproval: 10 } });
    const wb = weighted.rows.find((r) => r.id === w.b.company.id)!;
    expect(weighted.rows.find((r) => r.id === w.a.company.id)!.scores.daysApproval).toBe(100);
    expect(wb.scores.daysApproval).toBeNull();
    expect(wb.missing).toContain("daysApproval");
  });

  it("the trends give the zone's medians per month and each company's for the year", async () => {
    const tr = await trends(w.ref.zoneId, 2026, "owner");
    for (let m = 1; m <= 12; m++) {
      const from = `2026-${String(m).padStart(2, "0")}-01`;
      const to = `2026-${String(m).padStart(2, "0")}-31`; // string bounds: the 31st of a shorter month matches nothing
      const spans = spanDays(null, from, to);
      const items = itemsIn(null, from, to);
      const label = `month ${m}`;
      expect(tr.zone.speed.medians.registerToConstruction[m - 1], label).toBe(median(spans.r2c));
      expect(tr.zone.speed.medians.signToConstruction[m - 1], label).toBe(median(spans.s2c));
      expect(tr.zone.speed.medians.constructionToProduction[m - 1], label).toBe(median(spans.c2p));
      expect(tr.zone.speed.medians.approval[m - 1], label).toBe(median(items.map((i) => days(i.submittedOn!, i.approvedOn!))));
      expect(tr.zone.speed.counts.approval[m - 1], label).toBe(items.length);
      const within = items.filter((i) => days(i.submittedOn!, i.approvedOn!) <= i.allowedDays).length;
      expect(tr.zone.speed.approvalWithinPercent[m - 1], label).toBe(items.length ? ((100 * within) / items.length).toFixed(1) : null);
    }
    // July: the item granted on 07-05 (15 days, allowed 5); January: p5's start, 82 days after registration.
    expect(tr.zone.speed.medians.approval[6]).toBe("15.0");
    expect(tr.zone.speed.medians.registerToConstruction[0]).toBe("82.0");
    const a = tr.companies.find((c) => c.id === w.a.company.id)!;
    const year = spanDays("a", "2026-01-01", "2026-12-31");
    expect(a.cycle).toMatchObject({
      registerToConstruction: median(year.r2c),
      approval: median(itemsIn("a", "2026-01-01", "2026-12-31").map((i) => days(i.submittedOn!, i.approvedOn!))),
    });
    expect(tr.companies.find((c) => c.id === w.b.company.id)!.cycle.approval).toBeNull();
  });

  it("the company page: per item type the median and the slowest; a confidential slowest is counted but named only to who may read it", async () => {
    const period = { zoneId: w.ref.zoneId, companyId: w.a.company.id, from: Q2.from, to: Q2.to };
    const asManager = await companySpeed(w.a.manager, period);
    const asStaff = await companySpeed(w.a.staff1, period);
    const items = itemsIn("a", Q2.from, Q2.to);
    const byType = (type: ItemSpec["type"]) => items.filter((i) => i.type === type);
    expect(asManager.itemTypes.map((t) => [t.name, t.count, t.medianDays])).toEqual([
      [w.catalogueOf.permit.name, byType("permit").length, median(byType("permit").map((i) => days(i.submittedOn!, i.approvedOn!)))],
      [w.catalogueOf.eia.name, byType("eia").length, median(byType("eia").map((i) => days(i.submittedOn!, i.approvedOn!)))],
      ["临时用电报装", 1, "2.0"],
    ]);
    const permit = (s: typeof asManager) => s.itemTypes[0];
    expect(permit(asManager).slowest).toMatchObject({ days: 20, allowedDays: 10, project: { id: w.ids.get("p3"), name: "速度p3" } });
    // staff1 does not own the confidential p3: the same figures, the project unnamed and unlinked.
    expect(permit(asStaff)).toMatchObject({ count: 3, medianDays: "11.0", medianAllowedDays: "10.0", withinAllowed: 2 });
    expect(permit(asStaff).slowest).toMatchObject({ days: 20, project: { id: 0, name: null, code: null, confidential: true } });
    expect(asStaff.allItems).toMatchObject({ count: items.length, medianDays: "15.5", withinAllowedPercent: "66.7" });
    // Its owner, staff2, and the leader read it.
    expect(permit(await companySpeed(w.a.staff2, period)).slowest?.project.name).toBe("速度p3");
    expect(permit(await companySpeed(w.leader, period)).slowest?.project.name).toBe("速度p3");

    const spans = spanDays("a", Q2.from, Q2.to);
    expect(asStaff.spans.registerToConstruction).toMatchObject({ count: spans.r2c.length, undated: 1, medianDays: median(spans.r2c) });
    expect(asStaff.spans.registerToConstruction.slowest).toMatchObject({ days: 161, project: { name: null } });
    expect(asManager.spans.registerToConstruction.slowest).toMatchObject({ days: 161, project: { name: "速度p3" } });
    expect(asStaff.spans.signToConstruction).toMatchObject({ count: spans.s2c.length, undated: 0, medianDays: median(spans.s2c) });
    expect(asStaff.spans.constructionToProduction).toMatchObject({ count: spans.c2p.length, medianDays: median(spans.c2p) });
    expect(asStaff.spans.constructionToProduction.slowest).toMatchObject({ days: 140, project: { name: "速度p5" } });
  });

  it("the zone's page for a leader counts every company; a company with nothing granted has no medians, not zeros", async () => {
    const zone = await companySpeed(w.leader, { zoneId: w.ref.zoneId, companyId: undefined, from: Q2.from, to: Q2.to });
    const spans = spanDays(null, Q2.from, Q2.to);
    expect(zone.spans.signToConstruction.medianDays).toBe(median(spans.s2c));
    expect(zone.allItems.count).toBe(itemsIn(null, Q2.from, Q2.to).length);
    const b = await companySpeed(w.b.manager, { zoneId: w.ref.zoneId, companyId: w.b.company.id, from: Q2.from, to: Q2.to });
    expect(b.itemTypes).toEqual([]);
    expect(b.allItems).toMatchObject({ count: 0, medianDays: null, withinAllowedPercent: null, slowest: null });
    expect(b.spans.registerToConstruction).toMatchObject({ count: 0, undated: 1, medianDays: null, slowest: null });
  });
});
