// Every write to a project: create, edit (optimistic locking), stage moves through the gates, status changes,
// activities and next actions. Each runs in one transaction with its history and audit rows.
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "~db/index";
import { getDb } from "~db/index";
import { isUniqueViolation } from "~db/errors";
import {
  activities,
  activityContacts,
  activityUsers,
  auditLog,
  clusters,
  companies,
  investorContacts,
  investors,
  projectEvents,
  projectHoldings,
  projects,
  users,
} from "~db/schema";
import { todayInZone, yearOf } from "~/lib/dates";
import type { ProjectStage } from "~/lib/domain-values";
import type { FieldErrors } from "~/lib/forms";
import { compareDecimal } from "~/lib/form-fields";
import type { MessageKey } from "~/lib/i18n";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import { companyName } from "~/modules/companies/companies.server";
import { notify } from "~/modules/notifications/notify.server";
import type { Viewer } from "~/modules/auth/policy";
import { canCreateProjectIn, canEditProject, canLogActivity, canManageCompany, canNameOwner, companyRoles } from "~/modules/auth/policy";
import type { ActivityInput } from "./activity.schema";
import type { CreateProjectInput, EditableField, UpdateProjectInput } from "./project-form.schema";
import { EDITABLE_FIELDS } from "./project-form.schema";
import type { InvestorFollower } from "./followers";
import { investorFollowerUserIds, otherCompaniesFollowing } from "./investor-followers.server";
import { loadProjectFacts } from "./projects.server";
import type { GateFacts, GateInput, GateStage } from "./stage-gates";
import { gateProblems, nextStage, previousStage, STAGE_DATE_COLUMN } from "./stage-gates";
import { nextProjectCode } from "./project-code.server";

/** A failed write: messages per field ("_form" for the whole form), as dictionary keys with optional parameters. */
export type Refusal = { ok: false; errors: FieldErrors; params?: Record<string, Record<string, string>> };
export type Conflict = {
  ok: false;
  conflict: {
    by: string | null;
    at: string | null;
    version: number;
    stage: ProjectStage;
    /** For an edit: the fields where the user's input differs from what is now saved. */
    fields: { field: EditableField; theirs: unknown; yours: unknown }[];
  };
};
const refuse = (errors: FieldErrors, params?: Refusal["params"]): Refusal => ({ ok: false, errors, params });

const DECIMAL_FIELDS = new Set<EditableField>([
  "plannedInvestmentWan",
  "contractedInvestmentWan",
  "foreignInvestmentUsdWan",
  "fixedAssetInvestmentWan",
  "landMu",
  "annualOutputWan",
  "annualTaxWan",
]);

function sameValue(field: EditableField, a: unknown, b: unknown) {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  if (DECIMAL_FIELDS.has(field)) return compareDecimal(String(x), String(y)) === 0;
  return x === y;
}

/** Who last changed a project and when, from its audit rows. */
async function lastChange(db: Executor, projectId: number) {
  const actor = alias(users, "actor");
  const [row] = await db
    .select({ by: actor.displayName, at: auditLog.at })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, projectId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return { by: row?.by ?? null, at: row?.at.toISOString() ?? null };
}

async function conflictFor(db: Executor, projectId: number, yours?: Record<string, unknown>): Promise<Conflict> {
  const [current] = await db.select().from(projects).where(eq(projects.id, projectId));
  const who = await lastChange(db, projectId);
  const fields = yours ? conflictingFields(current, yours) : [];
  return { ok: false, conflict: { ...who, version: current.version, stage: current.stage, fields } };
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving the references a form names

async function resolveInvestor(db: Executor, viewer: Viewer, input: { investorId?: number; investorName: string }) {
  const where = input.investorId
    ? and(eq(investors.id, input.investorId), eq(investors.zoneId, viewer.zoneId))
    : and(eq(investors.name, input.investorName.trim()), eq(investors.zoneId, viewer.zoneId));
  const [row] = await db.select({ id: investors.id, name: investors.name }).from(investors).where(where).limit(1);
  return row;
}

async function checkReferences(
  db: Executor,
  viewer: Viewer,
  companyId: number,
  input: { clusterId: number; investorContactId?: number; ownerId?: number },
  investorId: number,
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const [cluster] = await db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(eq(clusters.id, input.clusterId), eq(clusters.zoneId, viewer.zoneId)));
  if (!cluster) errors.clusterId = "projects.clusterPick";
  if (input.investorContactId) {
    const [contact] = await db
      .select({ id: investorContacts.id })
      .from(investorContacts)
      .where(and(eq(investorContacts.id, input.investorContactId), eq(investorContacts.investorId, investorId)));
    if (!contact) errors.investorContactId = "projects.contactInvalid";
  }
  if (input.ownerId) {
    const [owner] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, input.ownerId),
          eq(users.companyId, companyId),
          eq(users.disabled, false),
          inArray(users.role, companyRoles()),
        ),
      );
    if (!owner) errors.ownerId = "projects.ownerInvalid";
  }
  return errors;
}

