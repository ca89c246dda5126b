// Trends over a year: monthly 三个一批 per company and for the zone (on the report's facts), the funnel of the
// zone's open projects by stage, cycle-time medians (for the year and, with the approvals' speed, per month; issue
// 21 item 4) and big projects (≥ 1亿 and ≥ 10亿 元). Money stays text.
import { sql } from "drizzle-orm";
import { projectApprovals, projectDayRollups, projectRollups, projects } from "~db/schema";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { ProjectStage } from "~/lib/domain-values";
import { changeOf, sumDecimals } from "~/lib/money";
import type { Comparison } from "~/lib/periods";
import { monthsOf } from "~/lib/periods";
import type { CellComparison } from "./comparison";
import type { SpeedKey } from "~/modules/approvals/speed-rules";
import { SPEED_KEYS } from "~/modules/approvals/speed-rules";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import { queryRows } from "~db/query-rows";
import type { Cell, Milestone } from "./three-batches.server";
import { MILESTONES, currentFactsSql, reportCompanies } from "./three-batches.server";

/** 1亿元 and 10亿元 in 万元. */
export const BIG_THRESHOLDS_WAN = ["10000", "100000"] as const;

export type MonthCells = Record<Milestone, Cell[]>;

export type SpeedMonths = {
  /** Median calendar days per month (by the month the later date falls in); null for a month with none. */
  medians: Record<SpeedKey, (string | null)[]>;
  counts: Record<SpeedKey, number[]>;
  /** Approval items granted within their allowed days, percent with one decimal; null for a month with none. */
  approvalWithinPercent: (string | null)[];
};
const emptyMonths = (): MonthCells => ({
  signed: Array.from({ length: 12 }, () => ({ count: 0, investmentWan: "0.00" })),
  construction: Array.from({ length: 12 }, () => ({ count: 0, investmentWan: "0.00" })),
  production: Array.from({ length: 12 }, () => ({ count: 0, investmentWan: "0.00" })),
});

/** The year a trends URL asks for (`?year=`, 2000–2100), else this year. */
export function trendsYear(url: URL, today: string): number {
  const requested = Number(url.searchParams.get("year"));
  return Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : Number(today.slice(0, 4));
}

