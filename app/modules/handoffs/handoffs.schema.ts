// Handoff forms (移交 / 协办): shared by the pages and their actions. Messages are dictionary keys.
import * as z from "zod";
import { ASSIST_NEEDS, REQUESTABLE_HANDOFF_KINDS } from "~/lib/domain-values";
import { idField, isoDate, optionalDate, optionalId, optionalText, requiredText } from "~/lib/form-fields";

/** Days a handoff may wait for an answer before it is overdue. */
export const HANDOFF_OVERDUE_DAYS = 3;

export const requestHandoffSchema = z
  .object({
    kind: z.enum(REQUESTABLE_HANDOFF_KINDS, "validation.required"),
    toCompanyId: idField,
    reason: requiredText(2, 1000),
    need: z.preprocess((v) => (v === "" ? undefined : v), z.enum(ASSIST_NEEDS).optional()),
    wishedByOn: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "assist" && !v.need) ctx.addIssue({ code: "custom", path: ["need"], message: "handoffs.error.needRequired" });
  });
export type RequestHandoffInput = z.output<typeof requestHandoffSchema>;

/**
 * A co-follow (协同跟进) from the duplicate check: ask the company that follows an investor to let this company
 * take part in its project (an assist under the handoff rules, the first-contact credit unchanged).
 */
export const requestCofollowSchema = z.object({
  toCompanyId: idField,
  reason: requiredText(2, 1000),
});
export type RequestCofollowInput = z.output<typeof requestCofollowSchema>;

export const acceptHandoffSchema = z.object({
  version: idField,
  assigneeId: idField,
  businessOn: isoDate,
  note: optionalText(1000),
});
export type AcceptHandoffInput = z.output<typeof acceptHandoffSchema>;

export const rejectHandoffSchema = z.object({
  version: idField,
  note: requiredText(2, 1000),
});

export const cancelHandoffSchema = z.object({ version: idField });

export const closeAssistSchema = z.object({
  version: idField,
  outcome: requiredText(2, 2000),
});

export const handoffListSchema = z.object({
  box: z.enum(["incoming", "outgoing", "all"]).catch("all"),
  status: z
    .preprocess((v) => (v === "" ? undefined : v), z.enum(["pending", "accepted", "rejected", "cancelled", "closed"]).optional())
    .catch(undefined),
  company: optionalId.catch(undefined),
});
export type HandoffListParams = z.output<typeof handoffListSchema>;
