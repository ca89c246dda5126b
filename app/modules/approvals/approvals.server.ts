// 审批事项 (issue 21, docs/decisions/024): the zone's catalogue, the checklist a signing creates, working an item
// (versioned like projects: a save over a newer version is refused with who saved first), blockers and their
// escalation to the committee (督办), and the lists of the desk and the chasing page.
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "~db/index";
import { getDb } from "~db/index";
import { approvalBlockers, approvalCatalogue, companies, projectApprovals, projects, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { todayInZone } from "~/lib/dates";
import type { Conflict, Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, invalid, notFound, ok } from "~/lib/result";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import type { ProjectFacts, Viewer } from "~/modules/auth/policy";
import {
  canEditApprovalCatalogue,
  canEditChecklist,
  canEscalateApproval,
  canResolveEscalation,
  canWorkApproval,
  companyRoles,
  projectAccess,
} from "~/modules/auth/policy";
import { loadProjectFacts, projectScopeWhere } from "~/modules/projects/projects.server";
import type { ProjectType } from "./approval-rules";
import { approvalDateProblems, approvalDueOn, approvalLight, appliesTo, takesNewLand } from "./approval-rules";
import type { ApprovalWorkInput } from "./approvals.schema";

export type ApprovalConflict = { by: string | null; at: string; version: number };

// catalogue

export async function listCatalogue(zoneId: number) {
  return getDb()
    .select()
    .from(approvalCatalogue)
    .where(eq(approvalCatalogue.zoneId, zoneId))
    .orderBy(asc(approvalCatalogue.sortOrder), asc(approvalCatalogue.id));
}

type CatalogueInput = Omit<typeof approvalCatalogue.$inferInsert, "id" | "zoneId" | "code" | "version" | "updatedById" | "updatedAt">;

/** Edits one catalogue item of the viewer's zone, if nobody saved it since `version`. */
export async function saveCatalogueItem(
  viewer: Viewer,
  id: number,
  version: number,
  input: CatalogueInput,
): Promise<Ok<undefined> | NotFound | Forbidden | Conflict<ApprovalConflict>> {
  if (!canEditApprovalCatalogue(viewer)) return forbidden();
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(approvalCatalogue)
      .where(and(eq(approvalCatalogue.id, id), eq(approvalCatalogue.zoneId, viewer.zoneId)));
    if (!before) return notFound();
    const [updated] = await tx
      .update(approvalCatalogue)
      .set({ ...input, version: sql`${approvalCatalogue.version} + 1`, updatedById: viewer.id, updatedAt: clock.now() })
      .where(and(eq(approvalCatalogue.id, id), eq(approvalCatalogue.version, version)))
      .returning({ id: approvalCatalogue.id });
    if (!updated) return conflict(await whoSaved(tx, before.updatedById, before.updatedAt, before.version));
    await auditUpdate(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "approval_catalogue",
      entityId: id,
      action: "update",
      before,
      after: input,
    });
    return ok();
  });
}

/** Adds an item to the zone's catalogue (a code of its own, "zone-N"). */
export async function addCatalogueItem(viewer: Viewer, input: CatalogueInput): Promise<Ok<{ id: number }> | Forbidden> {
  if (!canEditApprovalCatalogue(viewer)) return forbidden();
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(approvalCatalogue)
      .values({ ...input, zoneId: viewer.zoneId, code: `zone-${clock.now().getTime()}`, updatedById: viewer.id })
      .returning({ id: approvalCatalogue.id });
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "approval_catalogue",
      entityId: row.id,
      action: "create",
      after: input,
    });
    return ok({ id: row.id });
  });
}

async function whoSaved(db: Executor, userId: number | null, at: Date, version: number): Promise<ApprovalConflict> {
  const [u] = userId ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)) : [];
  return { by: u?.name ?? null, at: at.toISOString(), version };
}

// the checklist

/**
 * Creates a project's checklist from its zone's catalogue, by the template for its type (新建 when none) and
 * whether it takes new land, in the caller's transaction (the signing's). A project signed again after a move
 * back keeps the checklist it has.
 */
