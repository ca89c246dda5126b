import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import {
  checkRange,
  classifyPeriod,
  comparedPeriod,
  comparisonFromSearch,
  monthPeriod,
  monthsOf,
  periodFromSearch,
  periodQuery,
  presetPeriod,
  previousPeriod,
  quarterPeriod,
  yearPeriod,
} from "./periods";

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

describe("report periods, edges", () => {
  it.each([
    ["2026-01-01", "2026-03-31", "quarter"],
    ["2026-01-01", "2026-01-31", "month"],
    ["2026-04-01", "2026-04-30", "month"],
    ["2026-02-01", "2026-04-30", "range"], // three months, but not a quarter
    ["2026-08-01", "2026-10-31", "range"],
    ["2026-02-01", "2026-02-15", "range"],
    ["2026-02-10", "2026-02-28", "range"],
    ["2026-01-01", "2026-12-30", "range"],
    ["2026-01-02", "2026-12-31", "range"],
    ["2026-04-02", "2026-06-30", "range"],
  ])("%s – %s is a %s", (from, to, kind) => {
    expect(classifyPeriod(from, to)).toEqual({ kind, from, to });
  });

  it("the period before a year, a quarter and a month, also across years and leap years", () => {
    expect(previousPeriod(yearPeriod(2025))).toEqual({ kind: "year", from: "2024-01-01", to: "2024-12-31" });
    expect(previousPeriod(quarterPeriod(2026, 3))).toEqual({ kind: "quarter", from: "2026-04-01", to: "2026-06-30" });
    expect(previousPeriod(quarterPeriod(2026, 4))).toEqual({ kind: "quarter", from: "2026-07-01", to: "2026-09-30" });
    expect(previousPeriod(monthPeriod(2026, 1))).toEqual({ kind: "month", from: "2025-12-01", to: "2025-12-31" });
    expect(previousPeriod({ kind: "day", from: "2026-03-01", to: "2026-03-01" })).toEqual({ kind: "day", from: "2026-02-28", to: "2026-02-28" });
  });

  it("a range may span ten years (3,660 days) but not a day more; a missing end is refused", () => {
    expect(checkRange("2020-01-01", addDays("2020-01-01", 3660))).toMatchObject({ ok: true });
    expect(checkRange("2020-01-01", addDays("2020-01-01", 3661))).toEqual({ ok: false, error: "reports.error.tooLong" });
    expect(checkRange(null, "2026-01-01")).toEqual({ ok: false, error: "reports.error.date" });
    expect(checkRange("2026-01-01", null)).toEqual({ ok: false, error: "reports.error.date" });
    expect(checkRange("2026-01-01", "2026-01-01")).toEqual({ ok: true, period: { kind: "day", from: "2026-01-01", to: "2026-01-01" } });
  });

  it("reads from and to, or a preset, from the address; this year when nothing is asked", () => {
    const today = "2026-11-27";
    const read = (q: string) => periodFromSearch(new URLSearchParams(q), today);
    expect(read("from=2026-05-05&to=2026-05-10")).toEqual({ period: { kind: "range", from: "2026-05-05", to: "2026-05-10" }, error: null });
    expect(read("to=2026-05-10")).toEqual({ period: yearPeriod(2026), error: "reports.error.date" });
    expect(read("")).toEqual({ period: yearPeriod(2026), error: null });
    expect(read("preset=day")).toEqual({ period: { kind: "day", from: today, to: today }, error: null });
    expect(read("preset=month")).toEqual({ period: monthPeriod(2026, 11), error: null });
    expect(read("preset=quarter")).toEqual({ period: quarterPeriod(2026, 4), error: null });
    expect(read("preset=year")).toEqual({ period: yearPeriod(2026), error: null });
    expect(read("preset=decade")).toEqual({ period: yearPeriod(2026), error: null });
  });

  it("links carry the period; a year has twelve months", () => {
    expect(periodQuery({ from: "2026-01-01", to: "2026-03-31" })).toBe("from=2026-01-01&to=2026-03-31");
    expect(monthsOf(2026)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
  });
});

describe("the last whole month, quarter and year (上月, 上季度, 上年)", () => {
  it("steps back over the turn of a quarter and a year", () => {
    expect(presetPeriod("lastMonth", "2026-12-07")).toEqual({ kind: "month", from: "2026-11-01", to: "2026-11-30" });
    expect(presetPeriod("lastMonth", "2026-01-01")).toEqual({ kind: "month", from: "2025-12-01", to: "2025-12-31" });
    expect(presetPeriod("lastMonth", "2024-03-31")).toEqual({ kind: "month", from: "2024-02-01", to: "2024-02-29" });
    expect(presetPeriod("lastQuarter", "2026-12-07")).toEqual({ kind: "quarter", from: "2026-07-01", to: "2026-09-30" });
    expect(presetPeriod("lastQuarter", "2026-03-31")).toEqual({ kind: "quarter", from: "2025-10-01", to: "2025-12-31" });
    expect(presetPeriod("lastQuarter", "2026-04-01")).toEqual({ kind: "quarter", from: "2026-01-01", to: "2026-03-31" });
    expect(presetPeriod("lastYear", "2026-01-01")).toEqual({ kind: "year", from: "2025-01-01", to: "2025-12-31" });
    expect(presetPeriod("month", "2026-12-07")).toEqual({ kind: "month", from: "2026-12-01", to: "2026-12-31" });
    expect(presetPeriod("year", "2026-12-07")).toEqual({ kind: "year", from: "2026-01-01", to: "2026-12-31" });
  });

  it("are read from the URL; an unknown preset is this year", () => {
    const read = (q: string) => periodFromSearch(new URLSearchParams(q), "2026-12-07").period;
    expect(read("preset=lastQuarter")).toEqual({ kind: "quarter", from: "2026-07-01", to: "2026-09-30" });
    expect(read("preset=lastYear")).toEqual({ kind: "year", from: "2025-01-01", to: "2025-12-31" });
    expect(read("preset=lastMonth")).toEqual({ kind: "month", from: "2026-11-01", to: "2026-11-30" });
    expect(read("preset=day")).toEqual({ kind: "day", from: "2026-12-07", to: "2026-12-07" });
    expect(read("preset=month").kind).toBe("month");
    expect(read("preset=quarter").kind).toBe("quarter");
    expect(read("preset=lastWeek")).toEqual({ kind: "year", from: "2026-01-01", to: "2026-12-31" });
    expect(read("")).toEqual({ kind: "year", from: "2026-01-01", to: "2026-12-31" });
  });
});

describe("同比 and 环比: the period a figure is compared with", () => {
  it("同比 is the same period a year earlier", () => {
    expect(comparedPeriod(quarterPeriod(2026, 3), "yoy")).toEqual({ kind: "quarter", from: "2025-07-01", to: "2025-09-30" });
    expect(comparedPeriod(monthPeriod(2025, 2), "yoy")).toEqual({ kind: "month", from: "2024-02-01", to: "2024-02-29" });
    expect(comparedPeriod(monthPeriod(2024, 2), "yoy")).toEqual({ kind: "month", from: "2023-02-01", to: "2023-02-28" });
    expect(comparedPeriod(yearPeriod(2026), "yoy")).toEqual({ kind: "year", from: "2025-01-01", to: "2025-12-31" });
    expect(comparedPeriod({ kind: "range", from: "2024-02-10", to: "2024-02-29" }, "yoy")).toEqual({
      kind: "range",
      from: "2023-02-10",
      to: "2023-02-28",
    });
    expect(comparedPeriod({ kind: "day", from: "2026-12-07", to: "2026-12-07" }, "yoy")).toEqual({
      kind: "day",
      from: "2025-12-07",
      to: "2025-12-07",
    });
  });

  it("环比 is the period just before, of the same kind or length", () => {
    expect(comparedPeriod(quarterPeriod(2026, 1), "pop")).toEqual({ kind: "quarter", from: "2025-10-01", to: "2025-12-31" });
    expect(comparedPeriod(monthPeriod(2026, 3), "pop")).toEqual({ kind: "month", from: "2026-02-01", to: "2026-02-28" });
    expect(comparedPeriod({ kind: "range", from: "2026-03-10", to: "2026-03-19" }, "pop")).toEqual({
      kind: "range",
      from: "2026-02-28",
      to: "2026-03-09",
    });
  });

  it("reads compare=yoy|pop from the URL, and nothing else", () => {
    expect(comparisonFromSearch(new URLSearchParams("compare=yoy"))).toBe("yoy");
    expect(comparisonFromSearch(new URLSearchParams("compare=pop"))).toBe("pop");
    expect(comparisonFromSearch(new URLSearchParams("compare=mom"))).toBeNull();
    expect(comparisonFromSearch(new URLSearchParams(""))).toBeNull();
  });
});
