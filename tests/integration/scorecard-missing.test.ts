// Issue 18, decision 017: a company with nothing to be measured on (no annual target, no enterprise requests) is
// neither helped nor harmed by those measures under the default rule, and harmed under the strict one — on the
// real queries, with two companies whose projects are the same and only one of which has targets and requests.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { projects, serviceRequestRatings, serviceRequests, users } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { translator } from "../../app/lib/i18n";
import { quarterPeriod } from "../../app/lib/periods";
import type { Weights } from "../../app/lib/scorecard";
import { defaultWeights } from "../../app/lib/scorecard";
import { toCsv, toXlsx } from "../../app/modules/export/table-export.server";
import { scorecardExport, targetsExport } from "../../app/modules/reports/report-exports.server";
import { scorecard } from "../../app/modules/reports/scorecard.server";
import { saveAnnualTarget, targetProgress } from "../../app/modules/reports/targets.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const Q2 = quarterPeriod(2026, 2);
const THE_THREE = ["targetCompletion", "onTimeRate", "satisfaction"] as const;

describe.each(databaseKinds())("the scorecard's missing measures (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const [leaderRow] = await db.db.select().from(users).where(eq(users.id, ref.leaderId));
    const leader: Viewer = { id: leaderRow.id, zoneId: leaderRow.zoneId, companyId: leaderRow.companyId, role: "leader" };
    const base = { zoneId: ref.zoneId, clusterId: ref.clusters[0].id };
    // The same projects for A and B: two signings and a construction start in Q2, one in the reserve.
    for (const [company, owner] of [
      [a.company.id, a.staff1.id],
      [b.company.id, b.staff1.id],
    ] as const) {
      const inIt = { ...base, companyId: company, ownerId: owner };
      for (const on of ["2026-04-10", "2026-05-20"]) {
        const p = await createProject(db.db, { ...inIt, stage: "signed", contractedInvestmentWan: "1500.50", signedOn: on });
        await db.db.update(projects).set({ contactedOn: "2026-03-01" }).where(eq(projects.id, p.id));
      }
      await createProject(db.db, {
        ...inIt,
        stage: "construction",
        contractedInvestmentWan: "800.00",
        signedOn: "2026-01-15",
        constructionOn: "2026-06-01",
      });
      await createProject(db.db, { ...inIt, stage: "negotiating", plannedInvestmentWan: "20000.00" });
    }
    // Only A has a target for the year and enterprise requests, solved in Q2 (one late) and rated 4 and 5.
    expect(
      await saveAnnualTarget(leader, {
        companyId: a.company.id,
        year: 2026,
        signedCount: 4,
        signedInvestmentWan: "6000.00",
        constructionCount: 2,
        productionCount: 0,
        version: 0,
      }),
    ).toEqual({ kind: "ok" });
    const landed = await createProject(db.db, { ...base, companyId: a.company.id, ownerId: a.staff1.id, stage: "registered" });
    const request = (solvedOn: string) => ({
      zoneId: ref.zoneId,
      projectId: landed.id,
      channel: "hotline" as const,
      type: "permits" as const,
      description: "用电报装",
      handlingCompanyId: a.company.id,
      receivedOn: "2026-04-01",
      dueOn: "2026-04-10",
      status: "solved" as const,
      solvedOn,
      createdById: a.staff1.id,
    });
    const solved = await db.db
      .insert(serviceRequests)
      .values([request("2026-04-08"), request("2026-04-09"), request("2026-04-20")])
      .returning({ id: serviceRequests.id });
    // The enterprise's ratings (decision 018): two of the three answered, through the hotline's 回访 and the link.
    await db.db.insert(serviceRequestRatings).values([
      { requestId: solved[0].id, source: "hotline", score: 4 },
      { requestId: solved[1].id, source: "link", score: 5 },
    ]);
    return { ref, a, b };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  const rowOf = (card: Awaited<ReturnType<typeof scorecard>>, id: number) => card.rows.find((r) => r.id === id)!;
  const without = (weights: Weights): Weights => ({ ...weights, targetCompletion: 0, onTimeRate: 0, satisfaction: 0 });

  it("shows the three measures as missing, with the reason, and counts the rated requests", async () => {
    const card = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "attraction" });
    const a = rowOf(card, w.a.company.id);
    const b = rowOf(card, w.b.company.id);
    expect(a.values).toMatchObject({ onTimeRate: "66.7", satisfaction: "4.50" });
    expect(a.values.targetCompletion).not.toBeNull();
    expect(a.requests).toEqual({ received: 3, solved: 3, rated: 2 });
    for (const key of THE_THREE) {
      expect(b.values[key], key).toBeNull();
      expect(b.scores[key], key).toBeNull();
      expect(b.contributions[key], key).toBeNull();
    }
    expect(b.reasons).toMatchObject({ targetCompletion: "noTarget", onTimeRate: "noRequests", satisfaction: "noRequests" });
    expect(b.missing).toEqual([...THE_THREE]);
    expect(b).toMatchObject({ weightCovered: 80, weightSum: 100, rescaled: true });
    expect(a.rescaled).toBe(false);
  });

  it("default rule: B's total is exactly what it would be if the three measures did not exist — neither helped nor harmed", async () => {
    const weights = defaultWeights();
    const card = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "attraction", weights });
    const asIfAbsent = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "attraction", weights: without(weights) });
    const b = rowOf(card, w.b.company.id);
    expect(b.total).toBe(rowOf(asIfAbsent, w.b.company.id).total);
    // A has the same projects: without the three measures the two are level, so B stands where A stands on them.
    expect(rowOf(asIfAbsent, w.a.company.id).total).toBe(b.total);
    expect(b.total).toBeGreaterThan(0);
    // Not helped: a company that has the measures and is the best on them (A) still ranks above B.
    expect(rowOf(card, w.a.company.id).rank).toBeLessThan(b.rank!);
  });

  it("strict rule: the missing measures score 0 and B loses exactly their share of the weights", async () => {
    const weights = defaultWeights();
    const fair = rowOf(await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "attraction", weights }), w.b.company.id);
    const strictCard = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "attraction", weights, missing: "zero" });
    const strict = rowOf(strictCard, w.b.company.id);
    expect(strictCard.missing).toBe("zero");
    for (const key of THE_THREE) expect(strict.scores[key], key).toBe(0);
    expect(strict.total!).toBeLessThan(fair.total!);
    expect(strict.total!).toBeCloseTo((fair.total! * 80) / 100, 1);
    expect(strict.rescaled).toBe(false);
  });

  it("the XLSX says the same: numbers as numbers, “—” where there is no data, the rescaled weights beside the total", async () => {
    const t = translator("zh");
    const card = await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "attraction" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(scorecardExport(card, t))).buffer as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const rowOfCompany = (name: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(col("公司")).value === name) return sheet.getRow(i);
      throw new Error(name);
    };
    const b = rowOfCompany(w.b.company.name);
    const bCard = rowOf(card, w.b.company.id);
    expect(b.getCell(col("排名")).value).toBe(bCard.rank);
    expect(b.getCell(col("综合得分")).value).toBe(bCard.total);
    expect(b.getCell(col("综合得分")).numFmt).toBe("0.00");
    expect(b.getCell(col("计分权重（100）")).value).toBe(80);
    expect(b.getCell(col("缺项")).value).toBe("年度目标综合完成率（%）、诉求按时办结率（%）、平均满意度");
    expect(b.getCell(col("年度目标综合完成率（%）")).value).toBe("—");
    expect(b.getCell(col("年度目标综合完成率（%） 得分")).value).toBe("—");
    const a = rowOfCompany(w.a.company.name);
    expect(a.getCell(col("诉求按时办结率（%）")).value).toBeCloseTo(0.667, 6);
    expect(a.getCell(col("诉求按时办结率（%）")).numFmt).toBe("0.0%");
    expect(a.getCell(col("平均满意度")).value).toBe(4.5);
    expect(a.getCell(col("签约总投资（万元）")).value).toBe(3001);
    // The strict rule's export scores the missing measures 0 and says which rule it used.
    const strict = scorecardExport(await scorecard(w.ref.zoneId, Q2, { basis: "owner", scope: "attraction", missing: "zero" }), t);
    const bStrict = strict.rows.find((r) => r.company === w.b.company.name)!;
    expect(bStrict).toMatchObject({ targetCompletion: null, targetCompletionScore: 0, rule: "缺项记零分" });
  });

  it("the targets export: counts and 万元 as numbers, completion as a percentage, “—” without a target", async () => {
    const rows = await targetProgress(w.ref.zoneId, 2026, "2026-06-30");
    const csv = toCsv(targetsExport(rows, 2026, "2026-06-30", translator("zh")));
    const line = (name: string) => csv.split("\n").find((l) => l.startsWith(name))!;
    // A: 3 of 4 signings (75.0 %), 3,801.00 of 6,000 万元 (63.4 %), 1 of 2 construction starts; a production
    // target of 0 is no target: overall (75.0 + 63.4 + 50.0) / 3.
    expect(line(w.a.company.name)).toBe(`${w.a.company.name},4,3,75.0,6000.00,3801.00,63.4,2199.00,2,1,50.0,0,0,—,62.8`);
    expect(line(w.b.company.name)).toBe(`${w.b.company.name},—,3,—,—,3801.00,—,—,—,1,—,—,0,—,—`);
  });
});
