import { describe, expect, it } from "vitest";
import { POWER_PRICE_POLICY, STRATEGIC_EMERGING_INDUSTRIES } from "../../../db/seed/policies";
import type { PolicyCondition, PolicyFacts } from "./policy-rules";
import { benefitProblems, centsText, evaluateCondition, evaluatePolicy, outstandingWan, policyConditionsSchema, policyInForce } from "./policy-rules";

const facts: PolicyFacts = {
  cluster: "半导体",
  company: "半导体产业招商服务公司",
  projectType: "new",
  voltageKv: "110",
  investmentWan: "50000",
  jobs: 300,
  landMu: "100",
  annualOutputWan: "80000",
};

describe("the strategic-emerging-industry power price (0.30 元/kWh from 110 kV), row by row", () => {
  const rows: [string, Partial<PolicyFacts>, string, string[]][] = [
    ["a 半导体 user at 110 kV", {}, "qualifies", []],
    ["at 220 kV", { voltageKv: "220" }, "qualifies", []],
    ["at 109.99 kV: short by 0.01 kV, nearly", { voltageKv: "109.99" }, "nearly", []],
    ["at 88 kV: exactly 80 % of 110, nearly", { voltageKv: "88" }, "nearly", []],
    ["at 87.99 kV: below 80 %, no", { voltageKv: "87.99" }, "no", []],
    ["at 35 kV: no", { voltageKv: "35" }, "no", []],
    ["voltage not recorded: nearly, voltage missing", { voltageKv: null }, "nearly", ["voltageKv"]],
    ["another industry (a 16th cluster) at 110 kV: no", { cluster: "商贸物流" }, "no", []],
    ["another industry, voltage unknown: no (the cluster alone decides)", { cluster: "商贸物流", voltageKv: null }, "no", ["voltageKv"]],
    ["cluster unknown, 110 kV: nearly, cluster missing", { cluster: null }, "nearly", ["clusterId"]],
  ];
  it.each(rows)("%s", (_, over, verdict, missing) => {
    const r = evaluatePolicy(POWER_PRICE_POLICY.conditions, { ...facts, ...over });
    expect(r.verdict).toBe(verdict);
    expect(r.missing).toEqual(missing);
  });
  it("every one of the 14 industries qualifies at 110 kV", () => {
    expect(STRATEGIC_EMERGING_INDUSTRIES).toHaveLength(14);
    for (const cluster of STRATEGIC_EMERGING_INDUSTRIES)
      expect(evaluatePolicy(POWER_PRICE_POLICY.conditions, { ...facts, cluster }).verdict).toBe("qualifies");
  });
  it("the seeded conditions are valid data", () => {
    expect(policyConditionsSchema.safeParse(POWER_PRICE_POLICY.conditions).success).toBe(true);
  });
  it("says how far 35 kV is from 110 kV", () => {
    const r = evaluatePolicy(POWER_PRICE_POLICY.conditions, { ...facts, voltageKv: "35" });
    expect(r.outcomes[1].outcome).toEqual({ status: "fail", gap: "75.00", near: false });
    expect(r.outcomes[0].outcome).toEqual({ status: "pass" });
  });
});

