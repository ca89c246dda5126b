import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RollupGrain, RollupSpan } from "./rollup-spans";
import { nextDay, rollupSpans, spansCost, spanUnits } from "./rollup-spans";

/** How many times the pieces count `day`: +1 for every added piece holding it, −1 for every one taken away. */
const coverage = (spans: RollupSpan[], day: string) => spans.reduce((n, s) => n + (s.from <= day && day < s.until ? s.sign : 0), 0);

/** Every day of [from, to] (inclusive). */
function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) out.push(d);
  return out;
}

const shift = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** A piece's edges are where its grain's rows are: a year's or a month's first day. */
function wellFormed(s: RollupSpan) {
  if (s.from >= s.until) return false;
  if (s.grain === "year") return s.from.endsWith("-01-01") && s.until.endsWith("-01-01");
  if (s.grain === "month") return s.from.endsWith("-01") && s.until.endsWith("-01");
  return true;
}

const dayIn = (fromYear: number, toYear: number) =>
  fc
    .date({ min: new Date(Date.UTC(fromYear, 0, 1)), max: new Date(Date.UTC(toYear, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

describe("reading a range of days from the day, month and year rows", () => {
  it("adds up to exactly the days of the range, whatever the range and grain", () => {
    fc.assert(
      fc.property(dayIn(2023, 2027), dayIn(2023, 2027), fc.constantFrom<RollupGrain>("day", "month", "year"), (a, b, coarsest) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const spans = rollupSpans(from, to, coarsest);
        for (const s of spans) expect(wellFormed(s), JSON.stringify(s)).toBe(true);
        // Each day from a year before to a year after: counted once inside the range, never outside it.
        const wrong = daysOf(shift(from, -370), shift(to, 370)).filter((day) => coverage(spans, day) !== (day >= from && day <= to ? 1 : 0));
        expect(wrong, `${from}..${to} (${coarsest})`).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("reads no grain coarser than the measures have", () => {
    expect(rollupSpans("2025-01-01", "2026-12-31", "day").every((s) => s.grain === "day")).toBe(true);
    expect(rollupSpans("2025-01-01", "2026-12-31", "month").map((s) => s.grain)).toEqual(["month"]);
    expect(rollupSpans("2025-01-01", "2026-12-31", "month")[0]).toEqual({ grain: "month", from: "2025-01-01", until: "2027-01-01", sign: 1 });
  });

  it("reads a whole year as its year rows, several whole years as one range", () => {
    expect(rollupSpans("2026-01-01", "2026-12-31")).toEqual([{ grain: "year", from: "2026-01-01", until: "2027-01-01", sign: 1 }]);
    expect(rollupSpans("2024-01-01", "2026-12-31")).toEqual([{ grain: "year", from: "2024-01-01", until: "2027-01-01", sign: 1 }]);
  });

  it("reads the year to date as the year minus the days after it", () => {
    expect(rollupSpans("2026-01-01", "2026-12-07")).toEqual([
      { grain: "year", from: "2026-01-01", until: "2027-01-01", sign: 1 },
      { grain: "day", from: "2026-12-08", until: "2027-01-01", sign: -1 },
    ]);
    // Up to the end of November: the year minus December.
    expect(rollupSpans("2026-01-01", "2026-11-30")).toEqual([
      { grain: "year", from: "2026-01-01", until: "2027-01-01", sign: 1 },
      { grain: "month", from: "2026-12-01", until: "2027-01-01", sign: -1 },
    ]);
  });

  it("reads a quarter, a month or a few days directly", () => {
    expect(rollupSpans("2026-04-01", "2026-06-30")).toEqual([{ grain: "month", from: "2026-04-01", until: "2026-07-01", sign: 1 }]);
    expect(rollupSpans("2026-02-01", "2026-02-28")).toEqual([{ grain: "month", from: "2026-02-01", until: "2026-03-01", sign: 1 }]);
    expect(rollupSpans("2026-03-05", "2026-03-09")).toEqual([{ grain: "day", from: "2026-03-05", until: "2026-03-10", sign: 1 }]);
    expect(rollupSpans("2026-01-15", "2026-03-10")).toEqual([
      { grain: "day", from: "2026-01-15", until: "2026-02-01", sign: 1 },
      { grain: "month", from: "2026-02-01", until: "2026-03-01", sign: 1 },
      { grain: "day", from: "2026-03-01", until: "2026-03-11", sign: 1 },
    ]);
  });

  it("takes the cheaper of the two ways, and the direct one on a tie", () => {
    // Half a year: six months (24) against the year and six months taken away (30).
    expect(rollupSpans("2026-01-01", "2026-06-30").every((s) => s.sign === 1)).toBe(true);
    // Nine months: 36 against 6 + 12.
    expect(rollupSpans("2026-01-01", "2026-09-30").some((s) => s.sign === -1)).toBe(true);
    // From the middle of a year to its end: the year minus its first months.
    expect(rollupSpans("2026-03-01", "2026-12-31")).toEqual([
      { grain: "year", from: "2026-01-01", until: "2027-01-01", sign: 1 },
      { grain: "month", from: "2026-01-01", until: "2026-03-01", sign: -1 },
    ]);
    // January 1 to June 20: five months and twenty days (40) against the year, ten days and six months (6 + 10 + 24).
    expect(rollupSpans("2026-01-01", "2026-06-20")).toEqual([
      { grain: "month", from: "2026-01-01", until: "2026-06-01", sign: 1 },
      { grain: "day", from: "2026-06-01", until: "2026-06-21", sign: 1 },
    ]);
    // One day more and the year minus the rest is cheaper (41 against 39).
    expect(rollupSpans("2026-01-01", "2026-06-21")[0]).toEqual({ grain: "year", from: "2026-01-01", until: "2027-01-01", sign: 1 });
    // Each way is priced by what it reads.
    const spans = rollupSpans("2026-01-01", "2026-12-07");
    expect(spansCost(spans)).toBe(6 + 24);
    expect(spansCost(rollupSpans("2026-01-01", "2026-12-07", "month"))).toBe(11 * 4 + 7);
  });

  it("counts the days, months and years of a piece", () => {
    expect(spanUnits({ grain: "day", from: "2024-02-28", until: "2024-03-01" })).toBe(2);
    expect(spanUnits({ grain: "day", from: "2026-12-08", until: "2027-01-01" })).toBe(24);
    expect(spanUnits({ grain: "month", from: "2025-11-01", until: "2026-02-01" })).toBe(3);
    expect(spanUnits({ grain: "year", from: "2024-01-01", until: "2027-01-01" })).toBe(3);
  });

  it("reads everything up to a day from year 1 on", () => {
    const spans = rollupSpans("0001-01-01", "2026-12-07");
    expect(spans[0]).toEqual({ grain: "year", from: "0001-01-01", until: "2026-01-01", sign: 1 });
    for (const day of ["0001-01-01", "0099-12-31", "1999-06-30", "2026-12-07"]) expect(coverage(spans, day), day).toBe(1);
    for (const day of ["2026-12-08", "2026-12-31", "2027-01-01"]) expect(coverage(spans, day), day).toBe(0);
    expect(nextDay("0001-12-31")).toBe("0002-01-01");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });

  it("has nothing to read for an empty range", () => {
    expect(rollupSpans("2026-03-02", "2026-03-01")).toEqual([]);
    expect(rollupSpans("2026-03-01", "2026-03-01")).toEqual([{ grain: "day", from: "2026-03-01", until: "2026-03-02", sign: 1 }]);
  });
});