/** The same investment already being followed: same investor and cluster, not lost, and a near-same name or scope. */
async function findDuplicateInvestment(
  db: Executor,
  viewer: Viewer,
  input: { investorId: number; clusterId: number; name: string; content?: string },
  exceptProjectId?: number,
) {
  const owner = alias(users, "owner");
  const [row] = await db
    .select({ company: companies.name, owner: owner.displayName })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .where(
      and(
        eq(projects.zoneId, viewer.zoneId),
        eq(projects.investorId, input.investorId),
        eq(projects.clusterId, input.clusterId),
        ne(projects.status, "lost"),
        exceptProjectId ? ne(projects.id, exceptProjectId) : undefined,
        sql`(similarity(${projects.name}, ${input.name}) >= 0.6 or (${input.content ?? null}::text is not null and ${projects.content} = ${input.content ?? null}))`,
      ),
    )
    .limit(1);
  return row;
}

function fieldValues(input: Omit<CreateProjectInput, "confirmedFollowers"> | UpdateProjectInput, investorId: number) {
  return {
    name: input.name,
    investorId,
    investorContactId: input.investorContactId ?? null,
    clusterId: input.clusterId,
    sourceChannel: input.sourceChannel ?? null,
    content: input.content ?? null,
    investmentType: input.investmentType ?? null,
    plannedInvestmentWan: input.plannedInvestmentWan ?? null,
    contractedInvestmentWan: input.contractedInvestmentWan ?? null,
    foreignInvestmentUsdWan: input.foreignInvestmentUsdWan ?? null,
    fixedAssetInvestmentWan: input.fixedAssetInvestmentWan ?? null,
    landMu: input.landMu ?? null,
    annualOutputWan: input.annualOutputWan ?? null,
    annualTaxWan: input.annualTaxWan ?? null,
    jobs: input.jobs ?? null,
    plannedSignOn: input.plannedSignOn ?? null,
    plannedConstructionOn: input.plannedConstructionOn ?? null,
    plannedProductionOn: input.plannedProductionOn ?? null,
    confidential: input.confidential,
    note: input.note ?? null,
  } satisfies Record<EditableField, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------
// Create and edit

export type CreateResult = { ok: true; id: number; code: string } | Refusal | { ok: false; followers: InvestorFollower[] };

export async function createProject(viewer: Viewer, input: CreateProjectInput): Promise<CreateResult> {
  const companyId = viewer.companyId;
  if (companyId === null || !canCreateProjectIn(viewer, companyId)) return refuse({ _form: "error.forbidden" });
  const db = getDb();
  const investor = await resolveInvestor(db, viewer, input);
  if (!investor) return refuse({ investorName: "projects.investorUnknown" });
  // Only a manager names another owner; staff own what they create.
  const ownerId = canNameOwner(viewer) && input.ownerId ? input.ownerId : viewer.id;
  const errors = await checkReferences(db, viewer, companyId, { ...input, ownerId }, investor.id);
  if (Object.keys(errors).length) return refuse(errors);

  const duplicate = await findDuplicateInvestment(db, viewer, { ...input, investorId: investor.id });
  if (duplicate) {
    return refuse({ _form: "projects.duplicate" }, { _form: { company: duplicate.company, owner: duplicate.owner ?? "—" } });
  }
  const followers = await otherCompaniesFollowing(db, viewer, investor.id);
  if (followers.length && !input.confirmedFollowers) return { ok: false, followers };

  const today = todayInZone();
  // Two people creating at once may pick the same code: the unique index refuses one, which then retries.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const code = await nextProjectCode(tx, viewer.zoneId, yearOf(today));
        const values = { ...fieldValues(input, investor.id), contractedInvestmentWan: null };
        const [created] = await tx
          .insert(projects)
          .values({ ...values, zoneId: viewer.zoneId, code, companyId, ownerId, createdById: viewer.id })
          .returning({ id: projects.id, code: projects.code });
        await tx.insert(projectEvents).values({
          projectId: created.id,
          kind: "created",
          toStage: "lead",
          toStatus: "active",
          businessOn: today,
          actorId: viewer.id,
        });
        await tx.insert(projectHoldings).values({ projectId: created.id, companyId, fromOn: today });
        // A different investment of an investor others follow: they are told (company and investor only).
        if (followers.length) {
          await notify(tx, {
            zoneId: viewer.zoneId,
            userIds: await investorFollowerUserIds(tx, viewer.zoneId, investor.id, companyId),
            kind: "investor_followed",
            params: { investor: investor.name, company: await companyName(tx, companyId) },
            link: `/investors/${investor.id}`,
          });
        }
        await writeAudit(tx, {
          zoneId: viewer.zoneId,
          actorId: viewer.id,
          entity: "project",
          entityId: created.id,
          action: "create",
          after: { code, ...values, companyId, ownerId },
        });
        return { ok: true as const, id: created.id, code: created.code };
      });
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error, "projects_zone_code_uq")) continue;
      throw error;
    }
  }
}

