// Handoffs between companies: transfers (移交) and assist requests (协办). Every step runs in one transaction with
// its audit rows and notices; answers are conditional on the handoff still waiting at the version the user saw,
// so of two managers answering at once exactly one wins.
import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "~db/index";
import { getDb } from "~db/index";
import { clusters, companies, handoffs, investors, projectEvents, projectHoldings, projects, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { todayInZone } from "~/lib/dates";
import type { FieldErrors } from "~/lib/forms";
import type { Conflict, Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, invalid, notFound, ok } from "~/lib/result";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import type { HandoffFacts, Viewer } from "~/modules/auth/policy";
import {
  answersHandoff,
  canAnswerHandoff,
  canCancelHandoff,
  canCloseAssist,
  canManageCompany,
  canRequestCofollow,
  canRequestHandoff,
  canViewHandoff,
  canViewProject,
  cancelsHandoff,
  closesAssist,
  companyRoles,
  helperCompanyOf,
  isCompanyRole,
  seesWholeZone,
} from "~/modules/auth/policy";
import { companyName } from "~/modules/companies/companies.server";
import type { NotificationKind } from "~/modules/notifications/notify.server";
import { notify } from "~/modules/notifications/notify.server";
import { loadProjectFacts } from "~/modules/projects/projects.server";
import type { AcceptHandoffInput, HandoffListParams, RequestCofollowInput, RequestHandoffInput } from "./handoffs.schema";
import { HANDOFF_OVERDUE_DAYS } from "./handoffs.schema";

/** Someone answered (or withdrew) first: the handoff's current state. */
export type HandoffConflict = Conflict<{ status: Handoff["status"]; by: string | null }>;
type Handoff = typeof handoffs.$inferSelect;

const refuse = (errors: FieldErrors, params?: Invalid["params"]): Invalid => invalid(errors, params);

/** A pending handoff created before this moment is overdue. */
function overdueBefore() {
  return new Date(clock.now().getTime() - HANDOFF_OVERDUE_DAYS * 24 * 60 * 60 * 1000);
}

export const overdueSql = (before = overdueBefore()) =>
  sql<boolean>`(${handoffs.status} = 'pending' and ${handoffs.createdAt} < ${before.toISOString()}::timestamptz)`;

async function managerIds(tx: Executor, companyId: number) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.role, "manager"), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export type RequestResult = Ok<{ id: number }> | Invalid | NotFound | Forbidden;

/** The owner or their manager asks another company to take the project over or to help with it. */
export async function requestHandoff(viewer: Viewer, projectId: number, input: RequestHandoffInput): Promise<RequestResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canViewProject(viewer, facts)) return notFound();
  if (!canRequestHandoff(viewer, facts)) return forbidden();
  const db = getDb();
  const [target] = await db
    .select({ id: companies.id, name: companies.name, kind: companies.kind })
    .from(companies)
    .where(and(eq(companies.id, input.toCompanyId), eq(companies.zoneId, viewer.zoneId), eq(companies.active, true)));
  if (!target || target.kind === "committee") return refuse({ toCompanyId: "handoffs.error.company" });
  if (target.id === facts.companyId) return refuse({ toCompanyId: "handoffs.error.ownCompany" });

  return db.transaction(async (tx): Promise<RequestResult> => {
    // The project row is locked so two requests for it cannot both pass the "no open transfer" check.
    const [project] = await tx
      .select({ id: projects.id, name: projects.name, status: projects.status, companyId: projects.companyId })
      .from(projects)
      .where(eq(projects.id, projectId))
      .for("update");
    if (project.companyId !== facts.companyId) return refuse({ _form: "handoffs.error.moved" });
    if (project.status === "lost") return refuse({ _form: "handoffs.error.lost" });
    // A helper could neither read nor work a confidential project (only its owner, manager and leaders see it).
    if (input.kind === "assist" && facts.confidential) return refuse({ _form: "handoffs.error.confidentialAssist" });
    if (input.kind === "transfer") {
      const [open] = await tx
        .select({ to: companies.name })
        .from(handoffs)
        .innerJoin(companies, eq(companies.id, handoffs.toCompanyId))
        .where(and(eq(handoffs.projectId, projectId), eq(handoffs.kind, "transfer"), eq(handoffs.status, "pending")))
        .limit(1);
      if (open) return refuse({ _form: "handoffs.error.openTransfer" }, { _form: { company: open.to } });
    }
    const values = {
      projectId,
      kind: input.kind,
      fromCompanyId: project.companyId,
      toCompanyId: target.id,
      requestedById: viewer.id,
      reason: input.reason,
      need: input.kind === "assist" ? (input.need ?? null) : null,
      wishedByOn: input.wishedByOn ?? null,
      createdAt: clock.now(),
    };
    const id = await insertRequest(tx, viewer, facts.zoneId, values, {
      managersOf: target.id,
      kind: input.kind === "transfer" ? "handoff_transfer_requested" : "handoff_assist_requested",
      params: { project: project.name, company: await companyName(tx, project.companyId) },
    });
    return ok({ id });
  });
}

