import { describe, expect, it } from "vitest";
import { PROJECT_STAGES } from "~/lib/domain-values";
import {
  activityMilestoneFieldsSchema,
  milestoneKindFor,
  milestoneMoveSchema,
  milestoneOffer,
  milestonePrefill,
  milestoneStageOf,
} from "./milestones";

const project = {
  plannedInvestmentWan: "50000.00",
  contractedInvestmentWan: null,
  landMu: "120.00",
  annualOutputWan: "80000.00",
  agreementNo: null,
  projectCompanyName: null,
  projectCompanyUscc: null,
};

/** What the activity form sends for a signing ceremony with the box ticked. */
const signing = {
  kind: "signing",
  occurredOn: "2026-11-20",
  summary: "签约仪式在管委会举行",
  advanceStage: "on",
  advanceTo: "signed",
  version: "3",
  businessOn: "",
  agreementNo: "TY-2026-018",
  contractedInvestmentWan: "52,000",
};

describe("which activity marks which stage (issue 19)", () => {
  it("a passed review meeting marks 会商评审, another outcome marks nothing", () => {
    expect(milestoneStageOf("review_meeting", "approved")).toBe("evaluating");
    expect(milestoneStageOf("review_meeting", "another_round")).toBeUndefined();
    expect(milestoneStageOf("review_meeting", "rejected")).toBeUndefined();
    expect(milestoneStageOf("review_meeting", null)).toBeUndefined();
  });

  it("a signing ceremony marks 签约, registration 注册落地, construction and production starts 开工 and 投产", () => {
    expect(milestoneStageOf("signing", null)).toBe("signed");
    expect(milestoneStageOf("registration", null)).toBe("registered");
    expect(milestoneStageOf("construction_start", null)).toBe("construction");
    expect(milestoneStageOf("production_start", null)).toBe("production");
    for (const kind of ["call", "visit", "site_visit", "negotiation", "other"] as const) expect(milestoneStageOf(kind, "approved")).toBeUndefined();
  });

  it("each milestone stage has exactly the activity that marks it, the others none", () => {
    expect(PROJECT_STAGES.map((s) => [s, milestoneKindFor(s) ?? null])).toEqual([
      ["lead", null],
      ["contacted", null],
      ["negotiating", null],
      ["evaluating", "review_meeting"],
      ["signed", "signing"],
      ["registered", "registration"],
      ["construction", "construction_start"],
      ["production", "production_start"],
    ]);
  });

  it("offers only the project's next stage, and only while it is active", () => {
    expect(milestoneOffer("evaluating", "active")).toBe("signed");
    expect(milestoneOffer("negotiating", "active")).toBe("evaluating");
    expect(milestoneOffer("construction", "active")).toBe("production");
    expect(milestoneOffer("contacted", "active")).toBeUndefined(); // 洽谈 is not marked by an activity
    expect(milestoneOffer("production", "active")).toBeUndefined();
    expect(milestoneOffer("evaluating", "on_hold")).toBeUndefined();
  });
});

describe("the gate's fields prefilled from what was logged", () => {
  it("the date is the activity's; the contracted investment starts from the planned one", () => {
    expect(milestonePrefill(project, "2026-11-20")).toMatchObject({
      businessOn: "2026-11-20",
      contractedInvestmentWan: "50000.00",
      landMu: "120.00",
      annualOutputWan: "80000.00",
      agreementNo: null,
    });
    expect(milestonePrefill({ ...project, contractedInvestmentWan: "51000.00" }, "2026-11-20").contractedInvestmentWan).toBe("51000.00");
  });

  it("a blank stage date is the activity's date, and the note is what was logged", () => {
    const r = milestoneMoveSchema.safeParse(signing);
    expect(r.success).toBe(true);
    expect(r.data).toEqual({
      to: "signed",
      input: { version: 3, businessOn: "2026-11-20", agreementNo: "TY-2026-018", contractedInvestmentWan: "52000", note: "签约仪式在管委会举行" },
    });
    expect(milestoneMoveSchema.safeParse({ ...signing, businessOn: "2026-11-19" }).data?.input.businessOn).toBe("2026-11-19");
  });

  it("an unticked box asks for no move, whatever the gate fields hold", () => {
    const r = milestoneMoveSchema.safeParse({ ...signing, advanceStage: undefined, agreementNo: "" });
    expect(r.success).toBe(true);
    expect(r.data).toBeNull();
  });
});

describe("a ticked box is checked by the gate", () => {
  const errorsOf = (values: Record<string, unknown>) => {
    const r = milestoneMoveSchema.safeParse(values);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it("the gate's field messages land on the gate's fields", () => {
    expect(errorsOf({ ...signing, agreementNo: "", contractedInvestmentWan: "0" })).toEqual({
      agreementNo: "validation.required",
      contractedInvestmentWan: "stage.error.positive",
    });
  });

  it("only the activity that marks the stage may move it", () => {
    expect(errorsOf({ ...signing, kind: "visit" })).toEqual({ advanceStage: "milestone.error.kind.signed" });
    expect(
      errorsOf({ ...signing, kind: "review_meeting", reviewOutcome: "another_round", advanceTo: "evaluating", landMu: "0", annualOutputWan: "1" }),
    ).toEqual({
      advanceStage: "milestone.error.kind.evaluating",
    });
    expect(
      errorsOf({ ...signing, kind: "review_meeting", reviewOutcome: "approved", advanceTo: "evaluating", landMu: "0", annualOutputWan: "1" }),
    ).toEqual({});
  });

  it("a registration needs a valid 统一社会信用代码", () => {
    const registration = { ...signing, kind: "registration", advanceTo: "registered", projectCompanyName: "山西华恒新能源有限公司" };
    expect(Object.keys(errorsOf({ ...registration, projectCompanyUscc: "91140100MA0L0000X1" }))).toEqual(["projectCompanyUscc"]);
  });

  it("the browser runs the same checks on the whole form, the activity's own included", () => {
    const r = activityMilestoneFieldsSchema.safeParse({ ...signing, agreementNo: "", userIds: [], contactIds: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["agreementNo", "validation.required"]]);
    const own = activityMilestoneFieldsSchema.safeParse({ ...signing, kind: "review_meeting", advanceStage: undefined, userIds: [], contactIds: [] });
    expect(own.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["reviewOutcome", "activity.error.outcomeRequired"]]);
  });
});
