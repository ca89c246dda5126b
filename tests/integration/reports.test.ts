// The leadership reports on a data set whose figures are known in advance: amounts whose float sum is off by a
// cent, stages either side of the period's boundaries, transferred and lost projects, evidence; then the frozen
// period rule, targets with optimistic locking, and versioned scorecard weights.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { activities, auditLog, handoffs, projects, publishedFacts, users } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { sumDecimals } from "../../app/lib/money";
import { todayInZone } from "../../app/lib/dates";
import { changesSincePublished, publishPeriod } from "../../app/modules/reports/published-periods.server";
import { currentWeights, saveScorecardWeights, scorecard, scorecardMeasures } from "../../app/modules/reports/scorecard.server";
import { saveAnnualTarget, targetProgress } from "../../app/modules/reports/targets.server";
import { threeBatchesProjects, threeBatchesReport } from "../../app/modules/reports/three-batches.server";
import type { DrillCursor, Milestone } from "../../app/modules/reports/three-batches.server";
import { MILESTONES } from "../../app/modules/reports/milestones";
import { trends } from "../../app/modules/reports/trends.server";
import { loadDrillDown } from "../../app/modules/reports/report-routes.server";
import { drillDownExport } from "../../app/modules/reports/report-exports.server";
import { toCsv } from "../../app/modules/export/table-export.server";
import { translator } from "../../app/lib/i18n";
import { quarterPeriod } from "../../app/lib/periods";
import { defaultWeights, scoreCompanies } from "../../app/lib/scorecard";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createEvidence } from "../support/evidence";
import { createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const Q1 = { from: "2026-01-01", to: "2026-03-31" };

// 30 signings of company A in Q1 at x.10 / x.20 万元: the float sum is off, the exact one is known.
const A_AMOUNTS = Array.from({ length: 30 }, (_, i) => `${(i + 1) * 1000}.${i % 2 ? "20" : "10"}`);
// Σ (i+1)·1000 = 465,000; 15 × 0.10 + 15 × 0.20 = 4.50
const A_SIGNED_WAN = "465004.50";

describe.each(databaseKinds())("三个一批 and the leadership reports (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const other = await createOtherZone(db.db);
    const otherStaff = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    const [leaderRow] = await db.db.select().from(users).where(eq(users.id, ref.leaderId));
    const leader: Viewer = { id: leaderRow.id, zoneId: leaderRow.zoneId, companyId: leaderRow.companyId, role: "leader" };
    const cluster = ref.clusters[0].id;
    const base = { zoneId: ref.zoneId, clusterId: cluster };
    const inA = { ...base, companyId: a.company.id, ownerId: a.staff1.id };
    const inB = { ...base, companyId: b.company.id, ownerId: b.staff1.id };
    const signedA = [];
    for (const [i, amount] of A_AMOUNTS.entries()) {
      const day = String((i % 28) + 1).padStart(2, "0");
      signedA.push(await createProject(db.db, { ...inA, stage: "signed", contractedInvestmentWan: amount, signedOn: `2026-0${(i % 3) + 1}-${day}` }));
    }
    // Boundaries: the last day before and the first day after the quarter are out; its first and last days are in.
    await createProject(db.db, { ...inB, stage: "signed", contractedInvestmentWan: "111.11", signedOn: "2025-12-31" });
    const firstDay = await createProject(db.db, { ...inB, stage: "signed", contractedInvestmentWan: "0.10", signedOn: "2026-01-01" });
    const lastDay = await createProject(db.db, { ...inB, stage: "signed", contractedInvestmentWan: "0.20", signedOn: "2026-03-31" });
    await createProject(db.db, { ...inB, stage: "signed", contractedInvestmentWan: "222.22", signedOn: "2026-04-01" });
    // Transferred: found by A (first contact), now B's; signed in the quarter.
    const transferred = await createProject(db.db, {
      ...inB,
      formerCompanyId: a.company.id,
      formerOwnerId: a.staff1.id,
      stage: "construction",
      contractedInvestmentWan: "5000.05",
      signedOn: "2026-02-10",
      constructionOn: "2026-03-20",
    });
    // Lost after signing: it was signed in the quarter and counts there.
    const lost = await createProject(db.db, { ...inB, stage: "signed", status: "lost", contractedInvestmentWan: "300.30", signedOn: "2026-02-14" });
    // Construction and production of older signings; one production the day after the quarter.
    const built = await createProject(db.db, {
      ...inA,
      stage: "production",
      contractedInvestmentWan: "12000.00",
      signedOn: "2025-06-01",
      constructionOn: "2025-10-01",
      productionOn: "2026-03-31",
    });
    await createProject(db.db, {
      ...inA,
      stage: "production",
      contractedInvestmentWan: "7.77",
      signedOn: "2025-01-01",
      constructionOn: "2025-02-01",
      productionOn: "2026-04-01",
    });
    // Evidence: signing evidence on 3 of A's signings and on the transferred one; a registration licence does not
    // evidence a signing.
    for (const p of signedA.slice(0, 3)) await createEvidence(db.db, { projectId: p.id, uploadedById: a.staff1.id, stage: "signed" });
    await createEvidence(db.db, { projectId: transferred.id, uploadedById: b.staff1.id, stage: "signed" });
    await createEvidence(db.db, { projectId: signedA[5].id, uploadedById: a.staff1.id, stage: "registered" });
    // Another zone's signing in the same quarter: never seen.
    await createProject(db.db, {
      zoneId: other.zoneId,
      clusterId: other.clusterId,
      companyId: other.companyId,
      ownerId: otherStaff.id,
      stage: "signed",
      contractedInvestmentWan: "999999.99",
      signedOn: "2026-02-01",
    });
    return { ref, a, b, other, leader, signedA, firstDay, lastDay, transferred, lost, built };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  const rowOf = (report: Awaited<ReturnType<typeof threeBatchesReport>>, companyId: number) => report.rows.find((r) => r.id === companyId)!;

  it("sums the quarter exactly where a float sum is off by a cent", async () => {
    const floatSum = A_AMOUNTS.reduce((s, x) => s + Number(x), 0);
    expect(floatSum.toString()).not.toBe("465004.5"); // the trap the SQL sum avoids
    expect(sumDecimals(A_AMOUNTS)).toBe(A_SIGNED_WAN);
    const report = await threeBatchesReport(w.ref.zoneId, { ...Q1, basis: "owner", evidenceOnly: false });
    expect(rowOf(report, w.a.company.id).signed).toEqual({ count: 30, investmentWan: A_SIGNED_WAN });
    // B: first and last day (0.10 + 0.20), the transferred one (5000.05) and the lost one (300.30).
    expect(rowOf(report, w.b.company.id).signed).toEqual({ count: 4, investmentWan: "5300.65" });
    expect(report.total.signed).toEqual({ count: 34, investmentWan: "470305.15" });
    expect(rowOf(report, w.b.company.id).construction).toEqual({ count: 1, investmentWan: "5000.05" });
    expect(rowOf(report, w.a.company.id).production).toEqual({ count: 1, investmentWan: "12000.00" });
    expect(report.total.production).toEqual({ count: 1, investmentWan: "12000.00" });
    // Every company of the zone has a row; nothing of the other zone.
    expect(report.rows.map((r) => r.id)).not.toContain(w.other.companyId);
    expect(report.rows.length).toBe(w.ref.companies.filter((c) => c.kind !== "committee").length);
  });

  it("credits a transferred project to its first-contact company when asked, never to both", async () => {
    const byFirst = await threeBatchesReport(w.ref.zoneId, { ...Q1, basis: "firstContact", evidenceOnly: false });
    expect(rowOf(byFirst, w.a.company.id).signed).toEqual({ count: 31, investmentWan: "470004.55" });
    expect(rowOf(byFirst, w.b.company.id).signed).toEqual({ count: 3, investmentWan: "300.60" });
    expect(rowOf(byFirst, w.a.company.id).construction.count).toBe(1);
    expect(byFirst.total.signed).toEqual({ count: 34, investmentWan: "470305.15" });
  });

  it("counts only milestones with evidence of that stage when asked", async () => {
    const evidenced = await threeBatchesReport(w.ref.zoneId, { ...Q1, basis: "owner", evidenceOnly: true });
    expect(rowOf(evidenced, w.a.company.id).signed).toEqual({ count: 3, investmentWan: sumDecimals(A_AMOUNTS.slice(0, 3)) });
    expect(rowOf(evidenced, w.b.company.id).signed).toEqual({ count: 1, investmentWan: "5000.05" });
    expect(evidenced.total.construction.count).toBe(0);
  });

  it("a single day and the days either side of a boundary", async () => {
    const day = await threeBatchesReport(w.ref.zoneId, { from: "2026-03-31", to: "2026-03-31", basis: "owner", evidenceOnly: false });
    expect(day.period.kind).toBe("day");
    expect(rowOf(day, w.b.company.id).signed).toEqual({ count: 1, investmentWan: "0.20" });
    expect(day.total.production.count).toBe(1);
    const april = await threeBatchesReport(w.ref.zoneId, { from: "2026-04-01", to: "2026-04-30", basis: "owner", evidenceOnly: false });
    expect(april.total.signed).toEqual({ count: 1, investmentWan: "222.22" });
    expect(april.total.production).toEqual({ count: 1, investmentWan: "7.77" });
  });

  it("lists the projects behind every number, summing to it", async () => {
    const drill = await threeBatchesProjects(w.ref.zoneId, {
      ...Q1,
      basis: "owner",
      evidenceOnly: false,
      companyId: w.b.company.id,
      milestone: "signed",
    });
    expect(drill.rows.map((r) => r.projectId).sort()).toEqual([w.firstDay.id, w.lastDay.id, w.transferred.id, w.lost.id].sort());
    expect(drill.total).toEqual({ count: 4, investmentWan: "5300.65" });
    expect(sumDecimals(drill.rows.map((r) => r.investmentWan))).toBe("5300.65");
    expect(drill.rows.find((r) => r.projectId === w.lost.id)!.status).toBe("lost");
    const zone = await threeBatchesProjects(w.ref.zoneId, { ...Q1, basis: "owner", evidenceOnly: false, companyId: null, milestone: null });
    expect(zone.total.count).toBe(34 + 1 + 1);
  });

  it("pages the drill-down: page after page gives every row once, in order, each page with the whole total", async () => {
    const filter = { ...Q1, basis: "owner" as const, evidenceOnly: false, companyId: null, milestone: null };
    const all = await threeBatchesProjects(w.ref.zoneId, filter);
    expect(all.rows).toHaveLength(36);
    expect(all.next).toBeUndefined();
    const seen: string[] = [];
    let after: DrillCursor | undefined;
    let pages = 0;
    do {
      const page = await threeBatchesProjects(w.ref.zoneId, filter, { after, size: 5 });
      expect(page.total).toEqual(all.total);
      expect(page.rows.length).toBeLessThanOrEqual(5);
      seen.push(...page.rows.map((r) => `${r.projectId}:${r.milestone}`));
      after = page.next;
      pages++;
    } while (after && pages < 20);
    expect(pages).toBe(8);
    expect(seen).toEqual(all.rows.map((r) => `${r.projectId}:${r.milestone}`));
    // Through the URL: the next page's link, and a tampered cursor shows the first page.
    const first = await loadDrillDown(w.leader, new URL(`http://x/?from=${Q1.from}&to=${Q1.to}`), { paged: true });
    expect(first.rows).toHaveLength(36);
    expect(first.paging.next).toBeUndefined();
    const tampered = await loadDrillDown(w.leader, new URL(`http://x/?from=${Q1.from}&to=${Q1.to}&after=not-a-cursor`), { paged: true });
    expect(tampered.rows.map((r) => r.projectId)).toEqual(first.rows.map((r) => r.projectId));
  });

  it("trends put each month's milestones in their month", async () => {
    const tr = await trends(w.ref.zoneId, 2026, "owner");
    const signedCounts = tr.zone.months.signed.map((c) => c.count);
    // A: 10 a month in Jan–Mar; B: Jan 1, Feb (transferred + lost), Mar 31, Apr 1.
    expect(signedCounts.slice(0, 4)).toEqual([11, 12, 11, 1]);
    expect(sumDecimals(tr.zone.months.signed.map((c) => c.investmentWan))).toBe("470527.37");
    // Signings of 2026 of at least 1亿 (10,000万元): A's 10,000.20 … 30,000.20, none of 10亿.
    expect(tr.zone.big.yi.count).toBe(21);
    expect(tr.zone.big.tenYi.count).toBe(0);
    const a = tr.companies.find((c) => c.id === w.a.company.id)!;
    expect(a.months.production[2]).toEqual({ count: 1, investmentWan: "12000.00" });
  });

  it("trends: every month, open stage and cycle median agrees with the projects themselves", async () => {
    // Three projects with every milestone date, so the medians have days to take (in 2024: the other tests count 2026).
    const dated: [string, string, string, string | null][] = [
      ["2023-11-02", "2024-01-10", "2024-03-01", "2024-06-30"],
      ["2024-01-05", "2024-02-01", "2024-05-10", null],
      ["2023-12-01", "2024-02-20", "2024-04-04", "2024-09-09"],
    ];
    for (const [contactedOn, signedOn, constructionOn, productionOn] of dated) {
      const p = await createProject(db.db, {
        zoneId: w.ref.zoneId,
        clusterId: w.ref.clusters[0].id,
        companyId: w.a.company.id,
        ownerId: w.a.staff1.id,
        stage: productionOn ? "production" : "construction",
        contractedInvestmentWan: "10.00",
        signedOn,
        constructionOn,
        productionOn: productionOn ?? undefined,
      });
      await db.db.update(projects).set({ contactedOn }).where(eq(projects.id, p.id));
    }
    const zoneId = w.ref.zoneId;
    const cells = (c: { months: Record<Milestone, { count: number }[]> }) => MILESTONES.flatMap((m) => c.months[m]).reduce((n, x) => n + x.count, 0);
    const median = (column: string, previous: string, year: number) =>
      `(round((percentile_cont(0.5) within group (order by ${column} - ${previous})
        filter (where ${column} between '${year}-01-01' and '${year}-12-31' and ${previous} is not null))::numeric, 1))::text`;
    for (const year of [2024, 2026]) {
      const tr = await trends(zoneId, year, "owner");
      const months = await db.query<{ company_id: number; m: Milestone; month: number; n: number; inv: string }>(
        `select company_id, m, month, count(*)::int as n, sum(inv)::numeric(18,2)::text as inv from (
           select company_id, 'signed' as m, extract(month from signed_on)::int as month, coalesce(total_investment_wan, 0) as inv
           from projects where zone_id = $1 and extract(year from signed_on) = $2
           union all
           select company_id, 'construction', extract(month from construction_on)::int, coalesce(total_investment_wan, 0)
           from projects where zone_id = $1 and extract(year from construction_on) = $2
           union all
           select company_id, 'production', extract(month from production_on)::int, coalesce(total_investment_wan, 0)
           from projects where zone_id = $1 and extract(year from production_on) = $2) x
         group by 1, 2, 3`,
        [zoneId, year],
      );
      expect(months.length).toBeGreaterThan(5);
      for (const r of months) {
        const company = tr.companies.find((c) => c.id === Number(r.company_id))!;
        expect(company.months[r.m][r.month - 1]).toEqual({ count: r.n, investmentWan: r.inv });
      }
      expect(cells(tr.zone)).toBe(months.reduce((n, r) => n + r.n, 0));
      expect(tr.companies.reduce((n, c) => n + cells(c), 0)).toBe(cells(tr.zone));

      const stages = await db.query<{ stage: string; n: number; inv: string }>(
        `select stage::text, count(*)::int as n, coalesce(sum(total_investment_wan), 0)::numeric(18,2)::text as inv
         from projects where zone_id = $1 and status <> 'lost' group by 1`,
        [zoneId],
      );
      for (const f of tr.funnel) expect(f.atStage).toBe(stages.find((s) => s.stage === f.stage)?.n ?? 0);
      expect(tr.funnel.at(-1)!.investmentWan).toBe(stages.find((s) => s.stage === "production")?.inv ?? "0.00");

      const cycles = await db.query<{ company_id: number | null; c2s: string | null; s2c: string | null; c2p: string | null; r2c: string | null }>(
        `select company_id, ${median("signed_on", "contacted_on", year)} as c2s, ${median("construction_on", "signed_on", year)} as s2c,
           ${median("production_on", "construction_on", year)} as c2p, ${median("construction_on", "registered_on", year)} as r2c
         from projects where zone_id = $1 group by grouping sets ((company_id), ())`,
        [zoneId],
      );
      // Approval items granted in the year (issue 21), per company of their project.
      const approvals = await db.query<{ company_id: number | null; days: string | null }>(
        `select p.company_id, ${median("a.approved_on", "a.submitted_on", year)} as days
         from project_approvals a join projects p on p.id = a.project_id
         where p.zone_id = $1 and not a.not_applicable group by grouping sets ((p.company_id), ())`,
        [zoneId],
      );
      const approvalOf = (companyId: number | null) => approvals.find((a) => a.company_id === companyId)?.days ?? null;
      if (year === 2024) expect(cycles.some((c) => c.c2s !== null && c.s2c !== null && c.c2p !== null)).toBe(true);
      for (const c of cycles) {
        const mine = c.company_id === null ? tr.zone.cycle : tr.companies.find((x) => x.id === Number(c.company_id))?.cycle;
        if (!mine) continue; // a company that holds no projects of the report (the committee)
        expect(mine).toEqual({
          contactToSign: c.c2s,
          signToConstruction: c.s2c,
          constructionToProduction: c.c2p,
          registerToConstruction: c.r2c,
          approval: approvalOf(c.company_id === null ? null : Number(c.company_id)),
        });
      }
    }
  });

  it("admins read the drill-down but confidential projects are only counted: no name, company, owner, money or date, page and export", async () => {
    const secret = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.b.company.id,
      ownerId: w.b.staff2.id,
      confidential: true,
      stage: "signed",
      contractedInvestmentWan: "0.07",
      signedOn: "2026-05-20",
      name: "保密签约项目",
    });
    // A named one beside it, so the total (100.57) is not the confidential project's figure.
    await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.b.company.id,
      ownerId: w.b.staff1.id,
      stage: "signed",
      contractedInvestmentWan: "100.50",
      signedOn: "2026-05-21",
      name: "公开签约项目",
    });
    const url = new URL("http://x/reports/three-batches/projects?from=2026-05-01&to=2026-05-31&milestone=signed");
    const adminViewer: Viewer = { id: w.ref.adminId, zoneId: w.ref.zoneId, companyId: null, role: "admin" };
    const admin = await loadDrillDown(adminViewer, url, { paged: true });
    const leader = await loadDrillDown(w.leader, url, { paged: true });
    expect(leader.rows.find((r) => r.projectId === secret.id)).toMatchObject({ hidden: false, name: "保密签约项目", investmentWan: "0.07" });
    // Counted: the same number of rows and the same total as the leader's.
    expect(admin.rows).toHaveLength(leader.rows.length);
    expect(admin.total).toEqual(leader.total);
    const hidden = admin.rows.filter((r) => r.hidden);
    expect(hidden).toHaveLength(leader.rows.filter((r) => r.confidential).length);
    expect(hidden[0]).toMatchObject({
      projectId: 0,
      name: "",
      code: "",
      companyName: "",
      creditCompanyName: "",
      ownerName: null,
      investmentWan: "",
      businessOn: "",
      milestone: "signed",
    });
    // Nothing of it anywhere in what the page sends, nor in the export.
    const [owner] = await db.db.select({ name: users.displayName }).from(users).where(eq(users.id, w.b.staff2.id));
    const t = translator("zh");
    const csv = toCsv(drillDownExport(admin.rows, admin.period, t, admin.total));
    for (const [label, text] of [
      ["page", JSON.stringify(admin.rows)],
      ["export", csv],
    ] as const) {
      for (const leak of ["保密签约项目", secret.code, "0.07", "2026-05-20", owner.name, `"projectId":${secret.id},`])
        expect(text, `${label}: ${leak}`).not.toContain(leak);
    }
    expect(csv).toContain("保密项目");
    // The export's total is the report's, exact to the 万元.
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.at(-1)).toContain(Number(leader.total.investmentWan).toFixed(2));
    // Another zone's company is not found.
    await expect(loadDrillDown(w.leader, new URL(`http://x/?company=${w.other.companyId}`), { paged: true })).rejects.toMatchObject({
      init: { status: 404 },
    });
  });

  it("a drill-down page that ends on a hidden row links to the next page without naming it", async () => {
    const base = {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.b.company.id,
      stage: "signed" as const,
      contractedInvestmentWan: "1.00",
    };
    for (let i = 0; i < 99; i++) await createProject(db.db, { ...base, ownerId: w.b.staff1.id, signedOn: "2025-03-01", name: `三月签约${i}` });
    const secret = await createProject(db.db, { ...base, ownerId: w.b.staff2.id, confidential: true, signedOn: "2025-03-02", name: "三月保密" });
    await createProject(db.db, { ...base, ownerId: w.b.staff1.id, signedOn: "2025-03-03", name: "三月最后" });
    const adminViewer: Viewer = { id: w.ref.adminId, zoneId: w.ref.zoneId, companyId: null, role: "admin" };
    const url = (after?: string) =>
      new URL(`http://x/?from=2025-03-01&to=2025-03-31&milestone=signed${after ? `&after=${encodeURIComponent(after)}` : ""}`);
    const first = await loadDrillDown(adminViewer, url(), { paged: true });
    expect(first.rows).toHaveLength(100);
    expect(first.rows.at(-1)?.hidden).toBe(true);
    const next = first.paging.next!;
    const decoded = Buffer.from(next.replace(/^s\./, ""), "base64url").toString("latin1");
    for (const leak of [String(secret.id), "2025-03-02"]) expect(`${next} ${decoded}`).not.toContain(leak);
    const second = await loadDrillDown(adminViewer, url(next), { paged: true });
    expect(second.rows.map((r) => r.name)).toEqual(["三月最后"]);
    expect(second.paging.after).toBe(next);
    // Another viewer's sealed cursor, or a tampered one, is the first page.
    expect((await loadDrillDown(w.leader, url(next), { paged: true })).rows[0].name).toBe("三月签约0");
    expect((await loadDrillDown(adminViewer, url(`${next.slice(0, -2)}AA`), { paged: true })).rows).toHaveLength(100);
  });

  it("publishes a quarter: the published figure stays, later edits are listed with their difference", async () => {
    const q1 = quarterPeriod(2026, 1);
    const published = await publishPeriod(w.leader, q1, "一季度通报");
    expect(published).toEqual({ kind: "ok", value: { periodId: expect.any(Number) } });
    expect(await publishPeriod(w.leader, q1, null)).toEqual({ kind: "conflict", detail: { error: "reports.error.alreadyPublished" } });
    const before = await threeBatchesReport(w.ref.zoneId, { ...Q1, basis: "owner", evidenceOnly: false });
    expect(before.published).not.toBeNull();

    // Edits after publication: an investment corrected, a signing date moved out, a new signing dated into Q1.
    await db.db.update(projects).set({ contractedInvestmentWan: "1000.35" }).where(eq(projects.id, w.signedA[0].id));
    await db.db.update(projects).set({ signedOn: "2026-04-02" }).where(eq(projects.id, w.lastDay.id));
    const late = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.a.company.id,
      ownerId: w.a.staff2.id,
      stage: "signed",
      contractedInvestmentWan: "88.80",
      signedOn: "2026-03-15",
    });

    const after = await threeBatchesReport(w.ref.zoneId, { ...Q1, basis: "owner", evidenceOnly: false });
    expect(after.total.signed).toEqual({ count: 34, investmentWan: "470305.15" });
    expect(rowOf(after, w.a.company.id).signed).toEqual({ count: 30, investmentWan: A_SIGNED_WAN });
    // Both credit bases were frozen: the first-contact view replays from the published facts too.
    const afterFirst = await threeBatchesReport(w.ref.zoneId, { ...Q1, basis: "firstContact", evidenceOnly: false });
    expect(rowOf(afterFirst, w.a.company.id).signed).toEqual({ count: 31, investmentWan: "470004.55" });

    const changes = await changesSincePublished(w.ref.zoneId, after.published!.id);
    const of = (projectId: number) => changes.find((c) => c.projectId === projectId && c.milestone === "signed")!;
    expect(of(w.signedA[0].id)).toMatchObject({ kind: "changed", publishedWan: "1000.10", currentWan: "1000.35", differenceWan: "0.25" });
    expect(of(w.lastDay.id)).toMatchObject({ kind: "movedOut", publishedOn: "2026-03-31", currentOn: "2026-04-02", differenceWan: "-0.20" });
    expect(of(late.id)).toMatchObject({ kind: "newInPeriod", currentOn: "2026-03-15", differenceWan: "88.80" });
    expect(changes).toHaveLength(3);
    // The drill-down of a published period lists the published facts.
    const drill = await threeBatchesProjects(w.ref.zoneId, {
      ...Q1,
      basis: "owner",
      evidenceOnly: false,
      companyId: w.b.company.id,
      milestone: "signed",
    });
    expect(drill.total).toEqual({ count: 4, investmentWan: "5300.65" });
    // Paged, the published facts come in the same order.
    const bSigned = { ...Q1, basis: "owner" as const, evidenceOnly: false, companyId: w.b.company.id, milestone: "signed" as const };
    const page1 = await threeBatchesProjects(w.ref.zoneId, bSigned, { size: 3 });
    const page2 = await threeBatchesProjects(w.ref.zoneId, bSigned, { after: page1.next, size: 3 });
    expect([...page1.rows, ...page2.rows].map((r) => r.projectId)).toEqual(drill.rows.map((r) => r.projectId));
    expect(page2.next).toBeUndefined();
    // The current figures of a range that is not the published one move with the edits.
    const unpublished = await threeBatchesReport(w.ref.zoneId, { from: "2026-01-01", to: "2026-03-30", basis: "owner", evidenceOnly: false });
    expect(unpublished.published).toBeNull();
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "published_period"), eq(auditLog.action, "publish")));
    expect(audit.after).toMatchObject({ kind: "quarter", from: "2026-01-01", to: "2026-03-31" });
    const facts = await db.db.select().from(publishedFacts).where(eq(publishedFacts.periodId, after.published!.id));
    expect(facts.length).toBe(34 + 1 + 1);
  });

  it("refuses to publish a period that is not a whole month, quarter or year, or has not ended", async () => {
    expect(await publishPeriod(w.leader, { kind: "range", from: "2026-01-05", to: "2026-01-20" }, null)).toEqual({
      kind: "invalid",
      fieldErrors: { _form: "reports.error.notPublishable" },
    });
    expect(await publishPeriod(w.leader, { kind: "year", from: "2099-01-01", to: "2099-12-31" }, null)).toEqual({
      kind: "invalid",
      fieldErrors: { _form: "reports.error.notEnded" },
    });
    // Only a leader publishes: an admin reads the reports but is refused, with nothing written.
    const admin: Viewer = { ...w.leader, role: "admin" };
    expect(await publishPeriod(admin, quarterPeriod(2025, 4), null)).toEqual({ kind: "forbidden" });
  });

  it("targets: created, saved over a stale version refused, completion and gap exact", async () => {
    const input = {
      companyId: w.a.company.id,
      year: 2026,
      signedCount: 60,
      signedInvestmentWan: "930009.00",
      constructionCount: 4,
      productionCount: 0,
      version: 0,
    };
    expect(await saveAnnualTarget(w.leader, input)).toEqual({ kind: "ok" });
    const stale = await saveAnnualTarget(w.leader, { ...input, signedCount: 61 });
    // The second save is told who saved first and what is there now.
    expect(stale).toMatchObject({ kind: "conflict", detail: { version: 1, by: "管委会领导", current: { signedCount: 60 } } });
    expect(await saveAnnualTarget(w.leader, { ...input, version: 1, constructionCount: 5 })).toEqual({ kind: "ok" });
    // Up to the end of the published first quarter, completion is measured on the published figures …
    const published = (await targetProgress(w.ref.zoneId, 2026, "2026-03-31")).find((r) => r.companyId === w.a.company.id)!;
    expect(published.actual).toMatchObject({ signedCount: 30, signedInvestmentWan: A_SIGNED_WAN });
    expect(published.completion.signedCount).toBe("50.0");
    // … later on the current ones: A's 30 signings plus the late one, 465,004.50 + 0.25 + 88.80.
    const rows = await targetProgress(w.ref.zoneId, 2026, "2026-04-30");
    const a = rows.find((r) => r.companyId === w.a.company.id)!;
    expect(a.target!.version).toBe(2);
    expect(a.actual.signedCount).toBe(31);
    expect(a.actual.signedInvestmentWan).toBe("465093.55");
    expect(a.completion.signedCount).toBe("51.7");
    expect(a.gap!.signedInvestmentWan).toBe("464915.45");
    expect(a.completion.productionCount).toBeNull();
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "target"), eq(auditLog.action, "update")));
    expect(audit).toBeDefined();
    // Another zone's company: not found.
    expect(await saveAnnualTarget(w.leader, { ...input, companyId: w.other.companyId })).toEqual({ kind: "notFound" });
    // Someone who may not set targets is refused by the module as well as by the route.
    expect(await saveAnnualTarget(w.a.manager, input)).toEqual({ kind: "forbidden" });
  });

  it("scorecard: weights saved as versions, companies ranked with each contribution, previous rank beside", async () => {
    expect((await currentWeights(w.ref.zoneId)).version).toBe(0);
    const weights = { ...defaultWeights(), signedInvestment: 100 };
    expect(await saveScorecardWeights(w.leader, { ...weights, note: null as never })).toEqual({ kind: "ok", value: 1 });
    expect(await saveScorecardWeights(w.leader, { ...defaultWeights(), note: "回到默认" })).toEqual({ kind: "ok", value: 2 });
    // A company's manager may not weigh the scorecard: refused by the module, nothing saved.
    expect(await saveScorecardWeights(w.a.manager, defaultWeights())).toEqual({ kind: "forbidden" });
    expect((await currentWeights(w.ref.zoneId)).version).toBe(2);
    const onlySigned = Object.fromEntries(Object.keys(defaultWeights()).map((k) => [k, k === "signedInvestment" ? 1 : 0])) as ReturnType<
      typeof defaultWeights
    >;
    const card = await scorecard(w.ref.zoneId, quarterPeriod(2026, 1), { basis: "owner", scope: "attraction", weights: onlySigned });
    const [first, second] = card.rows;
    expect(first.id).toBe(w.a.company.id);
    expect(first.total).toBe(100);
    expect(second.id).toBe(w.b.company.id);
    // B's published signed investment against A's: 5300.65 / 465004.50.
    expect(second.scores.signedInvestment).toBeCloseTo((100 * 5300.65) / 465004.5, 2);
    expect(first.previousRank).not.toBeNull();
    expect(card.previous).toMatchObject({ from: "2025-10-01", to: "2025-12-31" });
  });

  it("scorecard measures: reserve and big ones, stale share, conversion, cycle days, activities, transfers", async () => {
    const c = w.ref.companies.filter((x) => x.kind === "attraction")[2];
    const cStaff = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: c.id, role: "staff" });
    const inC = { zoneId: w.ref.zoneId, clusterId: w.ref.clusters[0].id, companyId: c.id, ownerId: cStaff.id };
    const big = await createProject(db.db, { ...inC, stage: "negotiating", plannedInvestmentWan: "15000.00" });
    const small = await createProject(db.db, { ...inC, stage: "evaluating", plannedInvestmentWan: "500.50" });
    await createProject(db.db, { ...inC, stage: "negotiating", status: "lost", plannedInvestmentWan: "99999.00" });
    const signed = await createProject(db.db, { ...inC, stage: "signed", contractedInvestmentWan: "10.00", signedOn: "2026-02-04" });
    await db.db.update(projects).set({ contactedOn: "2026-01-10" }).where(eq(projects.id, big.id));
    await db.db.update(projects).set({ contactedOn: "2026-01-10" }).where(eq(projects.id, small.id));
    await db.db.update(projects).set({ contactedOn: "2026-01-05", lastActivityOn: todayInZone() }).where(eq(projects.id, signed.id));
    await db.db.insert(activities).values([
      { projectId: signed.id, companyId: c.id, kind: "visit", occurredOn: "2026-02-01", summary: "拜访", createdById: cStaff.id },
      { projectId: signed.id, companyId: c.id, kind: "call", occurredOn: "2026-04-01", summary: "电话", createdById: cStaff.id },
    ]);
    // A transfer from A to C asked in Q1 and answered two and a half days later.
    const moved = await createProject(db.db, { ...inC, companyId: w.a.company.id, ownerId: w.a.staff1.id });
    await db.db.insert(handoffs).values({
      zoneId: w.ref.zoneId,
      projectId: moved.id,
      kind: "transfer",
      status: "accepted",
      fromCompanyId: w.a.company.id,
      toCompanyId: c.id,
      requestedById: w.a.staff1.id,
      reason: "属于C的集群",
      createdAt: new Date("2026-03-01T02:00:00Z"),
      answeredAt: new Date("2026-03-03T14:00:00Z"),
      answeredById: cStaff.id,
    });
    // Not Q1 itself: it is published, and its milestone figures are the frozen ones.
    const m = await scorecardMeasures(w.ref.zoneId, { from: "2026-01-02", to: "2026-03-31" }, { basis: "owner", scope: "attraction" });
    const v = m.companies.find((x) => x.id === c.id)!.values;
    expect(v).toMatchObject({
      reserveCount: 2,
      reserveInvestment: "15500.50",
      bigReserveCount: 1,
      signedCount: 1,
      signedInvestment: "10.00",
      conversionPercent: "33.3",
      daysContactToSign: "30.0",
      activities: 1,
      transfersIn: 1,
      daysToAnswer: "2.5",
    });
    // Active: the two in the reserve (never followed up) and the signed one followed up today.
    expect(v.stalePercent).toBe("66.7");
    expect(m.companies.find((x) => x.id === w.a.company.id)!.values.transfersOut).toBe(1);
  });

  it("scorecard measures: new leads by the Shanghai calendar date of creation", async () => {
    const edge = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.b.company.id,
      ownerId: w.b.staff2.id,
    });
    const inside = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.b.company.id,
      ownerId: w.b.staff2.id,
    });
    // 2026-06-30 16:30 UTC is 2026-07-01 00:30 in Shanghai; 15:59 UTC is still 23:59 on 30 June.
    await db.db
      .update(projects)
      .set({ createdAt: new Date("2026-06-30T16:30:00Z") })
      .where(eq(projects.id, edge.id));
    await db.db
      .update(projects)
      .set({ createdAt: new Date("2026-06-30T15:59:00Z") })
      .where(eq(projects.id, inside.id));
    const june = await scorecardMeasures(w.ref.zoneId, { from: "2026-06-01", to: "2026-06-30" }, { basis: "owner", scope: "attraction" });
    const july = await scorecardMeasures(w.ref.zoneId, { from: "2026-07-01", to: "2026-07-31" }, { basis: "owner", scope: "attraction" });
    expect(june.companies.find((c) => c.id === w.b.company.id)!.values.newLeads).toBe(1);
    expect(july.companies.find((c) => c.id === w.b.company.id)!.values.newLeads).toBe(1);
  });

  it("scorecard: the period and the one before, read in one pass, are each what the period alone gives", async () => {
    // Q2 2026 and Q1 before it: transfers, signings, conversions and new leads on both sides.
    for (const scope of ["attraction", "all"] as const) {
      const opts = { basis: "owner" as const, scope };
      const card = await scorecard(w.ref.zoneId, quarterPeriod(2026, 2), { ...opts, weights: defaultWeights() });
      const [now, before] = await Promise.all([
        scorecardMeasures(w.ref.zoneId, quarterPeriod(2026, 2), opts),
        scorecardMeasures(w.ref.zoneId, quarterPeriod(2026, 1), opts),
      ]);
      const valuesNow = new Map(now.companies.map((c) => [c.id, c.values]));
      expect(card.rows.length).toBe(now.companies.length);
      for (const row of card.rows) expect(row.values).toEqual(valuesNow.get(row.id));
      const rankBefore = new Map(scoreCompanies(before.companies, defaultWeights()).map((c) => [c.id, c.rank]));
      for (const row of card.rows) expect(row.previousRank).toBe(rankBefore.get(row.id) ?? null);
      // The one-pass figures are not all zero: the test compares something.
      expect(before.companies.some((c) => Number(c.values.transfersIn) > 0 && c.values.daysToAnswer !== null)).toBe(true);
      expect(before.companies.some((c) => Number(c.values.transfersOut) > 0)).toBe(true);
    }
  });
});