/**
 * 协同跟进 from the duplicate check: the viewer's company asks the company that follows an investor to let it take
 * part in that company's project of the investor. The asker knows only the company (DOMAIN.md: company and owner,
 * never the project), so the project is found here: the company's open, not confidential project of the investor,
 * the earliest. It is an assist under the handoff rules whose helper is the asking company and whose answer is the
 * project company's manager's; nothing of the project changes (owner, company, first-contact credit).
 */
export async function requestCofollow(viewer: Viewer, investorId: number, input: RequestCofollowInput): Promise<RequestResult> {
  const db = getDb();
  const [investor] = await db
    .select({ id: investors.id, name: investors.name })
    .from(investors)
    .where(and(eq(investors.id, investorId), eq(investors.zoneId, viewer.zoneId)));
  if (!investor) return notFound();
  const project = await cofollowTarget(db, viewer, investorId, input.toCompanyId);
  if (!project) return refuse({ toCompanyId: "cofollow.error.company" });
  const facts = await loadProjectFacts(project.id);
  if (!facts || !canRequestCofollow(viewer, facts)) return refuse({ toCompanyId: "cofollow.error.company" });
  const from = viewer.companyId!;

  return db.transaction(async (tx): Promise<RequestResult> => {
    // The project row is locked so that two requests of one company cannot both pass the "none open" check.
    const [locked] = await tx
      .select({ id: projects.id, name: projects.name, status: projects.status, companyId: projects.companyId })
      .from(projects)
      .where(eq(projects.id, project.id))
      .for("update");
    if (locked.status === "lost" || locked.companyId !== input.toCompanyId) return refuse({ toCompanyId: "cofollow.error.company" });
    const [open] = await tx
      .select({ id: handoffs.id })
      .from(handoffs)
      .where(
        and(
          eq(handoffs.projectId, project.id),
          eq(handoffs.kind, "cofollow"),
          eq(handoffs.fromCompanyId, from),
          inArray(handoffs.status, ["pending", "accepted"]),
        ),
      )
      .limit(1);
    if (open) return refuse({ toCompanyId: "cofollow.error.open" });
    const values = {
      projectId: project.id,
      kind: "cofollow" as const,
      fromCompanyId: from,
      toCompanyId: locked.companyId,
      requestedById: viewer.id,
      reason: input.reason,
      need: null,
      wishedByOn: null,
      createdAt: clock.now(),
    };
    const id = await insertRequest(tx, viewer, facts.zoneId, values, {
      managersOf: locked.companyId,
      kind: "handoff_cofollow_requested",
      params: { project: locked.name, company: await companyName(tx, from), investor: investor.name },
    });
    return ok({ id });
  });
}

/**
 * Writes a request in the caller's transaction: the handoff in the project's zone (the (zone_id, project_id) foreign
 * key holds it to the project's), its audit row, and the notice to the answering company's managers.
 */
