import type * as z from "zod";

export type FieldErrors = Partial<Record<string, string>>;

export type FormValues = Record<string, string | string[]>;

export type ParseResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** Parses submitted form fields with the same zod schema the browser form uses; errors keyed by field. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, omit: string[] = ["csrf", "intent"]): ParseResult<z.output<S>> {
  // A field sent more than once (checkboxes of one name) becomes an array.
  // No prototype: a field named "__proto__" or "constructor" is a field like any other (it found Object's before).
  const values: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of form) {
    if (omit.includes(key) || typeof value !== "string") continue;
    const seen = values[key];
    values[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  // Never echo a password back into the page.
  const { password: _p, ...safeValues } = values;
  return { ok: false, errors, values: safeValues };
}

/** A field message with parameters, as the form's error display decodes it: "key|name=value|…". */
export function codedMessage(key: string, params?: Record<string, string | number>): string {
  if (!params) return key;
  return [key, ...Object.entries(params).map(([k, v]) => `${k}=${String(v).replace(/[|=]/g, " ")}`)].join("|");
}
