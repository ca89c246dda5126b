// Activities on a project (visits, calls, review meetings) and their next actions: logging one, marking a next
// action done, and keeping the project's last-activity date and next action in step with them.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "~db/index";
import { getDb } from "~db/index";
import { activities, activityContacts, activityUsers, investorContacts, projects, users } from "~db/schema";
import { todayInZone } from "~/lib/dates";
import type { Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { forbidden, invalid, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canCompleteNextAction, canLogActivity } from "~/modules/auth/policy";
import type { ActivityInput } from "./activity.schema";
import { loadProjectFacts } from "./projects.server";

// ---------------------------------------------------------------------------------------------------------------
// Activities

/** Recomputes the project's last activity date and its next action (the earliest open one). */
export async function refreshActivityFacts(tx: Transaction, projectId: number) {
  const [last] = await tx
    .select({ on: sql<string | null>`max(${activities.occurredOn})::text` })
    .from(activities)
    .where(eq(activities.projectId, projectId));
  const [next] = await tx
    .select({ action: activities.nextAction, due: activities.nextActionDueOn })
    .from(activities)
    .where(and(eq(activities.projectId, projectId), sql`${activities.nextAction} is not null`, sql`${activities.nextActionDoneAt} is null`))
    .orderBy(sql`${activities.nextActionDueOn} asc nulls last`, asc(activities.id))
    .limit(1);
  const [review] = await tx
    .select({ outcome: activities.reviewOutcome })
    .from(activities)
    .where(and(eq(activities.projectId, projectId), eq(activities.kind, "review_meeting")))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(1);
  await tx
    .update(projects)
    .set({
      lastActivityOn: last?.on ?? null,
      nextAction: next?.action ?? null,
      nextActionOn: next?.due ?? null,
      ...(review ? { reviewOutcome: review.outcome } : {}),
    })
    .where(eq(projects.id, projectId));
}

export type OpenNextAction = { id: number; nextAction: string; dueOn: string | null };

/** The project's open next actions, earliest due first: what a new one replaces, or a stage move closes. */
export async function listOpenNextActions(projectId: number): Promise<OpenNextAction[]> {
  const rows = await getDb()
    .select({ id: activities.id, nextAction: activities.nextAction, dueOn: activities.nextActionDueOn })
    .from(activities)
    .where(and(eq(activities.projectId, projectId), sql`${activities.nextAction} is not null`, sql`${activities.nextActionDoneAt} is null`))
    .orderBy(sql`${activities.nextActionDueOn} asc nulls last`, asc(activities.id))
    .limit(50);
  return rows.map((r) => ({ id: r.id, nextAction: r.nextAction ?? "", dueOn: r.dueOn }));
}

/**
 * Closes open next actions of a project in the caller's transaction (done now, audited as closed, not completed):
 * the ones named, or all of them. The caller refreshes the project's facts. Returns how many it closed.
 */
export async function closeNextActions(tx: Transaction, viewer: Viewer, projectId: number, ids: number[] | "all", reason: string): Promise<number> {
  if (ids !== "all" && ids.length === 0) return 0;
  const closed = await tx
    .update(activities)
    .set({ nextActionDoneAt: new Date() })
    .where(
      and(
        eq(activities.projectId, projectId),
        sql`${activities.nextAction} is not null`,
        sql`${activities.nextActionDoneAt} is null`,
        ids === "all" ? undefined : inArray(activities.id, ids),
      ),
    )
    .returning({ id: activities.id, action: activities.nextAction });
  for (const c of closed) {
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "activity",
      entityId: c.id,
      action: "close_next_action",
      after: { projectId, nextAction: c.action, reason },
    });
  }
  return closed.length;
}

export type ActivityResult = Ok<{ id: number }> | NotFound | Invalid;

/**
 * Logs an activity. `withActivity` writes what belongs to it (its files) in the same transaction, so that the
 * activity and everything of it are written together or not at all.
 */
export async function logActivity(
  viewer: Viewer,
  projectId: number,
  input: ActivityInput,
  withActivity?: (tx: Transaction, at: { zoneId: number; projectId: number; activityId: number }) => Promise<void>,
): Promise<ActivityResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canLogActivity(viewer, facts)) return notFound();
  const refused = await checkActivity(viewer, projectId, facts.companyId, input);
  if (refused) return refused;
  return getDb().transaction(async (tx): Promise<ActivityResult> => {
    const created = await insertActivity(tx, viewer, projectId, facts.companyId, input);
    await withActivity?.(tx, { zoneId: facts.zoneId, projectId, activityId: created.id });
    return ok(created);
  });
}