describe("one condition, row by row", () => {
  const rows: [string, PolicyCondition, Partial<PolicyFacts>, ReturnType<typeof evaluateCondition>][] = [
    // lists
    ["cluster in, listed", { fact: "cluster", op: "in", values: ["半导体", "光伏"] }, {}, { status: "pass" }],
    ["cluster in, not listed", { fact: "cluster", op: "in", values: ["光伏"] }, {}, { status: "fail", gap: null, near: false }],
    ["cluster notIn, listed", { fact: "cluster", op: "notIn", values: ["半导体"] }, {}, { status: "fail", gap: null, near: false }],
    ["cluster notIn, not listed", { fact: "cluster", op: "notIn", values: ["光伏"] }, {}, { status: "pass" }],
    ["company in", { fact: "company", op: "in", values: ["半导体产业招商服务公司"] }, {}, { status: "pass" }],
    ["company in, another", { fact: "company", op: "in", values: ["光伏产业招商服务公司"] }, {}, { status: "fail", gap: null, near: false }],
    ["company unknown", { fact: "company", op: "in", values: ["x"] }, { company: null }, { status: "unknown", missing: ["companyId"] }],
    ["type in 新建/扩建", { fact: "projectType", op: "in", values: ["new", "expansion"] }, {}, { status: "pass" }],
    ["type 技改 only", { fact: "projectType", op: "in", values: ["upgrade"] }, {}, { status: "fail", gap: null, near: false }],
    ["type not 技改", { fact: "projectType", op: "notIn", values: ["upgrade"] }, {}, { status: "pass" }],
    ["type unknown", { fact: "projectType", op: "in", values: ["new"] }, { projectType: null }, { status: "unknown", missing: ["investmentType"] }],
    // numbers: minimums
    ["investment ≥ 50000, equal", { fact: "investmentWan", op: "gte", value: "50000" }, {}, { status: "pass" }],
    ["investment > 50000, equal", { fact: "investmentWan", op: "gt", value: "50000" }, {}, { status: "fail", gap: "0.00", near: true }],
    ["investment > 49999.99", { fact: "investmentWan", op: "gt", value: "49999.99" }, {}, { status: "pass" }],
    ["jobs > 1000: far", { fact: "jobs", op: "gt", value: "1000" }, {}, { status: "fail", gap: "700.00", near: false }],
    ["investment ≥ 50000.01", { fact: "investmentWan", op: "gte", value: "50000.01" }, {}, { status: "fail", gap: "0.01", near: true }],
    ["investment ≥ 62500: 80 % exactly", { fact: "investmentWan", op: "gte", value: "62500" }, {}, { status: "fail", gap: "12500.00", near: true }],
    [
      "investment ≥ 62500.01: below 80 %",
      { fact: "investmentWan", op: "gte", value: "62500.01" },
      {},
      { status: "fail", gap: "12500.01", near: false },
    ],
    [
      "investment unknown",
      { fact: "investmentWan", op: "gte", value: "1" },
      { investmentWan: null },
      { status: "unknown", missing: ["totalInvestmentWan"] },
    ],
    ["jobs ≥ 300", { fact: "jobs", op: "gte", value: "300" }, {}, { status: "pass" }],
    ["jobs ≥ 301", { fact: "jobs", op: "gte", value: "301" }, {}, { status: "fail", gap: "1.00", near: true }],
    ["jobs 0 ≥ 1", { fact: "jobs", op: "gte", value: "1" }, { jobs: 0 }, { status: "fail", gap: "1.00", near: false }],
    ["jobs unknown", { fact: "jobs", op: "gte", value: "1" }, { jobs: null }, { status: "unknown", missing: ["jobs"] }],
    ["voltage unknown", { fact: "voltageKv", op: "gte", value: "110" }, { voltageKv: null }, { status: "unknown", missing: ["voltageKv"] }],
    // numbers: maximums
    ["jobs ≤ 300, equal", { fact: "jobs", op: "lte", value: "300" }, {}, { status: "pass" }],
    ["jobs < 300, equal", { fact: "jobs", op: "lt", value: "300" }, {}, { status: "fail", gap: "0.00", near: true }],
    ["jobs < 301", { fact: "jobs", op: "lt", value: "301" }, {}, { status: "pass" }],
    ["jobs ≤ 250: 120 % exactly", { fact: "jobs", op: "lte", value: "250" }, {}, { status: "fail", gap: "50.00", near: true }],
    ["jobs ≤ 249: over 120 %", { fact: "jobs", op: "lte", value: "249" }, {}, { status: "fail", gap: "51.00", near: false }],
    // land intensity: 50000 万元 on 100 亩 = 500 万元/亩; output 80000 / 100 = 800
    ["investment per 亩 ≥ 500", { fact: "investmentPerMuWan", op: "gte", value: "500" }, {}, { status: "pass" }],
    ["investment per 亩 ≥ 600", { fact: "investmentPerMuWan", op: "gte", value: "600" }, {}, { status: "fail", gap: "100.00", near: true }],
    ["output per 亩 ≥ 800", { fact: "outputPerMuWan", op: "gte", value: "800" }, {}, { status: "pass" }],
    ["output per 亩 ≥ 1001", { fact: "outputPerMuWan", op: "gte", value: "1001" }, {}, { status: "fail", gap: "201.00", near: false }],
    // 50000 / 300 亩 = 166.666… → short of 200 by 33.333… → 33.33
    [
      "per 亩 rounds the gap",
      { fact: "investmentPerMuWan", op: "gte", value: "200" },
      { landMu: "300" },
      { status: "fail", gap: "33.33", near: true },
    ],
    // 50000 / 150 亩 = 333.333… → short of 400 by 66.666… → 66.67 (half up)
    [
      "per 亩 rounds half up",
      { fact: "investmentPerMuWan", op: "gte", value: "400" },
      { landMu: "150" },
      { status: "fail", gap: "66.67", near: true },
    ],
    ["per 亩 without land", { fact: "investmentPerMuWan", op: "gte", value: "1" }, { landMu: null }, { status: "unknown", missing: ["landMu"] }],
    ["per 亩 on 0 亩", { fact: "outputPerMuWan", op: "gte", value: "1" }, { landMu: "0.00" }, { status: "unknown", missing: ["landMu"] }],
    [
      "per 亩 with neither",
      { fact: "outputPerMuWan", op: "gte", value: "1" },
      { landMu: null, annualOutputWan: null },
      { status: "unknown", missing: ["annualOutputWan", "landMu"] },
    ],
    [
      "investment per 亩 with neither",
      { fact: "investmentPerMuWan", op: "gte", value: "1" },
      { landMu: null, investmentWan: null },
      { status: "unknown", missing: ["totalInvestmentWan", "landMu"] },
    ],
  ];
  it.each(rows)("%s", (_, condition, over, outcome) => {
    expect(evaluateCondition(condition, { ...facts, ...over })).toEqual(outcome);
  });
});

