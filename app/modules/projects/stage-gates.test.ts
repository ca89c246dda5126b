import { describe, expect, it } from "vitest";
import { completeUscc } from "~/lib/uscc";
import type { GateFacts, GateStage } from "./stage-gates";
import {
  datedReasonSchema,
  decodeMessage,
  gateProblems,
  gateSchemas,
  loseSchema,
  nextStage,
  overridesApprovalGate,
  previousStage,
  resumeSchema,
} from "./stage-gates";

const GATE_STAGES = Object.keys(gateSchemas) as GateStage[];

const facts: GateFacts = {
  activityCount: 1,
  reviewOutcome: "approved",
  contactedOn: "2026-01-10",
  signedOn: "2026-03-01",
  constructionOn: "2026-05-01",
  today: "2026-11-27",
  openRequiredApprovals: 0,
  overrideReason: null,
  mayOverride: false,
};

describe("stage gates (DOMAIN.md)", () => {
  it("moves one stage at a time, forward and back", () => {
    expect(nextStage("lead")).toBe("contacted");
    expect(nextStage("production")).toBeUndefined();
    expect(previousStage("lead")).toBeUndefined();
    expect(previousStage("signed")).toBe("evaluating");
  });

  it("contacted needs a logged activity", () => {
    expect(gateProblems("contacted", "2026-01-10", { ...facts, activityCount: 0 })).toEqual({ _form: "stage.error.noActivity" });
    expect(gateProblems("contacted", "2026-01-10", facts)).toEqual({});
  });

  it("negotiating needs a contact and a planned investment above 0", () => {
    const r = gateSchemas.negotiating.safeParse({ version: "1", businessOn: "2026-02-01", plannedInvestmentWan: "0" });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(fields).toEqual({ investorContactId: "stage.error.contact", plannedInvestmentWan: "stage.error.positive" });
    expect(
      gateSchemas.negotiating.safeParse({ version: "1", businessOn: "2026-02-01", investorContactId: "3", plannedInvestmentWan: "1,000" }).success,
    ).toBe(true);
  });

  it("evaluating accepts land of 0 亩 but needs an annual output", () => {
    expect(gateSchemas.evaluating.safeParse({ version: "1", businessOn: "2026-02-01", landMu: "0", annualOutputWan: "500" }).success).toBe(true);
    expect(gateSchemas.evaluating.safeParse({ version: "1", businessOn: "2026-02-01", landMu: "", annualOutputWan: "500" }).success).toBe(false);
  });

  it("signing needs an approved review, an agreement number and a contracted investment", () => {
    expect(gateProblems("signed", "2026-03-01", { ...facts, reviewOutcome: "another_round" })).toEqual({ _form: "stage.error.notApproved" });
    expect(gateSchemas.signed.safeParse({ version: "1", businessOn: "2026-03-01", agreementNo: "", contractedInvestmentWan: "100" }).success).toBe(
      false,
    );
  });

  it("registration needs a valid 统一社会信用代码 and says which character is wrong", () => {
    const good = completeUscc("91140100MA0K12345");
    expect(
      gateSchemas.registered.safeParse({
        version: "1",
        businessOn: "2026-04-01",
        projectCompanyName: "某某有限公司",
        projectCompanyUscc: good.toLowerCase(),
      }).success,
    ).toBe(true);
    const bad = gateSchemas.registered.safeParse({
      version: "1",
      businessOn: "2026-04-01",
      projectCompanyName: "某某有限公司",
      projectCompanyUscc: "91140100IA0K123450",
    });
    const message = bad.error!.issues.find((i) => i.path[0] === "projectCompanyUscc")!.message;
    expect(decodeMessage(message)).toEqual({ key: "uscc.character", params: { position: "9", character: "I" } });
  });

  it("construction not before signing, production not before construction, nothing in the future", () => {
    expect(gateProblems("construction", "2026-02-28", facts)).toEqual({ businessOn: "stage.error.beforeSigning" });
    expect(gateProblems("construction", "2026-03-01", facts)).toEqual({});
    expect(gateProblems("production", "2026-04-30", facts)).toEqual({ businessOn: "stage.error.beforeConstruction" });
    expect(gateProblems("production", "2026-11-28", facts)).toEqual({ businessOn: "stage.error.future" });
  });
});

