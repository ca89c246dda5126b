// The stage gates of DOMAIN.md: what entering each stage requires. Pure: the form shows exactly these fields,
// the server checks them with the same schemas plus the facts only the database knows.
import * as z from "zod";
import type { LostReason, ProjectStage } from "~/lib/domain-values";
import { LOST_REASONS, PROJECT_STAGES } from "~/lib/domain-values";
import { decimalString, isoDate, optionalText, requiredText } from "~/lib/form-fields";
import { codedMessage } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n";
import { checkUscc } from "~/lib/uscc";

export function nextStage(stage: ProjectStage): ProjectStage | undefined {
  return PROJECT_STAGES[PROJECT_STAGES.indexOf(stage) + 1];
}

export function previousStage(stage: ProjectStage): ProjectStage | undefined {
  const i = PROJECT_STAGES.indexOf(stage);
  return i > 0 ? PROJECT_STAGES[i - 1] : undefined;
}

const uscc = z
  .string("validation.required")
  .trim()
  .toUpperCase()
  .min(1, "validation.required")
  .superRefine((value, ctx) => {
    const result = checkUscc(value);
    if (!result.ok) {
      // The message is built from the problem (which character) by the form: carry it as a coded message.
      const p = result.problem;
      const message =
        p.kind === "length"
          ? codedMessage("uscc.length", { length: p.length })
          : p.kind === "character"
            ? codedMessage("uscc.character", { position: p.position, character: p.character })
            : codedMessage("uscc.check", { expected: p.expected, actual: p.actual });
      ctx.addIssue({ code: "custom", message });
    }
  });

const positiveWan = decimalString({ max: "99999999999999.99" }).refine((v) => /[1-9]/.test(v), "stage.error.positive");
const base = { version: z.coerce.number().int().positive(), note: optionalText(500) };

/** For each stage, the fields its gate asks for. `businessOn` is the date the stage was reached. */
export const gateSchemas = {
  contacted: z.object({ ...base, businessOn: isoDate }),
  negotiating: z.object({
    ...base,
    businessOn: isoDate,
    investorContactId: z.coerce.number("stage.error.contact").int().positive("stage.error.contact"),
    plannedInvestmentWan: positiveWan,
  }),
  evaluating: z.object({
    ...base,
    businessOn: isoDate, // the review meeting date
    landMu: decimalString({ max: "9999999999.99" }),
    annualOutputWan: positiveWan,
  }),
  signed: z.object({
    ...base,
    businessOn: isoDate, // the signing date
    agreementNo: requiredText(1, 60),
    contractedInvestmentWan: positiveWan,
  }),
  registered: z.object({
    ...base,
    businessOn: isoDate, // the registration date
    projectCompanyName: requiredText(2, 100),
    projectCompanyUscc: uscc,
  }),
  // approvalOverride: a manager's reason to start construction while required approvals are open (issue 21).
  construction: z.object({ ...base, businessOn: isoDate, approvalOverride: optionalText(500) }),
  production: z.object({ ...base, businessOn: isoDate }),
} satisfies Record<Exclude<ProjectStage, "lead">, z.ZodType>;

export type GateStage = keyof typeof gateSchemas;
export type GateInput<S extends GateStage> = z.infer<(typeof gateSchemas)[S]>;

/** What the database knows that a gate depends on. */
export type GateFacts = {
  activityCount: number;
  reviewOutcome: "approved" | "rejected" | "another_round" | null;
  contactedOn: string | null;
  signedOn: string | null;
  constructionOn: string | null;
  today: string;
  /** Approval items marked required for 开工 that are neither approved nor not applicable (issue 21). */
  openRequiredApprovals: number;
  /** The reason given to move to 开工 despite them (null: none given). */
  overrideReason: string | null;
  /** Whether the mover may override (the policy's canOverrideApprovalGate: the company's manager). */
  mayOverride: boolean;
};

/** Whether a move to 开工 goes through only by the manager's override (to record it in the history and the audit). */
export function overridesApprovalGate(stage: GateStage, facts: Pick<GateFacts, "openRequiredApprovals" | "overrideReason" | "mayOverride">) {
  return stage === "construction" && facts.openRequiredApprovals > 0 && facts.overrideReason !== null && facts.mayOverride;
}

/** Reasons (dictionary keys, per field or "_form") a move to `stage` with `businessOn` is refused. */
export function gateProblems(stage: GateStage, businessOn: string, facts: GateFacts): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  if (businessOn > facts.today) problems.businessOn = "stage.error.future";
  switch (stage) {
    case "contacted":
      if (facts.activityCount === 0) problems._form = "stage.error.noActivity";
      break;
    case "negotiating":
    case "evaluating":
      if (facts.contactedOn && businessOn < facts.contactedOn) problems.businessOn = "stage.error.beforeContact";
      break;
    case "signed":
      if (facts.reviewOutcome !== "approved") problems._form = "stage.error.notApproved";
      if (facts.contactedOn && businessOn < facts.contactedOn) problems.businessOn = "stage.error.beforeContact";
      break;
    case "registered":
      if (facts.signedOn && businessOn < facts.signedOn) problems.businessOn = "stage.error.beforeSigning";
      break;
    case "construction":
      if (facts.signedOn && businessOn < facts.signedOn) problems.businessOn = "stage.error.beforeSigning";
      if (facts.openRequiredApprovals > 0 && !(facts.overrideReason && facts.mayOverride))
        problems._form = facts.overrideReason ? "stage.error.overrideManagerOnly" : "stage.error.approvalsOpen";
      break;
    case "production":
      if (facts.constructionOn && businessOn < facts.constructionOn) problems.businessOn = "stage.error.beforeConstruction";
      break;
  }
  return problems;
}

/** The project column each stage's business date is kept in (negotiating keeps it in the history only). */
export const STAGE_DATE_COLUMN = {
  lead: null,
  contacted: "contactedOn",
  negotiating: null,
  evaluating: "reviewOn",
  signed: "signedOn",
  registered: "registeredOn",
  construction: "constructionOn",
  production: "productionOn",
} as const satisfies Record<ProjectStage, string | null>;

/** A move back a stage and a hold: the day it happened and why. */
export const datedReasonSchema = z.object({
  version: z.coerce.number().int().positive(),
  businessOn: isoDate,
  note: requiredText(2, 500),
});

export const loseSchema = z.object({
  version: z.coerce.number().int().positive(),
  businessOn: isoDate,
  lostReason: z.enum(LOST_REASONS, "validation.required"),
  note: requiredText(2, 500),
});

export const resumeSchema = z.object({
  version: z.coerce.number().int().positive(),
  businessOn: isoDate,
  note: optionalText(500),
});

export type LostReasonValue = LostReason;

/** Splits a coded message "key|name=value|…" into the key and its parameters. */
export function decodeMessage(message: string): { key: MessageKey; params?: Record<string, string> } {
  const [key, ...pairs] = message.split("|");
  if (pairs.length === 0) return { key: key as MessageKey };
  return { key: key as MessageKey, params: Object.fromEntries(pairs.map((p) => p.split("=") as [string, string])) };
}