export async function trends(zoneId: number, year: number, basis: CreditBasis) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const credit = sql.raw(basis === "owner" ? "f.owner_company_id" : "f.first_contact_company_id");
  const [list, monthly, funnel, cycle, big, speed] = await Promise.all([
    reportCompanies(zoneId),
    // The months: the month rows of project_day_rollups (migration 0012), twelve per company and milestone.
    queryRows<{ company_id: number | null; is_total: number; milestone: Milestone; month: number; n: number; investment: string }>(sql`
      select r.company_id, grouping(r.company_id)::int as is_total, r.measure as milestone,
        extract(month from r.period_on)::int as month, coalesce(sum(r.projects), 0)::int as n,
        coalesce(sum(r.investment_wan), 0)::numeric(18,2)::text as investment
      from ${projectDayRollups} r
      where r.zone_id = ${zoneId} and r.basis = ${basis} and r.grain = 'month'
        and r.measure in (${sql.join(MILESTONES.map((m) => sql`${m}`), sql`, `)})
        and r.period_on between ${from}::date and ${to}::date
      group by grouping sets ((r.company_id, r.measure, extract(month from r.period_on)), (r.measure, extract(month from r.period_on)))`),
    // The open projects by stage: project_rollups, a few rows per company.
    queryRows<{ stage: ProjectStage; n: number; investment: string }>(sql`
      select stage::text as stage, coalesce(sum(projects), 0)::int as n, coalesce(sum(investment_wan), 0)::numeric(18,2)::text as investment
      from ${projectRollups} where zone_id = ${zoneId} and status <> 'lost'
      group by stage`),
    // The medians read only the projects that reached a milestone in the year, index-only over
    // (zone_id, <stage>_on, company_id, …, <previous stage>_on), as the scorecard's do.
    queryRows<{
      company_id: number | null;
      is_total: number;
      c2s: string | null;
      s2c: string | null;
      c2p: string | null;
      r2c: string | null;
      approval: string | null;
    }>(sql`
      select c.company_id, grouping(c.company_id)::int as is_total,
        (round((percentile_cont(0.5) within group (order by c.days) filter (where c.key = 0))::numeric, 1))::text as c2s,
        (round((percentile_cont(0.5) within group (order by c.days) filter (where c.key = 1))::numeric, 1))::text as s2c,
        (round((percentile_cont(0.5) within group (order by c.days) filter (where c.key = 2))::numeric, 1))::text as c2p,
        (round((percentile_cont(0.5) within group (order by c.days) filter (where c.key = 3))::numeric, 1))::text as r2c,
        (round((percentile_cont(0.5) within group (order by c.days) filter (where c.key = 4))::numeric, 1))::text as approval
      from (
        select 0 as key, company_id, signed_on - contacted_on as days from ${projects}
        where zone_id = ${zoneId} and signed_on between ${from}::date and ${to}::date and contacted_on is not null
        union all
        select 1, company_id, construction_on - signed_on from ${projects}
        where zone_id = ${zoneId} and construction_on between ${from}::date and ${to}::date and signed_on is not null
        union all
        select 2, company_id, production_on - construction_on from ${projects}
        where zone_id = ${zoneId} and production_on between ${from}::date and ${to}::date and construction_on is not null
        union all
        select 3, company_id, construction_on - registered_on from ${projects}
        where zone_id = ${zoneId} and construction_on between ${from}::date and ${to}::date and registered_on is not null
        union all
        select 4, p.company_id, a.approved_on - a.submitted_on from ${projectApprovals} a join ${projects} p on p.id = a.project_id
        where p.zone_id = ${zoneId} and a.approved_on between ${from}::date and ${to}::date and a.submitted_on is not null and not a.not_applicable
      ) c
      group by grouping sets ((c.company_id), ())`),
    queryRows<{ company_id: number | null; is_total: number; yi: number; yi_wan: string; ten_yi: number; ten_yi_wan: string }>(sql`
      with facts as (${currentFactsSql(zoneId, from, to)})
      select ${credit} as company_id, grouping(${credit})::int as is_total,
        (count(*) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[0]}::numeric))::int as yi,
        coalesce(sum(f.investment_wan) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[0]}::numeric), 0)::numeric(18,2)::text as yi_wan,
        (count(*) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[1]}::numeric))::int as ten_yi,
        coalesce(sum(f.investment_wan) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[1]}::numeric), 0)::numeric(18,2)::text as ten_yi_wan
      from facts f where f.milestone = 'signed'
      group by grouping sets ((${credit}), ())`),
    speedMonths(zoneId, from, to),
  ]);
  const zone = emptyMonths();
  const byCompany = new Map<number, MonthCells>();
  for (const m of monthly) {
    const cells = Number(m.is_total) === 1 ? zone : (byCompany.get(Number(m.company_id)) ?? emptyMonths());
    cells[m.milestone][Number(m.month) - 1] = { count: Number(m.n), investmentWan: m.investment };
    if (Number(m.is_total) !== 1) byCompany.set(Number(m.company_id), cells);
  }
  const cycleBy = new Map(cycle.filter((c) => Number(c.is_total) !== 1).map((c) => [Number(c.company_id), c]));
  const cycleZone = cycle.find((c) => Number(c.is_total) === 1);
  const bigBy = new Map(big.filter((c) => Number(c.is_total) !== 1).map((c) => [Number(c.company_id), c]));
  const bigZone = big.find((c) => Number(c.is_total) === 1);
  const bigOf = (b: (typeof big)[number] | undefined) => ({
    yi: { count: Number(b?.yi ?? 0), investmentWan: b?.yi_wan ?? "0.00" },
    tenYi: { count: Number(b?.ten_yi ?? 0), investmentWan: b?.ten_yi_wan ?? "0.00" },
  });
  const cycleOf = (c: (typeof cycle)[number] | undefined) => ({
    contactToSign: c?.c2s ?? null,
    signToConstruction: c?.s2c ?? null,
    constructionToProduction: c?.c2p ?? null,
    registerToConstruction: c?.r2c ?? null,
    approval: c?.approval ?? null,
  });
  const funnelBy = new Map(funnel.map((f) => [f.stage, f]));
  return {
    year,
    months: monthsOf(year),
    zone: { months: zone, cycle: cycleOf(cycleZone), big: bigOf(bigZone), speed },
    companies: list.map((c) => ({
      id: c.id,
      name: c.name,
      shortName: c.shortName,
      months: byCompany.get(c.id) ?? emptyMonths(),
      cycle: cycleOf(cycleBy.get(c.id)),
      big: bigOf(bigBy.get(c.id)),
    })),
    // The funnel: open projects that have reached at least each stage (exact sums of the stages beyond).
    funnel: PROJECT_STAGES.map((stage, i) => {
      const reached = PROJECT_STAGES.slice(i).map((s) => funnelBy.get(s));
      return {
        stage,
        atStage: Number(funnelBy.get(stage)?.n ?? 0),
        count: reached.reduce((n, f) => n + Number(f?.n ?? 0), 0),
        investmentWan: sumDecimals(["0.00", ...reached.map((f) => f?.investment)]),
      };
    }),
    milestones: MILESTONES,
  };
}

