import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers` for sign-in steps: a locked answer tells clients when to come back, and the action's header
 * reaches the document only through here.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