// Every gate and every date-order rule as a table: flip any condition in stage-gates.ts and a row fails.
describe("the stage gates, rule by rule", () => {
  // contacted 01-10, signed 03-01, construction 05-01, today 11-27 (see `facts` above).
  type Row = [stage: GateStage, businessOn: string, facts: Partial<GateFacts>, expected: Record<string, string>];
  const dateOrder: Row[] = [
    // nothing is dated in the future, at any stage; today itself is fine
    ...GATE_STAGES.map((s): Row => [s, "2026-11-28", {}, { businessOn: "stage.error.future" }]),
    ...GATE_STAGES.map((s): Row => [s, "2026-11-27", {}, {}]),
    // negotiating and the review meeting not before the first contact (the same day is fine; no contact known: no check)
    ["negotiating", "2026-01-09", {}, { businessOn: "stage.error.beforeContact" }],
    ["negotiating", "2026-01-10", {}, {}],
    ["negotiating", "2026-01-09", { contactedOn: null }, {}],
    ["evaluating", "2026-01-09", {}, { businessOn: "stage.error.beforeContact" }],
    ["evaluating", "2026-01-10", {}, {}],
    ["evaluating", "2026-01-09", { contactedOn: null }, {}],
    // signing not before the first contact either
    ["signed", "2026-01-09", {}, { businessOn: "stage.error.beforeContact" }],
    ["signed", "2026-01-10", {}, {}],
    ["signed", "2026-01-09", { contactedOn: null }, {}],
    // registration and construction not before signing
    ["registered", "2026-02-28", {}, { businessOn: "stage.error.beforeSigning" }],
    ["registered", "2026-03-01", {}, {}],
    ["registered", "2026-02-28", { signedOn: null }, {}],
    ["construction", "2026-02-28", {}, { businessOn: "stage.error.beforeSigning" }],
    ["construction", "2026-03-01", {}, {}],
    ["construction", "2026-02-28", { signedOn: null }, {}],
    // production not before construction
    ["production", "2026-04-30", {}, { businessOn: "stage.error.beforeConstruction" }],
    ["production", "2026-05-01", {}, {}],
    ["production", "2026-04-30", { constructionOn: null }, {}],
    // each stage checks its own predecessor only: an early date is judged against the right milestone
    ["registered", "2026-04-30", { constructionOn: "2026-05-01" }, {}],
    ["contacted", "2025-12-31", {}, {}],
  ];

  it.each(dateOrder)("%s on %s with %o: %o", (stage, businessOn, over, expected) => {
    expect(gateProblems(stage, businessOn, { ...facts, ...over })).toStrictEqual(expected);
  });

  const preconditions: Row[] = [
    ["contacted", "2026-01-10", { activityCount: 0 }, { _form: "stage.error.noActivity" }],
    ["contacted", "2026-01-10", { activityCount: 1 }, {}],
    ["signed", "2026-03-01", { reviewOutcome: null }, { _form: "stage.error.notApproved" }],
    ["signed", "2026-03-01", { reviewOutcome: "rejected" }, { _form: "stage.error.notApproved" }],
    ["signed", "2026-03-01", { reviewOutcome: "another_round" }, { _form: "stage.error.notApproved" }],
    ["signed", "2026-03-01", { reviewOutcome: "approved" }, {}],
    // a future date and a missing precondition are both reported
    ["contacted", "2026-11-28", { activityCount: 0 }, { _form: "stage.error.noActivity", businessOn: "stage.error.future" }],
    ["signed", "2026-11-28", { reviewOutcome: null }, { _form: "stage.error.notApproved", businessOn: "stage.error.future" }],
  ];
  // Only contacted needs an activity and only signing an approved review; the other gates ignore both.
  for (const s of GATE_STAGES.filter((s) => s !== "contacted" && s !== "signed")) {
    preconditions.push([s, "2026-06-01", { activityCount: 0, reviewOutcome: null }, {}]);
  }

  it.each(preconditions)("%s on %s with %o: %o", (stage, businessOn, over, expected) => {
    expect(gateProblems(stage, businessOn, { ...facts, ...over })).toStrictEqual(expected);
  });
});

