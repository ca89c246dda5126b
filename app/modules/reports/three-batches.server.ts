// 三个一批: per company and for the zone, the projects signed / started construction / started production in a
// period (by the business date of that stage), their count and total investment. One query code serves the page,
// the drill-down lists, the exports, the reporting API and publishing; money is summed in SQL and leaves as text.
import type { SQL } from "drizzle-orm";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { attachments, clusters, companies, projects, publishedFacts, publishedPeriods, users } from "~db/schema";
import type { Period } from "~/lib/periods";
import { classifyPeriod } from "~/lib/periods";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import { creditCompanyColumn } from "~/modules/handoffs/credit.server";
import { dayRollupRowsSql } from "./day-rollups.server";
import { queryRows } from "~db/query-rows";

import type { Milestone } from "./milestones";
import { MILESTONES } from "./milestones";

export { MILESTONES };
export type { Milestone };
export type Cell = { count: number; investmentWan: string };
export type MilestoneCells = Record<Milestone, Cell>;

export type ReportOptions = {
  from: string;
  to: string;
  /** Count for the owning company (default) or for the company of first contact (首谈). */
  basis: CreditBasis;
  /** Only milestones that carry evidence (an uploaded agreement, licence, site photo). */
  evidenceOnly: boolean;
};

const DATE_COLUMN = {
  signed: projects.signedOn,
  construction: projects.constructionOn,
  production: projects.productionOn,
} as const;

/**
 * The zone's current milestone facts in [from, to]: one row per project and milestone whose business date falls in
 * the range, with the investment as it stands, both credit companies and whether evidence exists. The three parts
 * use the (zone_id, <stage>_on) indexes. A lost project keeps its dates: it was signed when it was (decision 009).
 */
export function currentFactsSql(zoneId: number, from: string, to: string): SQL {
  const owner = creditCompanyColumn("owner");
  const firstContact = creditCompanyColumn("firstContact");
  const part = (milestone: Milestone) => {
    const column = DATE_COLUMN[milestone];
    return sql`select ${projects.id} as project_id, ${milestone}::text as milestone, ${column} as business_on,
      coalesce(${projects.totalInvestmentWan}, 0)::numeric(16,2) as investment_wan,
      ${owner} as owner_company_id, ${firstContact} as first_contact_company_id,
      exists (select 1 from ${attachments} where ${attachments.projectId} = ${projects.id}
        and ${attachments.stage}::text = ${milestone}) as has_evidence
      from ${projects}
      where ${projects.zoneId} = ${zoneId} and ${column} between ${from}::date and ${to}::date`;
  };
  return sql`${part("signed")} union all ${part("construction")} union all ${part("production")}`;
}

/** A published period's frozen facts, in the same shape. */
function publishedFactsSql(periodId: number): SQL {
  return sql`select ${publishedFacts.projectId} as project_id, ${publishedFacts.milestone} as milestone,
    ${publishedFacts.businessOn} as business_on, ${publishedFacts.investmentWan} as investment_wan,
    ${publishedFacts.ownerCompanyId} as owner_company_id,
    coalesce(${publishedFacts.firstContactCompanyId}, ${publishedFacts.ownerCompanyId}) as first_contact_company_id,
    ${publishedFacts.hasEvidence} as has_evidence
    from ${publishedFacts} where ${publishedFacts.periodId} = ${periodId}`;
}

const creditColumn = (basis: CreditBasis) => sql.raw(basis === "owner" ? "f.owner_company_id" : "f.first_contact_company_id");
const evidenceWhere = (evidenceOnly: boolean) => (evidenceOnly ? sql`f.has_evidence` : sql`true`);

export type CompanyRef = { id: number; name: string; shortName: string; code: string | null; kind: string; cluster: string | null };

/** Every company of the zone that can hold projects (the committee holds none), in the zone's order. */
export async function reportCompanies(zoneId: number): Promise<CompanyRef[]> {
  return getDb()
    .select({ id: companies.id, name: companies.name, shortName: companies.shortName, code: companies.code, kind: companies.kind, cluster: clusters.name })
    .from(companies)
    .leftJoin(clusters, eq(clusters.id, companies.clusterId))
    .where(and(eq(companies.zoneId, zoneId), sql`${companies.kind} <> 'committee'`))
    .orderBy(asc(companies.sortOrder), asc(companies.id));
}