export async function createChecklist(tx: Transaction, projectId: number): Promise<number> {
  const [p] = await tx
    .select({ zoneId: projects.zoneId, type: projects.investmentType, landMu: projects.landMu })
    .from(projects)
    .where(eq(projects.id, projectId));
  const [{ n }] = await tx.select({ n: count() }).from(projectApprovals).where(eq(projectApprovals.projectId, projectId));
  if (n > 0) return 0;
  const catalogue = await tx
    .select()
    .from(approvalCatalogue)
    .where(and(eq(approvalCatalogue.zoneId, p.zoneId), eq(approvalCatalogue.active, true)))
    .orderBy(asc(approvalCatalogue.sortOrder), asc(approvalCatalogue.id));
  const project = { type: (p.type ?? null) as ProjectType | null, newLand: takesNewLand(p.landMu) };
  const rows = catalogue
    .filter((c) => appliesTo(c, project))
    .map((c) => ({
      projectId,
      catalogueId: c.id,
      name: c.name,
      authority: c.authority,
      allowedDays: c.allowedDays,
      commitment: c.commitment,
      requiredForConstruction: c.requiredForConstruction,
      sortOrder: c.sortOrder,
    }));
  if (rows.length) await tx.insert(projectApprovals).values(rows);
  return rows.length;
}

/** Items required for 开工 that are neither approved nor not applicable, with their names (for the gate). */
export async function openRequiredApprovals(tx: Executor, projectId: number) {
  return tx
    .select({ id: projectApprovals.id, name: projectApprovals.name })
    .from(projectApprovals)
    .where(
      and(
        eq(projectApprovals.projectId, projectId),
        eq(projectApprovals.requiredForConstruction, true),
        eq(projectApprovals.notApplicable, false),
        isNull(projectApprovals.approvedOn),
      ),
    )
    .orderBy(asc(projectApprovals.sortOrder), asc(projectApprovals.id));
}

/** The same, for the stage form (outside a transaction). */
export async function listOpenRequiredApprovals(projectId: number) {
  return openRequiredApprovals(getDb(), projectId);
}

const agents = alias(users, "agent");

/** A project's checklist for the page, each item with its light, blockers and documents' count. */
export async function loadChecklist(viewer: Viewer, projectId: number, known?: ProjectFacts) {
  const facts = known ?? (await loadProjectFacts(projectId));
  if (!facts || projectAccess(viewer, facts) === "none") return undefined;
  const today = todayInZone();
  const items = await getDb()
    .select({
      id: projectApprovals.id,
      name: projectApprovals.name,
      authority: projectApprovals.authority,
      allowedDays: projectApprovals.allowedDays,
      commitment: projectApprovals.commitment,
      requiredForConstruction: projectApprovals.requiredForConstruction,
      agentId: projectApprovals.agentId,
      agentName: agents.displayName,
      plannedSubmitOn: projectApprovals.plannedSubmitOn,
      plannedApproveOn: projectApprovals.plannedApproveOn,
      submittedOn: projectApprovals.submittedOn,
      acceptedOn: projectApprovals.acceptedOn,
      approvedOn: projectApprovals.approvedOn,
      notApplicable: projectApprovals.notApplicable,
      notApplicableReason: projectApprovals.notApplicableReason,
      note: projectApprovals.note,
      version: projectApprovals.version,
    })
    .from(projectApprovals)
    .leftJoin(agents, eq(agents.id, projectApprovals.agentId))
    .where(eq(projectApprovals.projectId, projectId))
    .orderBy(asc(projectApprovals.sortOrder), asc(projectApprovals.id));
  const blockers = items.length
    ? await getDb()
        .select({
          id: approvalBlockers.id,
          approvalId: approvalBlockers.approvalId,
          note: approvalBlockers.note,
          loggedAt: approvalBlockers.loggedAt,
          loggedBy: users.displayName,
          escalatedAt: approvalBlockers.escalatedAt,
          escalationDueOn: approvalBlockers.escalationDueOn,
          resolvedAt: approvalBlockers.resolvedAt,
          resolution: approvalBlockers.resolution,
        })
        .from(approvalBlockers)
        .innerJoin(users, eq(users.id, approvalBlockers.loggedById))
        .where(
          inArray(
            approvalBlockers.approvalId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(asc(approvalBlockers.loggedAt), asc(approvalBlockers.id))
    : [];
  return {
    facts,
    today,
    canEdit: canEditChecklist(viewer, facts),
    canEscalate: canEscalateApproval(viewer, facts),
    canResolve: canResolveEscalation(viewer, facts),
    items: items.map((i) => ({
      ...i,
      light: approvalLight(i, today),
      dueOn: approvalDueOn(i),
      canWork: canWorkApproval(viewer, facts, i.agentId),
      blockers: blockers
        .filter((b) => b.approvalId === i.id)
        .map((b) => ({
          ...b,
          loggedAt: b.loggedAt.toISOString(),
          escalatedAt: b.escalatedAt?.toISOString() ?? null,
          resolvedAt: b.resolvedAt?.toISOString() ?? null,
        })),
    })),
  };
}

/** One item with its project's facts, or undefined when it is not on that project. */
async function loadItem(projectId: number, approvalId: number) {
  const [item] = await getDb()
    .select()
    .from(projectApprovals)
    .where(and(eq(projectApprovals.id, approvalId), eq(projectApprovals.projectId, projectId)));
  if (!item) return undefined;
  const facts = await loadProjectFacts(projectId);
  return facts ? { item, facts } : undefined;
}

/** The users who may be named agent: active users of the project's company. */
export async function agentOptions(companyId: number) {
  return getDb()
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.disabled, false), inArray(users.role, companyRoles())))
    .orderBy(asc(users.displayName));
}

