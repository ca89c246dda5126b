// The investor form's fields, shared by react-hook-form in the browser and the actions on the server.
// Messages are dictionary keys; a key with parameters is coded as "key|name=value" (see codedMessage).
import * as z from "zod";
import { checkbox, optionalId, optionalText, requiredText } from "~/lib/form-fields";
import type { FieldErrors, FormValues } from "~/lib/forms";
import { codedMessage } from "~/lib/forms";
import type { UsccProblem } from "~/lib/uscc";
import { checkUscc } from "~/lib/uscc";
import { pagingShape, searchParamsRecord, searchTextSchema } from "~/lib/list-state";
import { MAX_ID } from "~/lib/result";

/** Full-width ASCII (what a Chinese IME types: "９１１４…", "＋８６") to half-width. */
export function toHalfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/**
 * The field message for a wrong 统一社会信用代码. The form translates it into exactly describeUsccProblem's text,
 * which names the wrong character and its position.
 */
export function usccProblemMessage(problem: UsccProblem): string {
  switch (problem.kind) {
    case "length":
      return codedMessage("uscc.length", { length: problem.length });
    case "character":
      return codedMessage("uscc.character", { position: problem.position, character: problem.character });
    case "check":
      return codedMessage("uscc.check", { expected: problem.expected, actual: problem.actual });
  }
}

/** Spaces, dashes and brackets dropped, a +86 / 0086 / 86 country prefix removed. */
export function normaliseMobile(raw: string): string {
  const compact = toHalfWidth(raw).replace(/[\s\-()（）]/g, "");
  return compact.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, "");
}

const MOBILE = /^1[3-9]\d{9}$/;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const blankToUndefined = (v: unknown) => (blank(v) ? undefined : v);

export const usccSchema = z
  .string()
  .transform((v) => toHalfWidth(v).replace(/\s+/g, "").toUpperCase())
  .superRefine((value, ctx) => {
    const result = checkUscc(value);
    if (!result.ok) ctx.addIssue({ code: "custom", message: usccProblemMessage(result.problem) });
  });

export const optionalUscc = z.preprocess(blankToUndefined, usccSchema.optional());

export const optionalMobile = z.preprocess(
  blankToUndefined,
  z.string().transform(normaliseMobile).pipe(z.string().regex(MOBILE, "investors.mobileInvalid")).optional(),
);

const optionalEmail = z.preprocess(
  (v) => (typeof v === "string" ? blankToUndefined(toHalfWidth(v).trim()) : v),
  z.email("investors.emailInvalid").max(100, "validation.tooLong").optional(),
);

/**
 * A 微信号 as WeChat allows one to be set: 6–20 letters, digits, "_" or "-", starting with a letter. People also
 * give the phone number WeChat finds them by, accepted as a mainland mobile (stored without spaces or +86).
 */
const WECHAT_ID = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
export function normaliseWechat(raw: string): string | undefined {
  const value = toHalfWidth(raw).trim();
  if (WECHAT_ID.test(value)) return value;
  const mobile = normaliseMobile(value);
  return MOBILE.test(mobile) ? mobile : undefined;
}

const optionalWechat = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((v, ctx) => normaliseWechat(v) ?? (ctx.addIssue({ code: "custom", message: "investors.wechatInvalid" }), z.NEVER))
    .optional(),
);

export const contactSchema = z.object({
  /** Set for a contact already saved; a new row has none. */
  id: optionalId,
  name: requiredText(1, 40),
  title: optionalText(60),
  mobile: optionalMobile,
  wechat: optionalWechat,
  email: optionalEmail,
  notes: optionalText(500),
});

const CONTACT_TEXT_FIELDS = ["name", "title", "mobile", "wechat", "email", "notes"] as const;
export const MAX_CONTACTS = 30;

// A row added but left empty is dropped, after validation so that error paths keep the row's index.
const contactRowSchema = z.preprocess((row) => {
  if (!row || typeof row !== "object") return null;
  const r = row as Record<string, unknown>;
  return blank(r.id) && CONTACT_TEXT_FIELDS.every((f) => blank(r[f])) ? null : row;
}, contactSchema.nullable());

const contactsSchema = z.preprocess(
  (v) => v ?? [],
  z
    .array(contactRowSchema)
    .max(MAX_CONTACTS, "investors.tooManyContacts")
    .transform((rows) => rows.filter((r): r is z.infer<typeof contactSchema> => r !== null)),
);

const investorShape = {
  name: requiredText(2, 100),
  uscc: optionalUscc,
  region: optionalText(60),
  industry: optionalText(60),
  website: optionalText(200),
  notes: optionalText(2000),
  contacts: contactsSchema,
};

