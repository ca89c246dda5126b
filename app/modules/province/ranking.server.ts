// 四比四看 between zones (issue 20 item 3): every zone the viewer reads (a province leader: all; a city leader: their
// city's), measured for a period and the one before, weighted by the province's weights (saved as versions) and
// ranked by the scorecard's rule. Every figure comes from the rollups and indexes the zone scorecard reads, in one
// query per kind of figure for all the zones at once — never a query per zone.
import type { SQL } from "drizzle-orm";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import { cities, projectRollups, projects, users, zoneRankingWeightSets } from "~db/schema";
import type { Period } from "~/lib/periods";
import { previousPeriod } from "~/lib/periods";
import type { Forbidden, Ok } from "~/lib/result";
import { forbidden, ok } from "~/lib/result";
import type { MissingRule } from "~/lib/scorecard";
import type { ZoneMeasureKey, ZoneMeasureValues, ZoneMissingReason, ZoneWeights } from "~/lib/zone-ranking";
import { rankChange, scoreZones, sharePercent, ZONE_MEASURE_KEYS, zoneWeightsFromStored } from "~/lib/zone-ranking";
import { saveNextVersion } from "~/modules/reports/weight-versions.server";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canSetZoneRankingWeights, readsOneCity, readsProvinceFigures } from "~/modules/auth/policy";
import { dayRollupRowsSql } from "~/modules/reports/day-rollups.server";
import { serviceMeasuresByZone } from "~/modules/service/service-measures.server";
import type { ZoneWeightsInput } from "./ranking.schema";

/** Whose zones the viewer ranks: the whole province, or one city's zones among themselves. */
export type RankingScope = { kind: "province" } | { kind: "city"; cityId: number | null; city: string | null };

export async function rankingScope(viewer: Viewer): Promise<RankingScope> {
  if (!readsOneCity(viewer)) return { kind: "province" };
  const [row] = await getDb()
    .select({ cityId: users.cityId, city: cities.name })
    .from(users)
    .leftJoin(cities, eq(cities.id, users.cityId))
    .where(eq(users.id, viewer.id));
  return { kind: "city", cityId: row?.cityId ?? null, city: row?.city ?? null };
}

type ZoneRow = { id: number; code: string; name: string; city: string | null };

/** The real zones of the scope (never the province's pseudo-zone), in the cities' order. */
async function scopeZones(scope: RankingScope): Promise<ZoneRow[]> {
  // A city leader without a city (the check constraint forbids it) reads nothing rather than everything.
  if (scope.kind === "city" && scope.cityId === null) return [];
  const inCity = scope.kind === "city" ? sql`and z.city_id = ${scope.cityId}` : sql``;
  const rows = await queryRows<{ id: number; code: string; name: string; city: string | null }>(sql`
    select z.id, z.code, z.name, c.name as city
    from zones z left join ${cities} c on c.id = z.city_id
    where not z.province ${inCity}
    order by c.sort_order nulls last, z.code`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function currentZoneWeights() {
  const [row] = await getDb()
    .select({
      version: zoneRankingWeightSets.version,
      weights: zoneRankingWeightSets.weights,
      note: zoneRankingWeightSets.note,
      createdAt: zoneRankingWeightSets.createdAt,
      by: users.displayName,
    })
    .from(zoneRankingWeightSets)
    .leftJoin(users, eq(users.id, zoneRankingWeightSets.createdById))
    .orderBy(desc(zoneRankingWeightSets.version))
    .limit(1);
  return row
    ? { version: row.version, weights: zoneWeightsFromStored(row.weights), note: row.note, createdAt: row.createdAt, by: row.by }
    : { version: 0, weights: zoneWeightsFromStored(null), note: null, createdAt: null, by: null };
}

/** The saved versions, newest first: who set them, when and why. */
export async function zoneWeightHistory(limit = 20) {
  const rows = await getDb()
    .select({
      version: zoneRankingWeightSets.version,
      weights: zoneRankingWeightSets.weights,
      note: zoneRankingWeightSets.note,
      createdAt: zoneRankingWeightSets.createdAt,
      by: users.displayName,
    })
    .from(zoneRankingWeightSets)
    .leftJoin(users, eq(users.id, zoneRankingWeightSets.createdById))
    .orderBy(desc(zoneRankingWeightSets.version))
    .limit(limit);
  return rows.map((r) => ({ ...r, weights: zoneWeightsFromStored(r.weights) }));
}

/** Saves the weights as a new version (the old ones stay); audited in the province's record. */
export async function saveZoneWeights(viewer: Viewer, input: ZoneWeightsInput): Promise<Ok<number> | Forbidden> {
  if (!canSetZoneRankingWeights(viewer)) return forbidden();
  const weights = Object.fromEntries(ZONE_MEASURE_KEYS.map((k) => [k, String(input[k])]));
  const version = await saveNextVersion("zone-ranking-weights", async (tx) => {
    const [{ next }] = await queryRows<{ next: number }>(sql`select (coalesce(max(version), 0) + 1)::int as next from ${zoneRankingWeightSets}`, tx);
    const [row] = await tx
      .insert(zoneRankingWeightSets)
      .values({ version: Number(next), weights, note: input.note ?? null, createdById: viewer.id })
      .onConflictDoNothing()
      .returning({ id: zoneRankingWeightSets.id, version: zoneRankingWeightSets.version });
    if (!row) return null;
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "zone_ranking_weights",
      entityId: row.id,
      action: "create",
      after: { version: row.version, weights, note: input.note ?? null },
    });
    return row.version;
  });
  return ok(version);
}

