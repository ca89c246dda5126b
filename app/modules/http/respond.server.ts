// From a domain answer to an HTTP answer, the same way in every loader and action (issue 17): a record that is
// missing or hidden is a 404 (never reveal it exists), one seen but not changeable a 403. The statuses are thrown
// as `data(null, { status })`, which the error boundaries and the refusal audit both read.
import { data } from "@remix-run/node";
import type { FieldErrors, FormReply, FormValues } from "~/lib/forms";
import { formValues, withoutSecrets } from "~/lib/forms";
import type { Forbidden, NotFound, Result } from "~/lib/result";
import { toId } from "~/lib/result";

/**
 * Throws a `status` answer (404 unless told) when `condition` is falsy; Epic Stack's invariantResponse. A message
 * goes in the body as `{ message }`, as the app's other thrown answers carry theirs.
 */
export function invariantResponse(condition: unknown, status = 404, message?: string): asserts condition {
  if (!condition) throw data(message === undefined ? null : { message }, { status });
}

/** The id in a URL segment or form field (`params.id`): a positive int32, else a 404 (no row can have it). */
export function parseId(raw: unknown): number {
  const id = toId(raw);
  invariantResponse(id !== null, 404);
  return id;
}

/**
 * Throws the refusals of a domain result (notFound → 404, forbidden → 403) and hands back the rest (ok, invalid,
 * conflict) for the route to redirect or render.
 */
export function throwIfRefused<R extends Result<unknown, unknown>>(result: R): Exclude<R, NotFound | Forbidden> {
  if (result.kind === "notFound") throw data(null, { status: 404 });
  if (result.kind === "forbidden") throw data(null, { status: 403 });
  return result as Exclude<R, NotFound | Forbidden>;
}

/**
 * A form's refused input, answered as the form idiom reads it (`useZodForm`'s `reply`, app/components/zod-form.tsx):
 * the page comes back with what the user typed and each message next to its field. 400 unless told (409 for a
 * conflict). `values` may be the request's FormData; passwords are never sent back. `extra` is what else the page
 * shows about the refusal (the conflicting change, the similar records found).
 */
export function replyInvalid<E extends Record<string, unknown> = Record<never, never>>(
  intent: string | undefined,
  errors: FieldErrors,
  values: FormValues | FormData,
  status = 400,
  extra?: E,
  /** Sent with the answer (a throttled sign-in's Retry-After). */
  headers?: HeadersInit,
) {
  const typed = values instanceof FormData ? formValues(values) : values;
  return data<FormReply & E>(
    { ...(extra as E), ...(intent === undefined ? {} : { intent }), errors, values: withoutSecrets(typed) },
    headers ? { status, headers } : { status },
  );
}