export type PublishedRef = { id: number; kind: string; from: string; to: string; publishedAt: Date; publishedBy: string | null; note: string | null };

/** A published period as the reports show it; `publishedBy` needs `users` left-joined on its publisher. */
export const publishedPeriodColumns = {
  id: publishedPeriods.id,
  kind: publishedPeriods.kind,
  from: publishedPeriods.startsOn,
  to: publishedPeriods.endsOn,
  publishedAt: publishedPeriods.publishedAt,
  publishedBy: users.displayName,
};

/** The published period with exactly this range, if any. */
export async function findPublishedPeriod(zoneId: number, from: string, to: string): Promise<PublishedRef | null> {
  const [row] = await getDb()
    .select({ ...publishedPeriodColumns, note: publishedPeriods.note })
    .from(publishedPeriods)
    .leftJoin(users, eq(users.id, publishedPeriods.publishedById))
    .where(and(eq(publishedPeriods.zoneId, zoneId), eq(publishedPeriods.startsOn, from), eq(publishedPeriods.endsOn, to)));
  return row ?? null;
}

const emptyCells = (): MilestoneCells => ({
  signed: { count: 0, investmentWan: "0.00" },
  construction: { count: 0, investmentWan: "0.00" },
  production: { count: 0, investmentWan: "0.00" },
});

export type ReportRow = CompanyRef & MilestoneCells;
export type ThreeBatchesReport = {
  period: Period;
  options: ReportOptions;
  rows: ReportRow[];
  total: MilestoneCells;
  /** Set when the range is a published period: the figures are the frozen ones. */
  published: PublishedRef | null;
};

/** Aggregates facts per credit company and for the zone, in one grouped query (grouping sets): exact sums. */
async function aggregate(facts: SQL, options: ReportOptions) {
  return queryRows<{ company_id: number | null; is_total: number; milestone: Milestone; n: number; investment: string }>(sql`
    with facts as (${facts})
    select ${creditColumn(options.basis)} as company_id, grouping(${creditColumn(options.basis)})::int as is_total,
      f.milestone, count(*)::int as n, coalesce(sum(f.investment_wan), 0)::numeric(18,2)::text as investment
    from facts f
    where ${evidenceWhere(options.evidenceOnly)}
    group by grouping sets ((${creditColumn(options.basis)}, f.milestone), (f.milestone))`);
}

/**
 * The current figures from project_day_rollups (migration 0012): the same counts and sums as aggregating
 * `currentFactsSql`, read from a few hundred rows per year instead of every project that reached a milestone.
 */
async function aggregateRollup(zoneId: number, options: ReportOptions) {
  const rows = dayRollupRowsSql(zoneId, { ...options, measures: [...MILESTONES] });
  return queryRows<{ company_id: number | null; is_total: number; milestone: Milestone; n: number; investment: string }>(sql`
    with r as (${rows})
    select r.company_id, grouping(r.company_id)::int as is_total, r.measure as milestone, coalesce(sum(r.projects), 0)::int as n,
      coalesce(sum(r.investment_wan), 0)::numeric(18,2)::text as investment
    from r
    group by grouping sets ((r.company_id, r.measure), (r.measure))`);
}

/**
 * The report for a period. A range that is a published period shows what was published (replayed from the frozen
 * facts with the chosen basis and evidence switch); any other range shows the current figures.
 */
export async function threeBatchesReport(zoneId: number, options: ReportOptions): Promise<ThreeBatchesReport> {
  // The current figures are a few hundred rows: read alongside the published-period check rather than after it.
  const [list, published, current] = await Promise.all([
    reportCompanies(zoneId),
    findPublishedPeriod(zoneId, options.from, options.to),
    aggregateRollup(zoneId, options),
  ]);
  const cells = published ? await aggregate(publishedFactsSql(published.id), options) : current;
  const byCompany = new Map<number, MilestoneCells>();
  const total = emptyCells();
  for (const c of cells) {
    const cell = { count: Number(c.n), investmentWan: c.investment };
    if (Number(c.is_total) === 1) {
      total[c.milestone] = cell;
    } else {
      const row = byCompany.get(Number(c.company_id)) ?? emptyCells();
      row[c.milestone] = cell;
      byCompany.set(Number(c.company_id), row);
    }
  }
  return {
    period: classifyPeriod(options.from, options.to),
    options,
    rows: list.map((company) => ({ ...company, ...(byCompany.get(company.id) ?? emptyCells()) })),
    total,
    published,
  };
}

