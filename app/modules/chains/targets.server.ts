// The target list (招商目标库, issue 22 item 4, decision 030): enterprises a cluster's company means to attract onto
// the empty and weak links of its chain, assigned to staff; the first contact turns one into an investor and a
// project in one transaction. Every query is scoped by the viewer's zone and mirrors canSeeTarget.
import type { SQL } from "drizzle-orm";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "~db/index";
import { getDb } from "~db/index";
import { isUniqueViolation } from "~db/errors";
import { auditLog, chainLinks, chainTargets, clusters, companies, industryChains, investorContacts, projects, users } from "~db/schema";
import { todayInZone } from "~/lib/dates";
import { daysUncontacted, targetLight } from "~/lib/target-light";
import type { Conflict, Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, invalid, notFound, ok } from "~/lib/result";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import type { TargetFacts, Viewer } from "~/modules/auth/policy";
import {
  canContactTarget,
  canCreateInvestor,
  canManageTargets,
  canSeeTarget,
  companyRoles,
  seesWholeZone,
  targetListScope,
} from "~/modules/auth/policy";
import type { InvestorMatch } from "~/modules/investors/investors.server";
import { findInvestorFollowers, insertContacts, insertInvestor } from "~/modules/investors/investors.server";
import { blockingMatch } from "~/modules/investors/matches";
import type { InvestorFollower } from "~/modules/projects/followers";
import { otherCompaniesFollowing } from "~/modules/projects/investor-followers.server";
import { checkReferences, findDuplicateInvestment, insertProject } from "~/modules/projects/project-edits.server";
import { insertActivity } from "~/modules/projects/project-activities.server";
import { applyForwardMove } from "~/modules/projects/project-stages.server";
import { buildMap, tagsOfLinks, viewerClusterId } from "./chains.server";
import type { AddTargetInput, ContactTargetInput, TargetListParams, TargetReason, UpdateTargetInput } from "./targets.schema";

const assignee = alias(users, "assignee");
const finder = alias(users, "finder");
const converter = alias(users, "converter");

/** The targets a viewer may see, in SQL (canSeeTarget): leaders the zone's, managers their company's, staff their own. */
export function targetScopeWhere(viewer: Viewer): SQL {
  const zone = eq(chainTargets.zoneId, viewer.zoneId);
  const companyId = viewer.companyId ?? 0;
  switch (targetListScope(viewer)) {
    case "zone":
      return zone;
    case "company":
      return and(zone, eq(chainTargets.companyId, companyId))!;
    case "assigned":
      return and(zone, eq(chainTargets.companyId, companyId), eq(chainTargets.assigneeId, viewer.id))!;
    case "none":
      return sql`false`;
  }
}

const addedOn = sql<string>`((${chainTargets.createdAt} at time zone 'Asia/Shanghai')::date)::text`;

const targetColumns = {
  id: chainTargets.id,
  zoneId: chainTargets.zoneId,
  clusterId: chainTargets.clusterId,
  clusterName: clusters.name,
  companyId: chainTargets.companyId,
  companyName: companies.shortName,
  linkId: chainTargets.linkId,
  linkName: chainLinks.name,
  name: chainTargets.name,
  uscc: chainTargets.uscc,
  hqCity: chainTargets.hqCity,
  reason: sql<TargetReason>`${chainTargets.reason}`,
  note: chainTargets.note,
  assigneeId: chainTargets.assigneeId,
  assigneeName: assignee.displayName,
  plannedContactOn: chainTargets.plannedContactOn,
  createdById: chainTargets.createdById,
  foundBy: finder.displayName,
  addedOn,
  version: chainTargets.version,
  investorId: chainTargets.investorId,
  projectId: chainTargets.projectId,
  projectCode: projects.code,
  convertedBy: converter.displayName,
  convertedAt: chainTargets.convertedAt,
};

function targetQuery(db: Executor) {
  return db
    .select(targetColumns)
    .from(chainTargets)
    .innerJoin(clusters, eq(clusters.id, chainTargets.clusterId))
    .innerJoin(companies, eq(companies.id, chainTargets.companyId))
    .leftJoin(chainLinks, eq(chainLinks.id, chainTargets.linkId))
    .leftJoin(assignee, eq(assignee.id, chainTargets.assigneeId))
    .leftJoin(finder, eq(finder.id, chainTargets.createdById))
    .leftJoin(converter, eq(converter.id, chainTargets.convertedById))
    .leftJoin(projects, eq(projects.id, chainTargets.projectId));
}

