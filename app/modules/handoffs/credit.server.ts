// Credit for a project (首谈责任制): the leadership reports count each project once, either for the company that
// owns it now or for the company that made the first contact, never for both. The chain of holdings shows every
// company that held it.
import type { SQL } from "drizzle-orm";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, projectHoldings, projects } from "~db/schema";

export type CreditBasis = "owner" | "firstContact";

/** The company a project counts for: its owner, or its first-contact company (falling back to the owner). */
export function creditCompanyColumn(basis: CreditBasis): SQL<number> {
  return basis === "owner" ? sql<number>`${projects.companyId}` : sql<number>`coalesce(${projects.firstContactCompanyId}, ${projects.companyId})`;
}

export type CreditFilter = {
  zoneId: number;
  basis: CreditBasis;
  /** Only these projects. */
  projectIds?: number[];
  /** Only projects whose `dateColumn` falls in [from, to] (e.g. signed in the period). */
  period?: { from: string; to: string; dateColumn: "createdOn" | "contactedOn" | "signedOn" | "constructionOn" | "productionOn" };
};

function creditWhere(f: CreditFilter): SQL {
  const where: SQL[] = [eq(projects.zoneId, f.zoneId)];
  if (f.projectIds) where.push(f.projectIds.length ? inArray(projects.id, f.projectIds) : sql`false`);
  if (f.period) {
    const column =
      f.period.dateColumn === "createdOn" ? sql`(${projects.createdAt} at time zone 'Asia/Shanghai')::date` : sql`${projects[f.period.dateColumn]}`;
    where.push(sql`${column} between ${f.period.from}::date and ${f.period.to}::date`);
  }
  return and(...where)!;
}

/**
 * Per company: how many projects count for it and their total investment (exact decimal string). Each project is
 * counted for exactly one company, so the counts add up to the number of projects.
 */
export async function creditByCompany(f: CreditFilter) {
  const company = creditCompanyColumn(f.basis);
  const rows = await getDb()
    .select({
      companyId: sql<number>`${company}`.mapWith(Number),
      projects: count(),
      investmentWan: sql<string>`coalesce(sum(${projects.totalInvestmentWan}), 0)::numeric(18,2)::text`,
    })
    .from(projects)
    .where(creditWhere(f))
    .groupBy(company)
    .orderBy(company);
  return rows;
}

/** The credit record per project: owner company, first-contact company, and the chain of companies that held it. */
export async function creditRecords(f: Omit<CreditFilter, "basis">) {
  const db = getDb();
  const rows = await db
    .select({
      projectId: projects.id,
      companyId: projects.companyId,
      firstContactCompanyId: sql<number>`coalesce(${projects.firstContactCompanyId}, ${projects.companyId})`.mapWith(Number),
    })
    .from(projects)
    .where(creditWhere({ ...f, basis: "owner" }))
    .orderBy(asc(projects.id));
  const chains = await holdingChains(rows.map((r) => r.projectId));
  return rows.map((r) => ({ ...r, holdings: chains.get(r.projectId) ?? [] }));
}

/** Every company that held each project, in order, with the dates it held it. */
export async function holdingChains(projectIds: number[]) {
  const chains = new Map<number, { companyId: number; companyName: string; fromOn: string; untilOn: string | null }[]>();
  if (projectIds.length === 0) return chains;
  const rows = await getDb()
    .select({
      projectId: projectHoldings.projectId,
      companyId: projectHoldings.companyId,
      companyName: companies.name,
      fromOn: projectHoldings.fromOn,
      untilOn: projectHoldings.untilOn,
    })
    .from(projectHoldings)
    .innerJoin(companies, eq(companies.id, projectHoldings.companyId))
    .where(inArray(projectHoldings.projectId, projectIds))
    .orderBy(asc(projectHoldings.projectId), asc(projectHoldings.fromOn), asc(projectHoldings.id));
  for (const { projectId, ...link } of rows) {
    const chain = chains.get(projectId) ?? [];
    chain.push(link);
    chains.set(projectId, chain);
  }
  return chains;
}
