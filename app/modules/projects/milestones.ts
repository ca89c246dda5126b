// Milestone activities (issue 19): logging a passed review meeting, a signing ceremony, a registration, a
// construction start or a production start may move the project into the stage it marks, in the same save. Pure:
// the activity form and its action share the mapping, the prefill and the checks.
import * as z from "zod";
import type { ACTIVITY_KINDS, ProjectStage, REVIEW_OUTCOMES } from "~/lib/domain-values";
import { activityFieldsSchema } from "./activity.schema";
import type { GateInput, GateStage } from "./stage-gates";
import { gateSchemas, nextStage } from "./stage-gates";

type ActivityKind = (typeof ACTIVITY_KINDS)[number];
type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/**
 * The stage each milestone activity marks. A review meeting counts only when it passed: its date is the
 * 会商评审 stage's date, and its "approved" is what the 签约 gate later asks for.
 */
const MILESTONE_KINDS = {
  evaluating: "review_meeting",
  signed: "signing",
  registered: "registration",
  construction: "construction_start",
  production: "production_start",
} as const satisfies Partial<Record<GateStage, ActivityKind>>;

export type MilestoneStage = keyof typeof MILESTONE_KINDS;

export function isMilestoneStage(stage: string | null | undefined): stage is MilestoneStage {
  return !!stage && stage in MILESTONE_KINDS;
}

/** The activity kind that marks `stage`, if one does. */
export function milestoneKindFor(stage: ProjectStage): ActivityKind | undefined {
  return isMilestoneStage(stage) ? MILESTONE_KINDS[stage] : undefined;
}

/** The stage an activity marks: a passed review meeting, a signing, a registration, a construction or production start. */
export function milestoneStageOf(kind: ActivityKind, reviewOutcome: ReviewOutcome | null | undefined): MilestoneStage | undefined {
  if (kind === "review_meeting") return reviewOutcome === "approved" ? "evaluating" : undefined;
  return (Object.keys(MILESTONE_KINDS) as MilestoneStage[]).find((stage) => MILESTONE_KINDS[stage] === kind);
}

/**
 * The stage a new activity on a project at `stage` could move it to: its next stage, when an activity marks it
 * (a project moves one stage at a time, so 签约仪式 on a project still in 洽谈 offers nothing).
 */
export function milestoneOffer(stage: ProjectStage, status: string): MilestoneStage | undefined {
  if (status !== "active") return undefined;
  const next = nextStage(stage);
  return isMilestoneStage(next) ? next : undefined;
}

/** What the project already holds that a gate asks for. */
export type MilestoneProject = {
  plannedInvestmentWan: string | null;
  contractedInvestmentWan: string | null;
  landMu: string | null;
  annualOutputWan: string | null;
  agreementNo: string | null;
  projectCompanyName: string | null;
  projectCompanyUscc: string | null;
};

/**
 * The gate's fields as the activity form opens them: the date is the activity's, the rest what the project holds
 * (the contracted investment starts from the planned one, as on the stage page).
 */
export function milestonePrefill(project: MilestoneProject, occurredOn: string) {
  return {
    businessOn: occurredOn,
    landMu: project.landMu,
    annualOutputWan: project.annualOutputWan,
    agreementNo: project.agreementNo,
    contractedInvestmentWan: project.contractedInvestmentWan ?? project.plannedInvestmentWan,
    projectCompanyName: project.projectCompanyName,
    projectCompanyUscc: project.projectCompanyUscc,
  };
}

const text = z.string().optional();

/** The gate's fields as they arrive from the activity form (checked by the gate's own schema when the box is ticked). */
const milestoneFields = {
  advanceStage: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  advanceTo: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(Object.keys(MILESTONE_KINDS) as [MilestoneStage, ...MilestoneStage[]]).optional(),
  ),
  version: text,
  businessOn: text,
  landMu: text,
  annualOutputWan: text,
  agreementNo: text,
  contractedInvestmentWan: text,
  projectCompanyName: text,
  projectCompanyUscc: text,
};

type MilestoneFieldValues = z.output<ReturnType<typeof z.object<typeof milestoneFields>>>;
type ActivityKindAndOutcome = { kind: ActivityKind; reviewOutcome?: ReviewOutcome; occurredOn: string; summary: string };

export type MilestoneMove = { [S in MilestoneStage]: { to: S; input: GateInput<S> } }[MilestoneStage];

/**
 * The stage move the form asks for, checked: null when the box is not ticked; field errors (message keys, the
 * gate's own) when the activity does not mark that stage or a gate field is wrong. A blank date is the activity's.
 */
export function parseMilestoneMove(
  v: MilestoneFieldValues & ActivityKindAndOutcome,
): { ok: true; move: MilestoneMove | null } | { ok: false; errors: Record<string, string> } {
  if (!v.advanceStage) return { ok: true, move: null };
  const to = v.advanceTo;
  if (!to) return { ok: false, errors: { advanceStage: "stage.error.notNext" } };
  if (milestoneStageOf(v.kind, v.reviewOutcome) !== to) {
    return { ok: false, errors: { advanceStage: `milestone.error.kind.${to}` } };
  }
  const parsed = gateSchemas[to].safeParse({
    ...v,
    businessOn: v.businessOn || v.occurredOn,
    // The history's note for the move: what was logged.
    note: v.summary.slice(0, 500),
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
    return { ok: false, errors };
  }
  return { ok: true, move: { to, input: parsed.data } as MilestoneMove };
}

/**
 * The activity form's fields with the milestone's: what the browser checks before sending (the server parses the
 * activity with `activitySchema` and the move with `milestoneMoveSchema`).
 */
export const activityMilestoneFieldsSchema = activityFieldsSchema.safeExtend(milestoneFields).superRefine((v, ctx) => {
  if (!v.kind || !v.occurredOn || !v.summary) return;
  const result = parseMilestoneMove(v as MilestoneFieldValues & ActivityKindAndOutcome);
  if (!result.ok) for (const [path, message] of Object.entries(result.errors)) ctx.addIssue({ code: "custom", path: [path], message });
});

/** The milestone part of the activity form, for the action: only its own fields and the few activity fields it reads. */
export const milestoneMoveSchema = z
  .object({
    ...milestoneFields,
    kind: activityFieldsSchema.shape.kind,
    reviewOutcome: activityFieldsSchema.shape.reviewOutcome,
    occurredOn: activityFieldsSchema.shape.occurredOn,
    summary: z.string().default(""),
  })
  .transform((v, ctx) => {
    const result = parseMilestoneMove(v);
    if (result.ok) return result.move;
    for (const [path, message] of Object.entries(result.errors)) ctx.addIssue({ code: "custom", path: [path], message });
    return z.NEVER;
  });
