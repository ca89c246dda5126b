// The measures of service after landing (比服务水平、看满意指数) for any period, computed in SQL: requests received,
// solved, share solved on time, median days to solve, average satisfaction and how many were rated. The request list
// and the leadership scorecard read them from here. Ratios and averages come back as exact decimal strings.
// Satisfaction is the enterprise's own rating (service_request_ratings: the hotline's 回访 or its link), never the
// handler's (decision 018).
import type { SQL } from "drizzle-orm";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, serviceRequestRatings, serviceRequests } from "~db/schema";

export type ServicePeriod = { from: string; to: string };

export type ServiceMeasures = {
  received: number;
  solved: number;
  solvedOnTime: number;
  /** Solved on time / solved in the period, as a percentage with one decimal ("87.5"); null when nothing was solved. */
  onTimePercent: string | null;
  /** Median of (solved date − received date) in days, e.g. "4.5"; null when nothing was solved. */
  medianDaysToSolve: string | null;
  /** Average rating 1–5 of the requests solved in the period that the enterprise rated, two decimals ("4.33"); null when none. */
  averageSatisfaction: string | null;
  /** Requests solved in the period that the enterprise rated: what the average is taken over. */
  rated: number;
};

function measureColumns(period: ServicePeriod) {
  const received = sql`${serviceRequests.receivedOn} between ${period.from}::date and ${period.to}::date`;
  const solved = sql`${serviceRequests.status} = 'solved' and ${serviceRequests.solvedOn} between ${period.from}::date and ${period.to}::date`;
  return {
    received: sql<number>`(count(*) filter (where ${received}))::int`,
    solved: sql<number>`(count(*) filter (where ${solved}))::int`,
    solvedOnTime: sql<number>`(count(*) filter (where ${solved} and ${serviceRequests.solvedOn} <= ${serviceRequests.dueOn}))::int`,
    onTimePercent: sql<string | null>`(round(100.0 * count(*) filter (where ${solved} and ${serviceRequests.solvedOn} <= ${serviceRequests.dueOn})
      / nullif(count(*) filter (where ${solved}), 0), 1))::text`,
    medianDaysToSolve: sql<
      string | null
    >`(round((percentile_cont(0.5) within group (order by (${serviceRequests.solvedOn} - ${serviceRequests.receivedOn}))
      filter (where ${solved}))::numeric, 1))::text`,
    averageSatisfaction: sql<string | null>`(round(avg(${serviceRequestRatings.score}) filter (where ${solved}), 2))::text`,
    rated: sql<number>`(count(${serviceRequestRatings.id}) filter (where ${solved}))::int`,
  };
}

/** Only rows that could count in the period: received or solved in it. */
function inPeriod(period: ServicePeriod): SQL {
  return sql`(${serviceRequests.receivedOn} between ${period.from}::date and ${period.to}::date
    or ${serviceRequests.solvedOn} between ${period.from}::date and ${period.to}::date)`;
}

/** The zone's measures, or one handling company's. */
export async function serviceMeasures(zoneId: number, period: ServicePeriod, handlingCompanyId?: number): Promise<ServiceMeasures> {
  const [row] = await getDb()
    .select(measureColumns(period))
    .from(serviceRequests)
    .leftJoin(serviceRequestRatings, eq(serviceRequestRatings.requestId, serviceRequests.id))
    .where(
      and(
        eq(serviceRequests.zoneId, zoneId),
        inPeriod(period),
        handlingCompanyId === undefined ? undefined : eq(serviceRequests.handlingCompanyId, handlingCompanyId),
      ),
    );
  return row;
}

/** Per handling company of the zone, every active non-committee company listed (zeros where nothing happened). */
export async function serviceMeasuresByCompany(zoneId: number, period: ServicePeriod) {
  const rows = await getDb()
    .select({ companyId: serviceRequests.handlingCompanyId, ...measureColumns(period) })
    .from(serviceRequests)
    .leftJoin(serviceRequestRatings, eq(serviceRequestRatings.requestId, serviceRequests.id))
    .where(and(eq(serviceRequests.zoneId, zoneId), inPeriod(period)))
    .groupBy(serviceRequests.handlingCompanyId);
  const byCompany = new Map(rows.map((r) => [r.companyId, r]));
  const list = await getDb()
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.zoneId, zoneId), sql`${companies.kind} <> 'committee'`))
    .orderBy(asc(companies.sortOrder), asc(companies.id));
  const empty: ServiceMeasures = {
    received: 0,
    solved: 0,
    solvedOnTime: 0,
    onTimePercent: null,
    medianDaysToSolve: null,
    averageSatisfaction: null,
    rated: 0,
  };
  return list.map((c) => {
    const { companyId: _c, ...m } = byCompany.get(c.id) ?? { companyId: c.id, ...empty };
    return { companyId: c.id, company: c.name, ...m };
  });
}

/**
 * Per zone, for the province's 四比四看 between zones: the same measures over every handling company of each zone,
 * in one query for all the zones asked (a zone with no request in the period is absent: nothing to measure).
 */
export async function serviceMeasuresByZone(zoneIds: number[], period: ServicePeriod) {
  if (zoneIds.length === 0) return [];
  const ids = sql.join(
    zoneIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return getDb()
    .select({ zoneId: serviceRequests.zoneId, ...measureColumns(period) })
    .from(serviceRequests)
    .leftJoin(serviceRequestRatings, eq(serviceRequestRatings.requestId, serviceRequests.id))
    .where(and(sql`${serviceRequests.zoneId} in (${ids})`, inPeriod(period)))
    .groupBy(serviceRequests.zoneId);
}
