// Issue 18: 同比 and 环比 of 三个一批 on figures known in advance (exact decimals, no percentage from a zero base),
// the monthly comparison of the trends, and the funnel's two readings with the projects behind each number.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { projectEvents, projects, users } from "../../db/schema";
import type { ProjectStage } from "../../app/lib/domain-values";
import { PROJECT_STAGES } from "../../app/lib/domain-values";
import { comparedPeriod, quarterPeriod } from "../../app/lib/periods";
import type { Viewer } from "../../app/modules/auth/policy";
import { funnelAtLeast, funnelProjects } from "../../app/modules/pipeline/funnel.server";
import { getFunnel } from "../../app/modules/pipeline/pipeline.server";
import { compareReports } from "../../app/modules/reports/comparison";
import { threeBatchesExport } from "../../app/modules/reports/report-exports.server";
import { monthlyComparison, zoneMonths } from "../../app/modules/reports/trends.server";
import { threeBatchesReport } from "../../app/modules/reports/three-batches.server";
import { toXlsx } from "../../app/modules/export/table-export.server";
import { translator } from "../../app/lib/i18n";
import ExcelJS from "exceljs";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const OPTIONS = { basis: "owner" as const, evidenceOnly: false };

describe.each(databaseKinds())("同比, 环比 and the funnel's readings (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const [row] = await db.db.select().from(users).where(eq(users.id, ref.leaderId));
    const leader: Viewer = { id: row.id, zoneId: row.zoneId, companyId: row.companyId, role: "leader" };
    const inA = { zoneId: ref.zoneId, clusterId: ref.clusters[0].id, companyId: a.company.id, ownerId: a.staff1.id };
    const inB = { ...inA, companyId: b.company.id, ownerId: b.staff1.id };
    const sign = (where: typeof inA, wan: string, on: string) =>
      createProject(db.db, { ...where, stage: "signed", contractedInvestmentWan: wan, signedOn: on });
    // A: Q1 2026 signs 0.10 + 0.20 + 1000.05 (their float sum is off); Q1 2025 signed 0.10 + 500.00; Q4 2025 2000.00.
    await sign(inA, "0.10", "2026-01-15");
    await sign(inA, "0.20", "2026-02-15");
    await sign(inA, "1000.05", "2026-03-31");
    await sign(inA, "0.10", "2025-01-01");
    await sign(inA, "500.00", "2025-03-31");
    await sign(inA, "2000.00", "2025-12-31");
    // B: signs 300.30 in Q1 2026 and nothing a year earlier or in Q4: its previous figure is zero.
    await sign(inB, "300.30", "2026-02-01");
    // Outside either period: the day after Q1 2025.
    await sign(inB, "77.77", "2025-04-01");
    return { ref, a, b, leader, inA, inB };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  }, 120_000);
  afterAll(() => db?.close());

  const q1 = quarterPeriod(2026, 1);
  const report = (p: { from: string; to: string }) => threeBatchesReport(w.ref.zoneId, { from: p.from, to: p.to, ...OPTIONS });

  it("同比 compares Q1 with Q1 a year earlier, exactly, per company and for the zone", async () => {
    const before = comparedPeriod(q1, "yoy");
    expect(before).toEqual({ kind: "quarter", from: "2025-01-01", to: "2025-03-31" });
    const cmp = compareReports(await report(q1), await report(before), "yoy");
    const a = cmp.rows[String(w.a.company.id)].signed;
    expect(a.previous).toEqual({ count: 2, investmentWan: "500.10" });
    expect(a.count).toEqual({ difference: "1", percent: "50.0" });
    // 1000.35 − 500.10 = 500.25, which is 100.0 % of 500.10 rounded to one place (100.029…).
    expect(a.investmentWan).toEqual({ difference: "500.25", percent: "100.0" });
    // B had nothing a year earlier: the difference is the whole figure and there is no percentage.
    const b = cmp.rows[String(w.b.company.id)].signed;
    expect(b.previous).toEqual({ count: 0, investmentWan: "0.00" });
    expect(b.count).toEqual({ difference: "1", percent: null });
    expect(b.investmentWan).toEqual({ difference: "300.30", percent: null });
    // The zone: 4 signings, 1300.65, against 2 and 500.10.
    expect(cmp.total.signed.previous).toEqual({ count: 2, investmentWan: "500.10" });
    expect(cmp.total.signed.investmentWan).toEqual({ difference: "800.55", percent: "160.1" });
    expect(cmp.total.signed.count).toEqual({ difference: "2", percent: "100.0" });
    // A milestone with nothing either side: 0 against 0, no percentage.
    expect(cmp.total.production.investmentWan).toEqual({ difference: "0.00", percent: null });
  });

  it("环比 compares Q1 with the quarter before", async () => {
    const before = comparedPeriod(q1, "pop");
    expect(before).toEqual({ kind: "quarter", from: "2025-10-01", to: "2025-12-31" });
    const cmp = compareReports(await report(q1), await report(before), "pop");
    const a = cmp.rows[String(w.a.company.id)].signed;
    expect(a.previous).toEqual({ count: 1, investmentWan: "2000.00" });
    // 1000.35 − 2000.00 = −999.65: −49.98… % → −50.0 %.
    expect(a.investmentWan).toEqual({ difference: "-999.65", percent: "-50.0" });
    expect(a.count).toEqual({ difference: "2", percent: "200.0" });
  });

  it("the export carries the compared figure, the difference and the percentage as numbers; none from zero", async () => {
    const cmp = compareReports(await report(q1), await report(comparedPeriod(q1, "yoy")), "yoy");
    const table = threeBatchesExport(await report(q1), translator("zh"), cmp);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(table)).buffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const rowOf = (company: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === company)!;
    const a = rowOf(w.a.company.name);
    expect(a.getCell(col("签约总投资（万元）（对比期）")).value).toBe(500.1);
    expect(a.getCell(col("签约总投资（万元）增减")).value).toBe(500.25);
    expect(a.getCell(col("签约总投资（万元）增减率")).value).toBe(1);
    expect(a.getCell(col("签约总投资（万元）增减率")).numFmt).toBe("0.0%");
    expect(rowOf(w.b.company.name).getCell(col("签约个数增减率")).value).toBeNull();
    // The totals row holds the zone's own comparison, not a sum of the companies' percentages.
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(1).value).toBe("全区合计");
    expect(totals.getCell(col("签约总投资（万元）增减率")).value).toBeCloseTo(1.601, 10);
    expect(totals.getCell(col("签约总投资（万元）增减")).value).toBe(800.55);
  });

  it("the trends compare each month with the same month a year earlier, or with the month before", async () => {
    const [y2026, y2025] = await Promise.all([zoneMonths(w.ref.zoneId, 2026, "owner"), zoneMonths(w.ref.zoneId, 2025, "owner")]);
    expect(y2026.signed[0]).toEqual({ count: 1, investmentWan: "0.10" });
    const yoy = monthlyComparison(y2026, y2025, "yoy");
    // January 2026 (0.10) against January 2025 (0.10); March 2026 (1000.05) against March 2025 (500.00).
    expect(yoy.signed[0].investmentWan).toEqual({ difference: "0.00", percent: "0.0" });
    expect(yoy.signed[2].investmentWan).toEqual({ difference: "500.05", percent: "100.0" });
    // February 2025 had nothing: no percentage.
    expect(yoy.signed[1]).toMatchObject({ previous: { count: 0, investmentWan: "0.00" }, count: { difference: "2", percent: null } });
    const pop = monthlyComparison(y2026, y2025, "pop");
    // January against December 2025 (2000.00); February (0.20 + 300.30) against January (0.10).
    expect(pop.signed[0].investmentWan).toEqual({ difference: "-1999.90", percent: "-100.0" });
    expect(pop.signed[1].investmentWan).toEqual({ difference: "300.40", percent: "300400.0" });
  });

  describe("the funnel", () => {
    // Projects whose stage history is written as events: firsts follow them (migration 0009's triggers).
    async function walk(stages: [ProjectStage, string][]) {
      const project = await createProject(db.db, { ...w.inA, stage: stages.at(-1)![0] });
      await db.db.delete(projectEvents).where(eq(projectEvents.projectId, project.id));
      await db.db
        .insert(projectEvents)
        .values(stages.map(([toStage, businessOn]) => ({ projectId: project.id, kind: "stage" as const, toStage, businessOn })));
      return project;
    }

    it("reached in the period can grow from stage to stage; reached at least never does, and each number lists its projects", async () => {
      // Negotiating before the period, evaluating in it (twice); one project all the way to signed in it.
      await walk([
        ["lead", "2024-01-01"],
        ["contacted", "2024-01-02"],
        ["negotiating", "2024-01-03"],
        ["evaluating", "2024-06-10"],
      ]);
      await walk([
        ["lead", "2024-01-01"],
        ["contacted", "2024-01-02"],
        ["negotiating", "2024-01-03"],
        ["evaluating", "2024-06-11"],
      ]);
      const through = await walk([
        ["lead", "2024-05-01"],
        ["contacted", "2024-05-02"],
        ["negotiating", "2024-05-03"],
        ["evaluating", "2024-05-04"],
        ["signed", "2024-05-05"],
      ]);
      const period = { from: "2024-04-01", to: "2024-06-30" };
      const funnel = await getFunnel(w.leader, w.a.company.id, period.from, period.to);
      const reached = Object.fromEntries(funnel.stages.map((s) => [s.stage, s.reached]));
      expect(reached).toMatchObject({ negotiating: 1, evaluating: 3, signed: 1 });
      const atLeast = await funnelAtLeast(w.leader, w.a.company.id, period.from, period.to);
      expect(atLeast).toMatchObject({ lead: 3, contacted: 3, negotiating: 3, evaluating: 3, signed: 1, registered: 0 });
      for (let i = 1; i < PROJECT_STAGES.length; i++) expect(atLeast[PROJECT_STAGES[i]]).toBeLessThanOrEqual(atLeast[PROJECT_STAGES[i - 1]]);

      const list = (stage: ProjectStage, measure: "reached" | "advanced" | "atLeast") =>
        funnelProjects(w.leader, w.a.company.id, { ...period, stage, measure });
      const evaluating = await list("evaluating", "reached");
      expect(evaluating.total).toBe(3);
      expect(evaluating.rows.map((r) => r.reachedOn)).toEqual(["2024-05-04", "2024-06-10", "2024-06-11"]);
      expect((await list("negotiating", "reached")).rows.map((r) => r.id)).toEqual([through.id]);
      expect((await list("evaluating", "advanced")).rows.map((r) => r.id)).toEqual([through.id]);
      const atLeastLead = await list("lead", "atLeast");
      expect(atLeastLead.total).toBe(atLeast.lead);
      expect(new Set(atLeastLead.rows.map((r) => r.id)).size).toBe(3);
      // Each project once, on the first date it reached one of those stages in the period.
      expect(atLeastLead.rows.find((r) => r.id === through.id)?.reachedOn).toBe("2024-05-01");
    });

    it("lists a confidential project to a leader; a colleague who may not open it finds it neither counted nor named", async () => {
      const secret = await walk([
        ["lead", "2023-02-01"],
        ["contacted", "2023-02-02"],
      ]);
      await db.db.update(projects).set({ confidential: true }).where(eq(projects.id, secret.id));
      const period = { from: "2023-01-01", to: "2023-12-31" };
      // A colleague of the owner (staff, not the owner): the funnel and its list hold only the viewer's scope.
      const staff2: Viewer = { id: w.a.staff2.id, zoneId: w.ref.zoneId, companyId: w.a.company.id, role: "staff" };
      const leaderList = await funnelProjects(w.leader, undefined, { ...period, stage: "contacted", measure: "reached" });
      expect(leaderList.rows.map((r) => r.id)).toContain(secret.id);
      const staffList = await funnelProjects(staff2, undefined, { ...period, stage: "contacted", measure: "reached" });
      const staffFunnel = await getFunnel(staff2, undefined, period.from, period.to);
      expect(staffList.total).toBe(staffFunnel.stages.find((s) => s.stage === "contacted")!.reached);
      expect(staffList.rows.map((r) => r.id)).not.toContain(secret.id);
      expect(staffList.rows.some((r) => r.name === secret.name)).toBe(false);
    });
  });
});
