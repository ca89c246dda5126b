// Logging an activity: shared by the form and the action.
import * as z from "zod";
import { ACTIVITY_KINDS, REVIEW_OUTCOMES } from "~/lib/domain-values";
import { checkbox, idField, isoDate, optionalDate, optionalText, requiredText } from "~/lib/form-fields";

export const TERM_TOPICS = ["land", "electricity", "subsidy", "buildings", "funds"] as const;
export type TermTopic = (typeof TERM_TOPICS)[number];

const ids = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(idField).max(50));
const termState = z.preprocess((v) => (v === "" ? undefined : v), z.enum(["open", "agreed"]).optional());

const termFields = Object.fromEntries(
  TERM_TOPICS.flatMap((topic) => [
    [`term_${topic}_detail`, optionalText(300)],
    [`term_${topic}_state`, termState],
  ]),
) as Record<`term_${TermTopic}_detail`, ReturnType<typeof optionalText>> & Record<`term_${TermTopic}_state`, typeof termState>;

/** The form's fields and their checks; `activitySchema` turns them into what the domain logs. */
export const activityFieldsSchema = z
  .object({
    kind: z.enum(ACTIVITY_KINDS, "validation.required"),
    occurredOn: isoDate,
    summary: requiredText(2, 2000),
    userIds: ids,
    contactIds: ids,
    reviewOutcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(REVIEW_OUTCOMES).optional()),
    nextAction: optionalText(200),
    nextActionDueOn: optionalDate,
    // The open next actions the form showed, which the new one replaces unless kept (next-action-replace.tsx).
    replaceIds: ids,
    keepNextActions: checkbox,
    ...termFields,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "review_meeting" && !v.reviewOutcome) {
      ctx.addIssue({ code: "custom", path: ["reviewOutcome"], message: "activity.error.outcomeRequired" });
    }
    if (v.nextAction && !v.nextActionDueOn) {
      ctx.addIssue({ code: "custom", path: ["nextActionDueOn"], message: "activity.error.dueRequired" });
    }
    if (!v.nextAction && v.nextActionDueOn) {
      ctx.addIssue({ code: "custom", path: ["nextAction"], message: "activity.error.actionRequired" });
    }
  });

export const activitySchema = activityFieldsSchema.transform((v) => ({
  kind: v.kind,
  occurredOn: v.occurredOn,
  summary: v.summary,
  userIds: [...new Set(v.userIds)],
  contactIds: [...new Set(v.contactIds)],
  reviewOutcome: v.kind === "review_meeting" ? (v.reviewOutcome ?? null) : null,
  nextAction: v.nextAction ?? null,
  nextActionDueOn: v.nextActionDueOn ?? null,
  replaceIds: [...new Set(v.replaceIds)],
  keepNextActions: v.keepNextActions,
  // Only negotiation rounds carry terms; a topic counts when something was written about it.
  terms:
    v.kind === "negotiation"
      ? TERM_TOPICS.flatMap((topic) => {
          const detail = v[`term_${topic}_detail`];
          return detail ? [{ topic, detail, agreed: v[`term_${topic}_state`] === "agreed" }] : [];
        })
      : [],
}));

export type ActivityInput = z.output<typeof activitySchema>;

/** "Done" on an open next action of the project page: which activity's next action (its own hidden field). */
export const completeNextActionSchema = z.object({ activityId: idField });