/** Registering: `confirmed` says the user has seen the same or similar investors the zone already has. */
export const createInvestorSchema = z.object({ ...investorShape, confirmed: checkbox });

/** Editing from `version`: a newer version in the database is a conflict, never silently overwritten. */
export const updateInvestorSchema = z.object({
  ...investorShape,
  version: z.coerce.number("validation.required").int().positive().max(MAX_ID),
});

export type ContactInput = z.infer<typeof contactSchema>;
export type InvestorFields = Omit<z.infer<typeof createInvestorSchema>, "confirmed">;
export type CreateInvestorInput = z.infer<typeof createInvestorSchema>;
export type UpdateInvestorInput = z.infer<typeof updateInvestorSchema>;

/** The investor's own columns the form edits (and the conflict check compares). */
export const INVESTOR_FIELDS = ["name", "uscc", "region", "industry", "website", "notes"] as const;
export type InvestorField = (typeof INVESTOR_FIELDS)[number];

// ---------------------------------------------------------------------------------------------------------------
// Form values as submitted (strings), nested the way react-hook-form names them: contacts.0.name …

export type ContactFormValues = Partial<Record<"id" | (typeof CONTACT_TEXT_FIELDS)[number], string>>;
export type InvestorFormValues = Partial<Record<InvestorField | "version" | "confirmed", string>> & {
  contacts: ContactFormValues[];
};

const CONTACT_KEY = /^contacts\.(\d{1,2})\.(id|name|title|mobile|wechat|email|notes)$/;
const TOP_FIELDS = new Set<string>([...INVESTOR_FIELDS, "version", "confirmed"]);

/** A posted form as nested values; unknown fields are ignored. */
export function investorFormValues(form: FormData): InvestorFormValues {
  const values: InvestorFormValues = { contacts: [] };
  for (const [key, value] of form) {
    if (typeof value !== "string") continue;
    const m = CONTACT_KEY.exec(key);
    if (m) {
      const index = Number(m[1]);
      if (index >= MAX_CONTACTS + 5) continue;
      while (values.contacts.length <= index) values.contacts.push({});
      values.contacts[index][m[2] as keyof ContactFormValues] = value;
    } else if (TOP_FIELDS.has(key)) {
      values[key as InvestorField] = value;
    }
  }
  return values;
}

/** Nested values back as the form's fields (`contacts.0.name`), to send a changed form back to the page. */
export function investorFormFields(values: InvestorFormValues): FormValues {
  const { contacts, ...top } = values;
  const fields: FormValues = {};
  for (const [key, value] of Object.entries(top)) if (value !== undefined) fields[key] = value;
  // Every field of every row, blank ones too: a row just added has no values, and must still come back.
  contacts.forEach((row, index) => {
    for (const key of ["id", ...CONTACT_TEXT_FIELDS] as const) fields[`contacts.${index}.${key}`] = row[key] ?? "";
  });
  return fields;
}

export type InvestorParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses nested values; errors are keyed by the field's form name ("uscc", "contacts.1.mobile"). */
export function parseInvestorValues<S extends z.ZodType>(schema: S, values: InvestorFormValues): InvestorParseResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "_form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** An empty contact row appended (the "add contact" button without JavaScript). */
export function withContactAdded(values: InvestorFormValues): InvestorFormValues {
  return { ...values, contacts: [...values.contacts, {}] };
}

/** A contact row taken out (the row's "remove" button without JavaScript). */
export function withContactRemoved(values: InvestorFormValues, index: number): InvestorFormValues {
  return { ...values, contacts: values.contacts.filter((_, i) => i !== index) };
}

// ---------------------------------------------------------------------------------------------------------------
// The list's URL state

export const INVESTOR_SORTS = ["updated", "name"] as const;
export type InvestorSort = (typeof INVESTOR_SORTS)[number];

export const investorListParamsSchema = z.object({
  q: searchTextSchema,
  ...pagingShape(INVESTOR_SORTS),
});

export type InvestorListParams = z.infer<typeof investorListParamsSchema>;

export function parseInvestorListParams(searchParams: URLSearchParams): InvestorListParams {
  return investorListParamsSchema.parse(searchParamsRecord(searchParams));
}

/** What the live duplicate check asks about: a name of 2+ characters and/or a complete, valid code. */
export const matchQuerySchema = z.object({
  name: z.string().trim().max(100).catch(""),
  uscc: z
    .string()
    .transform((v) => toHalfWidth(v).replace(/\s+/g, "").toUpperCase())
    .refine((v) => checkUscc(v).ok)
    .optional()
    .catch(undefined),
});