export type ApprovalResult = Ok<undefined> | NotFound | Forbidden | Invalid | Conflict<ApprovalConflict>;

/** A versioned update of one item with its audit row, in a transaction; a newer version is a conflict. */
async function updateItem(
  viewer: Viewer,
  found: NonNullable<Awaited<ReturnType<typeof loadItem>>>,
  version: number,
  changes: Partial<typeof projectApprovals.$inferInsert>,
  action: string,
): Promise<ApprovalResult> {
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(projectApprovals)
      .set({ ...changes, version: sql`${projectApprovals.version} + 1`, updatedById: viewer.id, updatedAt: clock.now() })
      .where(and(eq(projectApprovals.id, found.item.id), eq(projectApprovals.version, version)))
      .returning({ id: projectApprovals.id });
    if (!updated) {
      const [now] = await tx.select().from(projectApprovals).where(eq(projectApprovals.id, found.item.id));
      if (!now) return notFound();
      return conflict(await whoSaved(tx, now.updatedById, now.updatedAt, now.version));
    }
    await auditUpdate(tx, {
      zoneId: found.facts.zoneId,
      actorId: viewer.id,
      entity: "project_approval",
      entityId: found.item.id,
      action,
      before: found.item,
      after: changes,
    });
    return ok();
  });
}

/** Works an item: its agent (a user of the project's company) and its dates, in order and not in the future. */
export async function workApproval(viewer: Viewer, projectId: number, approvalId: number, input: ApprovalWorkInput): Promise<ApprovalResult> {
  const found = await loadItem(projectId, approvalId);
  if (!found || projectAccess(viewer, found.facts) === "none") return notFound();
  if (!canWorkApproval(viewer, found.facts, found.item.agentId)) return forbidden();
  const changes = {
    agentId: input.agentId ?? null,
    plannedSubmitOn: input.plannedSubmitOn ?? null,
    plannedApproveOn: input.plannedApproveOn ?? null,
    submittedOn: input.submittedOn ?? null,
    acceptedOn: input.acceptedOn ?? null,
    approvedOn: input.approvedOn ?? null,
    note: input.note ?? null,
  };
  const problems: Record<string, string> = approvalDateProblems(changes, todayInZone());
  if (changes.agentId !== null && changes.agentId !== found.item.agentId) {
    // Only whoever may edit the checklist names (or changes) the agent; the agent works what they were given.
    if (!canEditChecklist(viewer, found.facts)) problems.agentId = "approvals.error.agentByEditor";
    else if (!(await agentOptions(found.facts.companyId)).some((a) => a.id === changes.agentId)) problems.agentId = "approvals.error.agent";
  }
  if (changes.agentId === null && found.item.agentId !== null && !canEditChecklist(viewer, found.facts))
    problems.agentId = "approvals.error.agentByEditor";
  if (Object.keys(problems).length) return invalid(problems);
  return updateItem(viewer, found, input.version, changes, "work");
}

