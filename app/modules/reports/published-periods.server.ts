// Frozen periods: a leader publishes a month, quarter or year; its milestone facts are copied as they stand (both
// credit bases and the evidence flag), and the report of that period reads them from then on. Later edits show
// as "changed since published" with the difference, never as a silently different number.
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, projects, publishedFacts, publishedPeriods, users } from "~db/schema";
import { todayInZone } from "~/lib/dates";
import type { Period } from "~/lib/periods";
import { PUBLISHABLE_KINDS } from "~/lib/periods";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canPublishPeriods } from "~/modules/auth/policy";
import type { Milestone } from "./three-batches.server";
import { currentFactsSql, findPublishedPeriod, publishedPeriodColumns } from "./three-batches.server";
import { queryRows } from "~db/query-rows";
import type { Result } from "~/lib/result";
import { conflict, forbidden, invalid, ok } from "~/lib/result";

/** Someone published this period first (a second leader, a double submit). */
export type AlreadyPublished = { error: "reports.error.alreadyPublished" };

/**
 * Publishes a whole month, quarter or year that has ended: ok with the new period's id; forbidden for a viewer who
 * may not publish; invalid (`_form`) for a period that cannot be; conflict when it is published already.
 */
export async function publishPeriod(viewer: Viewer, period: Period, note: string | null): Promise<Result<{ periodId: number }, AlreadyPublished>> {
  if (!canPublishPeriods(viewer)) return forbidden();
  if (!(PUBLISHABLE_KINDS as readonly string[]).includes(period.kind)) return invalid({ _form: "reports.error.notPublishable" });
  if (period.to >= todayInZone()) return invalid({ _form: "reports.error.notEnded" });
  return getDb().transaction(async (tx): Promise<Result<{ periodId: number }, AlreadyPublished>> => {
    // The unique index (zone, kind, starts_on) settles a race; "on conflict do nothing" tells us we lost it.
    const [row] = await tx
      .insert(publishedPeriods)
      .values({ zoneId: viewer.zoneId, kind: period.kind, startsOn: period.from, endsOn: period.to, publishedById: viewer.id, note })
      .onConflictDoNothing()
      .returning({ id: publishedPeriods.id });
    if (!row) return conflict({ error: "reports.error.alreadyPublished" as const });
    await tx.execute(sql`
      insert into ${publishedFacts} (period_id, project_id, milestone, business_on, investment_wan, owner_company_id,
        first_contact_company_id, has_evidence)
      select ${row.id}, f.project_id, f.milestone, f.business_on, f.investment_wan, f.owner_company_id, f.first_contact_company_id,
        f.has_evidence
      from (${currentFactsSql(viewer.zoneId, period.from, period.to)}) f`);
    const [totals] = await queryRows<{ facts: number; investment: string }>(
      sql`select count(*)::int as facts, coalesce(sum(investment_wan), 0)::numeric(18,2)::text as investment
        from ${publishedFacts} where period_id = ${row.id}`,
      tx,
    );
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "published_period",
      entityId: row.id,
      action: "publish",
      after: { kind: period.kind, from: period.from, to: period.to, note, facts: Number(totals.facts), investmentWan: totals.investment },
    });
    return ok({ periodId: row.id });
  });
}

/** The zone's published periods, newest first. */
export async function listPublishedPeriods(zoneId: number) {
  return getDb()
    .select(publishedPeriodColumns)
    .from(publishedPeriods)
    .leftJoin(users, eq(users.id, publishedPeriods.publishedById))
    .where(eq(publishedPeriods.zoneId, zoneId))
    .orderBy(desc(publishedPeriods.startsOn), desc(publishedPeriods.id));
}

export type ChangeKind = "movedOut" | "newInPeriod" | "changed";
export type PublishedChange = {
  projectId: number;
  code: string;
  name: string;
  confidential: boolean;
  milestone: Milestone;
  kind: ChangeKind;
  publishedOn: string | null;
  currentOn: string | null;
  publishedWan: string | null;
  currentWan: string | null;
  /** current − published, exact (a milestone that left the period counts as −published, a new one as +current). */
  differenceWan: string;
  publishedCompany: string | null;
  currentCompany: string | null;
  evidenceChanged: boolean;
};

/**
 * What differs between a published period's frozen facts and the facts as they stand now: milestones whose date
 * moved out of the period (or was taken back), milestones newly dated into it, and investment, owner or evidence
 * changes. Computed in SQL; the differences are exact decimals.
 */
export async function changesSincePublished(zoneId: number, periodId: number): Promise<PublishedChange[]> {
  const [period] = await getDb()
    .select({ from: publishedPeriods.startsOn, to: publishedPeriods.endsOn })
    .from(publishedPeriods)
    .where(and(eq(publishedPeriods.id, periodId), eq(publishedPeriods.zoneId, zoneId)));
  if (!period) return [];
  const rows = await queryRows<{
    project_id: number; code: string; name: string; confidential: boolean; milestone: Milestone; kind: ChangeKind;
    published_on: string | null; current_on: string | null; published_wan: string | null; current_wan: string | null;
    difference_wan: string; published_company: string | null; current_company: string | null; evidence_changed: boolean;
  }>(sql`
    with pub as (select * from ${publishedFacts} where period_id = ${periodId}),
    cur as (${currentFactsSql(zoneId, period.from, period.to)})
    select p.id as project_id, p.code, p.name, p.confidential, coalesce(pub.milestone, cur.milestone) as milestone,
      case when cur.project_id is null then 'movedOut' when pub.project_id is null then 'newInPeriod' else 'changed' end as kind,
      pub.business_on::text as published_on,
      (case coalesce(pub.milestone, cur.milestone) when 'signed' then p.signed_on when 'construction' then p.construction_on
        else p.production_on end)::text as current_on,
      pub.investment_wan::text as published_wan, cur.investment_wan::text as current_wan,
      (coalesce(cur.investment_wan, 0) - coalesce(pub.investment_wan, 0))::numeric(18,2)::text as difference_wan,
      pc.name as published_company, cc.name as current_company,
      (pub.project_id is not null and cur.project_id is not null and pub.has_evidence <> cur.has_evidence) as evidence_changed
    from pub full join cur on cur.project_id = pub.project_id and cur.milestone = pub.milestone
    join ${projects} p on p.id = coalesce(pub.project_id, cur.project_id)
    left join ${companies} pc on pc.id = pub.owner_company_id
    left join ${companies} cc on cc.id = cur.owner_company_id
    where pub.project_id is null or cur.project_id is null
      or pub.investment_wan <> cur.investment_wan or pub.business_on <> cur.business_on
      or pub.owner_company_id <> cur.owner_company_id
      or pub.first_contact_company_id is distinct from cur.first_contact_company_id
      or pub.has_evidence <> cur.has_evidence
    order by p.code, 5`);
  return rows.map((r) => ({
    projectId: Number(r.project_id),
    code: r.code,
    name: r.name,
    confidential: r.confidential,
    milestone: r.milestone,
    kind: r.kind,
    publishedOn: r.published_on,
    currentOn: r.current_on,
    publishedWan: r.published_wan,
    currentWan: r.current_wan,
    differenceWan: r.difference_wan,
    publishedCompany: r.published_company,
    currentCompany: r.current_company,
    evidenceChanged: r.evidence_changed,
  }));
}

export { findPublishedPeriod };
