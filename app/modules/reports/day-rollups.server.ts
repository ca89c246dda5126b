// Reading project_day_rollups (migration 0012): a range of days is its whole months (one row per company, measure
// and flag each) plus the days of the partial months at its ends, so a year reads a few hundred rows whatever the
// zone's size, and a range starting on any day still sums exactly the days in it.
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { RollupBasis, RollupMeasure } from "~db/schema";
import { projectDayRollups } from "~db/schema";
import { addDays } from "~/lib/dates";
import { queryRows } from "~db/query-rows";

/** The first day of the month of a YYYY-MM-DD date. */
const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
/** The first day of the month after the one of `date`. */
const nextMonthOf = (date: string) => monthOf(addDays(monthOf(date), 31));

export type RollupSpan = { grain: "day" | "month"; from: string; /** exclusive */ until: string };

/**
 * [from, to] cut into whole months and the days around them. Each piece is a range of the rollup's primary key.
 * `from` may be 0001-01-01 for "everything up to `to`".
 */
export function rollupSpans(from: string, to: string): RollupSpan[] {
  if (from > to) return [];
  const afterTo = addDays(to, 1);
  const firstWhole = from.endsWith("-01") ? from : nextMonthOf(from);
  const endWhole = monthOf(afterTo); // whole months are those starting in [firstWhole, endWhole)
  if (firstWhole >= endWhole) return [{ grain: "day", from, until: afterTo }];
  const spans: RollupSpan[] = [{ grain: "month", from: firstWhole, until: endWhole }];
  if (from < firstWhole) spans.push({ grain: "day", from, until: firstWhole });
  if (endWhole < afterTo) spans.push({ grain: "day", from: endWhole, until: afterTo });
  return spans;
}

/**
 * The rollup rows of a zone, basis and measures in [from, to] (evidenced ones only if asked), as a subquery with
 * columns company_id, measure, projects, investment_wan: one index range per piece of the span.
 */
export function dayRollupRowsSql(
  zone: number | readonly number[],
  opts: { basis: RollupBasis; measures: RollupMeasure[]; from: string; to: string; evidenceOnly?: boolean },
): SQL {
  const r = projectDayRollups;
  const spans = rollupSpans(opts.from, opts.to);
  // Several zones (the province's figures, issue 20): one index range per zone and piece, still one query.
  const zoneIds = typeof zone === "number" ? [zone] : zone;
  if (spans.length === 0 || zoneIds.length === 0) {
    return sql`select null::int as zone_id, null::int as company_id, null::text as measure, 0 as projects, 0::numeric as investment_wan where false`;
  }
  const measures = sql.join(opts.measures.map((m) => sql`${m}`), sql`, `);
  const zoneWhere = zoneIds.length === 1 ? sql`${r.zoneId} = ${zoneIds[0]}` : sql`${r.zoneId} in (${sql.join(zoneIds.map((id) => sql`${id}`), sql`, `)})`;
  const parts = spans.map(
    (s) => sql`select ${r.zoneId} as zone_id, ${r.companyId} as company_id, ${r.measure} as measure, ${r.projects} as projects, ${r.investmentWan} as investment_wan
      from ${r}
      where ${zoneWhere} and ${r.basis} = ${opts.basis} and ${r.measure} in (${measures}) and ${r.grain} = ${s.grain}
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
