import { describe, expect, it } from "vitest";
import { translator } from "~/lib/i18n";
import { PROJECT_FIELD_LABELS, showFieldValue } from "./field-labels";

const t = translator("zh");

describe("a project's change history in words", () => {
  it("names enum values through the dictionary, never as raw keys", () => {
    expect(`${t(PROJECT_FIELD_LABELS.stage)}：${showFieldValue("stage", "lead", t)} → ${showFieldValue("stage", "contacted", t)}`).toBe(
      "阶段：线索 → 首次接洽",
    );
    expect(showFieldValue("status", "on_hold", t)).toBe("暂缓");
    expect(showFieldValue("lostReason", "other_location", t)).toBe("选择其他地区");
    expect(showFieldValue("sourceChannel", "exhibition", t)).toBe("展会招商");
    expect(showFieldValue("investmentType", "expansion", t)).toBe("增资扩产");
    expect(showFieldValue("reviewOutcome", "approved", t)).toBe("通过");
    expect(translator("en")("stage.contacted")).toBe(showFieldValue("stage", "contacted", translator("en")));
  });
  it("shows money with two decimals and separators, counts with separators, missing as a dash", () => {
    expect(`${showFieldValue("contractedInvestmentWan", null, t)} → ${showFieldValue("contractedInvestmentWan", "50000", t)}`).toBe("— → 50,000.00");
    expect(showFieldValue("plannedInvestmentWan", "3869470.5", t)).toBe("3,869,470.50");
    expect(showFieldValue("jobs", 1200, t)).toBe("1,200");
    expect(showFieldValue("confidential", true, t)).toBe("✓");
    expect(showFieldValue("agreementNo", "XY-2026-1234", t)).toBe("XY-2026-1234");
  });
});
