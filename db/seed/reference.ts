import { eq } from "drizzle-orm";
import type { Executor } from "../index";
import { DEFAULT_APPROVAL_ITEMS } from "./approval-catalogue";
import { POWER_PRICE_POLICY } from "./policies";
import { approvalCatalogue, chainLinks, cities, clusters, companies, industryChains, policies, serviceDeadlines, users, zones } from "../schema";
import { REFERENCE_CHAINS } from "./chains";
import type { CompanyKind, ServiceRequestType } from "../schema";

/** The 14 industry clusters of the reference zone, with the short code used for demo logins. */
export const REFERENCE_CLUSTERS = [
  { name: "信息技术应用创新", short: "信创", code: "xc" },
  { name: "半导体", short: "半导体", code: "bdt" },
  { name: "大数据融合创新", short: "大数据融合创新", code: "dsj" },
  { name: "光电", short: "光电", code: "gd" },
  { name: "光伏", short: "光伏", code: "gf" },
  { name: "碳基新材料", short: "碳基新材料", code: "tj" },
  { name: "特种金属材料", short: "特种金属材料", code: "tzjs" },
  { name: "生物基新材料", short: "生物基新材料", code: "swj" },
  { name: "先进轨道交通装备", short: "轨道交通装备", code: "gdjt" },
  { name: "煤机智能制造装备", short: "煤机智能制造", code: "mj" },
  { name: "智能网联新能源汽车", short: "新能源汽车", code: "xny" },
  { name: "通用航空", short: "通用航空", code: "hk" },
  { name: "现代生物医药和大健康", short: "生物医药和大健康", code: "yy" },
  { name: "节能环保", short: "节能环保", code: "hb" },
] as const;

export const REFERENCE_OTHER_COMPANIES: { name: string; short: string; code: string; kind: CompanyKind; hotline?: boolean }[] = [
  { name: "综合招商服务公司", short: "综合招商", code: "zh", kind: "service", hotline: true },
  { name: "驻外招商服务中心", short: "驻外招商", code: "zw", kind: "service" },
  { name: "科创金融平台公司", short: "科创金融", code: "kjjr", kind: "platform" },
  { name: "开发建设平台公司", short: "开发建设", code: "kfjs", kind: "platform" },
];

export const COMMITTEE_NAME = "管委会";

export { DEFAULT_SERVICE_DEADLINES } from "../../app/lib/domain-values";
import { DEFAULT_SERVICE_DEADLINES } from "../../app/lib/domain-values";

export type ReferenceZone = {
  zoneId: number;
  committeeId: number;
  clusters: { id: number; name: string; code: string }[];
  /** Every company except the committee, with its login code. */
  companies: { id: number; name: string; code: string; kind: CompanyKind; clusterId: number | null }[];
  adminId: number;
  leaderId: number;
};

/** The parts of a zone the reference template makes: the committee, the clusters and every other company. */
export type ZoneTemplate = Pick<ReferenceZone, "committeeId" | "clusters" | "companies">;

/**
 * Fills a new zone from the reference template: its 14 clusters, the committee (管委会), one attraction company
 * per cluster, the service and platform companies, and its settings — the days allowed per type of enterprise
 * request, the catalogue of approval items (审批事项, issue 21) and each cluster's default industry chain
 * (db/seed/chains.ts). (The scorecard's weights and the annual targets have no rows until leaders set them: the code's
 * defaults apply, as in the reference zone.) Used by db:setup for the reference zone and by createZone for every
 * zone after it; run it inside the transaction that made the zone.
 */
export async function fillZoneFromTemplate(db: Executor, zoneId: number): Promise<ZoneTemplate> {
  const clusterRows = await db
    .insert(clusters)
    .values(REFERENCE_CLUSTERS.map((c, i) => ({ zoneId, name: c.name, sortOrder: i + 1 })))
    .returning({ id: clusters.id, name: clusters.name });

  await fillChainsFromTemplate(db, zoneId, clusterRows);

  const [committee] = await db
    .insert(companies)
    .values({ zoneId, name: COMMITTEE_NAME, shortName: COMMITTEE_NAME, kind: "committee", sortOrder: 0 })
    .returning({ id: companies.id });

  const attraction = REFERENCE_CLUSTERS.map((c, i) => ({
    zoneId,
    name: `${c.short}产业招商服务公司`,
    shortName: c.short,
    code: c.code,
    kind: "attraction" as const,
    clusterId: clusterRows[i].id,
    sortOrder: i + 1,
  }));
  const others = REFERENCE_OTHER_COMPANIES.map((c, i) => ({
    zoneId,
    name: c.name,
    shortName: c.short,
    code: c.code,
    kind: c.kind,
    clusterId: null,
    hotline: c.hotline ?? false,
    sortOrder: 100 + i,
  }));
  const companyRows = await db
    .insert(companies)
    .values([...attraction, ...others])
    .returning({ id: companies.id, name: companies.name, kind: companies.kind, clusterId: companies.clusterId });

  const codes = [...REFERENCE_CLUSTERS.map((c) => c.code), ...REFERENCE_OTHER_COMPANIES.map((c) => c.code)];

  await db
    .insert(serviceDeadlines)
    .values(Object.entries(DEFAULT_SERVICE_DEADLINES).map(([type, days]) => ({ zoneId, type: type as ServiceRequestType, days })));
  await db.insert(approvalCatalogue).values(DEFAULT_APPROVAL_ITEMS.map((item, i) => ({ ...item, zoneId, sortOrder: i + 1 })));
  await db.insert(policies).values({ ...POWER_PRICE_POLICY, zoneId });

  return {
    committeeId: committee.id,
    clusters: clusterRows.map((c, i) => ({ ...c, code: REFERENCE_CLUSTERS[i].code })),
    companies: companyRows.map((c, i) => ({ ...c, code: codes[i] })),
  };
}