export type UpdateResult = { ok: true } | Refusal | Conflict | { ok: false; notFound: true };

/** Saves an edit made from `input.version`; a newer version in the database is a conflict, never overwritten. */
export async function updateProject(viewer: Viewer, projectId: number, input: UpdateProjectInput): Promise<UpdateResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return { ok: false, notFound: true };
  const db = getDb();
  const investor = await resolveInvestor(db, viewer, input);
  if (!investor) return refuse({ investorName: "projects.investorUnknown" });
  const ownerId = canManageCompany(viewer, facts.companyId) ? input.ownerId : undefined;
  const errors = await checkReferences(db, viewer, facts.companyId, { ...input, ownerId }, investor.id);
  if (Object.keys(errors).length) return refuse(errors);
  const duplicate = await findDuplicateInvestment(db, viewer, { ...input, investorId: investor.id }, projectId);
  if (duplicate) {
    return refuse({ _form: "projects.duplicate" }, { _form: { company: duplicate.company, owner: duplicate.owner ?? "—" } });
  }

  return db.transaction(async (tx): Promise<UpdateResult> => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    const values = fieldValues(input, investor.id);
    // The contracted figure belongs to signing: before it, the field is not offered and stays as it is.
    if (before.stage === "lead" || !before.signedOn) values.contractedInvestmentWan = before.contractedInvestmentWan;
    const ownerChange = ownerId && ownerId !== before.ownerId ? { ownerId } : {};
    const [updated] = await tx
      .update(projects)
      .set({ ...values, ...ownerChange, version: sql`${projects.version} + 1`, updatedAt: new Date() })
      .where(and(eq(projects.id, projectId), eq(projects.version, input.version)))
      .returning({ id: projects.id });
    if (!updated) return conflictFor(tx, projectId, values);
    if (ownerId && ownerId !== before.ownerId) {
      await tx.insert(projectEvents).values({
        projectId,
        kind: "owner",
        fromOwnerId: before.ownerId,
        toOwnerId: ownerId,
        businessOn: todayInZone(),
        actorId: viewer.id,
      });
    }
    await auditUpdate(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "project",
      entityId: projectId,
      action: "update",
      before,
      after: { ...values, ...ownerChange },
    });
    return { ok: true };
  });
}