async function insertRequest(
  tx: Transaction,
  viewer: Viewer,
  zoneId: number,
  values: Omit<typeof handoffs.$inferInsert, "zoneId">,
  notice: { managersOf: number; kind: NotificationKind; params: Record<string, string> },
) {
  const [created] = await tx
    .insert(handoffs)
    .values({ ...values, zoneId })
    .returning({ id: handoffs.id });
  await writeAudit(tx, {
    zoneId: viewer.zoneId,
    actorId: viewer.id,
    entity: "handoff",
    entityId: created.id,
    action: "request",
    after: { ...values, createdAt: undefined },
  });
  await notify(tx, {
    zoneId: viewer.zoneId,
    userIds: await managerIds(tx, notice.managersOf),
    kind: notice.kind,
    params: notice.params,
    link: `/handoffs/${created.id}`,
  });
  return created.id;
}

/** The project a co-follow of this investor with that company would be about (see requestCofollow), or undefined. */
async function cofollowTarget(db: Executor, viewer: Viewer, investorId: number, companyId: number) {
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(
      and(
        eq(projects.zoneId, viewer.zoneId),
        eq(projects.investorId, investorId),
        eq(projects.companyId, companyId),
        ne(projects.status, "lost"),
        eq(projects.confidential, false),
      ),
    )
    .orderBy(asc(projects.id))
    .limit(1);
  return row;
}

/** The investor of the zone a co-follow form is about (its name), or undefined. */
export async function cofollowInvestor(viewer: Viewer, investorId: number) {
  const [row] = await getDb()
    .select({ id: investors.id, name: investors.name })
    .from(investors)
    .where(and(eq(investors.id, investorId), eq(investors.zoneId, viewer.zoneId)));
  return row;
}

/**
 * The companies the viewer may ask to co-follow an investor: those with an open, not confidential project of it,
 * other than the viewer's own. Names only, as the duplicate check shows them.
 */
export async function cofollowCompanies(viewer: Viewer, investorId: number) {
  if (viewer.companyId === null) return [];
  return getDb()
    .selectDistinct({ id: companies.id, name: companies.name })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .where(
      and(
        eq(projects.zoneId, viewer.zoneId),
        eq(projects.investorId, investorId),
        ne(projects.companyId, viewer.companyId),
        ne(projects.status, "lost"),
        eq(projects.confidential, false),
      ),
    )
    .orderBy(asc(companies.name));
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

/** The handoff row and what the policy needs, or undefined. */
export async function loadHandoffFacts(db: Executor, id: number): Promise<(HandoffFacts & Handoff) | undefined> {
  // zone_id is the project's (the foreign key on (zone_id, project_id) holds it so).
  const [row] = await db.select().from(handoffs).where(eq(handoffs.id, id));
  return row;
}

/** Who answered or withdrew the handoff, for the one who came second. */
async function conflictFor(tx: Executor, id: number): Promise<HandoffConflict> {
  const answerer = alias(users, "answerer");
  const [row] = await tx
    .select({ status: handoffs.status, by: answerer.displayName })
    .from(handoffs)
    .leftJoin(answerer, eq(answerer.id, handoffs.answeredById))
    .where(eq(handoffs.id, id));
  return conflict({ status: row.status, by: row.by ?? null });
}

/**
 * Locks a handoff that still waits at the version the user saw, so of two answers exactly one goes on; returns the
 * row, or null when someone else answered (or withdrew) first.
 */
async function lockPending(tx: Transaction, id: number, version: number) {
  const [before] = await tx.select().from(handoffs).where(eq(handoffs.id, id)).for("update");
  if (!before || before.status !== "pending" || before.version !== version) return null;
  return before;
}

/** Moves a locked, waiting handoff out of "pending" (the condition repeats the lock's check). */
async function markAnswered(tx: Transaction, id: number, version: number, set: Partial<typeof handoffs.$inferInsert>) {
  await tx
    .update(handoffs)
    .set({ ...set, version: sql`${handoffs.version} + 1` })
    .where(and(eq(handoffs.id, id), eq(handoffs.status, "pending"), eq(handoffs.version, version)));
}

async function claimPending(tx: Transaction, id: number, version: number, set: Partial<typeof handoffs.$inferInsert>) {
  const before = await lockPending(tx, id, version);
  if (before) await markAnswered(tx, id, version, set);
  return before;
}

async function checkAssignee(tx: Executor, companyId: number, userId: number) {
  const [row] = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.companyId, companyId), eq(users.disabled, false), inArray(users.role, companyRoles())));
  return row;
}