type Span = Pick<Period, "from" | "to">;

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The reserve as it stands today (the zone scorecard's: active projects in 洽谈 or 会商评审), per zone. */
function reserveByZone(ids: SQL) {
  return queryRows<{ zone_id: number; n: number; investment: string; big: number }>(sql`
    select zone_id, coalesce(sum(projects), 0)::int as n, coalesce(sum(investment_wan), 0)::numeric(18,2)::text as investment,
      coalesce(sum(big_projects), 0)::int as big
    from ${projectRollups}
    where zone_id in (${ids}) and status = 'active' and stage in ('negotiating', 'evaluating')
    group by zone_id`);
}

/**
 * Signed and construction starts of each period, per zone: the 三个一批 rollup (owner basis: each project once,
 * claimed milestones) read as the zone reports read it (dayRollupRowsSql), all periods in one query.
 */
function milestonesByZone(zoneIds: number[], periods: Span[]) {
  if (periods.length === 0) return Promise.resolve([]);
  const parts = periods.map(
    (p, i) =>
      sql`select ${i}::int as k, x.* from (${dayRollupRowsSql(zoneIds, { basis: "owner", measures: ["signed", "construction"], from: p.from, to: p.to })}) x`,
  );
  return queryRows<{ k: number; zone_id: number; measure: "signed" | "construction"; n: number; investment: string }>(sql`
    select x.k, x.zone_id, x.measure, coalesce(sum(x.projects), 0)::int as n, coalesce(sum(x.investment_wan), 0)::numeric(18,2)::text as investment
    from (${sql.join(parts, sql` union all `)}) x
    group by x.k, x.zone_id, x.measure`);
}

/**
 * Per zone and period: the projects signed in it and, of those, how many are registered now (注册落地 or a later
 * stage); the median days 签约→开工 of the construction starts in it. Two queries, each one index range per zone
 * over all the periods at once, read index-only: (zone_id, signed_on, …, stage) and (zone_id, construction_on, …,
 * signed_on). One query ORing both dates read every project of the province (175 ms at 11 zones, 210,000 projects).
 */
async function progressByZone(ids: SQL, periods: Span[]) {
  if (periods.length === 0) return [];
  const from = periods.map((p) => p.from).reduce((a, b) => (b < a ? b : a));
  const to = periods.map((p) => p.to).reduce((a, b) => (b > a ? b : a));
  const signedCols = periods.map((p, i) => {
    const signedIn = sql`signed_on between ${p.from}::date and ${p.to}::date`;
    return sql`(count(*) filter (where ${signedIn}))::int as ${sql.raw(`signed_${i}`)},
      (count(*) filter (where ${signedIn} and stage in ('registered', 'construction', 'production')))::int as ${sql.raw(`registered_${i}`)}`;
  });
  const daysCols = periods.map(
    (p, i) => sql`(round((percentile_cont(0.5) within group (order by construction_on - signed_on)
        filter (where construction_on between ${p.from}::date and ${p.to}::date))::numeric, 1))::text as ${sql.raw(`days_${i}`)}`,
  );
  const [signed, days] = await Promise.all([
    queryRows<Record<string, unknown> & { zone_id: number }>(sql`
      select zone_id, ${sql.join(signedCols, sql`, `)}
      from ${projects}
      where zone_id in (${ids}) and signed_on between ${from}::date and ${to}::date
      group by zone_id`),
    queryRows<Record<string, unknown> & { zone_id: number }>(sql`
      select zone_id, ${sql.join(daysCols, sql`, `)}
      from ${projects}
      where zone_id in (${ids}) and construction_on between ${from}::date and ${to}::date and signed_on is not null
      group by zone_id`),
  ]);
  const byZone = new Map<number, Record<string, unknown> & { zone_id: number }>();
  for (const row of [...signed, ...days]) byZone.set(Number(row.zone_id), { ...byZone.get(Number(row.zone_id)), ...row });
  return [...byZone.values()];
}

/** Each zone's measures for each period, with the reason of every missing value (decision 017). */
export async function zoneMeasures(zones: ZoneRow[], periods: Span[]) {
  if (zones.length === 0) return periods.map(() => []);
  const ids = idList(zones.map((z) => z.id));
  const [reserve, milestones, progress, ...service] = await Promise.all([
    reserveByZone(ids),
    milestonesByZone(
      zones.map((z) => z.id),
      periods,
    ),
    progressByZone(ids, periods),
    ...periods.map((p) =>
      serviceMeasuresByZone(
        zones.map((z) => z.id),
        p,
      ),
    ),
  ]);
  const reserveBy = new Map(reserve.map((r) => [Number(r.zone_id), r]));
  const progressBy = new Map(progress.map((r) => [Number(r.zone_id), r]));
  return periods.map((_, i) => {
    const serviceBy = new Map(service[i].map((s) => [Number(s.zoneId), s]));
    const milestone = (zoneId: number, measure: "signed" | "construction") =>
      milestones.find((m) => Number(m.k) === i && Number(m.zone_id) === zoneId && m.measure === measure);
    return zones.map((z) => {
      const rs = reserveBy.get(z.id);
      const pr = progressBy.get(z.id);
      const sv = serviceBy.get(z.id);
      const signed = milestone(z.id, "signed");
      const started = milestone(z.id, "construction");
      const reserveCount = Number(rs?.n ?? 0);
      const values: ZoneMeasureValues = {
        reserveCount,
        reserveInvestment: rs?.investment ?? "0.00",
        bigReservePercent: sharePercent(Number(rs?.big ?? 0), reserveCount),
        signedCount: Number(signed?.n ?? 0),
        signedInvestment: signed?.investment ?? "0.00",
        registeredPercent: sharePercent(Number(pr?.[`registered_${i}`] ?? 0), Number(pr?.[`signed_${i}`] ?? 0)),
        constructionCount: Number(started?.n ?? 0),
        constructionInvestment: started?.investment ?? "0.00",
        daysSignToConstruction: (pr?.[`days_${i}`] as string | null | undefined) ?? null,
        onTimeRate: sv?.onTimePercent ?? null,
        satisfaction: sv?.averageSatisfaction ?? null,
      };
      const requests = { received: Number(sv?.received ?? 0), solved: Number(sv?.solved ?? 0), rated: Number(sv?.rated ?? 0) };
      const serviceReason: ZoneMissingReason = requests.received === 0 && requests.solved === 0 ? "noRequests" : "noneSolved";
      const reasonOf: Partial<Record<ZoneMeasureKey, ZoneMissingReason>> = {
        bigReservePercent: "noReserve",
        registeredPercent: "noSignings",
        daysSignToConstruction: "noConstruction",
        onTimeRate: serviceReason,
        satisfaction: requests.solved === 0 ? serviceReason : "noRatings",
      };
      const reasons = Object.fromEntries(Object.entries(reasonOf).filter(([key]) => values[key as ZoneMeasureKey] === null)) as Partial<
        Record<ZoneMeasureKey, ZoneMissingReason>
      >;
      return { ...z, values, reasons, requests };
    });
  });
}

/** The ranking of the viewer's zones for a period, with each zone's rank in the period before and the change. */
export async function zoneRanking(viewer: Viewer, period: Period, opts: { missing?: MissingRule; weights?: ZoneWeights } = {}) {
  if (!readsProvinceFigures(viewer)) return forbidden();
  const missing = opts.missing ?? "rescale";
  const previous = previousPeriod(period);
  const scope = await rankingScope(viewer);
  const [zones, weightSet] = await Promise.all([scopeZones(scope), currentZoneWeights()]);
  const weights = opts.weights ?? weightSet.weights;
  const [now, before] = await zoneMeasures(zones, [period, previous]);
  const previousRank = new Map(scoreZones(before, weights, missing).map((z) => [z.id, z.rank]));
  const rows = scoreZones(now, weights, missing).map((z) => {
    const was = previousRank.get(z.id) ?? null;
    return { ...z, previousRank: was, change: rankChange(z.rank, was) };
  });
  return ok({ scope, period, previous, weights, weightSet, missing, rows });
}

export type ZoneRanking = Extract<Awaited<ReturnType<typeof zoneRanking>>, { kind: "ok" }>["value"];