/**
 * The zone's speed per month of a year: the medians of 注册→开工, 签约→开工 (by the month of construction), 开工→投产
 * (of production) and of the approval items granted (submitted → approved, by the month of approval), in calendar
 * days (decision 027), with how many each month counts; the same projects and items as the scorecard's.
 */
export async function speedMonths(zoneId: number, from: string, to: string): Promise<SpeedMonths> {
  const rows = await queryRows<{ key: number; month: number; days: string; n: number; within: number }>(sql`
    select c.key, extract(month from c.on_date)::int as month,
      (round((percentile_cont(0.5) within group (order by c.days))::numeric, 1))::text as days,
      count(*)::int as n, (count(*) filter (where c.days <= c.allowed))::int as within
    from (
      select 0 as key, construction_on as on_date, construction_on - registered_on as days, null::int as allowed from ${projects}
      where zone_id = ${zoneId} and construction_on between ${from}::date and ${to}::date and registered_on is not null
      union all
      select 1, construction_on, construction_on - signed_on, null from ${projects}
      where zone_id = ${zoneId} and construction_on between ${from}::date and ${to}::date and signed_on is not null
      union all
      select 2, production_on, production_on - construction_on, null from ${projects}
      where zone_id = ${zoneId} and production_on between ${from}::date and ${to}::date and construction_on is not null
      union all
      select 3, a.approved_on, a.approved_on - a.submitted_on, a.allowed_days from ${projectApprovals} a join ${projects} p on p.id = a.project_id
      where p.zone_id = ${zoneId} and a.approved_on between ${from}::date and ${to}::date and a.submitted_on is not null and not a.not_applicable
    ) c
    group by c.key, extract(month from c.on_date)`);
  const medians = Object.fromEntries(SPEED_KEYS.map((k) => [k, Array<string | null>(12).fill(null)])) as SpeedMonths["medians"];
  const counts = Object.fromEntries(SPEED_KEYS.map((k) => [k, Array<number>(12).fill(0)])) as SpeedMonths["counts"];
  const approvalWithinPercent = Array<string | null>(12).fill(null);
  for (const r of rows) {
    const key = SPEED_KEYS[Number(r.key)];
    const m = Number(r.month) - 1;
    medians[key][m] = r.days;
    counts[key][m] = Number(r.n);
    if (key === "approval") approvalWithinPercent[m] = (Math.round((1000 * Number(r.within)) / Number(r.n)) / 10).toFixed(1);
  }
  return { medians, counts, approvalWithinPercent };
}

/** The zone's monthly 三个一批 of one year (the month rows of project_day_rollups): what 同比/环比 compare with. */
export async function zoneMonths(zoneId: number, year: number, basis: CreditBasis): Promise<MonthCells> {
  const rows = await queryRows<{ milestone: Milestone; month: number; n: number; investment: string }>(sql`
    select r.measure as milestone, extract(month from r.period_on)::int as month, coalesce(sum(r.projects), 0)::int as n,
      coalesce(sum(r.investment_wan), 0)::numeric(18,2)::text as investment
    from ${projectDayRollups} r
    where r.zone_id = ${zoneId} and r.basis = ${basis} and r.grain = 'month'
      and r.measure in (${sql.join(MILESTONES.map((m) => sql`${m}`), sql`, `)})
      and r.period_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
    group by r.measure, extract(month from r.period_on)`);
  const cells = emptyMonths();
  for (const r of rows) cells[r.milestone][Number(r.month) - 1] = { count: Number(r.n), investmentWan: r.investment };
  return cells;
}

/**
 * Each month of the year against its compared month: 同比 the same month a year earlier, 环比 the month before
 * (January's is the previous December). `previousYear` is zoneMonths of year − 1.
 */
export function monthlyComparison(
  current: MonthCells,
  previousYear: MonthCells,
  comparison: Comparison,
): Record<Milestone, CellComparison[]> {
  const compared = (m: Milestone, i: number): Cell =>
    comparison === "yoy" ? previousYear[m][i] : i === 0 ? previousYear[m][11] : current[m][i - 1];
  return Object.fromEntries(
    MILESTONES.map((m) => [
      m,
      current[m].map((cell, i) => {
        const before = compared(m, i);
        return {
          previous: before,
          count: changeOf(String(cell.count), String(before.count)),
          investmentWan: changeOf(cell.investmentWan, before.investmentWan),
        };
      }),
    ]),
  ) as Record<Milestone, CellComparison[]>;
}
