// 审批事项 (issue 21): which catalogue items a project's type asks for, and an item's light. Pure. The zone's
// default catalogue is data, in db/seed/approval-catalogue.ts (the seed and the migration's list).
import { daysBetween } from "../../lib/dates";
import type { INVESTMENT_TYPES } from "../../lib/domain-values";

export type ProjectType = (typeof INVESTMENT_TYPES)[number];

export type CatalogueDefaults = {
  code: string;
  name: string;
  authority: string;
  /** The days the law or the zone's promise allows from submission to approval (calendar days for the light). */
  allowedDays: number;
  /** 承诺制: approved on the investor's commitment, checked later (区域评估 + 告知承诺). */
  commitment: boolean;
  /** Must be approved (or marked not applicable) before the project may move to 开工. */
  requiredForConstruction: boolean;
  /** Which project types (新建, 增资扩产, 技改) the item applies to. */
  appliesNew: boolean;
  appliesExpansion: boolean;
  appliesUpgrade: boolean;
  /** Only for a project that takes new land (land demand > 0 亩). */
  newLandOnly: boolean;
};

/** The template: whether a catalogue item applies to a project of this type, with or without new land. */
export function appliesTo(
  i: Pick<CatalogueDefaults, "appliesNew" | "appliesExpansion" | "appliesUpgrade" | "newLandOnly">,
  project: { type: ProjectType | null; newLand: boolean },
): boolean {
  if (i.newLandOnly && !project.newLand) return false;
  const type = project.type ?? "new"; // a project without a type is 新建
  if (type === "expansion") return i.appliesExpansion;
  if (type === "upgrade") return i.appliesUpgrade;
  return i.appliesNew;
}

/** New land: the project's land demand is known and above 0 亩. */
export function takesNewLand(landMu: string | null): boolean {
  return landMu !== null && /[1-9]/.test(landMu);
}

export const APPROVAL_LIGHTS = ["done", "na", "waiting", "on_time", "due_soon", "overdue"] as const;
export type ApprovalLight = (typeof APPROVAL_LIGHTS)[number];
/** Due soon: this many days or fewer left of the allowed days. */
export const DUE_SOON_DAYS = 3;

export type ApprovalTiming = {
  notApplicable: boolean;
  allowedDays: number;
  submittedOn: string | null;
  approvedOn: string | null;
  plannedSubmitOn: string | null;
};

/** The day the approval is due: submission plus the allowed days (null before submission). */
export function approvalDueOn(i: Pick<ApprovalTiming, "submittedOn" | "allowedDays">): string | null {
  if (!i.submittedOn) return null;
  const d = new Date(`${i.submittedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + i.allowedDays);
  return d.toISOString().slice(0, 10);
}

/**
 * An item's light (as app/lib/light.ts for projects): approved is done; not applicable is out; not submitted is
 * waiting, or overdue once its planned submission date passed; submitted is on time, due soon within
 * DUE_SOON_DAYS of the allowed days, overdue past them.
 */
export function approvalLight(i: ApprovalTiming, today: string): ApprovalLight {
  if (i.notApplicable) return "na";
  if (i.approvedOn) return "done";
  const due = approvalDueOn(i);
  if (!due) return i.plannedSubmitOn && i.plannedSubmitOn < today ? "overdue" : "waiting";
  if (due < today) return "overdue";
  return daysBetween(today, due) <= DUE_SOON_DAYS ? "due_soon" : "on_time";
}

/** An item still open for the 开工 gate: required, applicable and not approved. */
export function blocksConstruction(i: { requiredForConstruction: boolean; notApplicable: boolean; approvedOn: string | null }) {
  return i.requiredForConstruction && !i.notApplicable && !i.approvedOn;
}

/** The dates must follow each other: submitted ≤ accepted ≤ approved, none in the future. */
export function approvalDateProblems(
  i: { submittedOn: string | null; acceptedOn: string | null; approvedOn: string | null },
  today: string,
): Record<string, "approvals.error.future" | "approvals.error.order"> {
  const problems: Record<string, "approvals.error.future" | "approvals.error.order"> = {};
  for (const k of ["submittedOn", "acceptedOn", "approvedOn"] as const) {
    const v = i[k];
    if (v && v > today) problems[k] = "approvals.error.future";
  }
  if (i.acceptedOn && (!i.submittedOn || i.acceptedOn < i.submittedOn)) problems.acceptedOn ??= "approvals.error.order";
  if (i.approvedOn && (!i.submittedOn || i.approvedOn < i.submittedOn || (i.acceptedOn && i.approvedOn < i.acceptedOn)))
    problems.approvedOn ??= "approvals.error.order";
  return problems;
}
