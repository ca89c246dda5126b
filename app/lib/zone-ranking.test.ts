// 四比四看 between zones: the measures, the weights, the change of rank and the scoring, case by case.
import { describe, expect, it } from "vitest";
import type { ZoneMeasureValues, ZoneWeights } from "./zone-ranking";
import {
  DEFAULT_ZONE_WEIGHT,
  defaultZoneWeights,
  rankChange,
  rankChangeText,
  scoreZones,
  sharePercent,
  ZONE_MEASURE_KEYS,
  ZONE_MEASURES,
  zoneWeightsFromStored,
} from "./zone-ranking";

describe("the four comparisons and their measures", () => {
  // key: group kind better
  const expected: Record<string, string> = {
    reserveCount: "reserve int higher",
    reserveInvestment: "reserve wan higher",
    bigReservePercent: "reserve percent higher",
    signedCount: "signing int higher",
    signedInvestment: "signing wan higher",
    registeredPercent: "signing percent higher",
    constructionCount: "construction int higher",
    constructionInvestment: "construction wan higher",
    daysSignToConstruction: "construction days lower",
    onTimeRate: "service percent higher",
    satisfaction: "service decimal higher",
  };
  it.each(Object.entries(expected))("%s is %s", (key, row) => {
    const m = ZONE_MEASURES.find((x) => x.key === key)!;
    expect(`${m.group} ${m.kind} ${m.better}`).toBe(row);
  });
  it("lists exactly these measures, in this order", () => {
    expect(ZONE_MEASURE_KEYS).toEqual(Object.keys(expected));
  });
});

describe("weights", () => {
  it("default to the same weight for every measure", () => {
    expect(DEFAULT_ZONE_WEIGHT).toBe(10);
    expect(defaultZoneWeights()).toEqual(Object.fromEntries(ZONE_MEASURE_KEYS.map((k) => [k, 10])));
  });
  it.each([
    ["nothing stored: the defaults", null, defaultZoneWeights()],
    ["undefined: the defaults", undefined, defaultZoneWeights()],
    [
      "a stored set: its values, others 0, unknown keys dropped, nonsense 0",
      { signedCount: "20", satisfaction: "5", newLeads: "7", onTimeRate: "x" },
      { ...Object.fromEntries(ZONE_MEASURE_KEYS.map((k) => [k, 0])), signedCount: 20, satisfaction: 5 },
    ],
  ])("%s", (_name, stored, weights) => {
    expect(zoneWeightsFromStored(stored)).toEqual(weights);
  });
});

describe("the change of rank since the previous period", () => {
  it.each([
    [1, 3, { kind: "up", by: 2 }, "↑2"],
    [3, 2, { kind: "down", by: 1 }, "↓1"],
    [2, 2, { kind: "same" }, "="],
    [1, null, { kind: "new" }, "新"],
    [null, 1, null, ""],
    [null, null, null, ""],
  ] as const)("rank %s, previously %s", (rank, previous, change, text) => {
    expect(rankChange(rank, previous)).toEqual(change);
    expect(rankChangeText(rankChange(rank, previous), "新")).toBe(text);
  });
});

describe("a share as a percentage", () => {
  it.each([
    [1, 3, "33.3"],
    [2, 3, "66.7"],
    [1, 8, "12.5"],
    [0, 5, "0.0"],
    [2, 2, "100.0"],
    [1, 0, null],
    [0, 0, null],
  ] as const)("%s of %s is %s", (part, whole, text) => {
    expect(sharePercent(part, whole)).toBe(text);
  });
});

describe("scoring the zones (the scorecard's rule)", () => {
  const none = Object.fromEntries(ZONE_MEASURE_KEYS.map((k) => [k, 0])) as ZoneWeights;
  const values = (v: Partial<ZoneMeasureValues>): ZoneMeasureValues =>
    ({ ...Object.fromEntries(ZONE_MEASURE_KEYS.map((k) => [k, 0])), ...v }) as ZoneMeasureValues;
  // Weights: signed investment 30, days signing → construction 10 (fewer is better).
  const weights = { ...none, signedInvestment: 30, daysSignToConstruction: 10 };
  const zones = [
    { name: "甲", values: values({ signedInvestment: "50000.00", daysSignToConstruction: "40.0" }) },
    { name: "乙", values: values({ signedInvestment: "100000.00", daysSignToConstruction: "80.0" }) },
    { name: "丙", values: values({ signedInvestment: "25000.00", daysSignToConstruction: null }) },
  ];

  it("scores against the best zone, fewer days scoring higher, and rescales a missing measure", () => {
    const scored = scoreZones(zones, weights);
    const by = Object.fromEntries(scored.map((z) => [z.name, z]));
    // 甲: 50 × 30/40 + 100 × 10/40 = 37.5 + 25 = 62.5; 乙: 100 × 30/40 + 50 × 10/40 = 75 + 12.5 = 87.5;
    // 丙: no days, so 25 × 30/30 = 25, rescaled.
    expect(by["甲"]).toMatchObject({ total: 62.5, rank: 2, rescaled: false });
    expect(by["乙"]).toMatchObject({ total: 87.5, rank: 1 });
    expect(by["丙"]).toMatchObject({ total: 25, rank: 3, rescaled: true, missing: ["daysSignToConstruction"], weightCovered: 30 });
    expect(by["甲"].scores.daysSignToConstruction).toBe(100);
    expect(by["乙"].scores.daysSignToConstruction).toBe(50);
    expect(scored.map((z) => z.name)).toEqual(["乙", "甲", "丙"]);
  });

  it("under the strict rule a missing measure scores 0 over every weight", () => {
    const by = Object.fromEntries(scoreZones(zones, weights, "zero").map((z) => [z.name, z]));
    // 丙: 25 × 30/40 + 0 = 18.75
    expect(by["丙"]).toMatchObject({ total: 18.75, rank: 3, rescaled: false });
  });

  // Either order of the input: the sort must move the zone with no total after, never before.
  it.each([
    ["乙", "甲"],
    ["甲", "乙"],
  ])("a zone that scores 0 still ranks before one with nothing to score (input %s, %s)", (first, second) => {
    const only = { ...none, signedInvestment: 10 };
    const zone = { 乙: values({ signedInvestment: "0.00" }), 甲: values({ signedInvestment: null }) };
    const scored = scoreZones(
      [first, second].map((name) => ({ name, values: zone[name as keyof typeof zone] })),
      only,
    );
    expect(scored.map((z) => [z.name, z.total, z.rank])).toEqual([
      ["乙", 0, 1],
      ["甲", null, null],
    ]);
  });
});