// Issue 21: 开工 waits for the approval items marked required for construction, unless the manager overrides.
describe("the approvals gate of 开工, row by row", () => {
  type Row = [stage: GateStage, facts: Partial<GateFacts>, expected: Record<string, string>, overrides: boolean];
  const rows: Row[] = [
    // an open required item refuses 开工
    ["construction", { openRequiredApprovals: 1 }, { _form: "stage.error.approvalsOpen" }, false],
    ["construction", { openRequiredApprovals: 3 }, { _form: "stage.error.approvalsOpen" }, false],
    // all closed (approved or not applicable: the count is 0): through
    ["construction", { openRequiredApprovals: 0 }, {}, false],
    // a reason with nothing open is no override
    ["construction", { openRequiredApprovals: 0, overrideReason: "先行开工", mayOverride: true }, {}, false],
    // the manager's override with a reason: through, and recorded as an override
    ["construction", { openRequiredApprovals: 2, overrideReason: "承诺制先行开工", mayOverride: true }, {}, true],
    // the manager without a reason: refused
    ["construction", { openRequiredApprovals: 2, overrideReason: null, mayOverride: true }, { _form: "stage.error.approvalsOpen" }, false],
    // someone else with a reason: told only the manager may
    ["construction", { openRequiredApprovals: 2, overrideReason: "想开工", mayOverride: false }, { _form: "stage.error.overrideManagerOnly" }, false],
    // the other gates ignore the approvals
    ...GATE_STAGES.filter((s) => s !== "construction").map((s): Row => [s, { openRequiredApprovals: 5 }, {}, false]),
  ];
  it.each(rows)("%s with %o: %o (override %s)", (stage, over, expected, overrides) => {
    const f = { ...facts, ...over };
    expect(gateProblems(stage, "2026-06-01", f)).toStrictEqual(expected);
    expect(overridesApprovalGate(stage, f)).toBe(overrides);
  });

  it("the override's reason is optional text of up to 500 characters on the 开工 form", () => {
    expect(gateSchemas.construction.parse({ version: "1", businessOn: "2026-05-01", approvalOverride: "" }).approvalOverride).toBeUndefined();
    expect(gateSchemas.construction.safeParse({ version: "1", businessOn: "2026-05-01", approvalOverride: "因".repeat(501) }).success).toBe(false);
  });
});