/** Marks an item not applicable (with a reason) or applicable again. */
export async function setApprovalApplicable(
  viewer: Viewer,
  projectId: number,
  approvalId: number,
  input: { version: number; notApplicable: boolean; notApplicableReason?: string },
): Promise<ApprovalResult> {
  const found = await loadItem(projectId, approvalId);
  if (!found || projectAccess(viewer, found.facts) === "none") return notFound();
  if (!canEditChecklist(viewer, found.facts)) return forbidden();
  if (input.notApplicable && !input.notApplicableReason) return invalid({ notApplicableReason: "approvals.error.reason" });
  return updateItem(
    viewer,
    found,
    input.version,
    { notApplicable: input.notApplicable, notApplicableReason: input.notApplicable ? (input.notApplicableReason ?? null) : null },
    input.notApplicable ? "not_applicable" : "applicable",
  );
}

/** Adds an item to one project's checklist (not from the catalogue). */
export async function addProjectApproval(
  viewer: Viewer,
  projectId: number,
  input: { name: string; authority: string; allowedDays: number; requiredForConstruction: boolean },
): Promise<Ok<{ id: number }> | NotFound | Forbidden> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || projectAccess(viewer, facts) === "none") return notFound();
  if (!canEditChecklist(viewer, facts)) return forbidden();
  return getDb().transaction(async (tx) => {
    const [{ last }] = await tx
      .select({ last: sql<number>`coalesce(max(${projectApprovals.sortOrder}), 0)::int` })
      .from(projectApprovals)
      .where(eq(projectApprovals.projectId, projectId));
    const [row] = await tx
      .insert(projectApprovals)
      .values({ ...input, projectId, sortOrder: last + 1, updatedById: viewer.id })
      .returning({ id: projectApprovals.id });
    await writeAudit(tx, {
      zoneId: facts.zoneId,
      actorId: viewer.id,
      entity: "project_approval",
      entityId: row.id,
      action: "create",
      after: { projectId, ...input },
    });
    return ok({ id: row.id });
  });
}

/** Removes an item from the checklist (its blockers and documents with it), if nobody saved it since `version`. */
export async function removeProjectApproval(viewer: Viewer, projectId: number, approvalId: number, version: number): Promise<ApprovalResult> {
  const found = await loadItem(projectId, approvalId);
  if (!found || projectAccess(viewer, found.facts) === "none") return notFound();
  if (!canEditChecklist(viewer, found.facts)) return forbidden();
  return getDb().transaction(async (tx) => {
    const [gone] = await tx
      .delete(projectApprovals)
      .where(and(eq(projectApprovals.id, approvalId), eq(projectApprovals.version, version)))
      .returning({ id: projectApprovals.id });
    if (!gone) return conflict(await whoSaved(tx, found.item.updatedById, found.item.updatedAt, found.item.version));
    await writeAudit(tx, {
      zoneId: found.facts.zoneId,
      actorId: viewer.id,
      entity: "project_approval",
      entityId: approvalId,
      action: "delete",
      before: found.item,
    });
    return ok();
  });
}

/** The item for its page, with the right to work it (the loader answers 404 / 403 by it). */
export async function getApprovalForViewer(viewer: Viewer, projectId: number, approvalId: number) {
  const found = await loadItem(projectId, approvalId);
  if (!found || projectAccess(viewer, found.facts) === "none") return undefined;
  return { ...found, canWork: canWorkApproval(viewer, found.facts, found.item.agentId) };
}

// blockers and escalation (督办)

