// The province's 三个一批 (issue 20): the figures of every zone a province or city leader may read, by zone, by
// city and by cluster, read from project_day_rollups grouped by zone in ONE query for all zones (not a query per
// zone); beside each zone its published figures for the period when it published one, and the zones' annual
// targets. Money is summed in SQL and leaves as text (exact decimals).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import { REFERENCE_CLUSTERS } from "~db/seed/reference";
import { annualTargets, cities, clusters, companies, publishedFacts, publishedPeriods, users, zones } from "~db/schema";
import { addDays } from "~/lib/dates";
import { centsToDecimal, percentOf, subtractDecimals, sumDecimals, toCents } from "~/lib/money";
import type { Comparison, Period } from "~/lib/periods";
import { comparedPeriod } from "~/lib/periods";
import type { ProvinceReader, Viewer } from "~/modules/auth/policy";
import { canReadCityFigures, canReadZoneFigures } from "~/modules/auth/policy";
import type { MilestoneCells, MilestoneComparison } from "~/modules/reports/comparison";
import { compareCells } from "~/modules/reports/comparison";
import { dayRollupRowsSql } from "~/modules/reports/day-rollups.server";
import type { Milestone } from "~/modules/reports/milestones";
import { MILESTONES } from "~/modules/reports/milestones";

export type ZoneRef = { id: number; code: string; name: string; cityId: number | null; cityCode: string | null; city: string | null };

/** A signed-in province account as the province's rules see it: its city (a city leader's) from the users table. */
export async function provinceReader(viewer: Viewer): Promise<ProvinceReader & { id: number }> {
  const [row] = await getDb().select({ cityId: users.cityId }).from(users).where(eq(users.id, viewer.id));
  return { id: viewer.id, role: viewer.role, cityId: row?.cityId ?? null };
}

/** The zones this reader may read (the policy decides, zone by zone), in the cities' order, then by code. */
export async function readableZones(reader: ProvinceReader): Promise<ZoneRef[]> {
  const rows = await getDb()
    .select({
      id: zones.id,
      code: zones.code,
      name: zones.name,
      cityId: zones.cityId,
      cityCode: cities.code,
      city: cities.name,
      province: zones.province,
    })
    .from(zones)
    .leftJoin(cities, eq(cities.id, zones.cityId))
    .where(eq(zones.province, false))
    .orderBy(sql`${cities.sortOrder} nulls last`, asc(zones.code));
  return rows.filter((z) => canReadZoneFigures(reader, z)).map(({ province: _province, ...z }) => z);
}

/** A city by its code, if this reader may read it; with its zones this reader may read. */
export async function readableCity(reader: ProvinceReader, code: string) {
  const [city] = await getDb().select({ id: cities.id, code: cities.code, name: cities.name }).from(cities).where(eq(cities.code, code));
  if (!city || !canReadCityFigures(reader, city.id)) return null;
  return { ...city, zones: (await readableZones(reader)).filter((z) => z.cityId === city.id) };
}

/** A zone by its code, if this reader may read it. */
export async function readableZone(reader: ProvinceReader, code: string) {
  return (await readableZones(reader)).find((z) => z.code === code) ?? null;
}

const emptyCells = (): MilestoneCells => ({
  signed: { count: 0, investmentWan: "0.00" },
  construction: { count: 0, investmentWan: "0.00" },
  production: { count: 0, investmentWan: "0.00" },
});

/** The template's clusters in its order, renamed or added ones after them; service and platform companies (no cluster) come last as "". */
const clusterOrder = (name: string) => {
  const i = REFERENCE_CLUSTERS.findIndex((c) => c.name === name);
  return name === "" ? 1000 : i === -1 ? 500 : i;
};

export type LiveFigures = {
  byZone: Map<number, MilestoneCells>;
  byCity: Map<number | null, MilestoneCells>;
  /** By the credited company's cluster name ("" for service and platform companies). */
  byCluster: Map<string, MilestoneCells>;
  total: MilestoneCells;
};

/**
 * The current figures of these zones in [from, to], credited to the owning company, every claimed milestone: the
 * rollup rows summed per zone, company and measure in one query, then added up by zone, city, cluster and in all
 * here. Joining the zones, companies and clusters in that query made PostgreSQL look each of its ~4,500 rows up in
 * both (a nested loop on a 6-row estimate: 63 ms at 88 zones, 20,898 pages); the companies' clusters are one
 * small query beside it instead.
 */
