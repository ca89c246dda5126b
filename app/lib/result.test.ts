import { describe, expect, it } from "vitest";
import { conflict, forbidden, invalid, isOk, MAX_ID, notFound, ok, toId } from "./result";

describe("toId", () => {
  it("reads a positive int32 written in digits", () => {
    expect(toId("1")).toBe(1);
    expect(toId("012")).toBe(12);
    expect(toId(String(MAX_ID))).toBe(2 ** 31 - 1);
    expect(toId(7)).toBe(7);
  });

  it("refuses what no row can be named by", () => {
    for (const raw of ["", "0", "-1", "1.5", " 12", "12 ", "1e3", "0x10", "abc", String(MAX_ID + 1), "99999999999", undefined, null]) {
      expect(toId(raw), String(raw)).toBeNull();
    }
    expect(toId(0)).toBeNull();
    expect(toId(1.5)).toBeNull();
    expect(toId(MAX_ID + 1)).toBeNull();
  });
});

describe("result constructors", () => {
  it("tag each outcome with its kind", () => {
    expect(ok({ id: 3 })).toEqual({ kind: "ok", value: { id: 3 } });
    expect(ok()).toEqual({ kind: "ok", value: undefined });
    expect(notFound()).toEqual({ kind: "notFound" });
    expect(forbidden()).toEqual({ kind: "forbidden" });
    expect(forbidden("closed")).toEqual({ kind: "forbidden", reason: "closed" });
    expect(conflict({ version: 4 })).toEqual({ kind: "conflict", detail: { version: 4 } });
    expect(invalid({ name: "validation.required" })).toEqual({ kind: "invalid", fieldErrors: { name: "validation.required" } });
    expect(invalid({ n: "k" }, { n: { max: "3" } })).toEqual({ kind: "invalid", fieldErrors: { n: "k" }, params: { n: { max: "3" } } });
  });

  it("isOk tells success from every refusal", () => {
    expect(isOk(ok(1))).toBe(true);
    for (const r of [notFound(), forbidden(), conflict(null), invalid({})]) expect(isOk(r)).toBe(false);
  });
});
