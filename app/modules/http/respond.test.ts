// What a route answers for a domain result or a bad id: the status the error boundary and the refusal audit read.
import { describe, expect, it } from "vitest";
import { conflict, forbidden, invalid, notFound, ok } from "~/lib/result";
import { invariantResponse, parseId, throwIfRefused } from "./respond.server";

/** The status of what `fn` threw as an answer (`data(null, { status })`). */
function thrownStatus(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (thrown) {
    return (thrown as { init?: { status?: number } }).init?.status;
  }
  return undefined;
}

describe("parseId", () => {
  it("returns the id of a well-formed URL segment", () => {
    expect(parseId("42")).toBe(42);
    expect(parseId("2147483647")).toBe(2 ** 31 - 1);
  });

  it("answers 404 for a segment no row can have", () => {
    for (const raw of [undefined, "", "0", "-3", "abc", "1.5", "2147483648", "1e3"]) {
      expect(
        thrownStatus(() => parseId(raw)),
        String(raw),
      ).toBe(404);
    }
  });
});

describe("invariantResponse", () => {
  it("passes when the condition holds", () => {
    expect(thrownStatus(() => invariantResponse(true))).toBeUndefined();
    expect(thrownStatus(() => invariantResponse({ id: 1 }, 403))).toBeUndefined();
  });

  it("throws 404 by default, or the status it is given", () => {
    expect(thrownStatus(() => invariantResponse(null))).toBe(404);
    expect(thrownStatus(() => invariantResponse(false, 403))).toBe(403);
    expect.assertions(3);
    try {
      invariantResponse(undefined, 400, "格式不支持");
    } catch (thrown) {
      expect(thrown).toMatchObject({ data: { message: "格式不支持" }, init: { status: 400 } });
    }
  });
});

describe("throwIfRefused", () => {
  it("maps notFound to 404 and forbidden to 403", () => {
    expect(thrownStatus(() => throwIfRefused(notFound()))).toBe(404);
    expect(thrownStatus(() => throwIfRefused(forbidden("closed")))).toBe(403);
  });

  it("hands back what the route renders", () => {
    expect(throwIfRefused(ok(5))).toEqual({ kind: "ok", value: 5 });
    expect(throwIfRefused(invalid({ a: "k" }))).toEqual({ kind: "invalid", fieldErrors: { a: "k" } });
    expect(throwIfRefused(conflict({ v: 2 }))).toEqual({ kind: "conflict", detail: { v: 2 } });
  });
});