/** Gives each cluster named in REFERENCE_CHAINS its default chain: top-level links, then their sub-links. */
export async function fillChainsFromTemplate(db: Executor, zoneId: number, clusterRows: { id: number; name: string }[]) {
  for (const cluster of clusterRows) {
    const seed = REFERENCE_CHAINS[cluster.name];
    if (!seed) continue;
    const [chain] = await db.insert(industryChains).values({ zoneId, clusterId: cluster.id }).returning({ id: industryChains.id });
    const tops = await db
      .insert(chainLinks)
      .values(
        seed.map((l, i) => ({
          zoneId,
          chainId: chain.id,
          segment: l.segment,
          sortOrder: i + 1,
          name: l.name,
          description: l.description,
          products: l.products,
        })),
      )
      .returning({ id: chainLinks.id });
    const subs = seed.flatMap((l, i) =>
      (l.children ?? []).map((s, j) => ({
        zoneId,
        chainId: chain.id,
        parentId: tops[i].id,
        segment: l.segment,
        sortOrder: j + 1,
        name: s.name,
        description: s.description,
        products: s.products,
      })),
    );
    if (subs.length) await db.insert(chainLinks).values(subs);
  }
}

/** The city the reference zone belongs to (山西转型综合改革示范区 lies in 太原). */
export const REFERENCE_CITY_CODE = "taiyuan";

/**
 * Creates the reference zone's clusters and companies and the users `admin` and `leader`.
 * Refuses to run on a database that already holds a zone.
 */
export async function setupReferenceZone(db: Executor, opts: { passwordHash: string; zoneName?: string; zoneCode?: string }): Promise<ReferenceZone> {
  const existing = await db.select({ id: zones.id }).from(zones).limit(1);
  if (existing.length > 0) throw new Error("The database already holds a zone: db:setup runs only on an empty database.");

  const [city] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, REFERENCE_CITY_CODE));
  const [zone] = await db
    .insert(zones)
    .values({ code: opts.zoneCode ?? "demo", name: opts.zoneName ?? "示范开发区", cityId: city?.id ?? null })
    .returning({ id: zones.id });

  const template = await fillZoneFromTemplate(db, zone.id);

  const [admin] = await db
    .insert(users)
    .values({ zoneId: zone.id, login: "admin", displayName: "系统管理员", role: "admin", passwordHash: opts.passwordHash })
    .returning({ id: users.id });
  const [leader] = await db
    .insert(users)
    .values({
      zoneId: zone.id,
      companyId: template.committeeId,
      login: "leader",
      displayName: "管委会领导",
      role: "leader",
      passwordHash: opts.passwordHash,
    })
    .returning({ id: users.id });

  return { zoneId: zone.id, ...template, adminId: admin.id, leaderId: leader.id };
}

export async function isDatabaseEmpty(db: Executor) {
  const rows = await db.select({ id: zones.id }).from(zones).limit(1);
  return rows.length === 0;
}

export async function findUserIdByLogin(db: Executor, login: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  return row?.id;
}

/** The province's pseudo-zone that holds its accounts and no data (decision 019). */
export const PROVINCE_ZONE = { code: "province", name: "山西省" } as const;
/** Display names of the accounts a zone or the province is created with. */
export const PROVINCE_ADMIN_DISPLAY_NAME = "省级管理员";
export const PROVINCE_LEADER_DISPLAY_NAME = "省级领导";
export const zoneAdminDisplayName = (zoneName: string) => `${zoneName}系统管理员`;
/** A city typed with its administrative suffix (太原市) names the same city (太原). */
export const withoutCitySuffix = (text: string) => text.trim().replace(/市$/, "");