type TargetRow = Awaited<ReturnType<ReturnType<typeof targetQuery>["where"]>>[number];

function withLight<R extends TargetRow>(r: R, today: string) {
  const input = { addedOn: r.addedOn, plannedContactOn: r.plannedContactOn, contacted: r.projectId !== null };
  return { ...r, convertedAt: r.convertedAt?.toISOString() ?? null, light: targetLight(input, today), daysOpen: daysUncontacted(input, today) };
}

export type TargetListRow = ReturnType<typeof withLight<TargetRow>>;

/** Rows the list shows at most; a company's target list is a working list of tens to hundreds. */
export const TARGET_LIST_MAX = 1000;

/** The viewer's targets, filtered; open ones first, the longest uncontacted first. */
export async function listTargets(viewer: Viewer, params: TargetListParams) {
  const today = todayInZone();
  const filters: (SQL | undefined)[] = [
    targetScopeWhere(viewer),
    params.cluster ? eq(chainTargets.clusterId, params.cluster) : undefined,
    params.state === "open" ? isNull(chainTargets.projectId) : params.state === "contacted" ? isNotNull(chainTargets.projectId) : undefined,
  ];
  const rows = await targetQuery(getDb())
    .where(and(...filters))
    .orderBy(sql`${chainTargets.projectId} is not null`, asc(chainTargets.createdAt), asc(chainTargets.id))
    .limit(TARGET_LIST_MAX + 1);
  let out = rows.slice(0, TARGET_LIST_MAX).map((r) => withLight(r, today));
  if (params.light) out = out.filter((r) => r.light === params.light);
  return { rows: out, capped: rows.length > TARGET_LIST_MAX };
}

/** One target, if the viewer may see it. */
export async function getTarget(viewer: Viewer, id: number) {
  const [row] = await targetQuery(getDb()).where(and(eq(chainTargets.id, id), eq(chainTargets.zoneId, viewer.zoneId)));
  if (!row || !canSeeTarget(viewer, row)) return undefined;
  return withLight(row, todayInZone());
}

/** The target a project came from, and who found it: the credit the project keeps (shown on its page). */
export async function targetOfProject(zoneId: number, projectId: number) {
  const [row] = await getDb()
    .select({ id: chainTargets.id, name: chainTargets.name, foundBy: finder.displayName, linkName: chainLinks.name })
    .from(chainTargets)
    .leftJoin(finder, eq(finder.id, chainTargets.createdById))
    .leftJoin(chainLinks, eq(chainLinks.id, chainTargets.linkId))
    .where(and(eq(chainTargets.zoneId, zoneId), eq(chainTargets.projectId, projectId)));
  return row;
}

/**
 * Coverage (覆盖): for each chain the viewer works on (leaders every cluster; others their company's cluster), its
 * links with their strength and open-target count; the empty links without any target are what is left uncovered.
 */
