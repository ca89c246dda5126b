// 四比四看: every measure of DOMAIN.md per company for a period, weighted by the leaders' weights (saved as
// versions) and ranked; the previous period's rank beside. Counts and money come from SQL (money as exact text);
// the three milestone figures are the 三个一批 report's own (published figures for a published period).
import type { SQL } from "drizzle-orm";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { activityDailyCounts, companies as companiesTable, handoffs, projects, scorecardWeightSets, users } from "~db/schema";
import { addDays, todayInZone } from "~/lib/dates";
import type { Period } from "~/lib/periods";
import { previousPeriod } from "~/lib/periods";
import type { MeasureValues, Weights } from "~/lib/scorecard";
import { MEASURE_KEYS, scoreCompanies, weightsFromStored } from "~/lib/scorecard";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canSetScorecardWeights } from "~/modules/auth/policy";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import { serviceMeasuresByCompany } from "~/modules/service/service-measures.server";
import type { ScorecardWeightsInput } from "./reports.schema";
import { queryRows } from "./sql.server";
import { targetProgress } from "./targets.server";
import { reportCompanies, threeBatchesReport } from "./three-batches.server";

/** 1亿元 = 10,000万元: a "big" project of the reserve. */
export const BIG_PROJECT_WAN = "10000";

export type ScorecardScope = "attraction" | "all";

export async function currentWeights(zoneId: number) {
  const [row] = await getDb()
    .select({
      version: scorecardWeightSets.version,
      weights: scorecardWeightSets.weights,
      note: scorecardWeightSets.note,
      createdAt: scorecardWeightSets.createdAt,
      by: users.displayName,
    })
    .from(scorecardWeightSets)
    .leftJoin(users, eq(users.id, scorecardWeightSets.createdById))
    .where(eq(scorecardWeightSets.zoneId, zoneId))
    .orderBy(desc(scorecardWeightSets.version))
    .limit(1);
  return row
    ? { version: row.version, weights: weightsFromStored(row.weights), note: row.note, createdAt: row.createdAt, by: row.by }
    : { version: 0, weights: weightsFromStored(null), note: null, createdAt: null, by: null };
}

/** Saves the weights as a new version (the old ones stay); audited. */
export async function saveScorecardWeights(viewer: Viewer, input: ScorecardWeightsInput): Promise<number> {
  if (!canSetScorecardWeights(viewer)) throw new Error("not allowed");
  const weights = Object.fromEntries(MEASURE_KEYS.map((k) => [k, String(input[k])]));
  for (let attempt = 0; ; attempt++) {
    const version = await getDb().transaction(async (tx) => {
      const [{ next }] = await queryRows<{ next: number }>(
        sql`select (coalesce(max(version), 0) + 1)::int as next from ${scorecardWeightSets} where zone_id = ${viewer.zoneId}`,
        tx,
      );
      const [row] = await tx
        .insert(scorecardWeightSets)
        .values({ zoneId: viewer.zoneId, version: Number(next), weights, note: input.note ?? null, createdById: viewer.id })
        .onConflictDoNothing()
        .returning({ id: scorecardWeightSets.id, version: scorecardWeightSets.version });
      if (!row) return null;
      await writeAudit(tx, {
        zoneId: viewer.zoneId,
        actorId: viewer.id,
        entity: "scorecard_weights",
        entityId: row.id,
        action: "create",
        after: { version: row.version, weights, note: input.note ?? null },
      });
      return row.version;
    });
    if (version !== null) return version;
    // Someone saved a version at the same moment: take the next number.
    if (attempt >= 3) throw new Error("could not save the weights");
  }
}

type Raw = Record<string, unknown> & { company_id: number };
const byId = <T extends Raw>(rows: T[]) => new Map(rows.map((r) => [Number(r.company_id), r]));

type CurrentState = Awaited<ReturnType<typeof currentState>>;