describe("a policy's verdict from its conditions", () => {
  const jobs300: PolicyCondition = { fact: "jobs", op: "gte", value: "300" };
  const land: PolicyCondition = { fact: "investmentPerMuWan", op: "gte", value: "500" };
  it("no conditions: every project qualifies", () => expect(evaluatePolicy([], facts)).toEqual({ verdict: "qualifies", outcomes: [], missing: [] }));
  it("a missing fact and a near miss: nearly, listing the missing field once", () => {
    const r = evaluatePolicy([land, { fact: "outputPerMuWan", op: "gte", value: "1" }, { fact: "jobs", op: "gte", value: "301" }], {
      ...facts,
      landMu: null,
    });
    expect(r.verdict).toBe("nearly");
    expect(r.missing).toEqual(["landMu"]);
  });
  it("one far miss decides, whatever else is missing or passes", () => {
    const r = evaluatePolicy([jobs300, { fact: "voltageKv", op: "gte", value: "220" }, land], { ...facts, voltageKv: "35", landMu: null });
    expect(r.verdict).toBe("no");
    expect(r.outcomes.map((o) => o.outcome.status)).toEqual(["pass", "fail", "unknown"]);
  });
  it("a far miss after a near one is still no", () => {
    expect(
      evaluatePolicy(
        [
          { fact: "jobs", op: "gte", value: "301" },
          { fact: "jobs", op: "gte", value: "1000" },
        ],
        facts,
      ).verdict,
    ).toBe("no");
  });
  it("passes then a near miss: nearly", () =>
    expect(evaluatePolicy([jobs300, { fact: "jobs", op: "gte", value: "301" }], facts).verdict).toBe("nearly"));
});