export async function targetCoverage(viewer: Viewer) {
  const db = getDb();
  const ownCluster = seesWholeZone(viewer) ? null : await viewerClusterId(viewer, db);
  if (!seesWholeZone(viewer) && ownCluster === null) return [];
  const chains = await db
    .select({ id: industryChains.id, clusterId: clusters.id, clusterName: clusters.name })
    .from(industryChains)
    .innerJoin(clusters, eq(clusters.id, industryChains.clusterId))
    .where(and(eq(industryChains.zoneId, viewer.zoneId), ownCluster === null ? undefined : eq(industryChains.clusterId, ownCluster)))
    .orderBy(asc(clusters.sortOrder), asc(clusters.id));
  if (!chains.length) return [];
  const links = await db
    .select({
      id: chainLinks.id,
      chainId: chainLinks.chainId,
      parentId: chainLinks.parentId,
      segment: sql<"upstream" | "midstream" | "downstream">`${chainLinks.segment}`,
      sortOrder: chainLinks.sortOrder,
      name: chainLinks.name,
      description: chainLinks.description,
      products: chainLinks.products,
    })
    .from(chainLinks)
    .where(
      and(
        eq(chainLinks.zoneId, viewer.zoneId),
        inArray(
          chainLinks.chainId,
          chains.map((c) => c.id),
        ),
      ),
    );
  const tags = await tagsOfLinks(
    db,
    viewer.zoneId,
    links.map((l) => l.id),
  );
  // Targets are counted zone-wide per link (a link with a target is covered whoever may read that target).
  const counts = await db
    .select({
      linkId: chainTargets.linkId,
      open: sql<number>`count(*) filter (where ${chainTargets.projectId} is null)::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(chainTargets)
    .where(and(eq(chainTargets.zoneId, viewer.zoneId), isNotNull(chainTargets.linkId)))
    .groupBy(chainTargets.linkId);
  const byLink = new Map(counts.map((c) => [c.linkId!, c]));
  return chains.map((c) => {
    const map = buildMap(
      links.filter((l) => l.chainId === c.id),
      tags,
    );
    const all = map.flatMap((l) => [{ ...l, parentName: null as string | null }, ...l.subLinks.map((s) => ({ ...s, parentName: l.name }))]);
    const rows = all.map((l) => ({
      id: l.id,
      name: l.name,
      parentName: l.parentName,
      segment: l.segment,
      strength: l.figures.strength,
      openTargets: byLink.get(l.id)?.open ?? 0,
      targets: byLink.get(l.id)?.all ?? 0,
    }));
    return {
      clusterId: c.clusterId,
      clusterName: c.clusterName,
      links: rows,
      /** Empty links (空白) nobody has a target for: the gaps nobody is working on. */
      uncovered: rows.filter((r) => r.strength === "empty" && r.targets === 0),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Adding and editing (the company's manager and the committee's leaders)

/** The link in the viewer's zone, its cluster and the attraction company responsible for that cluster. */
async function placeOfLink(db: Executor, zoneId: number, linkId: number) {
  const [row] = await db
    .select({ linkId: chainLinks.id, clusterId: industryChains.clusterId, companyId: companies.id })
    .from(chainLinks)
    .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
    .leftJoin(companies, and(eq(companies.clusterId, industryChains.clusterId), eq(companies.kind, "attraction"), eq(companies.zoneId, zoneId)))
    .where(and(eq(chainLinks.id, linkId), eq(chainLinks.zoneId, zoneId)))
    .orderBy(asc(companies.id))
    .limit(1);
  return row;
}

/** An assignee is an enabled staff member or manager of the target's company. */
async function assigneeAllowed(db: Executor, companyId: number, assigneeId: number | undefined) {
  if (!assigneeId) return true;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, assigneeId), eq(users.companyId, companyId), eq(users.disabled, false), inArray(users.role, companyRoles())));
  return Boolean(row);
}

/** The people a target of the company can be assigned to. */
export async function listAssignees(zoneId: number, companyId: number) {
  return getDb()
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.zoneId, zoneId), eq(users.companyId, companyId), eq(users.disabled, false), inArray(users.role, companyRoles())))
    .orderBy(asc(users.displayName), asc(users.id));
}

/** The people targets can be assigned to, by company: a manager's own company; for leaders every attraction company. */
export async function listAssigneeGroups(viewer: Viewer) {
  const rows = await getDb()
    .select({ id: users.id, name: users.displayName, companyId: companies.id, company: companies.shortName, clusterId: companies.clusterId })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(
      and(
        eq(users.zoneId, viewer.zoneId),
        eq(users.disabled, false),
        inArray(users.role, companyRoles()),
        seesWholeZone(viewer) ? eq(companies.kind, "attraction") : eq(companies.id, viewer.companyId ?? 0),
      ),
    )
    .orderBy(asc(companies.sortOrder), asc(companies.id), asc(users.displayName), asc(users.id));
  const groups = new Map<number, { companyId: number; company: string; clusterId: number | null; people: { id: number; name: string }[] }>();
  for (const r of rows) {
    const g = groups.get(r.companyId) ?? { companyId: r.companyId, company: r.company, clusterId: r.clusterId, people: [] };
    g.people.push({ id: r.id, name: r.name });
    groups.set(r.companyId, g);
  }
  return [...groups.values()];
}

/** The links a viewer may add targets on (leaders every chain's; a manager their cluster's), in chain order. */
export async function listTargetLinks(viewer: Viewer) {
  const db = getDb();
  const ownCluster = seesWholeZone(viewer) ? null : await viewerClusterId(viewer, db);
  if (!seesWholeZone(viewer) && ownCluster === null) return [];
  const parent = alias(chainLinks, "parent");
  const rows = await db
    .select({
      id: chainLinks.id,
      name: chainLinks.name,
      parentName: parent.name,
      segment: chainLinks.segment,
      clusterId: clusters.id,
      clusterName: clusters.name,
      order: sql<number>`coalesce(${parent.sortOrder}, ${chainLinks.sortOrder})`,
    })
    .from(chainLinks)
    .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
    .innerJoin(clusters, eq(clusters.id, industryChains.clusterId))
    .leftJoin(parent, eq(parent.id, chainLinks.parentId))
    .where(and(eq(chainLinks.zoneId, viewer.zoneId), ownCluster === null ? undefined : eq(industryChains.clusterId, ownCluster)))
    .orderBy(
      asc(clusters.sortOrder),
      asc(clusters.id),
      sql`case ${chainLinks.segment} when 'upstream' then 0 when 'midstream' then 1 else 2 end`,
      sql`coalesce(${parent.sortOrder}, ${chainLinks.sortOrder})`,
      sql`coalesce(${chainLinks.parentId}, ${chainLinks.id})`,
      sql`${chainLinks.parentId} is not null`,
      asc(chainLinks.sortOrder),
      asc(chainLinks.id),
    );
  return rows;
}

const targetValues = (input: AddTargetInput | UpdateTargetInput) => ({
  linkId: input.linkId,
  name: input.name,
  uscc: input.uscc ?? null,
  hqCity: input.hqCity ?? null,
  reason: input.reason,
  note: input.note ?? null,
  assigneeId: input.assigneeId ?? null,
  plannedContactOn: input.plannedContactOn ?? null,
});

export type AddTargetResult = Ok<{ id: number }> | Forbidden | Invalid;

export async function addTarget(viewer: Viewer, input: AddTargetInput): Promise<AddTargetResult> {
  const db = getDb();
  const place = await placeOfLink(db, viewer.zoneId, input.linkId);
  if (!place) return invalid({ linkId: "targets.error.link" });
  if (place.companyId === null) return invalid({ linkId: "targets.error.noCompany" });
  if (!canManageTargets(viewer, { zoneId: viewer.zoneId, companyId: place.companyId })) return forbidden();
  if (!(await assigneeAllowed(db, place.companyId, input.assigneeId))) return invalid({ assigneeId: "targets.error.assignee" });
  return db.transaction(async (tx) => {
    const values = { ...targetValues(input), clusterId: place.clusterId, companyId: place.companyId! };
    const [row] = await tx
      .insert(chainTargets)
      .values({ ...values, zoneId: viewer.zoneId, createdById: viewer.id })
      .returning({ id: chainTargets.id });
    await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "chain_target", entityId: row.id, action: "create", after: values });
    return ok({ id: row.id });
  });
}

/** Someone saved the target first (or contacted it): who and when, and the version the form now carries. */
export type TargetStale = { kind: "stale"; version: number; by: string | null; at: string };
export type TargetContacted = { kind: "contacted"; projectId: number; projectCode: string | null; by: string | null; at: string | null };

export type UpdateTargetResult = Ok<undefined> | NotFound | Forbidden | Invalid | Conflict<TargetStale | TargetContacted>;

async function lockTarget(tx: Transaction, viewer: Viewer, id: number) {
  const [row] = await tx
    .select()
    .from(chainTargets)
    .where(and(eq(chainTargets.id, id), eq(chainTargets.zoneId, viewer.zoneId)))
    .for("update");
  return row;
}

async function staleOf(tx: Executor, t: typeof chainTargets.$inferSelect): Promise<Conflict<TargetStale | TargetContacted>> {
  if (t.projectId !== null) {
    const [p] = await tx.select({ code: projects.code }).from(projects).where(eq(projects.id, t.projectId));
    const [by] = t.convertedById ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, t.convertedById)) : [];
    return conflict({
      kind: "contacted",
      projectId: t.projectId,
      projectCode: p?.code ?? null,
      by: by?.name ?? null,
      at: t.convertedAt?.toISOString() ?? null,
    });
  }
  // Who saved last: the newest audit row of the target (every saved change writes one).
  const [last] = await tx
    .select({ by: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, "chain_target"), eq(auditLog.entityId, t.id)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return conflict({ kind: "stale", version: t.version, by: last?.by ?? null, at: t.updatedAt.toISOString() });
}

export async function updateTarget(viewer: Viewer, id: number, input: UpdateTargetInput): Promise<UpdateTargetResult> {
  return getDb().transaction(async (tx): Promise<UpdateTargetResult> => {
    const before = await lockTarget(tx, viewer, id);
    if (!before || !canSeeTarget(viewer, before)) return notFound();
    if (!canManageTargets(viewer, before)) return forbidden();
    if (before.projectId !== null || before.version !== input.version) return staleOf(tx, before);
    // A target moves between links of its own cluster's chain only: its company stays the one responsible.
    const place = await placeOfLink(tx, viewer.zoneId, input.linkId);
    if (!place || place.clusterId !== before.clusterId) return invalid({ linkId: "targets.error.link" });
    if (!(await assigneeAllowed(tx, before.companyId, input.assigneeId))) return invalid({ assigneeId: "targets.error.assignee" });
    const values = targetValues(input);
    await tx
      .update(chainTargets)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(eq(chainTargets.id, id));
    await auditUpdate(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "chain_target",
      entityId: id,
      action: "update",
      before: before as unknown as Record<string, unknown>,
      after: { ...values, version: before.version + 1 },
      fields: [...Object.keys(values), "version"],
    });
    return ok();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The first contact: one transaction makes the investor (or finds it), the project on the target's link, the
// contact activity and the move to 首次接洽, and marks the target contacted. Any refusal rolls all of it back.

export type ContactSimilar = { kind: "similar"; matches: InvestorMatch[] };
export type ContactFollowed = { kind: "followed"; followers: InvestorFollower[] };
export type ContactResult =
  | Ok<{ projectId: number; code: string; investorId: number }>
  | NotFound
  | Forbidden
  | Invalid
  | Conflict<TargetStale | TargetContacted | ContactSimilar | ContactFollowed>;

/** Carries a refusal out of the transaction so that everything written before it is rolled back. */
class Refused {
  constructor(readonly result: Exclude<ContactResult, Ok<unknown>>) {}
}

export async function contactTarget(viewer: Viewer, id: number, input: ContactTargetInput): Promise<ContactResult> {
  if (!canCreateInvestor(viewer)) return forbidden();
  if (input.occurredOn > todayInZone()) return invalid({ occurredOn: "stage.error.future" });
  for (let attempt = 0; ; attempt++) {
    try {
      return await getDb().transaction(async (tx) => convertInTx(tx, viewer, id, input));
    } catch (error) {
      if (error instanceof Refused) return error.result;
      // Another project took the same code meanwhile: the whole conversion is tried again (nothing was kept).
      if (attempt < 5 && isUniqueViolation(error, "projects_zone_code_uq")) continue;
      if (isUniqueViolation(error, "investors_zone_uscc_uq")) return invalid({ _form: "targets.error.investorRace" });
      throw error;
    }
  }
}

async function convertInTx(tx: Transaction, viewer: Viewer, id: number, input: ContactTargetInput): Promise<ContactResult> {
  // The row lock makes a second, concurrent contact wait, then see the project the first one made.
  const t = await lockTarget(tx, viewer, id);
  if (!t || !canSeeTarget(viewer, t)) return notFound();
  if (!canContactTarget(viewer, t as TargetFacts)) return forbidden();
  if (t.projectId !== null || t.version !== input.version) return staleOf(tx, t);
  const today = todayInZone();

  // The investor: the zone's duplicate check (首谈责任制). The same code, or the same name without a code to tell
  // them apart, is that investor; a similar one needs the user to have seen who follows it.
  const matches = await findInvestorFollowers(viewer, { uscc: t.uscc, name: t.name }, tx);
  const same = blockingMatch(matches, t.uscc);
  if (!same && matches.length && !input.confirmed) return conflict({ kind: "similar", matches });
  const investor = same
    ? { id: same.id, name: same.name, created: false }
    : {
        ...(await insertInvestor(tx, viewer, {
          name: t.name,
          uscc: t.uscc ?? undefined,
          region: t.hqCity ?? undefined,
          industry: undefined,
          website: undefined,
          notes: undefined,
          contacts: [],
        })),
        name: t.name,
        created: true,
      };

  // The project: the checks the project form runs, then its code path.
  const project = { name: input.projectName, clusterId: t.clusterId, chainLinkIds: t.linkId ? [t.linkId] : [], confidential: false };
  const ownerErrors = t.assigneeId
    ? await checkReferences(tx, viewer, t.companyId, { clusterId: t.clusterId, ownerId: t.assigneeId }, investor.id)
    : {};
  const ownerId = t.assigneeId && !Object.keys(ownerErrors).length ? t.assigneeId : viewer.id;
  const duplicate = investor.created ? undefined : await findDuplicateInvestment(tx, viewer, { ...project, investorId: investor.id });
  if (duplicate)
    throw new Refused(invalid({ _form: "projects.duplicate" }, { _form: { company: duplicate.company, owner: duplicate.owner ?? "—" } }));
  const followers = investor.created ? [] : await otherCompaniesFollowing(tx, viewer, investor.id);
  if (followers.length && !input.confirmed) throw new Refused(conflict({ kind: "followed", followers }));
  // The person met becomes a contact of the investor (new or reused), named on the project and the activity.
  let contactId: number | undefined;
  if (input.contactName) {
    const person = {
      name: input.contactName,
      title: input.contactTitle,
      mobile: input.contactMobile,
      wechat: undefined,
      email: undefined,
      notes: undefined,
    };
    await insertContacts(tx, viewer, investor.id, [person]);
    const [row] = await tx
      .select({ id: investorContacts.id })
      .from(investorContacts)
      .where(eq(investorContacts.investorId, investor.id))
      .orderBy(desc(investorContacts.id))
      .limit(1);
    contactId = row.id;
  }
  const created = await insertProject(
    tx,
    viewer,
    { ...project, investorContactId: contactId, investorName: investor.name, investor, companyId: t.companyId, ownerId, followers, today },
    { targetId: t.id, foundById: t.createdById },
  );

  // The contact itself: the activity, then 首次接洽 on its date (the gate wants the activity first).
  const activity = await insertActivity(tx, viewer, created.id, t.companyId, {
    kind: input.kind,
    occurredOn: input.occurredOn,
    summary: input.summary,
    userIds: [],
    contactIds: contactId ? [contactId] : [],
    reviewOutcome: null,
    nextAction: null,
    nextActionDueOn: null,
    replaceIds: [],
    keepNextActions: false,
    terms: [],
  });
  const [{ version }] = await tx.select({ version: projects.version }).from(projects).where(eq(projects.id, created.id));
  const moved = await applyForwardMove(
    tx,
    viewer,
    created.id,
    "contacted",
    { version, businessOn: input.occurredOn },
    { id: activity.id, kind: input.kind },
  );
  if (moved.kind !== "ok") throw new Refused(moved.kind === "conflict" ? invalid({ _form: "targets.error.moved" }) : moved);

  await tx
    .update(chainTargets)
    .set({
      investorId: investor.id,
      projectId: created.id,
      convertedById: viewer.id,
      convertedAt: new Date(),
      version: t.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(chainTargets.id, t.id));
  await writeAudit(tx, {
    zoneId: viewer.zoneId,
    actorId: viewer.id,
    entity: "chain_target",
    entityId: t.id,
    action: "contact",
    before: { projectId: null, investorId: null, version: t.version },
    after: { projectId: created.id, investorId: investor.id, investorCreated: investor.created, foundById: t.createdById, version: t.version + 1 },
  });
  return ok({ projectId: created.id, code: created.code, investorId: investor.id });
}