/** Logs a blocker on an item: whoever works the item. */
export async function logBlocker(viewer: Viewer, projectId: number, approvalId: number, note: string): Promise<Ok<undefined> | NotFound | Forbidden> {
  const found = await loadItem(projectId, approvalId);
  if (!found || projectAccess(viewer, found.facts) === "none") return notFound();
  if (!canWorkApproval(viewer, found.facts, found.item.agentId)) return forbidden();
  await getDb().transaction(async (tx) => {
    const [row] = await tx.insert(approvalBlockers).values({ approvalId, note, loggedById: viewer.id }).returning({ id: approvalBlockers.id });
    await writeAudit(tx, {
      zoneId: found.facts.zoneId,
      actorId: viewer.id,
      entity: "approval_blocker",
      entityId: row.id,
      action: "create",
      after: { approvalId, note },
    });
  });
  return ok();
}

async function loadBlocker(projectId: number, approvalId: number, blockerId: number) {
  const found = await loadItem(projectId, approvalId);
  if (!found) return undefined;
  const [blocker] = await getDb()
    .select()
    .from(approvalBlockers)
    .where(and(eq(approvalBlockers.id, blockerId), eq(approvalBlockers.approvalId, approvalId)));
  return blocker ? { ...found, blocker } : undefined;
}

/**
 * Escalates an open blocker to the committee (督办) with a deadline: the project's owner or manager. A blocker
 * already escalated or resolved is a conflict (someone did it first).
 */
export async function escalateBlocker(
  viewer: Viewer,
  projectId: number,
  approvalId: number,
  input: { blockerId: number; escalationDueOn: string },
): Promise<Ok<undefined> | NotFound | Forbidden | Invalid | Conflict<ApprovalConflict>> {
  const found = await loadBlocker(projectId, approvalId, input.blockerId);
  if (!found || projectAccess(viewer, found.facts) === "none") return notFound();
  if (!canEscalateApproval(viewer, found.facts)) return forbidden();
  if (input.escalationDueOn < todayInZone()) return invalid({ escalationDueOn: "approvals.error.pastDeadline" });
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(approvalBlockers)
      .set({ escalatedAt: clock.now(), escalatedById: viewer.id, escalationDueOn: input.escalationDueOn })
      .where(and(eq(approvalBlockers.id, input.blockerId), isNull(approvalBlockers.escalatedAt), isNull(approvalBlockers.resolvedAt)))
      .returning({ id: approvalBlockers.id });
    if (!row) return conflict({ by: null, at: clock.now().toISOString(), version: 0 });
    await writeAudit(tx, {
      zoneId: found.facts.zoneId,
      actorId: viewer.id,
      entity: "approval_blocker",
      entityId: input.blockerId,
      action: "escalate",
      after: { escalationDueOn: input.escalationDueOn },
    });
    return ok();
  });
}

/** Resolves a blocker (escalated or not) with what was done: the committee's leaders or the company's manager. */
export async function resolveBlocker(
  viewer: Viewer,
  projectId: number,
  approvalId: number,
  input: { blockerId: number; resolution: string },
): Promise<Ok<undefined> | NotFound | Forbidden | Conflict<ApprovalConflict>> {
  const found = await loadBlocker(projectId, approvalId, input.blockerId);
  if (!found || projectAccess(viewer, found.facts) === "none") return notFound();
  if (!canResolveEscalation(viewer, found.facts)) return forbidden();
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(approvalBlockers)
      .set({ resolvedAt: clock.now(), resolvedById: viewer.id, resolution: input.resolution })
      .where(and(eq(approvalBlockers.id, input.blockerId), isNull(approvalBlockers.resolvedAt)))
      .returning({ id: approvalBlockers.id });
    if (!row) return conflict({ by: null, at: clock.now().toISOString(), version: 0 });
    await writeAudit(tx, {
      zoneId: found.facts.zoneId,
      actorId: viewer.id,
      entity: "approval_blocker",
      entityId: input.blockerId,
      action: "resolve",
      after: { resolution: input.resolution },
    });
    return ok();
  });
}

// the desk and the chasing lists

const openItem = and(eq(projectApprovals.notApplicable, false), isNull(projectApprovals.approvedOn));