export async function liveFigures(zoneList: Pick<ZoneRef, "id" | "cityId">[], from: string, to: string): Promise<LiveFigures> {
  const out: LiveFigures = { byZone: new Map(), byCity: new Map(), byCluster: new Map(), total: emptyCells() };
  if (zoneList.length === 0) return out;
  const zoneIds = zoneList.map((z) => z.id);
  const [rows, companyRows] = await Promise.all([
    queryRows<{ zone_id: number; company_id: number; measure: Milestone; n: number; investment: string }>(sql`
      select r.zone_id, r.company_id, r.measure, coalesce(sum(r.projects), 0)::int as n,
        coalesce(sum(r.investment_wan), 0)::numeric(18,2)::text as investment
      from (${dayRollupRowsSql(zoneIds, { basis: "owner", measures: [...MILESTONES], from, to })}) r
      group by r.zone_id, r.company_id, r.measure`),
    getDb()
      .select({ id: companies.id, zoneId: companies.zoneId, cluster: sql<string>`coalesce(${clusters.name}, '')` })
      .from(companies)
      .leftJoin(clusters, eq(clusters.id, companies.clusterId))
      .where(inArray(companies.zoneId, zoneIds)),
  ]);
  const cityOf = new Map(zoneList.map((z) => [z.id, z.cityId]));
  // A company is counted with its own zone only (a rollup row of a company of another zone is nobody's).
  const clusterOf = new Map(companyRows.map((c) => [c.id, { zoneId: c.zoneId, cluster: c.cluster }]));
  type Sum = { count: number; cents: bigint };
  const sums = {
    zone: new Map<number, Record<Milestone, Sum>>(),
    city: new Map<number | null, Record<Milestone, Sum>>(),
    cluster: new Map<string, Record<Milestone, Sum>>(),
  };
  const blank = (): Record<Milestone, Sum> => ({
    signed: { count: 0, cents: 0n },
    construction: { count: 0, cents: 0n },
    production: { count: 0, cents: 0n },
  });
  const total = blank();
  const add = <K>(map: Map<K, Record<Milestone, Sum>>, key: K, m: Milestone, n: number, cents: bigint) => {
    let cells = map.get(key);
    if (!cells) map.set(key, (cells = blank()));
    cells[m].count += n;
    cells[m].cents += cents;
  };
  for (const r of rows) {
    const zoneId = Number(r.zone_id);
    const company = clusterOf.get(Number(r.company_id));
    if (!company || company.zoneId !== zoneId || !cityOf.has(zoneId)) continue;
    const n = Number(r.n);
    const cents = toCents(r.investment);
    add(sums.zone, zoneId, r.measure, n, cents);
    add(sums.city, cityOf.get(zoneId) ?? null, r.measure, n, cents);
    add(sums.cluster, company.cluster, r.measure, n, cents);
    total[r.measure].count += n;
    total[r.measure].cents += cents;
  }
  const cellsOf = (sum: Record<Milestone, Sum>): MilestoneCells =>
    Object.fromEntries(MILESTONES.map((m) => [m, { count: sum[m].count, investmentWan: centsToDecimal(sum[m].cents) }])) as MilestoneCells;
  for (const [key, sum] of sums.zone) out.byZone.set(key, cellsOf(sum));
  for (const [key, sum] of sums.city) out.byCity.set(key, cellsOf(sum));
  for (const [key, sum] of sums.cluster) out.byCluster.set(key, cellsOf(sum));
  out.total = cellsOf(total);
  return out;
}

export type PublishedFigures = { at: string; by: string | null; cells: MilestoneCells };

/** Each zone's published figures for exactly [from, to] (the frozen facts, owning company, every claim): one query. */
export async function publishedFigures(zoneIds: number[], from: string, to: string): Promise<Map<number, PublishedFigures>> {
  const out = new Map<number, PublishedFigures>();
  if (zoneIds.length === 0) return out;
  const rows = await queryRows<{
    zone_id: number;
    published_at: string;
    by: string | null;
    milestone: Milestone | null;
    n: number;
    investment: string;
  }>(sql`
    select pp.zone_id, pp.published_at::text as published_at, u.display_name as by, f.milestone, count(f.project_id)::int as n,
      coalesce(sum(f.investment_wan), 0)::numeric(18,2)::text as investment
    from ${publishedPeriods} pp
    left join ${users} u on u.id = pp.published_by_id
    left join ${publishedFacts} f on f.period_id = pp.id
    where pp.zone_id in (${sql.join(
      zoneIds.map((id) => sql`${id}`),
      sql`, `,
    )}) and pp.starts_on = ${from}::date and pp.ends_on = ${to}::date
    group by pp.zone_id, pp.published_at, u.display_name, f.milestone`);
  for (const r of rows) {
    const zoneId = Number(r.zone_id);
    const entry = out.get(zoneId) ?? { at: new Date(r.published_at).toISOString(), by: r.by, cells: emptyCells() };
    if (r.milestone) entry.cells[r.milestone] = { count: Number(r.n), investmentWan: r.investment };
    out.set(zoneId, entry);
  }
  return out;
}