describe("the fields each gate asks for", () => {
  // What an empty form posts: every field present and blank.
  const blank = (stage: GateStage | "back" | "hold" | "lose" | "resume") =>
    Object.fromEntries([...Object.keys(GATE_FIELDS[stage]), "version", "note"].map((k) => [k, ""]));
  const GATE_FIELDS = {
    contacted: { businessOn: "validation.date" },
    negotiating: { businessOn: "validation.date", investorContactId: "stage.error.contact", plannedInvestmentWan: "validation.decimal" },
    evaluating: { businessOn: "validation.date", landMu: "validation.decimal", annualOutputWan: "validation.decimal" },
    signed: { businessOn: "validation.date", agreementNo: "validation.required", contractedInvestmentWan: "validation.decimal" },
    registered: { businessOn: "validation.date", projectCompanyName: "validation.required", projectCompanyUscc: "validation.required" },
    construction: { businessOn: "validation.date" },
    production: { businessOn: "validation.date" },
    back: { businessOn: "validation.date", note: "validation.required" },
    hold: { businessOn: "validation.date", note: "validation.required" },
    lose: { businessOn: "validation.date", lostReason: "validation.required", note: "validation.required" },
    resume: { businessOn: "validation.date" },
  } as const;
  const SCHEMAS = { ...gateSchemas, back: datedReasonSchema, hold: datedReasonSchema, lose: loseSchema, resume: resumeSchema };
  const good = {
    contacted: { businessOn: "2026-01-10" },
    negotiating: { businessOn: "2026-02-01", investorContactId: "3", plannedInvestmentWan: "1,000.5" },
    evaluating: { businessOn: "2026-02-01", landMu: "0", annualOutputWan: "500" },
    signed: { businessOn: "2026-03-01", agreementNo: "ZS-001", contractedInvestmentWan: "51000" },
    registered: { businessOn: "2026-04-01", projectCompanyName: "某某有限公司", projectCompanyUscc: completeUscc("91140100MA0K12345") },
    construction: { businessOn: "2026-05-01" },
    production: { businessOn: "2026-06-01" },
    back: { businessOn: "2026-06-01", note: "退回重谈" },
    hold: { businessOn: "2026-06-01", note: "投资方暂缓" },
    lose: { businessOn: "2026-06-01", lostReason: "investor_withdrew", note: "投资方撤回" },
    resume: { businessOn: "2026-06-01" },
  } as const;
  const kinds = Object.keys(GATE_FIELDS) as (keyof typeof GATE_FIELDS)[];

  it.each(kinds)("%s: a blank form names every missing field, and the version", (kind) => {
    const r = SCHEMAS[kind].safeParse(blank(kind as GateStage));
    expect(r.success).toBe(false);
    // The first problem of each field is the one shown next to it.
    const fields: Record<string, string> = {};
    for (const i of r.error!.issues) fields[String(i.path[0])] ??= i.message;
    expect(Object.keys(fields).sort()).toEqual([...Object.keys(GATE_FIELDS[kind]), "version"].sort());
    for (const [field, message] of Object.entries(GATE_FIELDS[kind])) expect(fields[field], field).toBe(message);
  });

  it.each(kinds)("%s: a filled form passes and keeps what was typed", (kind) => {
    const r = SCHEMAS[kind].safeParse({ version: "7", ...good[kind] });
    expect(r.error?.issues).toBeUndefined();
    expect(r.data).toMatchObject({ version: 7, businessOn: good[kind].businessOn });
  });

  it.each(kinds)("%s: a version of 0 and a note over 500 characters are refused", (kind) => {
    const r = SCHEMAS[kind].safeParse({ ...good[kind], version: "0", note: "注".repeat(501) });
    expect(r.error!.issues.map((i) => [String(i.path[0]), i.message]).filter(([p]) => p === "note")).toEqual([["note", "validation.tooLong"]]);
    expect(r.error!.issues.some((i) => i.path[0] === "version")).toBe(true);
  });

  it("money is kept exact and without separators; it must be above 0 but land may be 0", () => {
    expect(gateSchemas.negotiating.parse({ version: "1", ...good.negotiating }).plannedInvestmentWan).toBe("1000.5");
    for (const [stage, field] of [
      ["negotiating", "plannedInvestmentWan"],
      ["evaluating", "annualOutputWan"],
      ["signed", "contractedInvestmentWan"],
    ] as const) {
      const r = gateSchemas[stage].safeParse({ version: "1", ...good[stage], [field]: "0.00" });
      expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([[field, "stage.error.positive"]]);
      expect(gateSchemas[stage].safeParse({ version: "1", ...good[stage], [field]: "0.01" }).success).toBe(true);
    }
  });

  it("land demand stops at 9,999,999,999.99 亩", () => {
    expect(gateSchemas.evaluating.safeParse({ version: "1", ...good.evaluating, landMu: "9999999999.99" }).success).toBe(true);
    const r = gateSchemas.evaluating.safeParse({ version: "1", ...good.evaluating, landMu: "10000000000" });
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([["landMu", "validation.tooLarge"]]);
  });

  it("the 统一社会信用代码 is kept trimmed and in capitals, and each of its problems says what is wrong", () => {
    const code = completeUscc("91140100MA0K12345");
    const parsed = gateSchemas.registered.parse({ version: "1", ...good.registered, projectCompanyUscc: `  ${code.toLowerCase()} ` });
    expect(parsed.projectCompanyUscc).toBe(code);
    const problem = (value: string) => {
      const r = gateSchemas.registered.safeParse({ version: "1", ...good.registered, projectCompanyUscc: value });
      return decodeMessage(r.error!.issues.find((i) => i.path[0] === "projectCompanyUscc")!.message);
    };
    expect(problem("9114010")).toStrictEqual({ key: "uscc.length", params: { length: "7" } });
    const wrongCheck = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    expect(problem(wrongCheck)).toStrictEqual({ key: "uscc.check", params: { expected: code[17], actual: wrongCheck[17] } });
    expect(problem("   ")).toStrictEqual({ key: "validation.required" });
  });

  it("a request that leaves the fields out (the API) is told they are required", () => {
    const r = gateSchemas.registered.safeParse({ version: "1", businessOn: "2026-04-01" });
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["projectCompanyName", "validation.required"],
      ["projectCompanyUscc", "validation.required"],
    ]);
  });

  it("a lost project needs a reason from the list", () => {
    const r = loseSchema.safeParse({ version: "1", ...good.lose, lostReason: "bored" });
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([["lostReason", "validation.required"]]);
  });

  it("a message without parameters decodes to its key alone", () => {
    expect(decodeMessage("stage.error.future")).toStrictEqual({ key: "stage.error.future" });
  });
});
