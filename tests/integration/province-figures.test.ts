// The province's 三个一批 (issue 20): for three zones in two cities, the figures by zone, by city, by cluster and in
// total must equal what the projects themselves say — counted here from each project's own stage dates and
// investment, independently of the rollups the report reads —, a confidential project counted but never named,
// each zone's published figures beside its live ones, and a city leader reading only their city's zones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { annualTargets, cities, clusters, companies, projects } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { zoneProjects } from "../../app/modules/province/drill.server";
import type { ZoneRef } from "../../app/modules/province/figures.server";
import { provinceReport, provinceTargets, readableZones } from "../../app/modules/province/figures.server";
import { publishPeriod } from "../../app/modules/reports/published-periods.server";
import type { Milestone } from "../../app/modules/reports/milestones";
import { MILESTONES } from "../../app/modules/reports/milestones";
import { classifyPeriod } from "../../app/lib/periods";
import { createZone } from "../../app/modules/zones/zones.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createUser } from "../support/factories";

type Made = {
  zoneId: number;
  clusterName: string;
  planned: string;
  contracted?: string;
  signedOn?: string;
  constructionOn?: string;
  productionOn?: string;
  confidential?: boolean;
};

/** Exact 万元 sums through integer cents, as an accountant would add the projects up. */
const cents = (wan: string) => BigInt(wan.replace(".", ""));
const wanOf = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;

