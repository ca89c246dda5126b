// The scorecard's satisfaction measure (比服务水平、看满意指数) in one function, so that it can be re-pointed.
//
// It reads the enterprise's own 1–5 rating (service_request_ratings: the hotline's 回访 call or the enterprise's
// one-time link, decision 018 — never the handler's) of the requests SOLVED in the period. The scorecard page, its
// export and GET /api/v1/reports/scorecard read only this.
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { serviceRequestRatings, serviceRequests } from "~db/schema";

export type CompanySatisfaction = {
  companyId: number;
  /** Average rating of the rated requests, two decimals ("4.33"); null when none was rated. */
  average: string | null;
  /** How many requests the average is over (its own figure on the page and in the API). */
  rated: number;
};

/** Per handling company with at least one rated request solved in the period; others have none. */
export async function satisfactionByCompany(zoneId: number, period: { from: string; to: string }): Promise<CompanySatisfaction[]> {
  const rows = await getDb()
    .select({
      companyId: serviceRequests.handlingCompanyId,
      average: sql<string | null>`(round(avg(${serviceRequestRatings.score}), 2))::text`,
      rated: sql<number>`count(*)::int`,
    })
    .from(serviceRequests)
    .innerJoin(serviceRequestRatings, eq(serviceRequestRatings.requestId, serviceRequests.id))
    .where(
      and(
        eq(serviceRequests.zoneId, zoneId),
        eq(serviceRequests.status, "solved"),
        sql`${serviceRequests.solvedOn} between ${period.from}::date and ${period.to}::date`,
      ),
    )
    .groupBy(serviceRequests.handlingCompanyId);
  return rows.map((r) => ({ companyId: Number(r.companyId), average: r.average, rated: Number(r.rated) }));
}
