// Moving a project through its stages and setting its status: forward through the gates (stage-gates.ts), back one
// stage with a reason, on hold / lost / active. Each is a versioned update with its history and audit rows.
import { and, count, eq, sql } from "drizzle-orm";
import type { Transaction } from "~db/index";
import { getDb } from "~db/index";
import { activities, investorContacts, projectEvents, projects } from "~db/schema";
import { enterpriseSearchKey } from "~/lib/search-key";
import { todayInZone } from "~/lib/dates";
import type { ProjectStage } from "~/lib/domain-values";
import type { MessageKey } from "~/lib/i18n";
import type { Conflict, Invalid, NotFound, Ok } from "~/lib/result";
import { invalid, notFound, ok } from "~/lib/result";
import { auditUpdate } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canEditProject, canManageCompany, canOverrideApprovalGate } from "~/modules/auth/policy";
import { createChecklist, openRequiredApprovals } from "~/modules/approvals/approvals.server";
import type { ProjectConflict } from "./project-conflict.server";
import { projectConflict } from "./project-conflict.server";
import { closeNextActions, refreshActivityFacts } from "./project-activities.server";
import { loadProjectFacts } from "./projects.server";
import type { GateFacts, GateInput, GateStage } from "./stage-gates";
import { gateProblems, nextStage, overridesApprovalGate, previousStage, STAGE_DATE_COLUMN } from "./stage-gates";

/** What a stage or status move does with the project's open next actions: closed unless the user keeps them. */
export type OpenActionsChoice = { keepNextActions?: boolean };

/** 投产, 搁置 and 流失 end the day-to-day work: their open next actions close with the move unless kept. */
async function closeActionsOnMove(tx: Transaction, viewer: Viewer, projectId: number, reason: string, choice: OpenActionsChoice) {
  if (choice.keepNextActions) return;
  if ((await closeNextActions(tx, viewer, projectId, "all", reason)) > 0) await refreshActivityFacts(tx, projectId);
}

export type MoveResult = Ok<{ stage: ProjectStage }> | NotFound | Invalid | Conflict<ProjectConflict>;

type Change = {
  viewer: Viewer;
  projectId: number;
  /** The version the user started from; the write only happens if it is still current. */
  version: number;
  before: typeof projects.$inferSelect;
  changes: Partial<typeof projects.$inferInsert>;
  event: Omit<typeof projectEvents.$inferInsert, "projectId" | "actorId">;
  auditAction: string;
  /** Beside the changed fields in the audit row (which activity moved the stage). */
  auditExtra?: Record<string, unknown>;
};

function pickEnterprise(changes: Change["changes"]) {
  const out: { projectCompanyName?: string | null; projectCompanyUscc?: string | null } = {};
  if ("projectCompanyName" in changes) out.projectCompanyName = changes.projectCompanyName ?? null;
  if ("projectCompanyUscc" in changes) out.projectCompanyUscc = changes.projectCompanyUscc ?? null;
  return out;
}

/**
 * Applies a stage or status change in the caller's transaction: the versioned update, its history row and its
 * audit row. Returns a conflict when someone saved first.
 */
async function commitProjectChange(tx: Transaction, c: Change): Promise<Conflict<ProjectConflict> | null> {
  // Registering names the enterprise: the search finds it by its name, USCC and pinyin from now on.
  const enterprise =
    "projectCompanyName" in c.changes || "projectCompanyUscc" in c.changes
      ? { enterpriseKey: enterpriseSearchKey({ ...c.before, ...pickEnterprise(c.changes) }) }
      : {};
  const [updated] = await tx
    .update(projects)
    .set({ ...c.changes, ...enterprise, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, c.projectId), eq(projects.version, c.version)))
    .returning({ id: projects.id });
  if (!updated) return projectConflict(tx, c.projectId);
  await tx.insert(projectEvents).values({ ...c.event, projectId: c.projectId, actorId: c.viewer.id });
  await auditUpdate(tx, {
    zoneId: c.viewer.zoneId,
    actorId: c.viewer.id,
    entity: "project",
    entityId: c.projectId,
    action: c.auditAction,
    before: c.before,
    after: { ...c.changes, ...c.auditExtra },
  });
  return null;
}

type StoredGateFacts = Omit<GateFacts, "overrideReason" | "mayOverride"> & { investorId: number; openApprovalNames: string[] };

async function gateFacts(tx: Transaction, projectId: number): Promise<StoredGateFacts> {
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
  const open = await openRequiredApprovals(tx, projectId);
  return { ...p, activityCount: n, today: todayInZone(), openRequiredApprovals: open.length, openApprovalNames: open.map((o) => o.name) };
}