/** Exact sums of several zones' cells. */
export function sumCells(list: MilestoneCells[]): MilestoneCells {
  return Object.fromEntries(
    MILESTONES.map((m) => [
      m,
      { count: list.reduce((n, c) => n + c[m].count, 0), investmentWan: sumDecimals(["0.00", ...list.map((c) => c[m].investmentWan)]) },
    ]),
  ) as MilestoneCells;
}

export type ZoneRow = ZoneRef & {
  live: MilestoneCells;
  /** The zone's published figures for exactly this period; null: it has not published it (未发布). */
  published: PublishedFigures | null;
  /** What the zone reports for the period: its published figures, else its live ones (marked as not published). */
  reported: MilestoneCells;
  compare: MilestoneComparison | null;
};

export type ProvinceReport = {
  period: Pick<Period, "from" | "to">;
  compare: { kind: Comparison; from: string; to: string } | null;
  zones: ZoneRow[];
  cities: {
    id: number | null;
    code: string | null;
    name: string | null;
    zoneCount: number;
    live: MilestoneCells;
    compare: MilestoneComparison | null;
  }[];
  clusters: { name: string; live: MilestoneCells; compare: MilestoneComparison | null }[];
  total: {
    live: MilestoneCells;
    liveCompare: MilestoneComparison | null;
    /** The sum of the published figures of the zones that published this period. */
    published: MilestoneCells;
    publishedZones: number;
    zones: number;
  };
};

/** The province's 三个一批 for these zones and period, with 同比/环比 of the live figures when asked. */
export async function provinceReport(zoneList: ZoneRef[], period: Period, compare: Comparison | null): Promise<ProvinceReport> {
  const ids = zoneList.map((z) => z.id);
  const before = compare ? comparedPeriod(period, compare) : null;
  const [live, published, previous] = await Promise.all([
    liveFigures(zoneList, period.from, period.to),
    publishedFigures(ids, period.from, period.to),
    before ? liveFigures(zoneList, before.from, before.to) : null,
  ]);
  const cmp = (current: MilestoneCells, prior: MilestoneCells | undefined) => (previous ? compareCells(current, prior) : null);
  const zoneRows = zoneList.map((z): ZoneRow => {
    const cells = live.byZone.get(z.id) ?? emptyCells();
    const pub = published.get(z.id) ?? null;
    return { ...z, live: cells, published: pub, reported: pub?.cells ?? cells, compare: cmp(cells, previous?.byZone.get(z.id)) };
  });
  const cityIds = [...new Set(zoneList.map((z) => z.cityId))];
  const cityRows = cityIds.map((id) => {
    const first = zoneList.find((z) => z.cityId === id)!;
    const cells = live.byCity.get(id) ?? emptyCells();
    return {
      id,
      code: first.cityCode,
      name: first.city,
      zoneCount: zoneList.filter((z) => z.cityId === id).length,
      live: cells,
      compare: cmp(cells, previous?.byCity.get(id)),
    };
  });
  const clusterNames = [
    ...new Set([...REFERENCE_CLUSTERS.map((c) => c.name as string), ...live.byCluster.keys(), ...(previous?.byCluster.keys() ?? [])]),
  ];
  const clusterRows = clusterNames
    .sort((a, b) => clusterOrder(a) - clusterOrder(b) || a.localeCompare(b))
    .map((name) => {
      const cells = live.byCluster.get(name) ?? emptyCells();
      return { name, live: cells, compare: cmp(cells, previous?.byCluster.get(name)) };
    });
  const pubList = [...published.values()].map((p) => p.cells);
  return {
    period: { from: period.from, to: period.to },
    compare: before && compare ? { kind: compare, from: before.from, to: before.to } : null,
    zones: zoneRows,
    cities: cityRows,
    clusters: clusterRows,
    total: {
      live: live.total,
      liveCompare: cmp(live.total, previous?.total),
      published: sumCells(pubList),
      publishedZones: pubList.length,
      zones: zoneList.length,
    },
  };
}

export type ZoneTargetRow = ZoneRef & {
  /** The sum of the zone's companies' targets for the year; null when no company of the zone has one. */
  target: { companies: number; signedCount: number; signedInvestmentWan: string; constructionCount: number; productionCount: number } | null;
  actual: { signedCount: number; signedInvestmentWan: string; constructionCount: number; productionCount: number };
  completion: { signedCount: string | null; signedInvestment: string | null; constructionCount: string | null; productionCount: string | null };
};

/**
 * The current figures of these zones in [from, to] by zone only (the targets' actuals): the rollup rows summed per
 * zone and measure, without the companies' and clusters' joins and the other groupings liveFigures makes.
 */
