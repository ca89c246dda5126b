import { describe, expect, it } from "vitest";
import { checkRange, classifyPeriod, periodFromSearch, presetPeriod, previousPeriod } from "./periods";

describe("report periods", () => {
  it("knows a whole month, quarter, year and a single day from its dates", () => {
    expect(classifyPeriod("2026-02-01", "2026-02-28").kind).toBe("month");
    expect(classifyPeriod("2024-02-01", "2024-02-29").kind).toBe("month");
    expect(classifyPeriod("2026-04-01", "2026-06-30").kind).toBe("quarter");
    expect(classifyPeriod("2026-01-01", "2026-12-31").kind).toBe("year");
    expect(classifyPeriod("2026-03-31", "2026-03-31").kind).toBe("day");
    expect(classifyPeriod("2026-01-05", "2026-02-04").kind).toBe("range");
  });

  it("presets around today, and the period before", () => {
    expect(presetPeriod("day", "2026-11-27")).toEqual({ kind: "day", from: "2026-11-27", to: "2026-11-27" });
    expect(presetPeriod("quarter", "2026-11-27")).toEqual({ kind: "quarter", from: "2026-10-01", to: "2026-12-31" });
    expect(previousPeriod(presetPeriod("quarter", "2026-02-10"))).toEqual({ kind: "quarter", from: "2025-10-01", to: "2025-12-31" });
    expect(previousPeriod(presetPeriod("month", "2026-03-15"))).toEqual({ kind: "month", from: "2026-02-01", to: "2026-02-28" });
    expect(previousPeriod({ kind: "range", from: "2026-03-10", to: "2026-03-19" })).toEqual({ kind: "range", from: "2026-02-28", to: "2026-03-09" });
  });

  it("refuses bad ranges with a reason and falls back to this year", () => {
    expect(checkRange("2026-02-30", "2026-03-01")).toEqual({ ok: false, error: "reports.error.date" });
    expect(checkRange("2026-03-01", "2026-01-01")).toEqual({ ok: false, error: "reports.error.order" });
    expect(checkRange("2000-01-01", "2026-01-01")).toEqual({ ok: false, error: "reports.error.tooLong" });
    const fallback = periodFromSearch(new URLSearchParams("from=nonsense&to=2026-01-01"), "2026-11-27");
    expect(fallback).toEqual({ period: { kind: "year", from: "2026-01-01", to: "2026-12-31" }, error: "reports.error.date" });
    expect(periodFromSearch(new URLSearchParams("from=2026-05-05"), "2026-11-27").period.kind).toBe("day");
  });
});