export type AnswerResult = Ok<undefined> | Invalid | HandoffConflict | NotFound | Forbidden;

/**
 * The receiving company's manager accepts, naming a person of their company. A transfer moves the project in this
 * same transaction: owner and company, the holdings chain, the owner history row, the project's version.
 */
export async function acceptHandoff(viewer: Viewer, id: number, input: AcceptHandoffInput): Promise<AnswerResult> {
  const db = getDb();
  const h = await loadHandoffFacts(db, id);
  if (!h || !canViewHandoff(viewer, h)) return notFound();
  if (!answersHandoff(viewer, h)) return refuse({ _form: "handoffs.error.notReceivingManager" });
  if (!canAnswerHandoff(viewer, h)) return conflictFor(db, id);
  if (input.businessOn > todayInZone()) return refuse({ businessOn: "stage.error.future" });
  // A co-follow's helper is the one who asked (the answering manager cannot name another company's people).
  const assignee =
    h.kind === "cofollow" ? await checkAssignee(db, h.fromCompanyId, h.requestedById) : await checkAssignee(db, h.toCompanyId, input.assigneeId);
  if (!assignee) return refuse(h.kind === "cofollow" ? { _form: "cofollow.error.requester" } : { assigneeId: "handoffs.error.assignee" });

  return db.transaction(async (tx): Promise<AnswerResult> => {
    const now = clock.now();
    // The handoff first (the loser of a race stops here), then the project; nothing is written before both pass.
    const before = await lockPending(tx, id, input.version);
    if (!before) return conflictFor(tx, id);
    const [project] = await tx.select().from(projects).where(eq(projects.id, h.projectId)).for("update");
    if (h.kind === "transfer") {
      if (project.status === "lost") return refuse({ _form: "handoffs.error.lost" });
      if (project.companyId !== h.fromCompanyId) return refuse({ _form: "handoffs.error.moved" });
    }
    if (h.kind === "cofollow") {
      if (project.status === "lost") return refuse({ _form: "handoffs.error.lost" });
      // Only the project's company lets others take part; after a transfer the new company answers a new request.
      if (project.companyId !== h.toCompanyId) return refuse({ _form: "handoffs.error.moved" });
    }
    await markAnswered(tx, id, input.version, {
      status: "accepted",
      answeredById: viewer.id,
      answeredAt: now,
      answerNote: input.note ?? null,
      assigneeId: assignee.id,
    });

    if (h.kind === "transfer") {
      const changes = {
        companyId: h.toCompanyId,
        ownerId: assignee.id,
        // The company that found the lead keeps the first-contact credit even when it hands it over before contact.
        firstContactCompanyId: project.firstContactCompanyId ?? h.fromCompanyId,
      };
      const [moved] = await tx
        .update(projects)
        .set({ ...changes, version: sql`${projects.version} + 1`, updatedAt: now })
        .where(and(eq(projects.id, project.id), eq(projects.version, project.version)))
        .returning({ id: projects.id });
      if (!moved) throw new Error("project changed under a row lock");
      await tx
        .update(projectHoldings)
        .set({ untilOn: input.businessOn })
        .where(and(eq(projectHoldings.projectId, project.id), isNull(projectHoldings.untilOn)));
      await tx.insert(projectHoldings).values({ projectId: project.id, companyId: h.toCompanyId, fromOn: input.businessOn });
      await tx.insert(projectEvents).values({
        projectId: project.id,
        kind: "owner",
        fromOwnerId: project.ownerId,
        toOwnerId: assignee.id,
        businessOn: input.businessOn,
        actorId: viewer.id,
        note: h.reason,
      });
      await auditUpdate(tx, {
        zoneId: viewer.zoneId,
        actorId: viewer.id,
        entity: "project",
        entityId: project.id,
        action: "transfer",
        before: project,
        after: changes,
      });
    }
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "handoff",
      entityId: id,
      action: "accept",
      before: { status: before.status },
      after: { status: "accepted", assigneeId: assignee.id, note: input.note ?? null, projectId: project.id },
    });
    if (h.kind === "cofollow") {
      const [investor] = await tx.select({ name: investors.name }).from(investors).where(eq(investors.id, project.investorId));
      await notify(tx, {
        zoneId: viewer.zoneId,
        userIds: [before.requestedById, ...(await managerIds(tx, h.fromCompanyId))],
        kind: "handoff_cofollow_accepted",
        params: { project: project.name, company: await companyName(tx, h.toCompanyId), investor: investor.name },
        link: `/projects/${project.id}`,
      });
      return ok();
    }
    await notify(tx, {
      zoneId: viewer.zoneId,
      userIds: [before.requestedById, assignee.id],
      kind: h.kind === "transfer" ? "handoff_transfer_accepted" : "handoff_assist_accepted",
      params: { project: project.name, company: await companyName(tx, h.toCompanyId), assignee: assignee.name },
      link: h.kind === "transfer" ? `/projects/${project.id}` : `/handoffs/${id}`,
    });
    return ok();
  });
}