/**
 * The measures that describe the zone as it stands today, whatever the period (the reserve, the share of stale
 * projects): computed once when the scorecard needs two periods.
 */
function currentState(zoneId: number) {
  const staleBefore = addDays(todayInZone(), -30);
  return Promise.all([
    queryRows<Raw & { n: number; investment: string; big: number }>(sql`
      select company_id, count(*)::int as n, coalesce(sum(total_investment_wan), 0)::numeric(18,2)::text as investment,
        (count(*) filter (where total_investment_wan >= ${BIG_PROJECT_WAN}::numeric))::int as big
      from ${projects}
      where zone_id = ${zoneId} and status = 'active' and stage in ('negotiating', 'evaluating')
      group by company_id`),
    queryRows<Raw & { active: number; stale: number }>(sql`
      select company_id, count(*)::int as active,
        (count(*) filter (where last_activity_on is null or last_activity_on < ${staleBefore}::date))::int as stale
      from ${projects} where zone_id = ${zoneId} and status = 'active'
      group by company_id`),
  ]);
}

type Span = Pick<Period, "from" | "to">;
type PeriodRows = {
  leads: (Raw & { n: number })[];
  cycle: (Raw & { contacted: number; converted: number; c2s: string | null; s2c: string | null; c2p: string | null })[];
  transfersIn: (Raw & { n: number; answer_days: string | null })[];
  transfersOut: (Raw & { n: number })[];
};

/**
 * The measures read from projects and handoffs, for several periods at once (the scorecard's period and the one
 * before): each query reads its rows once and aggregates every period's figures side by side (columns suffixed
 * with the period's index) instead of reading the zone once per period.
 */