async function liveByZone(zoneIds: number[], from: string, to: string): Promise<Map<number, MilestoneCells>> {
  const out = new Map<number, MilestoneCells>();
  if (zoneIds.length === 0) return out;
  const rows = await queryRows<{ zone_id: number; measure: Milestone; n: number; investment: string }>(sql`
    select r.zone_id, r.measure, coalesce(sum(r.projects), 0)::int as n, coalesce(sum(r.investment_wan), 0)::numeric(18,2)::text as investment
    from (${dayRollupRowsSql(zoneIds, { basis: "owner", measures: [...MILESTONES], from, to })}) r
    group by r.zone_id, r.measure`);
  for (const r of rows) {
    const cells = out.get(Number(r.zone_id)) ?? emptyCells();
    cells[r.measure] = { count: Number(r.n), investmentWan: r.investment };
    out.set(Number(r.zone_id), cells);
  }
  return out;
}

/** Per zone, a − b (each measure's count and investment, exactly). */
function minusCells(a: Map<number, MilestoneCells>, b: Map<number, MilestoneCells>): Map<number, MilestoneCells> {
  const out = new Map<number, MilestoneCells>();
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id) ?? emptyCells();
    const y = b.get(id) ?? emptyCells();
    out.set(
      id,
      Object.fromEntries(
        MILESTONES.map((m) => [m, { count: x[m].count - y[m].count, investmentWan: subtractDecimals(x[m].investmentWan, y[m].investmentWan) }]),
      ) as MilestoneCells,
    );
  }
  return out;
}

/**
 * The zones' figures from 1 January to `to`: read, or — when the caller already has them from 1 January to a later
 * day (the province page's period is the year) — those minus the days after `to`, a few day rows instead of
 * every company's year again.
 */
async function yearToDate(ids: number[], from: string, to: string, known?: KnownFigures): Promise<Map<number, MilestoneCells>> {
  if (known && known.from === from && known.to >= to) {
    return known.to === to ? known.byZone : minusCells(known.byZone, await liveByZone(ids, addDays(to, 1), known.to));
  }
  return liveByZone(ids, from, to);
}

/** Figures the caller has already read for these zones, by zone, for [from, to]. */
export type KnownFigures = { from: string; to: string; byZone: Map<number, MilestoneCells> };

/**
 * Each zone's annual targets (its companies' targets summed) against its figures from 1 January to `asOf`; `known`:
 * the same zones' figures for a range starting on 1 January, if the caller has them (see `yearToDate`).
 */
export async function provinceTargets(zoneList: ZoneRef[], year: number, asOf: string, known?: KnownFigures): Promise<ZoneTargetRow[]> {
  const ids = zoneList.map((z) => z.id);
  if (ids.length === 0) return [];
  const to = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  const from = `${year}-01-01`;
  const [live, targets] = await Promise.all([
    to >= from ? yearToDate(ids, from, to, known) : null,
    getDb()
      .select({
        zoneId: annualTargets.zoneId,
        companies: sql<number>`count(*)::int`,
        signedCount: sql<number>`sum(${annualTargets.signedCount})::int`,
        signedInvestmentWan: sql<string>`sum(${annualTargets.signedInvestmentWan})::numeric(18,2)::text`,
        constructionCount: sql<number>`sum(${annualTargets.constructionCount})::int`,
        productionCount: sql<number>`sum(${annualTargets.productionCount})::int`,
      })
      .from(annualTargets)
      .where(and(inArray(annualTargets.zoneId, ids), eq(annualTargets.year, year)))
      .groupBy(annualTargets.zoneId),
  ]);
  const byZone = new Map(targets.map((t) => [t.zoneId, t]));
  const pct = (actual: string, target: string) => (/^0+(\.0+)?$/.test(target) ? null : percentOf(actual, target));
  return zoneList.map((z) => {
    const cells = live?.get(z.id) ?? emptyCells();
    const actual = {
      signedCount: cells.signed.count,
      signedInvestmentWan: cells.signed.investmentWan,
      constructionCount: cells.construction.count,
      productionCount: cells.production.count,
    };
    const t = byZone.get(z.id);
    const target = t
      ? {
          companies: Number(t.companies),
          signedCount: Number(t.signedCount),
          signedInvestmentWan: t.signedInvestmentWan,
          constructionCount: Number(t.constructionCount),
          productionCount: Number(t.productionCount),
        }
      : null;
    return {
      ...z,
      target,
      actual,
      completion: target
        ? {
            signedCount: pct(String(actual.signedCount), String(target.signedCount)),
            signedInvestment: pct(actual.signedInvestmentWan, target.signedInvestmentWan),
            constructionCount: pct(String(actual.constructionCount), String(target.constructionCount)),
            productionCount: pct(String(actual.productionCount), String(target.productionCount)),
          }
        : { signedCount: null, signedInvestment: null, constructionCount: null, productionCount: null },
    };
  });
}