/** Moves a project one stage forward with what the gate asks for. */
export async function moveProjectForward<S extends GateStage>(
  viewer: Viewer,
  projectId: number,
  to: S,
  input: GateInput<S>,
  choice: OpenActionsChoice = {},
): Promise<MoveResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return notFound();
  return getDb().transaction((tx) => applyForwardMove(tx, viewer, projectId, to, input, undefined, choice));
}

/**
 * The forward move in the caller's transaction, after the caller checked the viewer may edit the project: the
 * version check, the gate, the versioned update, its history and audit rows. `activity` is the activity logged
 * with it in the same transaction (issue 19): the audit row names it, so the history shows the pair as one event.
 */
export async function applyForwardMove<S extends GateStage>(
  tx: Transaction,
  viewer: Viewer,
  projectId: number,
  to: S,
  input: GateInput<S>,
  activity?: { id: number; kind: string },
  choice: OpenActionsChoice = {},
): Promise<MoveResult> {
  const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
  if (before.version !== input.version) return projectConflict(tx, projectId);
  if (before.status !== "active") return invalid({ _form: "projects.notActive" }, { _form: { status: before.status } });
  if (nextStage(before.stage) !== to) return invalid({ _form: "stage.error.notNext" });

  // 开工 waits for the approvals required for it, unless the company's manager overrides with a reason (issue 21).
  const overrideReason = to === "construction" ? ((input as GateInput<"construction">).approvalOverride ?? null) : null;
  const policyFacts = { ...before, formerCompanyIds: [], formerOwnerIds: [] };
  const factsNow = { ...(await gateFacts(tx, projectId)), overrideReason, mayOverride: canOverrideApprovalGate(viewer, policyFacts) };
  const problems: Record<string, MessageKey> = gateProblems(to, input.businessOn, factsNow);
  const overridden = overridesApprovalGate(to, factsNow);
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
  if (Object.keys(problems).length) return invalid(problems);

  const conflict = await commitProjectChange(tx, {
    viewer,
    projectId,
    version: input.version,
    before,
    changes: { ...changes, stage: to },
    event: {
      kind: "stage",
      fromStage: before.stage,
      toStage: to,
      businessOn: input.businessOn,
      note: input.note ?? null,
      gateOverrideReason: overridden ? overrideReason : null,
    },
    auditAction: activity ? "activity_stage_forward" : "stage_forward",
    auditExtra: {
      ...(activity ? { activityId: activity.id, activityKind: activity.kind } : {}),
      ...(overridden ? { approvalOverride: overrideReason, openApprovals: factsNow.openApprovalNames } : {}),
    },
  });
  if (conflict) return conflict;
  // Signing creates the checklist of approvals from the zone's catalogue, in the same transaction (issue 21).
  if (to === "signed") await createChecklist(tx, projectId);
  if (to === "production") await closeActionsOnMove(tx, viewer, projectId, "stage:production", choice);
  return ok({ stage: to });
}

/** A manager moves a project back one stage with a reason; the left stage's date no longer counts. */
export async function moveProjectBack(
  viewer: Viewer,
  projectId: number,
  input: { version: number; businessOn: string; note: string },
): Promise<MoveResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return notFound();
  if (!canManageCompany(viewer, facts.companyId)) return invalid({ _form: "projects.managerOnly" });
  return getDb().transaction(async (tx): Promise<MoveResult> => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (before.version !== input.version) return projectConflict(tx, projectId);
    const to = previousStage(before.stage);
    if (!to) return invalid({ _form: "stage.error.noPrevious" });
    if (input.businessOn > todayInZone()) return invalid({ businessOn: "stage.error.future" });
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
    return ok({ stage: to });
  });
}

export type StatusResult = Ok<undefined> | NotFound | Invalid | Conflict<ProjectConflict>;

/** On hold, lost (with a reason from the list) or back to active: the company's manager decides. */
export async function setProjectStatus(
  viewer: Viewer,
  projectId: number,
  input: { version: number; businessOn: string; status: "active" | "on_hold" | "lost"; lostReason?: string; note?: string },
  choice: OpenActionsChoice = {},
): Promise<StatusResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return notFound();
  if (!canManageCompany(viewer, facts.companyId)) return invalid({ _form: "projects.managerOnly" });
  if (input.businessOn > todayInZone()) return invalid({ businessOn: "stage.error.future" });
  return getDb().transaction(async (tx): Promise<StatusResult> => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (before.version !== input.version) return projectConflict(tx, projectId);
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
    if (input.status !== "active") await closeActionsOnMove(tx, viewer, projectId, `status:${input.status}`, choice);
    return ok();
  });
}
