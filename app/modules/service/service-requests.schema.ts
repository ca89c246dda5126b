// Enterprise requests (企业诉求): the forms of logging, assigning, noting, closing and reopening, and the list's URL.
import * as z from "zod";
import { SERVICE_REQUEST_CHANNELS, SERVICE_REQUEST_TYPES } from "~/lib/domain-values";
import { checkbox, idField, isoDate, optionalDate, optionalId, optionalText, requiredText } from "~/lib/form-fields";

export const logServiceRequestSchema = z.object({
  projectId: idField,
  channel: z.enum(SERVICE_REQUEST_CHANNELS, "validation.required"),
  type: z.enum(SERVICE_REQUEST_TYPES, "validation.required"),
  raisedBy: optionalText(100),
  description: requiredText(2, 2000),
  urgent: checkbox,
  /** A company id, or "project": the company that holds the enterprise's project. */
  handlingCompanyId: z.union([z.literal("project"), idField], "validation.required"),
  receivedOn: isoDate,
});
export type LogServiceRequestInput = z.output<typeof logServiceRequestSchema>;

const version = z.coerce.number().int().positive();

export const assignServiceRequestSchema = z.object({ handlerId: idField, version });
export const serviceRequestNoteSchema = z.object({ text: requiredText(2, 2000), version });
/** Closing says what was done; the enterprise rates it afterwards (service-ratings.schema.ts, decision 018). */
export const closeServiceRequestSchema = z.object({
  resolution: requiredText(2, 2000),
  solvedOn: isoDate,
  version,
});
export const reopenServiceRequestSchema = z.object({ reason: requiredText(2, 1000), version });
export type CloseServiceRequestInput = z.output<typeof closeServiceRequestSchema>;

export const serviceDeadlinesSchema = z.object(
  Object.fromEntries(
    SERVICE_REQUEST_TYPES.map((type) => [
      type,
      z.coerce.number("service.error.days").int("service.error.days").min(1, "service.error.days").max(365, "service.error.days"),
    ]),
  ) as Record<(typeof SERVICE_REQUEST_TYPES)[number], z.ZodCoercedNumber>,
);

export const SERVICE_VIEWS = ["open", "overdue", "solved", "all"] as const;
export type ServiceView = (typeof SERVICE_VIEWS)[number];

const fallback = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional()).catch(undefined);

/** The list's URL: which requests, and the period the measures cover. */
export const serviceListParamsSchema = z.object({
  view: z.enum(SERVICE_VIEWS).catch("open"),
  type: fallback(z.enum(SERVICE_REQUEST_TYPES)),
  companyId: fallback(optionalId),
  from: fallback(optionalDate),
  to: fallback(optionalDate),
});
export type ServiceListParams = z.output<typeof serviceListParamsSchema>;