/** What a new activity may not be: in the future, or with participants from outside the project. */
export async function checkActivity(viewer: Viewer, projectId: number, companyId: number, input: ActivityInput): Promise<Invalid | null> {
  if (input.occurredOn > todayInZone()) return invalid({ occurredOn: "stage.error.future" });
  const db = getDb();
  const [project] = await db.select({ investorId: projects.investorId }).from(projects).where(eq(projects.id, projectId));
  if (input.userIds.length) {
    const found = await db
      .select({ id: users.id })
      .from(users)
      // Participants come from the owning company, or from the helper's own company on an assist.
      .where(and(inArray(users.id, input.userIds), inArray(users.companyId, [companyId, viewer.companyId ?? companyId])));
    if (found.length !== input.userIds.length) return invalid({ userIds: "activity.error.participant" });
  }
  if (input.contactIds.length) {
    const found = await db
      .select({ id: investorContacts.id })
      .from(investorContacts)
      .where(and(inArray(investorContacts.id, input.contactIds), eq(investorContacts.investorId, project.investorId)));
    if (found.length !== input.contactIds.length) return invalid({ contactIds: "activity.error.participant" });
  }
  return null;
}

/**
 * Writes a checked activity in the caller's transaction: the row, its participants, the project's derived columns
 * and the audit row.
 */
export async function insertActivity(tx: Transaction, viewer: Viewer, projectId: number, companyId: number, input: ActivityInput) {
  const [created] = await tx
    .insert(activities)
    .values({
      projectId,
      companyId: viewer.companyId ?? companyId,
      kind: input.kind,
      occurredOn: input.occurredOn,
      summary: input.summary,
      reviewOutcome: input.reviewOutcome,
      terms: input.terms.length ? input.terms : null,
      nextAction: input.nextAction,
      nextActionDueOn: input.nextActionDueOn,
      createdById: viewer.id,
    })
    .returning({ id: activities.id });
  if (input.userIds.length) {
    await tx.insert(activityUsers).values(input.userIds.map((userId) => ({ activityId: created.id, userId })));
  }
  if (input.contactIds.length) {
    await tx.insert(activityContacts).values(input.contactIds.map((contactId) => ({ activityId: created.id, contactId })));
  }
  // The new next action replaces the open ones the form showed, unless the user kept them on purpose.
  if (input.nextAction && !input.keepNextActions) {
    await closeNextActions(tx, viewer, projectId, input.replaceIds, `replaced:${created.id}`);
  }
  await refreshActivityFacts(tx, projectId);
  await writeAudit(tx, {
    zoneId: viewer.zoneId,
    actorId: viewer.id,
    entity: "activity",
    entityId: created.id,
    action: "create",
    after: { projectId, ...input },
  });
  return { id: created.id };
}

export type CompleteResult = Ok<{ action: string; projectId: number }> | NotFound | Forbidden;

/**
 * Marks an activity's next action done (one click on the project page). notFound: no such project, or no open next
 * action of that activity on it; forbidden: the viewer may not log on the project.
 */
export async function completeNextAction(viewer: Viewer, projectId: number, activityId: number): Promise<CompleteResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts) return notFound();
  if (!canLogActivity(viewer, facts)) return forbidden();
  return markNextActionDone(viewer, projectId, activityId);
}

/**
 * Marks a next action done from 我的工作台, knowing only the activity: whoever may edit its project. Anything else —
 * no such activity, another company's, nothing open — is notFound, never revealing that it exists.
 */
export async function completeDeskNextAction(viewer: Viewer, activityId: number): Promise<CompleteResult> {
  const [row] = await getDb().select({ projectId: activities.projectId }).from(activities).where(eq(activities.id, activityId));
  const facts = row ? await loadProjectFacts(row.projectId) : undefined;
  if (!row || !facts || !canCompleteNextAction(viewer, facts)) return notFound();
  return markNextActionDone(viewer, row.projectId, activityId);
}

async function markNextActionDone(viewer: Viewer, projectId: number, activityId: number): Promise<CompleteResult> {
  return getDb().transaction(async (tx): Promise<CompleteResult> => {
    const [done] = await tx
      .update(activities)
      .set({ nextActionDoneAt: new Date() })
      .where(
        and(
          eq(activities.id, activityId),
          eq(activities.projectId, projectId),
          sql`${activities.nextAction} is not null`,
          sql`${activities.nextActionDoneAt} is null`,
        ),
      )
      .returning({ action: activities.nextAction });
    if (!done) return notFound();
    await refreshActivityFacts(tx, projectId);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "activity",
      entityId: activityId,
      action: "complete_next_action",
      after: { projectId, nextAction: done.action },
    });
    return ok({ action: done.action ?? "", projectId });
  });
}
