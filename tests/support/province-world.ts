// Three zones in two cities for the province's pages and API (issue 20): the reference zone and a second zone in
// 太原, a third in 大同; projects in each (a confidential one in 大同's zone), the reference zone's March 2026
// published; the province leader `province`, 太原's city leader, and API tokens of them and of a zone's leader.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/index";
import { cities, clusters, companies, projects, publishedFacts, publishedPeriods, users } from "../../db/schema";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { currentFactsSql } from "../../app/modules/reports/three-batches.server";
import { createZone, ensureProvinceLeader, ensureProvinceZone } from "../../app/modules/zones/zones.server";
import { createProject, createReferenceZone, createUser, TEST_PASSWORD, testPasswordHash } from "./factories";

export const CONFIDENTIAL_NAME = "大同机密储能项目";

export async function prepareProvince(db: Database) {
  const ref = await createReferenceZone(db);
  const [taiyuan] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, "taiyuan"));
  const [datong] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, "datong"));
  const second = await createZone({ code: "tyjk", name: "太原经济技术开发区", cityId: taiyuan.id, password: TEST_PASSWORD }, { actorId: null, db });
  const third = await createZone({ code: "dtjk", name: "大同经济技术开发区", cityId: datong.id, password: TEST_PASSWORD }, { actorId: null, db });
  if (second.kind !== "ok" || third.kind !== "ok") throw new Error("zones refused");
  const zoneIds = { demo: ref.zoneId, tyjk: second.value.zoneId, dtjk: third.value.zoneId };
  const projectsOf = async (
    zoneId: number,
    list: { cluster: string; wan: string; signedOn: string; constructionOn?: string; confidential?: boolean; name?: string }[],
  ) => {
    for (const p of list) {
      const [cluster] = await db
        .select({ id: clusters.id })
        .from(clusters)
        .where(and(eq(clusters.zoneId, zoneId), eq(clusters.name, p.cluster)));
      const [company] = await db
        .select({ id: companies.id })
        .from(companies)
        .where(and(eq(companies.zoneId, zoneId), eq(companies.clusterId, cluster.id)));
      await createProject(db, {
        zoneId,
        companyId: company.id,
        clusterId: cluster.id,
        ownerId: null,
        stage: p.constructionOn ? "construction" : "signed",
        contractedInvestmentWan: p.wan,
        signedOn: p.signedOn,
        constructionOn: p.constructionOn,
        confidential: p.confidential,
        name: p.name,
      });
    }
  };
  await projectsOf(zoneIds.demo, [
    { cluster: "半导体", wan: "12345.67", signedOn: "2026-03-03", constructionOn: "2026-04-10", name: "示范区晶圆项目" },
    { cluster: "光伏", wan: "800.10", signedOn: "2026-03-20" },
    { cluster: "光伏", wan: "60.00", signedOn: "2025-03-20" },
  ]);
  await projectsOf(zoneIds.tyjk, [{ cluster: "半导体", wan: "2000.05", signedOn: "2026-03-15" }]);
  await projectsOf(zoneIds.dtjk, [
    { cluster: "光伏", wan: "31000.00", signedOn: "2026-03-08", constructionOn: "2026-03-28", confidential: true, name: CONFIDENTIAL_NAME },
    { cluster: "节能环保", wan: "450.45", signedOn: "2026-03-09", name: "大同余热利用项目" },
  ]);
  // The reference zone published March 2026 (its facts frozen as they stood).
  const [refLeader] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.zoneId, ref.zoneId), eq(users.login, "leader")));
  const [march] = await db
    .insert(publishedPeriods)
    .values({ zoneId: ref.zoneId, kind: "month", startsOn: "2026-03-01", endsOn: "2026-03-31", publishedById: refLeader.id })
    .returning({ id: publishedPeriods.id });
  await db.execute(sql`insert into ${publishedFacts} (period_id, project_id, milestone, business_on, investment_wan, owner_company_id,
      first_contact_company_id, has_evidence)
    select ${march.id}, f.project_id, f.milestone, f.business_on, f.investment_wan, f.owner_company_id, f.first_contact_company_id, f.has_evidence
    from (${currentFactsSql(ref.zoneId, "2026-03-01", "2026-03-31")}) f`);

  // Corrected after publishing: the published March keeps 12345.67, the live figures say 12445.67.
  const publishedMarch = (await figuresFromProjects(db, "2026-03-01", "2026-03-31")).get(ref.zoneId)!;
  await db.update(projects).set({ contractedInvestmentWan: "12445.67" }).where(eq(projects.name, "示范区晶圆项目"));
  const liveMarch = await figuresFromProjects(db, "2026-03-01", "2026-03-31");
  const liveMarchLastYear = await figuresFromProjects(db, "2025-03-01", "2025-03-31");

  const passwordHash = await testPasswordHash();
  const province = await ensureProvinceLeader(db, { passwordHash });
  const provinceZoneId = await ensureProvinceZone(db);
  const [cityLeader] = await db
    .insert(users)
    .values({ zoneId: provinceZoneId, login: "taiyuan_leader", displayName: "太原市领导", role: "city_leader", cityId: taiyuan.id, passwordHash })
    .returning({ id: users.id });
  const zoneAdmin = await createUser(db, { zoneId: ref.zoneId, companyId: null, role: "admin" });
  return {
    zoneIds,
    expected: { publishedMarch: plain(publishedMarch), liveMarch: byZone(liveMarch), liveMarchLastYear: byZone(liveMarchLastYear) },
    tokens: {
      province: await createApiToken(db, province.id, "province platform"),
      city: await createApiToken(db, cityLeader.id, "taiyuan platform"),
      zoneLeader: await createApiToken(db, refLeader.id, "zone leader"),
      zoneAdmin: await createApiToken(db, zoneAdmin.id, "zone admin"),
    },
  };
}

