// 四比四看 between zones (issue 20 item 3): three zones in two cities, measured from the rollups and ranked with the
// province's weights; every figure below is computed by hand from the projects and requests the test makes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, cities, clusters, companies, serviceRequestRatings, serviceRequests, users, zones } from "../../db/schema";
import { quarterPeriod } from "../../app/lib/periods";
import { ZONE_MEASURE_KEYS } from "../../app/lib/zone-ranking";
import type { Viewer } from "../../app/modules/auth/policy";
import { saveZoneWeights, zoneRanking } from "../../app/modules/province/ranking.server";
import { ensureProvinceZone } from "../../app/modules/zones/zones.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createUser, testPasswordHash } from "../support/factories";

const Q2 = quarterPeriod(2026, 2); // 2026-04-01 … 2026-06-30; the previous period is Q1.

describe.each(databaseKinds())("四比四看 between zones (%s)", (kind) => {
  let db: TestDatabase;
  let provinceLeader: Viewer;
  let cityLeader: Viewer;
  const zoneIds: Record<"A" | "B" | "C", number> = { A: 0, B: 0, C: 0 };

  /** A zone of the given city with one attraction company and its manager. */
  async function makeZone(code: string, name: string, city: string) {
    const [c] = await db.db.select({ id: cities.id }).from(cities).where(eq(cities.name, city));
    const [zone] = await db.db.insert(zones).values({ code, name, cityId: c.id }).returning();
    const [cluster] = await db.db.insert(clusters).values({ zoneId: zone.id, name: "半导体" }).returning();
    const [company] = await db.db
      .insert(companies)
      .values({ zoneId: zone.id, name: `${name}半导体公司`, shortName: "半导体", kind: "attraction", clusterId: cluster.id })
      .returning();
    const manager = await createUser(db.db, { zoneId: zone.id, companyId: company.id, role: "manager" });
    return { zoneId: zone.id, clusterId: cluster.id, companyId: company.id, managerId: manager.id };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db); // 太原
    const refCompany = ref.companies.find((c) => c.kind === "attraction")!;
    const refManager = await createUser(db.db, { zoneId: ref.zoneId, companyId: refCompany.id, role: "manager" });
    const A = { zoneId: ref.zoneId, clusterId: refCompany.clusterId!, companyId: refCompany.id, managerId: refManager.id };
    const B = await makeZone("tyb", "太原乙开发区", "太原");
    const C = await makeZone("dtc", "大同丙开发区", "大同");
    Object.assign(zoneIds, { A: A.zoneId, B: B.zoneId, C: C.zoneId });
    const project = (z: typeof A, p: Omit<Parameters<typeof createProject>[1], "zoneId" | "companyId" | "clusterId" | "ownerId">) =>
      createProject(db.db, { zoneId: z.zoneId, companyId: z.companyId, clusterId: z.clusterId, ownerId: z.managerId, ...p });

    // A: a reserve of 20,000 (big) and 5,000; signed in Q2 30,000 (registered) and 10,000 (not yet); one signed in
    // Q1 (8,000) that started construction in Q2 after 40 days.
    await project(A, { stage: "negotiating", plannedInvestmentWan: "20000.00" });
    await project(A, { stage: "evaluating", plannedInvestmentWan: "5000.00" });
    await project(A, { stage: "registered", contractedInvestmentWan: "30000.00", signedOn: "2026-04-10" });
    await project(A, { stage: "signed", contractedInvestmentWan: "10000.00", signedOn: "2026-05-01" });
    await project(A, { stage: "construction", contractedInvestmentWan: "8000.00", signedOn: "2026-03-01", constructionOn: "2026-04-10" });
    // B: no reserve; one signed in Q2 (20,000) that started construction 70 days later; a request solved on time, rated 4.
    const b1 = await project(B, {
      stage: "construction",
      contractedInvestmentWan: "20000.00",
      signedOn: "2026-04-01",
      constructionOn: "2026-06-10",
    });
    const [request] = await db.db
      .insert(serviceRequests)
      .values({
        zoneId: B.zoneId,
        projectId: b1.id,
        channel: "hotline",
        type: "permits",
        description: "办证",
        handlingCompanyId: B.companyId,
        status: "solved",
        receivedOn: "2026-06-11",
        dueOn: "2026-06-20",
        solvedOn: "2026-06-15",
        createdById: B.managerId,
      })
      .returning();
    await db.db.insert(serviceRequestRatings).values({ requestId: request.id, source: "hotline", score: 4, byId: B.managerId });
    // C (大同): a reserve of 15,000 (big); signed 50,000 in Q1 (not registered), nothing in Q2; a request still open.
    const c1 = await project(C, { stage: "negotiating", plannedInvestmentWan: "15000.00" });
    await project(C, { stage: "signed", contractedInvestmentWan: "50000.00", signedOn: "2026-02-01" });
    await db.db.insert(serviceRequests).values({
      zoneId: C.zoneId,
      projectId: c1.id,
      channel: "visit",
      type: "land",
      description: "用地",
      handlingCompanyId: C.companyId,
      status: "open",
      receivedOn: "2026-05-02",
      dueOn: "2026-05-30",
      createdById: C.managerId,
    });

    const provinceZoneId = await ensureProvinceZone(db.db);
    const passwordHash = await testPasswordHash();
    const [taiyuan] = await db.db.select({ id: cities.id }).from(cities).where(eq(cities.name, "太原"));
    const [pl] = await db.db
      .insert(users)
      .values({ zoneId: provinceZoneId, login: "pl", displayName: "省领导", role: "province_leader", passwordHash })
      .returning();
    const [cl] = await db.db
      .insert(users)
      .values({ zoneId: provinceZoneId, login: "cl", displayName: "太原市领导", role: "city_leader", cityId: taiyuan.id, passwordHash })
      .returning();
    provinceLeader = { id: pl.id, zoneId: provinceZoneId, companyId: null, role: "province_leader" };
    cityLeader = { id: cl.id, zoneId: provinceZoneId, companyId: null, role: "city_leader" };
  });
  afterAll(() => db?.dispose());

  const rank = async (viewer: Viewer, missing: "rescale" | "zero" = "rescale") => {
    const result = await zoneRanking(viewer, Q2, { missing });
    if (result.kind !== "ok") throw new Error("refused");
    return result.value;
  };
  const byCode = (rows: Awaited<ReturnType<typeof rank>>["rows"]) => Object.fromEntries(rows.map((r) => [r.code, r]));

  it("measures every zone from the rollups: counts, exact money, shares, medians; missing as null with its reason", async () => {
    const r = byCode((await rank(provinceLeader)).rows);
    const refCode = Object.values(r).find((z) => z.id === zoneIds.A)!.code;
    expect(r[refCode].values).toEqual({
      reserveCount: 2,
      reserveInvestment: "25000.00",
      bigReservePercent: "50.0",
      signedCount: 2,
      signedInvestment: "40000.00",
      registeredPercent: "50.0",
      constructionCount: 1,
      constructionInvestment: "8000.00",
      daysSignToConstruction: "40.0",
      onTimeRate: null,
      satisfaction: null,
    });
    expect(r[refCode].reasons).toEqual({ onTimeRate: "noRequests", satisfaction: "noRequests" });
    expect(r.tyb.values).toEqual({
      reserveCount: 0,
      reserveInvestment: "0.00",
      bigReservePercent: null,
      signedCount: 1,
      signedInvestment: "20000.00",
      registeredPercent: "100.0",
      constructionCount: 1,
      constructionInvestment: "20000.00",
      daysSignToConstruction: "70.0",
      onTimeRate: "100.0",
      satisfaction: "4.00",
    });
    expect(r.tyb.reasons).toEqual({ bigReservePercent: "noReserve" });
    expect(r.dtc.values).toMatchObject({
      reserveCount: 1,
      reserveInvestment: "15000.00",
      bigReservePercent: "100.0",
      signedCount: 0,
      signedInvestment: "0.00",
      registeredPercent: null,
      daysSignToConstruction: null,
      onTimeRate: null,
      satisfaction: null,
    });
    expect(r.dtc.reasons).toEqual({
      registeredPercent: "noSignings",
      daysSignToConstruction: "noConstruction",
      onTimeRate: "noneSolved",
      satisfaction: "noneSolved",
    });
    expect(r.dtc.city).toBe("大同");
  });

  it("with equal default weights, every measure weighs 10", async () => {
    const ranking = await rank(provinceLeader);
    expect(ranking.weightSet.version).toBe(0);
    expect(Object.values(ranking.weights)).toEqual(ZONE_MEASURE_KEYS.map(() => 10));
  });

  it("the city leader may not weigh; the province leader's weights are a version with who and when, audited", async () => {
    const weights = { ...Object.fromEntries(ZONE_MEASURE_KEYS.map((k) => [k, 0])) } as Record<(typeof ZONE_MEASURE_KEYS)[number], number>;
    const input = { ...weights, signedInvestment: 40, registeredPercent: 20, daysSignToConstruction: 20, bigReservePercent: 20, note: "重签约" };
    expect((await saveZoneWeights(cityLeader, input)).kind).toBe("forbidden");
    expect(await saveZoneWeights(provinceLeader, input)).toEqual({ kind: "ok", value: 1 });
    const ranking = await rank(provinceLeader);
    expect(ranking.weightSet).toMatchObject({ version: 1, by: "省领导", note: "重签约" });
    const audited = await db.db
      .select({ actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "zone_ranking_weights"), eq(auditLog.action, "create")));
    expect(audited).toEqual([{ actorId: provinceLeader.id }]);
  });

  it("ranks the province's zones by hand-computed totals, with the previous quarter's rank and the change", async () => {
    // Q2 scores (best = 100): signed investment A 100, B 50, C 0; registered A 50, B 100, C —; days A 100,
    // B 100×40/70, C —; big reserve A 50, B —, C 100.
    // A: (100×40 + 50×20 + 100×20 + 50×20) / 100 = 80; B: (50×40 + 100×20 + 57.142857×20) / 80 = 64.29 (折);
    // C: (0×40 + 100×20) / 60 = 33.33 (折).
    // Q1: signed investment A 8,000 (16), B 0 (0), C 50,000 (100); registered A 100, C 0; no construction;
    // A: (16×40 + 100×20 + 50×20) / 80 = 45.5; B: 0; C: (100×40 + 0×20 + 100×20) / 80 = 75 → C 1, A 2, B 3.
    const ranking = await rank(provinceLeader);
    expect(ranking.scope).toEqual({ kind: "province" });
    expect(ranking.previous).toMatchObject({ from: "2026-01-01", to: "2026-03-31" });
    const rows = ranking.rows.map((r) => [r.id, r.total, r.rank, r.previousRank, r.change, r.rescaled]);
    expect(rows).toEqual([
      [zoneIds.A, 80, 1, 2, { kind: "up", by: 1 }, false],
      [zoneIds.B, 64.29, 2, 3, { kind: "up", by: 1 }, true],
      [zoneIds.C, 33.33, 3, 1, { kind: "down", by: 2 }, true],
    ]);
    expect(byCode(ranking.rows).dtc.missing).toEqual(["registeredPercent", "daysSignToConstruction"]);
  });

  it("under the strict rule a missing measure scores 0 over every weight", async () => {
    // B: 5142.857 / 100 = 51.43; C: 2000 / 100 = 20.
    const rows = (await rank(provinceLeader, "zero")).rows.map((r) => [r.id, r.total, r.rank]);
    expect(rows).toEqual([
      [zoneIds.A, 80, 1],
      [zoneIds.B, 51.43, 2],
      [zoneIds.C, 20, 3],
    ]);
  });

  it("a city leader ranks their city's zones among themselves, never another city's", async () => {
    // Among A and B only: big reserve A is the best (100), B has none; A: (4000 + 1000 + 2000 + 2000) / 100 = 90.
    // Q1: A 100, B 0 — the same order, no change.
    const ranking = await rank(cityLeader);
    expect(ranking.scope).toMatchObject({ kind: "city", city: "太原" });
    const rows = ranking.rows.map((r) => [r.id, r.total, r.rank, r.previousRank, r.change]);
    expect(rows).toEqual([
      [zoneIds.A, 90, 1, 1, { kind: "same" }],
      [zoneIds.B, 64.29, 2, 2, { kind: "same" }],
    ]);
  });

  it("refuses a zone's own leader", async () => {
    const [leader] = await db.db
      .select()
      .from(users)
      .where(and(eq(users.zoneId, zoneIds.A), eq(users.role, "leader")));
    const result = await zoneRanking({ id: leader.id, zoneId: zoneIds.A, companyId: null, role: "leader" }, Q2);
    expect(result.kind).toBe("forbidden");
  });

  it("five saves of the weights at once: five versions, one after the other, none lost", async () => {
    const weights = Object.fromEntries(ZONE_MEASURE_KEYS.map((k) => [k, 10])) as Record<(typeof ZONE_MEASURE_KEYS)[number], number>;
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => saveZoneWeights(provinceLeader, { ...weights, note: `并发${n}` })));
    const versions = results.map((r) => (r.kind === "ok" ? r.value : null)).sort((a, b) => Number(a) - Number(b));
    const first = versions[0]!;
    expect(versions).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
  });
});
