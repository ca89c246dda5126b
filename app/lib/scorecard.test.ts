import { describe, expect, it } from "vitest";
import { percentOf, subtractDecimals } from "./money";
import type { MeasureValues, Weights } from "./scorecard";
import { defaultWeights, MEASURE_KEYS, scoreCompanies, weightsFromStored } from "./scorecard";

const none = () => Object.fromEntries(MEASURE_KEYS.map((k) => [k, null])) as MeasureValues;
const weightsOf = (w: Partial<Weights>) => Object.fromEntries(MEASURE_KEYS.map((k) => [k, w[k] ?? 0])) as Weights;

describe("the scorecard's scoring", () => {
  it("normalises against the best company, weighs, and ranks with ties sharing a rank", () => {
    const companies = [
      { name: "甲", values: { ...none(), signedInvestment: "500.00", daysContactToSign: "30.0" } },
      { name: "乙", values: { ...none(), signedInvestment: "1000.00", daysContactToSign: "60.0" } },
      { name: "丙", values: { ...none(), signedInvestment: "0.00", daysContactToSign: null } },
    ];
    const scored = scoreCompanies(companies, weightsOf({ signedInvestment: 3, daysContactToSign: 1 }));
    const by = Object.fromEntries(scored.map((c) => [c.name, c]));
    expect(by["乙"].scores.signedInvestment).toBe(100);
    expect(by["甲"].scores.signedInvestment).toBe(50);
    // Lower is better: the fastest scores 100, twice as slow 50; no value scores 0.
    expect(by["甲"].scores.daysContactToSign).toBe(100);
    expect(by["乙"].scores.daysContactToSign).toBe(50);
    expect(by["丙"].scores.daysContactToSign).toBe(0);
    expect(by["乙"].total).toBe(87.5); // (100·3 + 50·1) / 4
    expect(by["甲"].total).toBe(62.5); // (50·3 + 100·1) / 4
    expect(by["乙"].contributions.signedInvestment).toBe(75);
    expect(scored.map((c) => [c.name, c.rank])).toEqual([["乙", 1], ["甲", 2], ["丙", 3]]);
    const tied = scoreCompanies([companies[0], { ...companies[0], name: "丁" }], weightsOf({ signedInvestment: 1 }));
    expect(tied.map((c) => c.rank)).toEqual([1, 1]);
  });

  it("percentages and gaps of decimals are exact", () => {
    expect(percentOf("465004.50", "930009.00")).toBe("50.0");
    expect(percentOf("1", "3")).toBe("33.3");
    expect(percentOf("2", "3")).toBe("66.7");
    expect(percentOf("5", "0")).toBeNull();
    expect(subtractDecimals("930009.00", "465004.50")).toBe("465004.50");
    expect(subtractDecimals("100.00", "100.10")).toBe("-0.10");
  });
});

describe("the scorecard, edges", () => {
  it("nobody has anything yet: every score is 0 (higher is better) or 100 (0 days is the best), never NaN", () => {
    const zero = { ...none(), signedCount: 0, daysContactToSign: "0.0" };
    const scored = scoreCompanies([{ name: "甲", values: zero }, { name: "乙", values: zero }], weightsOf({ signedCount: 1, daysContactToSign: 1 }));
    for (const c of scored) {
      expect(c.scores.signedCount).toBe(0);
      expect(c.scores.daysContactToSign).toBe(100);
      expect(c.total).toBe(50);
    }
  });

  it("with every weight at 0 the totals are 0, not NaN", () => {
    const scored = scoreCompanies([{ name: "甲", values: { ...none(), signedCount: 3 } }], weightsOf({}));
    expect(scored[0].scores.signedCount).toBe(100);
    expect(scored[0].contributions.signedCount).toBe(0);
    expect(scored[0].total).toBe(0);
  });

  it("weights as stored: defaults when none are saved, unknown keys dropped, missing or bad ones 0", () => {
    expect(weightsFromStored(null)).toEqual(defaultWeights());
    expect(weightsFromStored(undefined).signedInvestment).toBe(15);
    const w = weightsFromStored({ signedInvestment: "2.5", satisfaction: "abc", bogus: "9" });
    expect(w.signedInvestment).toBe(2.5);
    expect(w.satisfaction).toBe(0);
    expect(w.newLeads).toBe(0);
    expect(Object.keys(w).sort()).toEqual([...MEASURE_KEYS].sort());
    expect(Object.values(defaultWeights()).reduce((a, b) => a + b, 0)).toBe(100);
  });
});