/** What the projects themselves say for [from, to], per zone id: counted from their own dates, summed in cents. */
export async function figuresFromProjects(db: Database, from: string, to: string) {
  const rows = await db
    .select({
      zoneId: projects.zoneId,
      signedOn: projects.signedOn,
      constructionOn: projects.constructionOn,
      productionOn: projects.productionOn,
      wan: projects.totalInvestmentWan,
    })
    .from(projects);
  const out = new Map<number, Record<"signed" | "construction" | "production", { count: number; cents: bigint }>>();
  for (const r of rows) {
    const cells = out.get(r.zoneId) ?? {
      signed: { count: 0, cents: 0n },
      construction: { count: 0, cents: 0n },
      production: { count: 0, cents: 0n },
    };
    for (const [m, on] of [
      ["signed", r.signedOn],
      ["construction", r.constructionOn],
      ["production", r.productionOn],
    ] as const) {
      if (on && on >= from && on <= to) {
        cells[m].count += 1;
        cells[m].cents += BigInt((r.wan ?? "0.00").replace(".", ""));
      }
    }
    out.set(r.zoneId, cells);
  }
  return out;
}

type Counted = Record<"signed" | "construction" | "production", { count: number; cents: bigint }>;
const ZERO: Counted = { signed: { count: 0, cents: 0n }, construction: { count: 0, cents: 0n }, production: { count: 0, cents: 0n } };
/** As JSON can carry it (the server's prepare step hands it to the test): 万元 as exact decimal strings. */
const plain = (c: Counted = ZERO) =>
  Object.fromEntries(Object.entries(c).map(([m, v]) => [m, { count: v.count, investmentWan: centsToWan(v.cents) }])) as Record<
    "signed" | "construction" | "production",
    { count: number; investmentWan: string }
  >;
const byZone = (m: Map<number, Counted>) => Object.fromEntries([...m].map(([zoneId, c]) => [String(zoneId), plain(c)]));

export const centsToWan = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;