describe("conditions are checked data", () => {
  const bad: [string, unknown][] = [
    ["an unknown fact", [{ fact: "tax", op: "gte", value: "1" }]],
    ["an operator the fact does not take", [{ fact: "jobs", op: "in", value: "1" }]],
    ["a list operator on a number", [{ fact: "cluster", op: "gte", values: ["x"] }]],
    ["an empty list", [{ fact: "cluster", op: "in", values: [] }]],
    ["an unknown project type", [{ fact: "projectType", op: "in", values: ["rebuild"] }]],
    ["a float with three places", [{ fact: "voltageKv", op: "gte", value: "110.001" }]],
    ["a negative threshold", [{ fact: "voltageKv", op: "gte", value: "-1" }]],
    ["a number, not text", [{ fact: "voltageKv", op: "gte", value: 110 }]],
    ["21 conditions", Array.from({ length: 21 }, () => ({ fact: "jobs", op: "gte", value: "1" }))],
    ["a blank name", [{ fact: "company", op: "in", values: [" "] }]],
  ];
  it.each(bad)("refuses %s", (_, value) => expect(policyConditionsSchema.safeParse(value).success).toBe(false));
  it.each([
    ["one project type", [{ fact: "projectType", op: "in", values: ["new"] }]],
    ["two project types", [{ fact: "projectType", op: "notIn", values: ["new", "upgrade"] }]],
    ["a company", [{ fact: "company", op: "in", values: ["半导体产业招商服务公司"] }]],
    ["a cluster", [{ fact: "cluster", op: "notIn", values: ["光伏"] }]],
  ])("takes %s", (_, value) => expect(policyConditionsSchema.safeParse(value).success).toBe(true));
  it("takes 20 conditions and a two-place threshold", () => {
    expect(policyConditionsSchema.safeParse(Array.from({ length: 20 }, () => ({ fact: "jobs", op: "lt", value: "1.25" }))).success).toBe(true);
  });
});

describe("validity and benefits", () => {
  const today = "2026-12-07";
  it.each([
    [null, null, true],
    ["2026-12-07", null, true],
    ["2026-12-08", null, false],
    [null, "2026-12-07", true],
    [null, "2026-12-06", false],
    ["2026-01-01", "2026-12-31", true],
  ] as const)("from %s to %s in force: %s", (validFrom, validTo, inForce) => expect(policyInForce({ validFrom, validTo }, today)).toBe(inForce));

  it.each([
    [{ promisedOn: "2026-12-07", deliveredOn: null, deliveredWan: null }, {}],
    [{ promisedOn: "2026-12-08", deliveredOn: null, deliveredWan: null }, { promisedOn: "policies.error.future" }],
    [{ promisedOn: "2026-12-01", deliveredOn: "2026-12-01", deliveredWan: "10" }, {}],
    [{ promisedOn: "2026-12-01", deliveredOn: "2026-12-07", deliveredWan: "10" }, {}],
    [{ promisedOn: "2026-12-01", deliveredOn: "2026-11-30", deliveredWan: "10" }, { deliveredOn: "policies.error.deliveredBeforePromise" }],
    [{ promisedOn: "2026-12-01", deliveredOn: "2026-12-08", deliveredWan: "10" }, { deliveredOn: "policies.error.future" }],
    [{ promisedOn: "2026-12-01", deliveredOn: "2026-12-02", deliveredWan: null }, { deliveredWan: "policies.error.deliveredPair" }],
    [{ promisedOn: "2026-12-01", deliveredOn: null, deliveredWan: "10" }, { deliveredOn: "policies.error.deliveredPair" }],
  ] as const)("%o → %o", (b, problems) => expect(benefitProblems(b, today)).toEqual(problems));

  it.each([
    [{ promisedWan: "100", deliveredWan: null }, "100.00"],
    [{ promisedWan: "100.5", deliveredWan: "40.25" }, "60.25"],
    [{ promisedWan: "100", deliveredWan: "100" }, "0.00"],
    [{ promisedWan: "100", deliveredWan: "120" }, "0.00"],
  ] as const)("outstanding of %o is %s", (b, owed) => expect(outstandingWan(b)).toBe(owed));
  it("cents print with two places", () => {
    expect(centsText(5n)).toBe("0.05");
    expect(centsText(123456n)).toBe("1234.56");
  });
});