/** The receiving company's manager rejects with a reason; nothing changes hands. */
export async function rejectHandoff(viewer: Viewer, id: number, input: { version: number; note: string }): Promise<AnswerResult> {
  const db = getDb();
  const h = await loadHandoffFacts(db, id);
  if (!h || !canViewHandoff(viewer, h)) return notFound();
  if (!answersHandoff(viewer, h)) return refuse({ _form: "handoffs.error.notReceivingManager" });
  if (!canAnswerHandoff(viewer, h)) return conflictFor(db, id);
  return db.transaction(async (tx): Promise<AnswerResult> => {
    const now = clock.now();
    const before = await claimPending(tx, id, input.version, {
      status: "rejected",
      answeredById: viewer.id,
      answeredAt: now,
      answerNote: input.note,
      closedAt: now,
    });
    if (!before) return conflictFor(tx, id);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "handoff",
      entityId: id,
      action: "reject",
      before: { status: before.status },
      after: { status: "rejected", note: input.note, projectId: h.projectId },
    });
    const [project] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, h.projectId));
    await notify(tx, {
      zoneId: viewer.zoneId,
      userIds: [before.requestedById],
      kind: "handoff_rejected",
      params: { project: project.name, company: await companyName(tx, h.toCompanyId), reason: input.note },
      link: `/handoffs/${id}`,
    });
    return ok();
  });
}

/** The requester (or their manager) withdraws a request that still waits. */
export async function cancelHandoff(viewer: Viewer, id: number, input: { version: number }): Promise<AnswerResult> {
  const db = getDb();
  const h = await loadHandoffFacts(db, id);
  if (!h || !canViewHandoff(viewer, h)) return notFound();
  if (h.status === "pending" && !canCancelHandoff(viewer, h)) return forbidden();
  if (!canCancelHandoff(viewer, h)) return conflictFor(db, id);
  return db.transaction(async (tx): Promise<AnswerResult> => {
    const before = await claimPending(tx, id, input.version, { status: "cancelled", closedAt: clock.now() });
    if (!before) return conflictFor(tx, id);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "handoff",
      entityId: id,
      action: "cancel",
      before: { status: before.status },
      after: { status: "cancelled", projectId: h.projectId },
    });
    return ok();
  });
}

