import { describe, expect, it } from "vitest";
import { percentOf, subtractDecimals } from "./money";
import type { MeasureValues, Weights } from "./scorecard";
import { MEASURE_KEYS, scoreCompanies } from "./scorecard";

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