describe.each(databaseKinds())("the province's figures (%s)", (kind) => {
  let db: TestDatabase;
  let zoneList: ZoneRef[];
  let taiyuan: number;
  let datong: number;
  const made: Made[] = [];
  let referenceZoneId: number;
  let leaderOfReference: Viewer;
  const provinceLeader = { id: 0, role: "province_leader" as const, cityId: null };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db); // 太原
    referenceZoneId = ref.zoneId;
    const cityRows = await db.db.select({ id: cities.id, code: cities.code }).from(cities);
    taiyuan = cityRows.find((c) => c.code === "taiyuan")!.id;
    datong = cityRows.find((c) => c.code === "datong")!.id;
    const second = await createZone(
      { code: "tyjk", name: "太原经济技术开发区", cityId: taiyuan, password: "Zone-Admin-Pass-2026" },
      { actorId: null, db: db.db },
    );
    const third = await createZone(
      { code: "dtjk", name: "大同经济技术开发区", cityId: datong, password: "Zone-Admin-Pass-2026" },
      { actorId: null, db: db.db },
    );
    if (second.kind !== "ok" || third.kind !== "ok") throw new Error("zones not made");
    const leaderRow = await createUser(db.db, { zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" });
    leaderOfReference = { id: leaderRow.id, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };

    // Each zone: projects of two clusters' companies and a service company, over two years, one confidential.
    const plan: [number, (typeof made)[number][]][] = [];
    for (const [zoneId, k] of [
      [ref.zoneId, 1],
      [second.value.zoneId, 2],
      [third.value.zoneId, 3],
    ] as const) {
      plan.push([
        zoneId,
        [
          {
            zoneId,
            clusterName: "半导体",
            planned: `${1000 * k}.50`,
            contracted: `${1200 * k}.25`,
            signedOn: "2026-03-05",
            constructionOn: "2026-03-20",
          },
          {
            zoneId,
            clusterName: "半导体",
            planned: `${300 + k}.10`,
            signedOn: "2026-03-31",
            constructionOn: "2026-05-01",
            productionOn: "2026-06-30",
          },
          {
            zoneId,
            clusterName: "光伏",
            planned: `${77 * k}.07`,
            contracted: `${88 * k}.08`,
            signedOn: "2026-01-01",
            productionOn: "2026-03-15",
            confidential: true,
          },
          { zoneId, clusterName: "光伏", planned: "5.00", signedOn: "2025-03-10" }, // the same month a year before (同比)
          { zoneId, clusterName: "", planned: `${k}0.01`, signedOn: "2026-02-28", constructionOn: "2026-04-01" }, // a service company's
        ],
      ]);
    }
    for (const [zoneId, list] of plan) {
      const zoneCompanies = await db.db.select().from(companies).where(eq(companies.zoneId, zoneId));
      const clusterRows = await db.db.select().from(clusters).where(eq(clusters.zoneId, zoneId));
      for (const p of list) {
        const cluster = clusterRows.find((c) => c.name === (p.clusterName || "半导体"))!;
        const company = p.clusterName ? zoneCompanies.find((c) => c.clusterId === cluster.id)! : zoneCompanies.find((c) => c.kind === "service")!;
        const stage = p.productionOn ? "production" : p.constructionOn ? "construction" : "signed";
        await createProject(db.db, {
          zoneId,
          companyId: company.id,
          clusterId: cluster.id,
          ownerId: null,
          stage,
          confidential: p.confidential,
          plannedInvestmentWan: p.planned,
          contractedInvestmentWan: p.contracted,
          signedOn: p.signedOn,
          constructionOn: p.constructionOn,
          productionOn: p.productionOn,
          name: p.confidential ? "机密投资项目甲" : undefined,
        });
        made.push(p);
      }
    }
    zoneList = await readableZones(provinceLeader);
  });
  afterAll(() => db?.dispose());

  /** The figures of these made projects in [from, to], from their own dates and investments. */
  function expected(filter: (p: Made) => boolean, from: string, to: string) {
    const out = {} as Record<Milestone, { count: number; investmentWan: string }>;
    for (const m of MILESTONES) {
      const on = (p: Made) => (m === "signed" ? p.signedOn : m === "construction" ? p.constructionOn : p.productionOn);
      const hit = made.filter((p) => filter(p) && on(p) !== undefined && on(p)! >= from && on(p)! <= to);
      out[m] = { count: hit.length, investmentWan: wanOf(hit.reduce((s, p) => s + cents(p.contracted ?? p.planned), 0n)) };
    }
    return out;
  }

  it("the province leader reads every real zone, a city leader only their city's", async () => {
    expect(zoneList.map((z) => z.code).sort()).toEqual(["demo", "dtjk", "tyjk"]);
    const ofTaiyuan = await readableZones({ role: "city_leader", cityId: taiyuan });
    expect(ofTaiyuan.map((z) => z.code).sort()).toEqual(["demo", "tyjk"]);
    expect(await readableZones({ role: "province_admin", cityId: null })).toEqual([]);
  });

  it("by zone, by city, by cluster and in total, the figures are the projects' own", async () => {
    const period = classifyPeriod("2026-01-01", "2026-06-30");
    const report = await provinceReport(zoneList, period, "yoy");
    for (const z of report.zones) {
      expect(z.live, z.code).toEqual(expected((p) => p.zoneId === z.id, period.from, period.to));
      expect(z.published, z.code).toBeNull();
      expect(z.reported).toEqual(z.live);
    }
    const cityOf = (p: Made) => zoneList.find((z) => z.id === p.zoneId)!.cityId;
    expect(report.cities.find((c) => c.id === taiyuan)!.live).toEqual(expected((p) => cityOf(p) === taiyuan, period.from, period.to));
    expect(report.cities.find((c) => c.id === datong)!.live).toEqual(expected((p) => cityOf(p) === datong, period.from, period.to));
    expect(report.cities.find((c) => c.id === taiyuan)!.zoneCount).toBe(2);
    for (const name of ["半导体", "光伏", ""]) {
      expect(report.clusters.find((c) => c.name === name)!.live, name || "service").toEqual(
        expected((p) => p.clusterName === name, period.from, period.to),
      );
    }
    expect(report.clusters.find((c) => c.name === "节能环保")!.live.signed).toEqual({ count: 0, investmentWan: "0.00" });
    const all = expected(() => true, period.from, period.to);
    expect(report.total.live).toEqual(all);
    // A sum across zones that no float could keep exact: 3 zones × the confidential project included.
    expect(all.signed.count).toBe(12);
    // 同比: the same half-year of 2025, from the projects again.
    expect(report.total.liveCompare!.signed.previous).toEqual(expected(() => true, "2025-01-01", "2025-06-30").signed);
    expect(report.zones[0].compare!.signed.previous.count).toBe(1);
  });

  it("a zone that published the period shows its frozen figures, the others 未发布; both totals side by side", async () => {
    const period = classifyPeriod("2026-03-01", "2026-03-31");
    const published = await publishPeriod(leaderOfReference, period, null);
    expect(published.kind).toBe("ok");
    // After publishing, the reference zone's March changes: its frozen figures must not.
    const [late] = await db.db.select({ id: projects.id }).from(projects).where(eq(projects.zoneId, referenceZoneId)).orderBy(projects.id).limit(1);
    await db.db.update(projects).set({ contractedInvestmentWan: "999999.99" }).where(eq(projects.id, late.id));
    const report = await provinceReport(zoneList, period, null);
    const ref = report.zones.find((z) => z.id === referenceZoneId)!;
    const frozen = expected((p) => p.zoneId === referenceZoneId, period.from, period.to);
    expect(ref.published?.cells).toEqual(frozen);
    expect(ref.reported).toEqual(frozen);
    expect(ref.live.signed.investmentWan).not.toBe(frozen.signed.investmentWan);
    const others = report.zones.filter((z) => z.id !== referenceZoneId);
    for (const z of others) expect(z.published, z.code).toBeNull();
    expect(report.total.publishedZones).toBe(1);
    expect(report.total.published).toEqual(frozen);
    // The live total moves with the change; the published one does not.
    expect(cents(report.total.live.signed.investmentWan)).toBe(
      cents(expected(() => true, period.from, period.to).signed.investmentWan) - cents("1200.25") + cents("999999.99"),
    );
    await db.db.update(projects).set({ contractedInvestmentWan: "1200.25" }).where(eq(projects.id, late.id));
  });

  it("the projects behind a number: the confidential one is counted, never named", async () => {
    const zone = zoneList.find((z) => z.code === "dtjk")!;
    const viewer: Viewer = { id: 1, zoneId: 999, companyId: null, role: "province_leader" };
    const result = await zoneProjects(viewer, zone, { from: "2026-01-01", to: "2026-06-30", companyId: null, milestone: "signed" }, { after: null });
    const exp = expected((p) => p.zoneId === zone.id, "2026-01-01", "2026-06-30").signed;
    expect(result.total).toEqual(exp);
    expect(result.rows).toHaveLength(exp.count);
    const hidden = result.rows.filter((r) => r.hidden);
    expect(hidden).toHaveLength(1);
    expect(JSON.stringify(hidden)).not.toMatch(/机密|264\.24|T-/);
    expect(result.rows.filter((r) => !r.hidden).every((r) => r.name !== "" && !("projectId" in r))).toBe(true);
  });

  it("each zone's targets: the sum of its companies' targets, — where none is set", async () => {
    const zone = zoneList.find((z) => z.code === "tyjk")!;
    const list = await db.db.select().from(companies).where(eq(companies.zoneId, zone.id));
    const attraction = list.filter((c) => c.kind === "attraction").slice(0, 2);
    for (const c of attraction) {
      await db.db.insert(annualTargets).values({
        zoneId: zone.id,
        companyId: c.id,
        year: 2026,
        signedCount: 4,
        signedInvestmentWan: "2000.00",
        constructionCount: 2,
        productionCount: 1,
      });
    }
    const rows = await provinceTargets(zoneList, 2026, "2026-06-30");
    const row = rows.find((r) => r.code === "tyjk")!;
    expect(row.target).toEqual({ companies: 2, signedCount: 8, signedInvestmentWan: "4000.00", constructionCount: 4, productionCount: 2 });
    const actual = expected((p) => p.zoneId === zone.id, "2026-01-01", "2026-06-30");
    expect(row.actual.signedCount).toBe(actual.signed.count);
    expect(row.completion.signedCount).toBe(((actual.signed.count / 8) * 100).toFixed(1));
    expect(rows.find((r) => r.code === "dtjk")!.target).toBeNull();
    expect(rows.find((r) => r.code === "dtjk")!.completion.signedCount).toBeNull();
  });

  it("the targets' year to date from the year's figures minus the days after it is the projects' own", async () => {
    const year = await provinceReport(zoneList, classifyPeriod("2026-01-01", "2026-12-31"), null);
    const known = { from: "2026-01-01", to: "2026-12-31", byZone: new Map(year.zones.map((z) => [z.id, z.live])) };
    // 31 March: the construction starts of April and May and the productions of 30 June are taken away.
    const reused = await provinceTargets(zoneList, 2026, "2026-03-31", known);
    expect(reused).toEqual(await provinceTargets(zoneList, 2026, "2026-03-31"));
    for (const row of reused) {
      const own = expected((p) => p.zoneId === row.id, "2026-01-01", "2026-03-31");
      expect(row.actual, row.code).toEqual({
        signedCount: own.signed.count,
        signedInvestmentWan: own.signed.investmentWan,
        constructionCount: own.construction.count,
        productionCount: own.production.count,
      });
    }
    // Days were taken away: the year holds more construction starts than its first quarter.
    expect(reused.some((r) => r.actual.constructionCount < known.byZone.get(r.id)!.construction.count)).toBe(true);
    // The whole known range: used as it is.
    expect(await provinceTargets(zoneList, 2026, "2026-12-31", known)).toEqual(await provinceTargets(zoneList, 2026, "2026-12-31"));
  });
});
