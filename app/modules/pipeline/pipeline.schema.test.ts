import { describe, expect, it } from "vitest";
import { parseBoardParams, parsePeriod, reassignSchema } from "./pipeline.schema";

describe("the pipeline's URL state", () => {
  it("reads the list's filters and one cursor per column, ignoring bad values", () => {
    const p = parseBoardParams(new URLSearchParams("owner=7&light=red&status=open&c_lead=120&c_signed=abc&column=lead&stage=nope"));
    expect(p.filters).toMatchObject({ owner: 7, light: "red", status: "open", stage: undefined });
    expect(p.cursors).toEqual({ lead: 120 });
    expect(p.only).toBe("lead");
    expect(parseBoardParams(new URLSearchParams("column=everything")).only).toBeUndefined();
  });

  it("turns period presets into dates in the zone's calendar, and falls back to this year", () => {
    const today = "2026-11-27";
    const at = (q: string) => parsePeriod(new URLSearchParams(q), today);
    expect(at("period=month")).toEqual({ preset: "month", from: "2026-11-01", to: today });
    expect(at("period=quarter")).toEqual({ preset: "quarter", from: "2026-10-01", to: today });
    expect(at("period=last30")).toEqual({ preset: "last30", from: "2026-10-29", to: today });
    expect(at("period=custom&from=2025-02-01&to=2025-03-31")).toEqual({ preset: "custom", from: "2025-02-01", to: "2025-03-31" });
    // A reversed or impossible range is not a period.
    expect(at("period=custom&from=2025-03-31&to=2025-02-01")).toEqual({ preset: "year", from: "2026-01-01", to: today });
    expect(at("period=custom&from=2025-02-30&to=2025-03-01").preset).toBe("year");
    expect(at("period=forever").preset).toBe("year");
  });

  it("reads ticked projects with the version each was loaded with", () => {
    expect(reassignSchema.parse({ toOwnerId: "5", projects: "12:3" })).toEqual({ toOwnerId: 5, projects: [{ id: 12, version: 3 }] });
    expect(reassignSchema.parse({ toOwnerId: "5", projects: ["12:3", "14:1"] }).projects).toHaveLength(2);
    expect(reassignSchema.safeParse({ toOwnerId: "5" }).error?.issues[0].message).toBe("pipeline.reassignPick");
    expect(reassignSchema.safeParse({ toOwnerId: "5", projects: "12" }).success).toBe(false);
  });
});