export type DrillDownFilter = ReportOptions & { companyId: number | null; milestone: Milestone | null };

export type DrillDownRow = {
  projectId: number;
  code: string;
  name: string;
  milestone: Milestone;
  businessOn: string;
  investmentWan: string;
  companyName: string;
  creditCompanyName: string;
  ownerName: string | null;
  stage: string;
  status: string;
  confidential: boolean;
  hasEvidence: boolean;
  /** The owning company and owner, for asking the policy who may open the project. */
  companyId: number;
  ownerId: number | null;
};

/** Where a page of the drill-down ends: its last row's business date, milestone and project (the list's order). */
export type DrillCursor = { on: string; m: Milestone; id: number };

/**
 * The projects behind a number of the report: the same facts, filtered to one company and/or milestone, in business
 * date order. With `page`, one page of `size` rows after the cursor (the page shows a page, the export takes all).
 */
export async function threeBatchesProjects(zoneId: number, filter: DrillDownFilter, page?: { after?: DrillCursor; size: number }) {
  const published = await findPublishedPeriod(zoneId, filter.from, filter.to);
  const facts = published ? publishedFactsSql(published.id) : currentFactsSql(zoneId, filter.from, filter.to);
  const credit = creditColumn(filter.basis);
  const where = sql`${evidenceWhere(filter.evidenceOnly)}
    and ${filter.companyId === null ? sql`true` : sql`${credit} = ${filter.companyId}`}
    and ${filter.milestone === null ? sql`true` : sql`f.milestone = ${filter.milestone}`}`;
  const after = page?.after ? sql`and (f.business_on, f.milestone, f.project_id) > (${page.after.on}::date, ${page.after.m}::text, ${page.after.id}::int)` : sql``;
  // The page's rows are chosen from the facts first, then joined to their names: a page joins `size` rows, not all.
  const [rows, [sum]] = await Promise.all([
    queryRows<{
      project_id: number; code: string; name: string; milestone: Milestone; business_on: string; investment_wan: string;
      company_name: string; credit_company_name: string; owner_name: string | null; stage: string; status: string;
      confidential: boolean; has_evidence: boolean; company_id: number; owner_id: number | null;
    }>(sql`
      with facts as (${facts}), chosen as (
        select f.* from facts f
        where ${where} ${after}
        order by f.business_on, f.milestone, f.project_id
        ${page ? sql`limit ${page.size + 1}` : sql``}
      )
      select f.project_id, p.code, p.name, f.milestone, f.business_on::text as business_on, f.investment_wan::text as investment_wan,
        oc.name as company_name, cc.name as credit_company_name, u.display_name as owner_name, p.stage::text as stage,
        p.status::text as status, p.confidential, f.has_evidence, p.company_id, p.owner_id
      from chosen f
      join ${projects} p on p.id = f.project_id and p.zone_id = ${zoneId}
      join ${companies} oc on oc.id = p.company_id
      join ${companies} cc on cc.id = ${credit}
      left join ${users} u on u.id = p.owner_id
      order by f.business_on, f.milestone, f.project_id`),
    queryRows<{ n: number; investment: string }>(sql`
      with facts as (${facts})
      select count(*)::int as n, coalesce(sum(f.investment_wan), 0)::numeric(18,2)::text as investment
      from facts f
      where ${where}`),
  ]);
  const more = page !== undefined && rows.length > page.size;
  if (more) rows.pop();
  const last = rows.at(-1);
  return {
    published,
    next: more && last ? ({ on: last.business_on, m: last.milestone, id: Number(last.project_id) } satisfies DrillCursor) : undefined,
    rows: rows.map(
      (r): DrillDownRow => ({
        projectId: Number(r.project_id),
        code: r.code,
        name: r.name,
        milestone: r.milestone,
        businessOn: r.business_on,
        investmentWan: r.investment_wan,
        companyName: r.company_name,
        creditCompanyName: r.credit_company_name,
        ownerName: r.owner_name,
        stage: r.stage,
        status: r.status,
        confidential: r.confidential,
        hasEvidence: r.has_evidence,
        companyId: Number(r.company_id),
        ownerId: r.owner_id === null ? null : Number(r.owner_id),
      }),
    ),
    total: { count: Number(sum.n), investmentWan: sum.investment },
  };
}