/** For the conflict screen: the fields where the user's input differs from what is now saved. */
function conflictingFields(current: Record<string, unknown>, input: Record<string, unknown>) {
  return EDITABLE_FIELDS.filter((f) => !sameValue(f, current[f], input[f])).map((field) => ({
    field,
    theirs: current[field] ?? null,
    yours: input[field] ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Stages and status

type MoveResult = { ok: true; stage: ProjectStage } | Refusal | Conflict | { ok: false; notFound: true };

type Change = {
  viewer: Viewer;
  projectId: number;
  /** The version the user started from; the write only happens if it is still current. */
  version: number;
  before: typeof projects.$inferSelect;
  changes: Partial<typeof projects.$inferInsert>;
  event: Omit<typeof projectEvents.$inferInsert, "projectId" | "actorId">;
  auditAction: string;
};

/**
 * Applies a stage or status change in the caller's transaction: the versioned update, its history row and its
 * audit row. Returns a conflict when someone saved first.
 */
async function commitProjectChange(tx: Transaction, c: Change): Promise<Conflict | null> {
  const [updated] = await tx
    .update(projects)
    .set({ ...c.changes, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, c.projectId), eq(projects.version, c.version)))
    .returning({ id: projects.id });
  if (!updated) return conflictFor(tx, c.projectId);
  await tx.insert(projectEvents).values({ ...c.event, projectId: c.projectId, actorId: c.viewer.id });
  await auditUpdate(tx, {
    zoneId: c.viewer.zoneId,
    actorId: c.viewer.id,
    entity: "project",
    entityId: c.projectId,
    action: c.auditAction,
    before: c.before,
    after: c.changes,
  });
  return null;
}

async function gateFacts(tx: Transaction, projectId: number): Promise<GateFacts & { investorId: number }> {
  const [p] = await tx
    .select({
      investorId: projects.investorId,
      reviewOutcome: projects.reviewOutcome,
      contactedOn: projects.contactedOn,
      signedOn: projects.signedOn,
      constructionOn: projects.constructionOn,
    })
    .from(projects)
    .where(eq(projects.id, projectId));
  const [{ n }] = await tx.select({ n: count() }).from(activities).where(eq(activities.projectId, projectId));
  return { ...p, activityCount: n, today: todayInZone() };
}

/** Moves a project one stage forward with what the gate asks for. */
export async function moveProjectForward<S extends GateStage>(
  viewer: Viewer,
  projectId: number,
  to: S,
  input: GateInput<S>,
): Promise<MoveResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return { ok: false, notFound: true };
  const db = getDb();
  return db.transaction(async (tx): Promise<MoveResult> => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (before.version !== input.version) return conflictFor(tx, projectId);
    if (before.status !== "active") return refuse({ _form: "projects.notActive" }, { _form: { status: before.status } });
    if (nextStage(before.stage) !== to) return refuse({ _form: "stage.error.notNext" });

    const factsNow = await gateFacts(tx, projectId);
    const problems: Record<string, MessageKey> = gateProblems(to, input.businessOn, factsNow);
    const changes: Partial<typeof projects.$inferInsert> = {};
    const dateColumn = STAGE_DATE_COLUMN[to];
    if (dateColumn) Object.assign(changes, { [dateColumn]: input.businessOn });

    if (to === "contacted" && !before.firstContactCompanyId) changes.firstContactCompanyId = before.companyId;
    if (to === "negotiating") {
      const gate = input as GateInput<"negotiating">;
      const [contact] = await tx
        .select({ id: investorContacts.id })
        .from(investorContacts)
        .where(and(eq(investorContacts.id, gate.investorContactId), eq(investorContacts.investorId, factsNow.investorId)));
      if (!contact) problems.investorContactId = "projects.contactInvalid";
      changes.investorContactId = gate.investorContactId;
      changes.plannedInvestmentWan = gate.plannedInvestmentWan;
    }
    if (to === "evaluating") {
      const gate = input as GateInput<"evaluating">;
      changes.landMu = gate.landMu;
      changes.annualOutputWan = gate.annualOutputWan;
    }
    if (to === "signed") {
      const gate = input as GateInput<"signed">;
      changes.agreementNo = gate.agreementNo;
      changes.contractedInvestmentWan = gate.contractedInvestmentWan;
    }
    if (to === "registered") {
      const gate = input as GateInput<"registered">;
      changes.projectCompanyName = gate.projectCompanyName;
      changes.projectCompanyUscc = gate.projectCompanyUscc;
    }
    if (Object.keys(problems).length) return refuse(problems);

    const conflict = await commitProjectChange(tx, {
      viewer,
      projectId,
      version: input.version,
      before,
      changes: { ...changes, stage: to },
      event: { kind: "stage", fromStage: before.stage, toStage: to, businessOn: input.businessOn, note: input.note ?? null },
      auditAction: "stage_forward",
    });
    if (conflict) return conflict;
    return { ok: true, stage: to };
  });
}

/** A manager moves a project back one stage with a reason; the left stage's date no longer counts. */
export async function moveProjectBack(
  viewer: Viewer,
  projectId: number,
  input: { version: number; businessOn: string; note: string },
): Promise<MoveResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return { ok: false, notFound: true };
  if (!canManageCompany(viewer, facts.companyId)) return refuse({ _form: "projects.managerOnly" });
  return getDb().transaction(async (tx): Promise<MoveResult> => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (before.version !== input.version) return conflictFor(tx, projectId);
    const to = previousStage(before.stage);
    if (!to) return refuse({ _form: "stage.error.noPrevious" });
    if (input.businessOn > todayInZone()) return refuse({ businessOn: "stage.error.future" });
    const changes: Partial<typeof projects.$inferInsert> = {};
    const left = STAGE_DATE_COLUMN[before.stage];
    if (left) Object.assign(changes, { [left]: null });
    if (before.stage === "signed") changes.contractedInvestmentWan = null;
    const conflict = await commitProjectChange(tx, {
      viewer,
      projectId,
      version: input.version,
      before,
      changes: { ...changes, stage: to },
      event: { kind: "stage", fromStage: before.stage, toStage: to, businessOn: input.businessOn, note: input.note },
      auditAction: "stage_back",
    });
    if (conflict) return conflict;
    return { ok: true, stage: to };
  });
}

