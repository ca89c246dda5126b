import { describe, expect, it } from "vitest";
import { percentOf, subtractDecimals } from "./money";
import type { MeasureValues, Weights } from "./scorecard";
import { defaultWeights, MEASURE_KEYS, missingRuleFrom, scoreCompanies, weightsFromStored } from "./scorecard";

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
    // Lower is better: the fastest scores 100, twice as slow 50; no value scores nothing (the default rule).
    expect(by["甲"].scores.daysContactToSign).toBe(100);
    expect(by["乙"].scores.daysContactToSign).toBe(50);
    expect(by["丙"].scores.daysContactToSign).toBeNull();
    expect(by["丙"].contributions.daysContactToSign).toBeNull();
    expect(by["乙"].total).toBe(87.5); // (100·3 + 50·1) / 4
    expect(by["甲"].total).toBe(62.5); // (50·3 + 100·1) / 4
    expect(by["乙"].contributions.signedInvestment).toBe(75);
    expect(scored.map((c) => [c.name, c.rank])).toEqual([
      ["乙", 1],
      ["甲", 2],
      ["丙", 3],
    ]);
    // 丙 is measured on signed investment alone (0 of the best 1000), its weights rescaled: 3 of 4.
    expect(by["丙"]).toMatchObject({ total: 0, missing: ["daysContactToSign"], weightCovered: 3, weightSum: 4, rescaled: true });
    expect(by["甲"]).toMatchObject({ missing: [], weightCovered: 4, rescaled: false });
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

