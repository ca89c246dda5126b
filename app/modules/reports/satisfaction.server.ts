// The scorecard's satisfaction measure (比服务水平、看满意指数) in one function, so that it can be re-pointed.
//
// TODAY it reads the 1–5 rating stored on the request itself (service_requests.satisfaction, entered when the
// request is closed) of the requests SOLVED in the period. Issue 18 item 2 moves the rating to the enterprise (the
// hotline's 回访 call, or the enterprise through a one-time link) in a table of its own: re-point this query
// there, keeping its answer — the scorecard page, its export and GET /api/v1/reports/scorecard read only this.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { serviceRequests } from "~db/schema";

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
      average: sql<string | null>`(round(avg(${serviceRequests.satisfaction}), 2))::text`,
      rated: sql<number>`count(*)::int`,
    })
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.zoneId, zoneId),
        eq(serviceRequests.status, "solved"),
        sql`${serviceRequests.solvedOn} between ${period.from}::date and ${period.to}::date`,
        isNotNull(serviceRequests.satisfaction),
      ),
    )
    .groupBy(serviceRequests.handlingCompanyId);
  return rows.map((r) => ({ companyId: Number(r.companyId), average: r.average, rated: Number(r.rated) }));
}
