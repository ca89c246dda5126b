import * as z from "zod";
import type { MessageKey, Translate } from "./i18n";

/** The schema of a form that is only its buttons (an intent, the CSRF token): nothing to check. */
export const noFieldsSchema = z.object({});

export type FieldErrors = Partial<Record<string, string>>;

export type FormValues = Record<string, string | string[]>;

/** An action's answer to refused input: which form (`intent`), the message key per field, the values as sent. */
export type FormReply = { intent?: string; errors: FieldErrors; values: FormValues };

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

/** Parses submitted form fields with the same zod schema the browser form uses; errors keyed by field. */
/**
 * The submitted fields as the form holds them, to send back with a refusal: a field sent more than once
 * (checkboxes of one name) becomes an array; the CSRF token, the intent and any password are left out.
 */
export function formValues(form: FormData, omit: string[] = ["csrf", "intent"]): FormValues {
  // No prototype: a field named "__proto__" or "constructor" is a field like any other (it found Object's before).
  const values: FormValues = Object.create(null) as FormValues;
  for (const [key, value] of form) {
    if (omit.includes(key) || typeof value !== "string") continue;
    const seen = values[key];
    values[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return values;
}

/** Parses submitted form fields with the same zod schema the browser form uses; errors keyed by field. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, omit: string[] = ["csrf", "intent"]): ParseResult<z.output<S>> {
  const values = formValues(form, omit);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: withoutSecrets(values) };
}

/** Never echo a password back into the page. */
export function withoutSecrets(values: FormValues): FormValues {
  const { password: _p, newPassword: _n, currentPassword: _c, ...safe } = values;
  return safe;
}

/** A field message with parameters, as the form's error display decodes it: "key|name=value|…". */
export function codedMessage(key: string, params?: Record<string, string | number>): string {
  if (!params) return key;
  return [key, ...Object.entries(params).map(([k, v]) => `${k}=${String(v).replace(/[|=]/g, " ")}`)].join("|");
}

/**
 * Field errors are dictionary keys, optionally with parameters coded as "key|name=value|…" (so a zod message
 * can say which character of a code is wrong); anything else is shown as it is.
 */
export function translateError(t: Translate, error: string): string {
  const [key, ...pairs] = error.split("|");
  if (!/^[a-zA-Z]+(\.[a-zA-Z_]+)+$/.test(key)) return error;
  const params = Object.fromEntries(pairs.map((p) => p.split("=") as [string, string]));
  return t(key as MessageKey, params);
}