/** The helper (or their manager) closes an accepted assist with its outcome. */
export async function closeAssist(viewer: Viewer, id: number, input: { version: number; outcome: string }): Promise<AnswerResult> {
  const db = getDb();
  const h = await loadHandoffFacts(db, id);
  if (!h || !canViewHandoff(viewer, h)) return notFound();
  const helper = helperCompanyOf(h);
  if (helper === null) return forbidden();
  if (h.status === "accepted" && !canCloseAssist(viewer, h)) return forbidden();
  if (!canCloseAssist(viewer, h)) return conflictFor(db, id);
  return db.transaction(async (tx): Promise<AnswerResult> => {
    const now = clock.now();
    const [closed] = await tx
      .update(handoffs)
      .set({ status: "closed", outcome: input.outcome, closedAt: now, version: sql`${handoffs.version} + 1` })
      .where(and(eq(handoffs.id, id), eq(handoffs.status, "accepted"), eq(handoffs.version, input.version)))
      .returning({ requestedById: handoffs.requestedById });
    if (!closed) return conflictFor(tx, id);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "handoff",
      entityId: id,
      action: "close",
      before: { status: "accepted" },
      after: { status: "closed", outcome: input.outcome, projectId: h.projectId },
    });
    const [project] = await tx.select({ name: projects.name, ownerId: projects.ownerId }).from(projects).where(eq(projects.id, h.projectId));
    await notify(tx, {
      zoneId: viewer.zoneId,
      userIds: [closed.requestedById, ...(project.ownerId ? [project.ownerId] : [])],
      kind: "handoff_assist_closed",
      params: { project: project.name, company: await companyName(tx, helper) },
      link: `/handoffs/${id}`,
    });
    return ok();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const fromCompany = alias(companies, "from_company");
const toCompany = alias(companies, "to_company");
const requester = alias(users, "requester");
const answerer = alias(users, "answerer");
const assignee = alias(users, "assignee");

function handoffColumns() {
  return {
    id: handoffs.id,
    kind: handoffs.kind,
    status: handoffs.status,
    projectId: handoffs.projectId,
    projectName: projects.name,
    projectCode: projects.code,
    investorName: investors.name,
    fromCompanyId: handoffs.fromCompanyId,
    fromCompanyName: fromCompany.name,
    toCompanyId: handoffs.toCompanyId,
    toCompanyName: toCompany.name,
    requestedById: handoffs.requestedById,
    requestedByName: requester.displayName,
    reason: handoffs.reason,
    need: handoffs.need,
    wishedByOn: handoffs.wishedByOn,
    answeredByName: answerer.displayName,
    answeredAt: handoffs.answeredAt,
    answerNote: handoffs.answerNote,
    assigneeId: handoffs.assigneeId,
    assigneeName: assignee.displayName,
    outcome: handoffs.outcome,
    closedAt: handoffs.closedAt,
    createdAt: handoffs.createdAt,
    version: handoffs.version,
    overdue: overdueSql(),
  };
}

function handoffQuery(db: Executor) {
  return db
    .select(handoffColumns())
    .from(handoffs)
    .innerJoin(projects, eq(projects.id, handoffs.projectId))
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .innerJoin(fromCompany, eq(fromCompany.id, handoffs.fromCompanyId))
    .innerJoin(toCompany, eq(toCompany.id, handoffs.toCompanyId))
    .innerJoin(requester, eq(requester.id, handoffs.requestedById))
    .leftJoin(answerer, eq(answerer.id, handoffs.answeredById))
    .leftJoin(assignee, eq(assignee.id, handoffs.assigneeId));
}

export type HandoffRow = Awaited<ReturnType<typeof listHandoffs>>[number];

/**
 * A co-follow not (or no longer) accepted is, to the asking company, about another company's project it may not
 * see: it is shown by its investor, never by the project's name or code (DOMAIN.md: company and owner only).
 */
function hidesProject(viewer: Viewer, row: { kind: Handoff["kind"]; status: Handoff["status"]; fromCompanyId: number; toCompanyId: number }) {
  return row.kind === "cofollow" && row.status !== "accepted" && viewer.companyId === row.fromCompanyId && !seesWholeZone(viewer);
}

function maskProject<R extends Parameters<typeof hidesProject>[1] & { projectName: string; projectCode: string; investorName: string }>(
  viewer: Viewer,
  row: R,
): R {
  return hidesProject(viewer, row) ? { ...row, projectName: row.investorName, projectCode: "—" } : row;
}

/** The SQL twin of canViewHandoff: both companies' people, and leaders of the zone. */
export function handoffScopeWhere(viewer: Viewer): SQL {
  const zone = eq(handoffs.zoneId, viewer.zoneId);
  if (seesWholeZone(viewer)) return zone;
  if (viewer.companyId === null) return sql`false`;
  return and(zone, or(eq(handoffs.fromCompanyId, viewer.companyId), eq(handoffs.toCompanyId, viewer.companyId)))!;
}

/** The inbox: incoming and outgoing handoffs of the viewer's company (leaders: the whole zone), overdue first. */
export async function listHandoffs(viewer: Viewer, params: HandoffListParams, limit = 200) {
  const where: SQL[] = [handoffScopeWhere(viewer)];
  if (viewer.companyId !== null && !seesWholeZone(viewer)) {
    if (params.box === "incoming") where.push(eq(handoffs.toCompanyId, viewer.companyId));
    if (params.box === "outgoing") where.push(eq(handoffs.fromCompanyId, viewer.companyId));
  }
  if (seesWholeZone(viewer) && params.company) {
    where.push(or(eq(handoffs.fromCompanyId, params.company), eq(handoffs.toCompanyId, params.company))!);
  }
  if (params.status) where.push(eq(handoffs.status, params.status));
  const before = overdueBefore();
  const order = [desc(overdueSql(before)), sql`${handoffs.status} = 'pending' desc`, desc(handoffs.createdAt), desc(handoffs.id)];
  // The order's three groups (overdue, waiting, answered) are each newest first: the page is the first rows of
  // each group read in index order, (zone_id, status, created_at, id) for the waiting ones and (zone_id,
  // created_at, id) of the others, merged; the names are joined for those rows alone. Joined all at once,
  // PostgreSQL read every project of the zone for the names.
  const cut = sql`${before.toISOString()}::timestamptz`;
  const group = (g: number, cond: SQL) =>
    sql`(select ${handoffs.id}, ${g}::int as g, ${handoffs.createdAt} from ${handoffs} where ${and(...where, cond)}
      order by ${handoffs.createdAt} desc, ${handoffs.id} desc limit ${limit})`;
  const page = sql`(select page.id from (${group(0, sql`${handoffs.status} = 'pending' and ${handoffs.createdAt} < ${cut}`)}
    union all ${group(1, sql`${handoffs.status} = 'pending' and ${handoffs.createdAt} >= ${cut}`)}
    union all ${group(2, sql`${handoffs.status} <> 'pending'`)}) page
    order by page.g, page.created_at desc, page.id desc limit ${limit})`;
  // An array, not IN: the 200 rows are then fetched by primary key rather than by hashing the whole table.
  const rows = await handoffQuery(getDb())
    .where(sql`${handoffs.id} = any(array${page})`)
    .orderBy(...order);
  return rows.map((row) => maskProject(viewer, row));
}

/** Counts per status of what the inbox holds, for the tabs. */
export async function countHandoffsByStatus(viewer: Viewer) {
  const rows = await getDb()
    .select({ status: handoffs.status, n: count(), overdue: sql<number>`count(*) filter (where ${overdueSql()})::int` })
    .from(handoffs)
    .where(handoffScopeWhere(viewer))
    .groupBy(handoffs.status);
  return rows;
}

/** What waits for the viewer: pending handoffs to a manager's company, and open assists assigned to them. */
export async function countWaitingHandoffs(viewer: Viewer): Promise<number> {
  if (!isCompanyRole(viewer)) return 0;
  const mine = and(ne(handoffs.kind, "transfer"), eq(handoffs.status, "accepted"), eq(handoffs.assigneeId, viewer.id));
  const toAnswer =
    viewer.companyId !== null && canManageCompany(viewer, viewer.companyId)
      ? and(eq(handoffs.toCompanyId, viewer.companyId), eq(handoffs.status, "pending"))
      : undefined;
  const [row] = await getDb()
    .select({ n: count() })
    .from(handoffs)
    .where(toAnswer ? or(toAnswer, mine) : mine);
  return row.n;
}

/** One handoff with the project summary its receiving manager needs to decide, or undefined when not visible. */
export async function getHandoffForViewer(viewer: Viewer, id: number) {
  const db = getDb();
  const facts = await loadHandoffFacts(db, id);
  if (!facts || !canViewHandoff(viewer, facts)) return undefined;
  const [row] = await handoffQuery(db).where(eq(handoffs.id, id));
  const owner = alias(users, "owner");
  const [project] = await db
    .select({
      id: projects.id,
      stage: projects.stage,
      status: projects.status,
      investorName: investors.name,
      clusterName: clusters.name,
      ownerName: owner.displayName,
      companyName: companies.name,
      totalInvestmentWan: projects.totalInvestmentWan,
      confidential: projects.confidential,
    })
    .from(projects)
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .innerJoin(clusters, eq(clusters.id, projects.clusterId))
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .where(eq(projects.id, facts.projectId));
  const projectFacts = await loadProjectFacts(facts.projectId);
  const canOpenProject = !!projectFacts && canViewProject(viewer, projectFacts);
  const hidden = hidesProject(viewer, facts) && !canOpenProject;
  return {
    handoff: maskProject(viewer, row),
    // A confidential project's details stay with those who may see it; a co-follow's asker sees who follows only.
    project:
      project.confidential && !canOpenProject
        ? { ...project, investorName: "—", totalInvestmentWan: null }
        : hidden
          ? { ...project, clusterName: "—", totalInvestmentWan: null }
          : project,
    hidden,
    canOpenProject,
    may: {
      answer: canAnswerHandoff(viewer, facts),
      cancel: canCancelHandoff(viewer, facts),
      close: canCloseAssist(viewer, facts),
      log: facts.kind !== "transfer" && facts.status === "accepted" && !!projectFacts && canOpenProject && canCloseAssist(viewer, facts),
    },
    // Whose step each is, whatever the state (the action's 403; out of turn is the domain's 409).
    turn: { answer: answersHandoff(viewer, facts), cancel: cancelsHandoff(viewer, facts), close: closesAssist(viewer, facts) },
  };
}

/** The people of the receiving company a manager may name (new owner or helper). */
export async function assigneeOptions(companyId: number) {
  return getDb()
    .select({ id: users.id, name: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.disabled, false), inArray(users.role, companyRoles())))
    .orderBy(asc(users.displayName));
}

/** The companies a project may be handed to: the zone's companies except the committee and its current company. */
export async function handoffTargets(viewer: Viewer, exceptCompanyId: number) {
  return getDb()
    .select({ id: companies.id, name: companies.name, kind: companies.kind })
    .from(companies)
    .where(and(eq(companies.zoneId, viewer.zoneId), eq(companies.active, true), ne(companies.kind, "committee"), ne(companies.id, exceptCompanyId)))
    .orderBy(asc(companies.sortOrder), asc(companies.id));
}

/** A project's handoffs, newest first, for its page (the caller has checked the viewer may see the project). */
export async function listProjectHandoffs(projectId: number) {
  return handoffQuery(getDb()).where(eq(handoffs.projectId, projectId)).orderBy(desc(handoffs.createdAt), desc(handoffs.id));
}

/** Whether the project has a pending transfer (the request form says so instead of offering a second). */
export async function hasOpenTransfer(projectId: number) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(handoffs)
    .where(and(eq(handoffs.projectId, projectId), eq(handoffs.kind, "transfer"), eq(handoffs.status, "pending")));
  return row.n > 0;
}
