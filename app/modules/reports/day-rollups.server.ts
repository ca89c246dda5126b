// Reading project_day_rollups (migrations 0012 and t20_year_rollups): a range of days is read as whole years, whole
// months and the days at its ends, or a part of a year as its year minus the rest (app/lib/rollup-spans.ts), so a
// year reads one row per company, measure and flag whatever the zone's size, and a range starting on any day still
// sums exactly the days in it. Every reader sums the rows: a piece taken away counts negative.
import type { SQL, SQLWrapper } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { RollupBasis, RollupMeasure } from "~db/schema";
import { projectDayRollups } from "~db/schema";
import type { RollupGrain } from "~/lib/rollup-spans";
import { rollupSpans } from "~/lib/rollup-spans";
import { queryRows } from "~db/query-rows";

export type { RollupSpan } from "~/lib/rollup-spans";
export { rollupSpans };

/** The coarsest rows these measures have: `last_activity` is kept per day only. */
export function coarsestGrain(measures: readonly RollupMeasure[]): RollupGrain {
  return measures.includes("last_activity") ? "day" : "year";
}

/** A rollup column as it counts in a piece: taken away when the piece is (the year minus the rest of it). */
const signed = (sign: 1 | -1, column: SQLWrapper) =>
  sign === 1 ? sql`${column}` : sql`-${column}`;

/**
 * The rollup rows of a zone, basis and measures in [from, to] (evidenced ones only if asked), as a subquery with
 * columns company_id, measure, projects, investment_wan: one index range per piece of the span.
 */
export function dayRollupRowsSql(
  zone: number | readonly number[],
  opts: { basis: RollupBasis; measures: RollupMeasure[]; from: string; to: string; evidenceOnly?: boolean },
): SQL {
  const r = projectDayRollups;
  // Several zones (the province's figures, issue 20): one index range per zone and piece, still one query.
  const zoneIds = typeof zone === "number" ? [zone] : zone;
  // Each measure read at its own coarsest grain (last_activity by days, the others by years).
  const pieces = opts.measures.flatMap((measure) => rollupSpans(opts.from, opts.to, coarsestGrain([measure])).map((s) => ({ measure, s })));
  if (pieces.length === 0 || zoneIds.length === 0) {
    return sql`select null::int as zone_id, null::int as company_id, null::text as measure, 0 as projects, 0::numeric as investment_wan where false`;
  }
  const zoneWhere = zoneIds.length === 1 ? sql`${r.zoneId} = ${zoneIds[0]}` : sql`${r.zoneId} in (${sql.join(zoneIds.map((id) => sql`${id}`), sql`, `)})`;
  // One piece per measure and span: with `measure in (…)` PostgreSQL 15 keeps the measure out of the index
  // condition (a filter), so each zone's scan ran through every measure's rows of the grain — at 88 zones the
  // province's year to date read 1,684 pages for 322 rows instead of 30 (docs/benchmarks.md, 2026-12-07).
  const parts = pieces.map(
    ({ measure, s }) => sql`select ${r.zoneId} as zone_id, ${r.companyId} as company_id, ${r.measure} as measure,
        ${signed(s.sign, r.projects)} as projects, ${signed(s.sign, r.investmentWan)} as investment_wan
      from ${r}
      where ${zoneWhere} and ${r.basis} = ${opts.basis} and ${r.measure} = ${measure} and ${r.grain} = ${s.grain}
        and ${r.periodOn} >= ${s.from}::date and ${r.periodOn} < ${s.until}::date
        ${opts.evidenceOnly ? sql`and ${r.evidenced}` : sql``}`,
  );
  return sql.join(parts, sql` union all `);
}

export type DayRollupPart = { key: string; basis: RollupBasis; measures: RollupMeasure[]; from: string; to: string; evidenceOnly?: boolean };

/**
 * Several sums of project_day_rollups in one query: per part (by its key), company and measure, the projects and
 * the investment (exact text).
 */
export async function sumDayRollups(zoneId: number, parts: DayRollupPart[]) {
  if (parts.length === 0) return [];
  const tagged = parts.map((p) => sql`select ${p.key}::text as key, x.* from (${dayRollupRowsSql(zoneId, p)}) x`);
  return queryRows<{ key: string; company_id: number; measure: RollupMeasure; n: number; investment: string }>(sql`
    select r.key, r.company_id, r.measure, coalesce(sum(r.projects), 0)::int as n,
      coalesce(sum(r.investment_wan), 0)::numeric(18,2)::text as investment
    from (${sql.join(tagged, sql` union all `)}) r
    group by r.key, r.company_id, r.measure`);
}