type StatusResult = { ok: true } | Refusal | Conflict | { ok: false; notFound: true };

/** On hold, lost (with a reason from the list) or back to active: the company's manager decides. */
export async function setProjectStatus(
  viewer: Viewer,
  projectId: number,
  input: { version: number; businessOn: string; status: "active" | "on_hold" | "lost"; lostReason?: string; note?: string },
): Promise<StatusResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return { ok: false, notFound: true };
  if (!canManageCompany(viewer, facts.companyId)) return refuse({ _form: "projects.managerOnly" });
  if (input.businessOn > todayInZone()) return refuse({ businessOn: "stage.error.future" });
  return getDb().transaction(async (tx): Promise<StatusResult> => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (before.version !== input.version) return conflictFor(tx, projectId);
    const changes = {
      status: input.status,
      lostReason: input.status === "lost" ? (input.lostReason as typeof before.lostReason) : null,
      statusNote: input.status === "active" ? null : (input.note ?? null),
    };
    const conflict = await commitProjectChange(tx, {
      viewer,
      projectId,
      version: input.version,
      before,
      changes,
      event: { kind: "status", fromStatus: before.status, toStatus: input.status, businessOn: input.businessOn, note: input.note ?? null },
      auditAction: "status",
    });
    if (conflict) return conflict;
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Activities

/** Recomputes the project's last activity date and its next action (the earliest open one). */
async function refreshActivityFacts(tx: Transaction, projectId: number) {
  const [last] = await tx
    .select({ on: sql<string | null>`max(${activities.occurredOn})::text` })
    .from(activities)
    .where(eq(activities.projectId, projectId));
  const [next] = await tx
    .select({ action: activities.nextAction, due: activities.nextActionDueOn })
    .from(activities)
    .where(
      and(
        eq(activities.projectId, projectId),
        sql`${activities.nextAction} is not null`,
        sql`${activities.nextActionDoneAt} is null`,
      ),
    )
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

export type ActivityResult = { ok: true; id: number } | Refusal | { ok: false; notFound: true };

export async function logActivity(viewer: Viewer, projectId: number, input: ActivityInput): Promise<ActivityResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canLogActivity(viewer, facts)) return { ok: false, notFound: true };
  if (input.occurredOn > todayInZone()) return refuse({ occurredOn: "stage.error.future" });
  const db = getDb();
  const [project] = await db.select({ investorId: projects.investorId }).from(projects).where(eq(projects.id, projectId));
  if (input.userIds.length) {
    const found = await db
      .select({ id: users.id })
      .from(users)
      // Participants come from the owning company, or from the helper's own company on an assist.
      .where(and(inArray(users.id, input.userIds), inArray(users.companyId, [facts.companyId, viewer.companyId ?? facts.companyId])));
    if (found.length !== input.userIds.length) return refuse({ userIds: "activity.error.participant" });
  }
  if (input.contactIds.length) {
    const found = await db
      .select({ id: investorContacts.id })
      .from(investorContacts)
      .where(and(inArray(investorContacts.id, input.contactIds), eq(investorContacts.investorId, project.investorId)));
    if (found.length !== input.contactIds.length) return refuse({ contactIds: "activity.error.participant" });
  }
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(activities)
      .values({
        projectId,
        companyId: viewer.companyId ?? facts.companyId,
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
    await refreshActivityFacts(tx, projectId);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "activity",
      entityId: created.id,
      action: "create",
      after: { projectId, ...input },
    });
    return { ok: true as const, id: created.id };
  });
}

