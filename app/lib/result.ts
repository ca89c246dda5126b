// One result type for domain operations (issue 17). A domain function answers with what happened, never with an
// HTTP status; the route maps it (app/modules/http/respond.server.ts): notFound → 404, forbidden → 403, and renders
// `invalid` (field errors, 400) and `conflict` (someone else changed it first) as its form needs.
import type { FieldErrors } from "./forms";

/** The largest id a PostgreSQL `integer`/`serial` column holds: a larger id can name no row. */
// eslint-disable-next-line no-restricted-syntax -- the one place the int32 bound is written
export const MAX_ID = 2_147_483_647;

/** A positive int32 from a URL or form value ("12"), else null: "0", "-1", "1.5", "1e3 " and 2^31 are not ids. */
export function toId(raw: unknown): number | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  if (typeof raw === "string" && !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_ID ? id : null;
}

export type Ok<T> = { kind: "ok"; value: T };
/** The record does not exist, or the viewer may not see it (the two are never told apart). */
export type NotFound = { kind: "notFound" };
/** The viewer sees the record but may not do this to it. */
export type Forbidden = { kind: "forbidden"; reason?: string };
/** The record changed under the viewer (a stale version, a taken name); `detail` is what the form shows. */
export type Conflict<D = undefined> = { kind: "conflict"; detail: D };
/** The input breaks a rule: an i18n key per field (`_form` for the whole form), with the keys' parameters. */
export type Invalid = { kind: "invalid"; fieldErrors: FieldErrors; params?: Record<string, Record<string, string>> };

export type Result<T = undefined, D = never> = Ok<T> | NotFound | Forbidden | Conflict<D> | Invalid;

export function ok(): Ok<undefined>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { kind: "ok", value };
}
export const notFound = (): NotFound => ({ kind: "notFound" });
export const forbidden = (reason?: string): Forbidden => (reason === undefined ? { kind: "forbidden" } : { kind: "forbidden", reason });
export const conflict = <D>(detail: D): Conflict<D> => ({ kind: "conflict", detail });
export function invalid(fieldErrors: FieldErrors, params?: Invalid["params"]): Invalid {
  return params ? { kind: "invalid", fieldErrors, params } : { kind: "invalid", fieldErrors };
}

export const isOk = <T, D>(r: Result<T, D>): r is Ok<T> => r.kind === "ok";
