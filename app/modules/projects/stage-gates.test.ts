import { describe, expect, it } from "vitest";
import { completeUscc } from "~/lib/uscc";
import { decodeMessage, gateProblems, gateSchemas, nextStage, previousStage } from "./stage-gates";

const facts = {
  activityCount: 1,
  reviewOutcome: "approved" as const,
  contactedOn: "2026-01-10",
  signedOn: "2026-03-01",
  constructionOn: "2026-05-01",
  today: "2026-11-27",
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
    expect(gateSchemas.negotiating.safeParse({ version: "1", businessOn: "2026-02-01", investorContactId: "3", plannedInvestmentWan: "1,000" }).success).toBe(true);
  });

  it("evaluating accepts land of 0 亩 but needs an annual output", () => {
    expect(gateSchemas.evaluating.safeParse({ version: "1", businessOn: "2026-02-01", landMu: "0", annualOutputWan: "500" }).success).toBe(true);
    expect(gateSchemas.evaluating.safeParse({ version: "1", businessOn: "2026-02-01", landMu: "", annualOutputWan: "500" }).success).toBe(false);
  });

  it("signing needs an approved review, an agreement number and a contracted investment", () => {
    expect(gateProblems("signed", "2026-03-01", { ...facts, reviewOutcome: "another_round" })).toEqual({ _form: "stage.error.notApproved" });
    expect(gateSchemas.signed.safeParse({ version: "1", businessOn: "2026-03-01", agreementNo: "", contractedInvestmentWan: "100" }).success).toBe(false);
  });

  it("registration needs a valid 统一社会信用代码 and says which character is wrong", () => {
    const good = completeUscc("91140100MA0K12345");
    expect(gateSchemas.registered.safeParse({ version: "1", businessOn: "2026-04-01", projectCompanyName: "某某有限公司", projectCompanyUscc: good.toLowerCase() }).success).toBe(true);
    const bad = gateSchemas.registered.safeParse({ version: "1", businessOn: "2026-04-01", projectCompanyName: "某某有限公司", projectCompanyUscc: "91140100IA0K123450" });
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