/** The viewer's own open items as agent (my desk), the overdue and due-soon first. */
export async function myApprovalItems(viewer: Viewer) {
  const today = todayInZone();
  const rows = await getDb()
    .select({
      id: projectApprovals.id,
      projectId: projects.id,
      projectName: projects.name,
      name: projectApprovals.name,
      allowedDays: projectApprovals.allowedDays,
      plannedSubmitOn: projectApprovals.plannedSubmitOn,
      submittedOn: projectApprovals.submittedOn,
      approvedOn: projectApprovals.approvedOn,
      notApplicable: projectApprovals.notApplicable,
    })
    .from(projectApprovals)
    .innerJoin(projects, eq(projects.id, projectApprovals.projectId))
    .where(and(eq(projectApprovals.agentId, viewer.id), openItem, eq(projects.status, "active"), projectScopeWhere(viewer)))
    .orderBy(asc(projectApprovals.submittedOn), asc(projectApprovals.plannedSubmitOn), asc(projectApprovals.id))
    .limit(100);
  const order = { overdue: 0, due_soon: 1, on_time: 2, waiting: 3, done: 4, na: 5 } as const;
  return rows.map((r) => ({ ...r, light: approvalLight(r, today), dueOn: approvalDueOn(r) })).sort((a, b) => order[a.light] - order[b.light]);
}

/**
 * The chasing page's overdue approvals: open items submitted more than their allowed days ago, or not submitted
 * by their planned date, of the projects the viewer sees (a manager their company's, a leader the zone's).
 */
export async function overdueApprovals(viewer: Viewer) {
  const today = todayInZone();
  const rows = await getDb()
    .select({
      id: projectApprovals.id,
      projectId: projects.id,
      projectName: projects.name,
      companyName: companies.shortName,
      name: projectApprovals.name,
      agentName: agents.displayName,
      allowedDays: projectApprovals.allowedDays,
      plannedSubmitOn: projectApprovals.plannedSubmitOn,
      submittedOn: projectApprovals.submittedOn,
      approvedOn: projectApprovals.approvedOn,
      notApplicable: projectApprovals.notApplicable,
    })
    .from(projectApprovals)
    .innerJoin(projects, eq(projects.id, projectApprovals.projectId))
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(agents, eq(agents.id, projectApprovals.agentId))
    .where(
      and(
        openItem,
        eq(projects.status, "active"),
        projectScopeWhere(viewer),
        or(
          and(isNotNull(projectApprovals.submittedOn), sql`${projectApprovals.submittedOn} + ${projectApprovals.allowedDays} < ${today}::date`),
          and(isNull(projectApprovals.submittedOn), lt(projectApprovals.plannedSubmitOn, today)),
        ),
      ),
    )
    .orderBy(asc(projectApprovals.submittedOn), asc(projectApprovals.id))
    .limit(500);
  return rows.map((r) => ({ ...r, dueOn: approvalDueOn(r) }));
}

/** Open escalations (督办) of the projects the viewer sees, the earliest deadline first. */
export async function openEscalations(viewer: Viewer) {
  const today = todayInZone();
  const rows = await getDb()
    .select({
      blockerId: approvalBlockers.id,
      approvalId: projectApprovals.id,
      projectId: projects.id,
      projectName: projects.name,
      companyName: companies.shortName,
      name: projectApprovals.name,
      note: approvalBlockers.note,
      escalationDueOn: approvalBlockers.escalationDueOn,
    })
    .from(approvalBlockers)
    .innerJoin(projectApprovals, eq(projectApprovals.id, approvalBlockers.approvalId))
    .innerJoin(projects, eq(projects.id, projectApprovals.projectId))
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .where(and(isNotNull(approvalBlockers.escalatedAt), isNull(approvalBlockers.resolvedAt), projectScopeWhere(viewer)))
    .orderBy(asc(approvalBlockers.escalationDueOn), asc(approvalBlockers.id))
    .limit(500);
  return rows.map((r) => ({ ...r, overdue: r.escalationDueOn !== null && r.escalationDueOn < today }));
}
