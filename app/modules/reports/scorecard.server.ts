// 四比四看: every measure of DOMAIN.md per company for a period, weighted by the leaders' weights (saved as
// versions) and ranked; the previous period's rank beside. Counts and money come from SQL (money as exact text);
// the three milestone figures are the 三个一批 report's own (published figures for a published period).
import type { SQL } from "drizzle-orm";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import {
  activityDailyCounts,
  companies as companiesTable,
  handoffs,
  projectApprovals,
  projectDayRollups,
  projectRollups,
  projects,
  scorecardWeightSets,
  users,
} from "~db/schema";
import { addDays, todayInZone } from "~/lib/dates";
import { chainFillsByCompany } from "~/modules/chains/chain-fills.server";
import type { Forbidden, Ok } from "~/lib/result";
import { forbidden, ok } from "~/lib/result";
import type { Period } from "~/lib/periods";
import { previousPeriod } from "~/lib/periods";
import type { MeasureValues, MissingReasons, MissingRule, Weights } from "~/lib/scorecard";
import { MEASURE_KEYS, scoreCompanies, weightsFromStored } from "~/lib/scorecard";
import { saveNextVersion } from "./weight-versions.server";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canSetScorecardWeights } from "~/modules/auth/policy";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import { serviceMeasuresByCompany } from "~/modules/service/service-measures.server";
import type { ScorecardWeightsInput } from "./reports.schema";
import { sumDayRollups } from "./day-rollups.server";
import { satisfactionByCompany } from "./satisfaction.server";
import { queryRows } from "~db/query-rows";
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
export async function saveScorecardWeights(viewer: Viewer, input: ScorecardWeightsInput): Promise<Ok<number> | Forbidden> {
  if (!canSetScorecardWeights(viewer)) return forbidden();
  const weights = Object.fromEntries(MEASURE_KEYS.map((k) => [k, String(input[k])]));
  const version = await saveNextVersion(`scorecard-weights:${viewer.zoneId}`, async (tx) => {
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
  return ok(version);
}

type Raw = Record<string, unknown> & { company_id: number };
const byId = <T extends Raw>(rows: T[]) => new Map(rows.map((r) => [Number(r.company_id), r]));

type CurrentState = Awaited<ReturnType<typeof currentState>>;

/**
 * The measures that describe the zone as it stands today, whatever the period (the reserve, the share of stale
 * projects): computed once when the scorecard needs two periods. Both read rollups kept by triggers: the reserve
 * and the active projects from project_rollups (per company, stage and status), the active projects touched in the
 * last 30 days from project_day_rollups' last_activity days; stale = active − recently active.
 */
function currentState(zoneId: number) {
  const staleBefore = addDays(todayInZone(), -30);
  return Promise.all([
    queryRows<Raw & { n: number; investment: string; big: number }>(sql`
      select company_id, coalesce(sum(projects), 0)::int as n, coalesce(sum(investment_wan), 0)::numeric(18,2)::text as investment,
        coalesce(sum(big_projects), 0)::int as big
      from ${projectRollups}
      where zone_id = ${zoneId} and status = 'active' and stage in ('negotiating', 'evaluating')
      group by company_id`),
    queryRows<Raw & { active: number; stale: number }>(sql`
      with active as (
        select company_id, sum(projects)::int as n from ${projectRollups}
        where zone_id = ${zoneId} and status = 'active' group by company_id
      ), recent as (
        select company_id, sum(projects)::int as n from ${projectDayRollups}
        where zone_id = ${zoneId} and basis = 'owner' and measure = 'last_activity' and grain = 'day' and period_on >= ${staleBefore}::date
        group by company_id
      )
      select a.company_id, a.n as active, (a.n - coalesce(r.n, 0))::int as stale
      from active a left join recent r on r.company_id = a.company_id`),
  ]);
}

type Span = Pick<Period, "from" | "to">;
type CycleRow = {
  company_id: number;
  contacted: number;
  converted: number;
  c2s: string | null;
  s2c: string | null;
  c2p: string | null;
  r2c: string | null;
  /** Approval items granted in the period (issue 21): their median days and how many within the allowed days. */
  approvalDays: string | null;
  approvals: number;
  withinAllowed: number;
};
type PeriodRows = {
  leads: (Raw & { n: number })[];
  cycle: CycleRow[];
  transfersIn: (Raw & { n: number; answer_days: string | null })[];
  transfersOut: (Raw & { n: number })[];
};

/** The medians' keys, by the number the query tags each stage's rows with (an integer sorts faster than text). */
const CYCLE_KEYS = ["c2s", "s2c", "c2p", "r2c"] as const;

/** Since the beginning: "contacted by `to`" sums every day up to `to`. */
const EVER = "0001-01-01";

/**
 * The measures of several periods at once (the scorecard's period and the one before). The counts come from
 * project_day_rollups (new leads by their creation day; contacted and converted by the day they became so, summed
 * up to the period's end), in one query for every period. The cycle-time medians need each project's days: they
 * read the projects that reached the stage in the periods, index-only over (zone_id, <stage>_on, company_id, …,
 * <previous stage>_on), so they grow with the number of projects reaching the stage in the period. Transfers read
 * the zone's transfers created or answered in the periods by index range.
 */
async function periodRows(zoneId: number, periods: Span[]): Promise<PeriodRows[]> {
  const cols = (f: (p: Span, i: number) => SQL) => sql.join(periods.map(f), sql`, `);
  const as = (name: string, i: number) => sql.raw(`${name}_${i}`);
  const first = periods.reduce((a, p) => (p.from < a ? p.from : a), periods[0].from);
  const last = periods.reduce((a, p) => (p.to > a ? p.to : a), periods[0].to);
  const startOf = (day: string) => sql`(${day}::date::timestamp at time zone 'Asia/Shanghai')`;
  const endOf = (day: string) => sql`((${day}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const median = (p: Span) =>
    sql`(round((percentile_cont(0.5) within group (order by c.days) filter (where c.on_date between ${p.from}::date and ${p.to}::date))::numeric, 1))::text`;
  const [counts, medians, approvals, transfers, answers] = await Promise.all([
    sumDayRollups(
      zoneId,
      periods.flatMap((p, i) => [
        { key: `leads_${i}`, basis: "owner" as const, measures: ["created" as const], from: p.from, to: p.to },
        { key: `cycle_${i}`, basis: "owner" as const, measures: ["contacted" as const, "converted" as const], from: EVER, to: p.to },
      ]),
    ),
    queryRows<Raw>(sql`
      select c.company_id, c.key, ${cols((p, i) => sql`${median(p)} as ${as("days", i)}`)}
      from (
        select 0 as key, company_id, signed_on as on_date, signed_on - contacted_on as days from ${projects}
        where zone_id = ${zoneId} and signed_on between ${first}::date and ${last}::date and contacted_on is not null
        union all
        select 1, company_id, construction_on, construction_on - signed_on from ${projects}
        where zone_id = ${zoneId} and construction_on between ${first}::date and ${last}::date and signed_on is not null
        union all
        select 2, company_id, production_on, production_on - construction_on from ${projects}
        where zone_id = ${zoneId} and production_on between ${first}::date and ${last}::date and construction_on is not null
        union all
        select 3, company_id, construction_on, construction_on - registered_on from ${projects}
        where zone_id = ${zoneId} and construction_on between ${first}::date and ${last}::date and registered_on is not null
      ) c
      group by c.company_id, c.key`),
    // Approval items granted in the periods (by approval date) of the zone's projects, per project company: the
    // median days submitted → approved and how many kept to their allowed days (calendar days, decision 027).
    queryRows<Raw>(sql`
      select p.company_id, ${cols((s, i) => {
        const within = sql`a.approved_on between ${s.from}::date and ${s.to}::date`;
        return sql`(round((percentile_cont(0.5) within group (order by a.approved_on - a.submitted_on) filter (where ${within}))::numeric, 1))::text as ${as("approval_days", i)},
          (count(*) filter (where ${within}))::int as ${as("approvals", i)},
          (count(*) filter (where ${within} and a.approved_on - a.submitted_on <= a.allowed_days))::int as ${as("within_allowed", i)}`;
      })}
      from ${projectApprovals} a join ${projects} p on p.id = a.project_id
      where p.zone_id = ${zoneId} and a.approved_on between ${first}::date and ${last}::date
        and a.submitted_on is not null and not a.not_applicable
      group by p.company_id`),
    // Transfers in and out: the transfers created in the periods, grouped by the receiving company and, apart, by
    // the sending one; and the median days to answer of those answered in them, by the receiving company.
    queryRows<Raw & { side: "in" | "out" }>(sql`
      select case when grouping(h.to_company_id) = 0 then 'in' else 'out' end as side,
        coalesce(h.to_company_id, h.from_company_id) as company_id, ${cols(
          (p, i) => sql`(count(*) filter (where h.created_at >= ${startOf(p.from)} and h.created_at < ${endOf(p.to)}))::int as ${as("n", i)}`,
        )}
      from ${handoffs} h
      where h.zone_id = ${zoneId} and h.kind = 'transfer' and h.created_at >= ${startOf(first)} and h.created_at < ${endOf(last)}
      group by grouping sets ((h.to_company_id), (h.from_company_id))`),
    queryRows<Raw>(sql`
      select h.to_company_id as company_id, ${cols(
        (p, i) => sql`(round((percentile_cont(0.5) within group (order by extract(epoch from h.answered_at - h.created_at) / 86400)
          filter (where h.answered_at >= ${startOf(p.from)} and h.answered_at < ${endOf(p.to)}))::numeric, 1))::text as ${as("answer_days", i)}`,
      )}
      from ${handoffs} h
      where h.zone_id = ${zoneId} and h.kind = 'transfer' and h.answered_at >= ${startOf(first)} and h.answered_at < ${endOf(last)}
      group by h.to_company_id`),
  ]);
  const pick = <T extends Raw>(rows: Raw[], i: number, keys: string[]) =>
    rows.map((r) => Object.fromEntries([["company_id", r.company_id], ...keys.map((k) => [k, r[`${k}_${i}`]])]) as T);
  return periods.map((_, i) => {
    const leads = counts.filter((r) => r.key === `leads_${i}`).map((r) => ({ company_id: r.company_id, n: r.n }));
    const cycleBy = new Map<number, CycleRow>();
    const cycleOf = (companyId: number) => {
      const id = Number(companyId);
      const row = cycleBy.get(id) ?? {
        company_id: id,
        contacted: 0,
        converted: 0,
        c2s: null,
        s2c: null,
        c2p: null,
        r2c: null,
        approvalDays: null,
        approvals: 0,
        withinAllowed: 0,
      };
      cycleBy.set(id, row);
      return row;
    };
    for (const r of counts.filter((c) => c.key === `cycle_${i}`)) cycleOf(r.company_id)[r.measure as "contacted" | "converted"] = Number(r.n);
    for (const r of medians) cycleOf(r.company_id)[CYCLE_KEYS[Number(r.key)]] = r[`days_${i}`] as string | null;
    for (const r of approvals) {
      const row = cycleOf(r.company_id);
      row.approvalDays = r[`approval_days_${i}`] as string | null;
      row.approvals = Number(r[`approvals_${i}`]);
      row.withinAllowed = Number(r[`within_allowed_${i}`]);
    }
    const intoBy = new Map<number, Raw & { n: number; answer_days: string | null }>();
    const intoOf = (companyId: number) => {
      const id = Number(companyId);
      const row = intoBy.get(id) ?? { company_id: id, n: 0, answer_days: null };
      intoBy.set(id, row);
      return row;
    };
    for (const r of transfers.filter((t) => t.side === "in")) intoOf(r.company_id).n = Number(r[`n_${i}`]);
    for (const r of answers) intoOf(r.company_id).answer_days = r[`answer_days_${i}`] as string | null;
    return {
      leads,
      cycle: [...cycleBy.values()],
      transfersIn: [...intoBy.values()],
      transfersOut: pick(transfers.filter((r) => r.side === "out"), i, ["n"]),
    };
  });
}

/** Why each null value is null: the hover text of its "—" (decision 017). Counts are never null. */
function missingReasons(v: MeasureValues, requests: { received: number; solved: number }): MissingReasons {
  const serviceReason = requests.received === 0 && requests.solved === 0 ? "noRequests" : "noneSolved";
  const reasons: MissingReasons = {
    conversionPercent: "noContacted",
    daysContactToSign: "noSignings",
    daysToAnswer: "noTransfers",
    daysSignToConstruction: "noConstruction",
    daysConstructionToProduction: "noProduction",
    // Starts of construction in the period without a registration date are not 0 days: the value is missing.
    daysRegisterToConstruction: v.daysSignToConstruction === null ? "noConstruction" : "noRegisteredStart",
    daysApproval: "noApprovals",
    approvalWithinAllowedPercent: "noApprovals",
    stalePercent: "noActive",
    targetCompletion: "noTarget",
    onTimeRate: serviceReason,
    satisfaction: requests.solved === 0 ? serviceReason : "noRatings",
  };
  return Object.fromEntries(Object.entries(reasons).filter(([key]) => v[key as keyof MeasureValues] === null));
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
  const [list, report, { leads, cycle, transfersIn, transfersOut }, [reserve, stale], acts, targets, service, satisfaction, chainFills] = await Promise.all([
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
    satisfactionByCompany(zoneId, { from, to }),
    chainFillsByCompany(zoneId, { from, to }, opts.basis),
  ]);
  const [leadsBy, reserveBy, cycleBy, actsBy, staleBy, inBy, outBy] = [leads, reserve, cycle, acts, stale, transfersIn, transfersOut].map(
    (rows) => byId(rows as Raw[]),
  ) as [Map<number, Raw & { n: number }>, Map<number, Raw & { n: number; investment: string; big: number }>, Map<number, (typeof cycle)[number]>, Map<number, Raw & { n: number }>, Map<number, (typeof stale)[number]>, Map<number, (typeof transfersIn)[number]>, Map<number, Raw & { n: number }>];
  const reportBy = new Map(report.rows.map((r) => [r.id, r]));
  const targetsBy = new Map(targets.map((t) => [t.companyId, t]));
  const serviceBy = new Map(service.map((s) => [s.companyId, s]));
  const satisfactionBy = new Map(satisfaction.map((s) => [s.companyId, s]));
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
        chainFills: chainFills.get(c.id) ?? 0,
        constructionCount: r.construction.count,
        constructionInvestment: r.construction.investmentWan,
        productionCount: r.production.count,
        daysSignToConstruction: cy?.s2c ?? null,
        daysConstructionToProduction: cy?.c2p ?? null,
        daysRegisterToConstruction: cy?.r2c ?? null,
        daysApproval: cy?.approvalDays ?? null,
        approvalWithinAllowedPercent: cy && cy.approvals > 0 ? (Math.round((1000 * cy.withinAllowed) / cy.approvals) / 10).toFixed(1) : null,
        stalePercent: st && Number(st.active) > 0 ? (Math.round((1000 * Number(st.stale)) / Number(st.active)) / 10).toFixed(1) : null,
        targetCompletion: targetsBy.get(c.id)?.overall ?? null,
        onTimeRate: serviceBy.get(c.id)?.onTimePercent ?? null,
        satisfaction: satisfactionBy.get(c.id)?.average ?? null,
      };
      const sv = serviceBy.get(c.id);
      const requests = { received: sv?.received ?? 0, solved: sv?.solved ?? 0, rated: satisfactionBy.get(c.id)?.rated ?? 0 };
      return {
        id: c.id, name: c.name, shortName: c.shortName, kind: c.kind, values, reasons: missingReasons(values, requests), requests,
        target: targetsBy.get(c.id) ?? null,
      };
    }),
  };
}

/** The ranked scorecard of a period with the weights in force, and each company's rank in the period before. */
export async function scorecard(
  zoneId: number,
  period: Period,
  opts: { basis: CreditBasis; scope: ScorecardScope; weights?: Weights; missing?: MissingRule },
) {
  const missing = opts.missing ?? "rescale";
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
  const ranked = scoreCompanies(now.companies, weights, missing);
  const previousRank = new Map(scoreCompanies(before.companies, weights, missing).map((c) => [c.id, c.rank]));
  return {
    period,
    previous,
    weights,
    weightSet,
    missing,
    published: now.published,
    rows: ranked.map((c) => ({ ...c, previousRank: previousRank.get(c.id) ?? null })),
  };
}