/** Marks an activity's next action done (one click on the project page). */
export async function completeNextAction(viewer: Viewer, projectId: number, activityId: number) {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canLogActivity(viewer, facts)) return { ok: false as const, notFound: true as const };
  return getDb().transaction(async (tx) => {
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
    if (!done) return { ok: false as const, notFound: true as const };
    await refreshActivityFacts(tx, projectId);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "activity",
      entityId: activityId,
      action: "complete_next_action",
      after: { projectId, nextAction: done.action },
    });
    return { ok: true as const, action: done.action ?? "" };
  });
}

/** The project's change history: its own audit rows and those of its activities and evidence. */
export async function listProjectChanges(projectId: number, limit = 100) {
  const actor = alias(users, "actor");
  const rows = await getDb()
    .select({
      id: auditLog.id,
      entity: auditLog.entity,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      at: auditLog.at,
      by: actor.displayName,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(
      sql`(${auditLog.entity} = 'project' and ${auditLog.entityId} = ${projectId})
        or (${auditLog.entity} in ('activity', 'attachment') and ${auditLog.after} ->> 'projectId' = ${String(projectId)})`,
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return nameReferences(rows);
}

type Snapshot = Record<string, unknown> | null;

/** Audit rows keep ids; people read names. Replaces the ids of owners, companies, clusters and contacts. */
async function nameReferences<T extends { before: unknown; after: unknown }>(rows: T[]) {
  const ids = (fields: string[]) => {
    const found = new Set<number>();
    for (const r of rows) {
      for (const snap of [r.before as Snapshot, r.after as Snapshot]) {
        for (const f of fields) if (typeof snap?.[f] === "number") found.add(snap[f] as number);
      }
    }
    return [...found];
  };
  const db = getDb();
  const [userRows, companyRows, clusterRows, contactRows, investorRows] = await Promise.all([
    lookup(ids(["ownerId"]), (list) => db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list))),
    lookup(ids(["companyId", "firstContactCompanyId"]), (list) =>
      db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, list)),
    ),
    lookup(ids(["clusterId"]), (list) => db.select({ id: clusters.id, name: clusters.name }).from(clusters).where(inArray(clusters.id, list))),
    lookup(ids(["investorContactId"]), (list) =>
      db.select({ id: investorContacts.id, name: investorContacts.name }).from(investorContacts).where(inArray(investorContacts.id, list)),
    ),
    lookup(ids(["investorId"]), (list) => db.select({ id: investors.id, name: investors.name }).from(investors).where(inArray(investors.id, list))),
  ]);
  const names: Record<string, Map<number, string>> = {
    ownerId: userRows,
    companyId: companyRows,
    firstContactCompanyId: companyRows,
    clusterId: clusterRows,
    investorContactId: contactRows,
    investorId: investorRows,
  };
  const rename = (snap: Snapshot) =>
    snap &&
    Object.fromEntries(
      Object.entries(snap).map(([k, v]) => [k, typeof v === "number" && names[k]?.has(v) ? names[k].get(v) : v]),
    );
  return rows.map((r) => ({ ...r, before: rename(r.before as Snapshot), after: rename(r.after as Snapshot) }));
}

async function lookup(list: number[], query: (list: number[]) => Promise<{ id: number; name: string }[]>) {
  return new Map(list.length ? (await query(list)).map((r) => [r.id, r.name] as const) : []);
}