describe("missing measures (decision 017)", () => {
  // 甲 has every measure; 乙 the same reserve and signings but no target and no requests; 丙 is 乙 with a target
  // and requests scored exactly at its own level elsewhere.
  const w = weightsOf({ signedCount: 40, reserveCount: 20, targetCompletion: 20, onTimeRate: 10, satisfaction: 10 });
  const full = { ...none(), signedCount: 10, reserveCount: 10, targetCompletion: "80.0", onTimeRate: "90.0", satisfaction: "4.50" };
  const bare = { ...none(), signedCount: 5, reserveCount: 5 };

  it("by default a missing measure neither helps nor harms: the total is over the measures the company has", () => {
    const scored = scoreCompanies(
      [
        { name: "甲", values: full },
        { name: "乙", values: bare },
      ],
      w,
    );
    const b = scored.find((c) => c.name === "乙")!;
    expect(b.scores).toMatchObject({ signedCount: 50, reserveCount: 50, targetCompletion: null, onTimeRate: null, satisfaction: null });
    // (50·40 + 50·20) / 60: its own level on what it has, not dragged down to (50·40 + 50·20) / 100 = 30.
    expect(b.total).toBe(50);
    expect(b).toMatchObject({ missing: ["targetCompletion", "onTimeRate", "satisfaction"], weightCovered: 60, weightSum: 100, rescaled: true });
    // Contributions add up to the total, over the rescaled weights.
    expect(b.contributions.signedCount! + b.contributions.reserveCount!).toBe(50);
    // Not helped either: the same as if the three measures did not exist at all.
    const without = scoreCompanies(
      [
        { name: "甲", values: full },
        { name: "乙", values: bare },
      ],
      { ...w, targetCompletion: 0, onTimeRate: 0, satisfaction: 0 },
    );
    expect(without.find((c) => c.name === "乙")!.total).toBe(b.total);
    // … and the same as a company that has them at exactly its level elsewhere (half the best).
    const half = { ...bare, targetCompletion: "40.0", onTimeRate: "45.0", satisfaction: "2.25" };
    const withHalf = scoreCompanies(
      [
        { name: "甲", values: full },
        { name: "丙", values: half },
      ],
      w,
    );
    expect(withHalf.find((c) => c.name === "丙")!.total).toBe(b.total);
    // The company with data is unaffected by the other's missing values: it is the best on every measure.
    expect(scored.find((c) => c.name === "甲")).toMatchObject({ total: 100, rank: 1, rescaled: false });
  });

  it("under the strict rule a missing measure scores 0 over every weight", () => {
    const scored = scoreCompanies(
      [
        { name: "甲", values: full },
        { name: "乙", values: bare },
      ],
      w,
      "zero",
    );
    const b = scored.find((c) => c.name === "乙")!;
    expect(b.scores).toMatchObject({ targetCompletion: 0, onTimeRate: 0, satisfaction: 0 });
    expect(b.contributions.targetCompletion).toBe(0);
    expect(b.total).toBe(30);
    expect(b).toMatchObject({ missing: ["targetCompletion", "onTimeRate", "satisfaction"], weightCovered: 60, rescaled: false });
  });

  it("a missing measure can change the ranking: fair vs strict", () => {
    // 乙 leads on signings but has no requests; 甲 has them.
    const a = { ...none(), signedCount: 8, onTimeRate: "100.0" };
    const b = { ...none(), signedCount: 10 };
    const ww = weightsOf({ signedCount: 50, onTimeRate: 50 });
    expect(
      scoreCompanies(
        [
          { name: "甲", values: a },
          { name: "乙", values: b },
        ],
        ww,
      ).map((c) => [c.name, c.total, c.rank]),
    ).toEqual([
      ["乙", 100, 1],
      ["甲", 90, 2],
    ]);
    expect(
      scoreCompanies(
        [
          { name: "甲", values: a },
          { name: "乙", values: b },
        ],
        ww,
        "zero",
      ).map((c) => [c.name, c.total, c.rank]),
    ).toEqual([
      ["甲", 90, 1],
      ["乙", 50, 2],
    ]);
  });

  it("a missing measure of weight 0 is not listed; nothing weighted to go on gives no total and no rank, last", () => {
    const scored = scoreCompanies(
      [
        { name: "甲", values: { ...none(), satisfaction: "4.00", signedCount: 1 } },
        { name: "乙", values: { ...none(), signedCount: 2 } },
      ],
      weightsOf({ satisfaction: 1 }),
    );
    expect(scored.map((c) => [c.name, c.total, c.rank])).toEqual([
      ["甲", 100, 1],
      ["乙", null, null],
    ]);
    expect(scored[1]).toMatchObject({ missing: ["satisfaction"], weightCovered: 0, rescaled: true });
    // Strict: 0, ranked.
    expect(scoreCompanies([{ name: "乙", values: { ...none(), signedCount: 2 } }], weightsOf({ satisfaction: 1 }), "zero")[0]).toMatchObject({
      total: 0,
      rank: 1,
    });
  });

  it("the rule from the URL: missing=zero is strict, anything else the default", () => {
    expect(missingRuleFrom(new URLSearchParams("missing=zero"))).toBe("zero");
    expect(missingRuleFrom(new URLSearchParams("missing=rescale"))).toBe("rescale");
    expect(missingRuleFrom(new URLSearchParams("missing=0"))).toBe("rescale");
    expect(missingRuleFrom(new URLSearchParams(""))).toBe("rescale");
  });
});

describe("the scorecard, edges", () => {
  it("nobody has anything yet: every score is 0 (higher is better) or 100 (0 days is the best), never NaN", () => {
    const zero = { ...none(), signedCount: 0, daysContactToSign: "0.0" };
    const scored = scoreCompanies(
      [
        { name: "甲", values: zero },
        { name: "乙", values: zero },
      ],
      weightsOf({ signedCount: 1, daysContactToSign: 1 }),
    );
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
    // Weight sets saved before the on-time measure was renamed keep its weight.
    expect(weightsFromStored({ serviceOnTimePercent: "7" }).onTimeRate).toBe(7);
    expect(weightsFromStored({ serviceOnTimePercent: "7", onTimeRate: "3" }).onTimeRate).toBe(3);
  });
});