async function periodRows(zoneId: number, periods: Span[]): Promise<PeriodRows[]> {
  const cols = (f: (p: Span, i: number) => SQL) => sql.join(periods.map(f), sql`, `);
  const as = (name: string, i: number) => sql.raw(`${name}_${i}`);
  const day = (col: SQL) => sql`(${col} at time zone 'Asia/Shanghai')::date`;
  const first = periods.reduce((a, p) => (p.from < a ? p.from : a), periods[0].from);
  const last = periods.reduce((a, p) => (p.to > a ? p.to : a), periods[0].to);
  const [leads, cycle, transfers] = await Promise.all([
    queryRows<Raw>(sql`
      select company_id, ${cols(
        (p, i) => sql`(count(*) filter (where created_at >= (${p.from}::date::timestamp at time zone 'Asia/Shanghai')
          and created_at < ((${p.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')))::int as ${as("n", i)}`,
      )}
      from ${projects}
      where zone_id = ${zoneId} and created_at >= (${first}::date::timestamp at time zone 'Asia/Shanghai')
        and created_at < ((${last}::date + 1)::timestamp at time zone 'Asia/Shanghai')
      group by company_id`),
    queryRows<Raw>(sql`
      select company_id, ${cols(
        (p, i) => sql`
        (count(*) filter (where coalesce(contacted_on, signed_on) <= ${p.to}::date))::int as ${as("contacted", i)},
        (count(*) filter (where coalesce(contacted_on, signed_on) <= ${p.to}::date and signed_on <= ${p.to}::date))::int as ${as("converted", i)},
        (round((percentile_cont(0.5) within group (order by signed_on - contacted_on)
          filter (where signed_on between ${p.from}::date and ${p.to}::date and contacted_on is not null))::numeric, 1))::text as ${as("c2s", i)},
        (round((percentile_cont(0.5) within group (order by construction_on - signed_on)
          filter (where construction_on between ${p.from}::date and ${p.to}::date and signed_on is not null))::numeric, 1))::text as ${as("s2c", i)},
        (round((percentile_cont(0.5) within group (order by production_on - construction_on)
          filter (where production_on between ${p.from}::date and ${p.to}::date and construction_on is not null))::numeric, 1))::text as ${as("c2p", i)}`,
      )}
      from ${projects}
      -- A project with none of these dates counts in no figure above (a company with none has none at all).
      where zone_id = ${zoneId} and (contacted_on is not null or signed_on is not null or construction_on is not null)
      group by company_id`),
    // Transfers in (with the median days to answer) and out in one pass over the zone's transfers: grouped by the
    // receiving company and, apart, by the sending one. The Shanghai dates are computed once per transfer (offset 0:
    // the subquery is not flattened into every aggregate).
    queryRows<Raw & { side: "in" | "out" }>(sql`
      select case when grouping(h.to_company_id) = 0 then 'in' else 'out' end as side,
        coalesce(h.to_company_id, h.from_company_id) as company_id, ${cols(
          (p, i) => sql`
        (count(*) filter (where h.created_on between ${p.from}::date and ${p.to}::date))::int as ${as("n", i)},
        (round((percentile_cont(0.5) within group (order by h.answer_days)
          filter (where h.answered_on between ${p.from}::date and ${p.to}::date))::numeric, 1))::text as ${as("answer_days", i)}`,
        )}
      from (
        select h.to_company_id, h.from_company_id, ${day(sql`h.created_at`)} as created_on, ${day(sql`h.answered_at`)} as answered_on,
          extract(epoch from h.answered_at - h.created_at) / 86400 as answer_days
        from ${handoffs} h join ${projects} p on p.id = h.project_id
        where p.zone_id = ${zoneId} and h.kind = 'transfer'
        offset 0) h
      group by grouping sets ((h.to_company_id), (h.from_company_id))`),
  ]);
  const pick = <T extends Raw>(rows: Raw[], i: number, keys: string[]) =>
    rows.map((r) => Object.fromEntries([["company_id", r.company_id], ...keys.map((k) => [k, r[`${k}_${i}`]])]) as T);
  const [into, out] = [transfers.filter((r) => r.side === "in"), transfers.filter((r) => r.side === "out")];
  return periods.map((_, i) => ({
    leads: pick(leads, i, ["n"]),
    cycle: pick(cycle, i, ["contacted", "converted", "c2s", "s2c", "c2p"]),
    transfersIn: pick(into, i, ["n", "answer_days"]),
    transfersOut: pick(out, i, ["n"]),
  }));
}

/** Every measure per company for the period (owner basis for the measures that are not 三个一批). */
export async function scorecardMeasures(
  zoneId: number,
  period: Span,
  opts: { basis: CreditBasis; scope: ScorecardScope },
  state: Promise<CurrentState> = currentState(zoneId),
  rows: Promise<PeriodRows> = periodRows(zoneId, [period]).then(([r]) => r),
) {
  const { from, to } = period;
  // The targets' year-to-date report is this one when the period starts on 1 January: computed once.
  const reportPromise = threeBatchesReport(zoneId, { from, to, basis: opts.basis, evidenceOnly: false });
  const [list, report, { leads, cycle, transfersIn, transfersOut }, [reserve, stale], acts, targets, service] = await Promise.all([
    reportCompanies(zoneId),
    reportPromise,
    rows,
    state,
    // From the per-day rollup kept by triggers (0007): a year is ~365 rows per company, whatever the zone's size.
    queryRows<Raw & { n: number }>(sql`
      select d.company_id, sum(d.activities)::int as n from ${activityDailyCounts} d join ${companiesTable} c on c.id = d.company_id
      where c.zone_id = ${zoneId} and d.occurred_on between ${from}::date and ${to}::date
      group by d.company_id`),
    targetProgress(zoneId, Number(to.slice(0, 4)), to, opts.basis, reportPromise),
    serviceMeasuresByCompany(zoneId, { from, to }),
  ]);
  const [leadsBy, reserveBy, cycleBy, actsBy, staleBy, inBy, outBy] = [leads, reserve, cycle, acts, stale, transfersIn, transfersOut].map(
    (rows) => byId(rows as Raw[]),
  ) as [Map<number, Raw & { n: number }>, Map<number, Raw & { n: number; investment: string; big: number }>, Map<number, (typeof cycle)[number]>, Map<number, Raw & { n: number }>, Map<number, (typeof stale)[number]>, Map<number, (typeof transfersIn)[number]>, Map<number, Raw & { n: number }>];
  const reportBy = new Map(report.rows.map((r) => [r.id, r]));
  const targetsBy = new Map(targets.map((t) => [t.companyId, t]));
  const serviceBy = new Map(service.map((s) => [s.companyId, s]));
  const companies = list.filter((c) => opts.scope === "all" || c.kind === "attraction");
  return {
    published: report.published,
    companies: companies.map((c) => {
      const r = reportBy.get(c.id)!;
      const cy = cycleBy.get(c.id);
      const st = staleBy.get(c.id);
      const contacted = Number(cy?.contacted ?? 0);
      const values: MeasureValues = {
        newLeads: Number(leadsBy.get(c.id)?.n ?? 0),
        reserveCount: Number(reserveBy.get(c.id)?.n ?? 0),
        reserveInvestment: reserveBy.get(c.id)?.investment ?? "0.00",
        bigReserveCount: Number(reserveBy.get(c.id)?.big ?? 0),
        signedCount: r.signed.count,
        signedInvestment: r.signed.investmentWan,
        conversionPercent: contacted ? ((Math.round((1000 * Number(cy!.converted)) / contacted) / 10).toFixed(1)) : null,
        daysContactToSign: cy?.c2s ?? null,
        activities: Number(actsBy.get(c.id)?.n ?? 0),
        transfersIn: Number(inBy.get(c.id)?.n ?? 0),
        transfersOut: Number(outBy.get(c.id)?.n ?? 0),
        daysToAnswer: inBy.get(c.id)?.answer_days ?? null,
        constructionCount: r.construction.count,
        constructionInvestment: r.construction.investmentWan,
        productionCount: r.production.count,
        daysSignToConstruction: cy?.s2c ?? null,
        daysConstructionToProduction: cy?.c2p ?? null,
        stalePercent: st && Number(st.active) > 0 ? (Math.round((1000 * Number(st.stale)) / Number(st.active)) / 10).toFixed(1) : null,
        targetCompletion: targetsBy.get(c.id)?.overall ?? null,
        serviceOnTimePercent: serviceBy.get(c.id)?.onTimePercent ?? null,
        satisfaction: serviceBy.get(c.id)?.averageSatisfaction ?? null,
      };
      return { id: c.id, name: c.name, shortName: c.shortName, kind: c.kind, values, target: targetsBy.get(c.id) ?? null };
    }),
  };
}

/** The ranked scorecard of a period with the weights in force, and each company's rank in the period before. */
export async function scorecard(zoneId: number, period: Period, opts: { basis: CreditBasis; scope: ScorecardScope; weights?: Weights }) {
  const weightSet = await currentWeights(zoneId);
  const weights = opts.weights ?? weightSet.weights;
  const previous = previousPeriod(period);
  const state = currentState(zoneId);
  // The period and the one before read projects and handoffs in the same pass.
  const both = periodRows(zoneId, [period, previous]);
  const [now, before] = await Promise.all([
    scorecardMeasures(zoneId, period, opts, state, both.then(([r]) => r)),
    scorecardMeasures(zoneId, previous, opts, state, both.then(([, r]) => r)),
  ]);
  const ranked = scoreCompanies(now.companies, weights);
  const previousRank = new Map(scoreCompanies(before.companies, weights).map((c) => [c.id, c.rank]));
  return {
    period,
    previous,
    weights,
    weightSet,
    published: now.published,
    rows: ranked.map((c) => ({ ...c, previousRank: previousRank.get(c.id) ?? null })),
  };
}
