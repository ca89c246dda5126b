// Trends over a year: monthly 三个一批 per company and for the zone (on the report's facts), the funnel of the
// zone's open projects by stage, cycle-time medians and big projects (≥ 1亿 and ≥ 10亿 元). Money stays text.
import { sql } from "drizzle-orm";
import { projects } from "~db/schema";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { ProjectStage } from "~/lib/domain-values";
import { sumDecimals } from "~/lib/money";
import { monthsOf } from "~/lib/periods";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import { queryRows } from "~db/query-rows";
import type { Cell, Milestone } from "./three-batches.server";
import { MILESTONES, currentFactsSql, reportCompanies } from "./three-batches.server";

/** 1亿元 and 10亿元 in 万元. */
export const BIG_THRESHOLDS_WAN = ["10000", "100000"] as const;

type MonthCells = Record<Milestone, Cell[]>;
const emptyMonths = (): MonthCells => ({
  signed: Array.from({ length: 12 }, () => ({ count: 0, investmentWan: "0.00" })),
  construction: Array.from({ length: 12 }, () => ({ count: 0, investmentWan: "0.00" })),
  production: Array.from({ length: 12 }, () => ({ count: 0, investmentWan: "0.00" })),
});

export async function trends(zoneId: number, year: number, basis: CreditBasis) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const credit = sql.raw(basis === "owner" ? "f.owner_company_id" : "f.first_contact_company_id");
  const [list, monthly, funnel, cycle, big] = await Promise.all([
    reportCompanies(zoneId),
    queryRows<{ company_id: number | null; is_total: number; milestone: Milestone; month: number; n: number; investment: string }>(sql`
      with facts as (${currentFactsSql(zoneId, from, to)})
      select ${credit} as company_id, grouping(${credit})::int as is_total, f.milestone,
        extract(month from f.business_on)::int as month, count(*)::int as n,
        coalesce(sum(f.investment_wan), 0)::numeric(18,2)::text as investment
      from facts f
      group by grouping sets ((${credit}, f.milestone, extract(month from f.business_on)), (f.milestone, extract(month from f.business_on)))`),
    queryRows<{ stage: ProjectStage; n: number; investment: string }>(sql`
      select stage::text as stage, count(*)::int as n, coalesce(sum(total_investment_wan), 0)::numeric(18,2)::text as investment
      from ${projects} where zone_id = ${zoneId} and status <> 'lost'
      group by stage`),
    queryRows<{ company_id: number | null; is_total: number; c2s: string | null; s2c: string | null; c2p: string | null }>(sql`
      select company_id, grouping(company_id)::int as is_total,
        (round((percentile_cont(0.5) within group (order by signed_on - contacted_on)
          filter (where signed_on between ${from}::date and ${to}::date and contacted_on is not null))::numeric, 1))::text as c2s,
        (round((percentile_cont(0.5) within group (order by construction_on - signed_on)
          filter (where construction_on between ${from}::date and ${to}::date and signed_on is not null))::numeric, 1))::text as s2c,
        (round((percentile_cont(0.5) within group (order by production_on - construction_on)
          filter (where production_on between ${from}::date and ${to}::date and construction_on is not null))::numeric, 1))::text as c2p
      from ${projects} where zone_id = ${zoneId}
      group by grouping sets ((company_id), ())`),
    queryRows<{ company_id: number | null; is_total: number; yi: number; yi_wan: string; ten_yi: number; ten_yi_wan: string }>(sql`
      with facts as (${currentFactsSql(zoneId, from, to)})
      select ${credit} as company_id, grouping(${credit})::int as is_total,
        (count(*) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[0]}::numeric))::int as yi,
        coalesce(sum(f.investment_wan) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[0]}::numeric), 0)::numeric(18,2)::text as yi_wan,
        (count(*) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[1]}::numeric))::int as ten_yi,
        coalesce(sum(f.investment_wan) filter (where f.investment_wan >= ${BIG_THRESHOLDS_WAN[1]}::numeric), 0)::numeric(18,2)::text as ten_yi_wan
      from facts f where f.milestone = 'signed'
      group by grouping sets ((${credit}), ())`),
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
  });
  const funnelBy = new Map(funnel.map((f) => [f.stage, f]));
  return {
    year,
    months: monthsOf(year),
    zone: { months: zone, cycle: cycleOf(cycleZone), big: bigOf(bigZone) },
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
