// Each rule module loads: a bad constant (a locale, a time zone, a format option) throws while the module is
// evaluated and breaks every page that imports it. Imported inside the tests, so such a failure is a failing test
// here rather than a test file that cannot load (which mutation testing would not count).
import { describe, expect, it } from "vitest";

describe("the rule modules load and answer", () => {
  it("dates", async () => {
    const m = await import("./dates");
    expect(m.todayInZone(new Date("2026-11-27T17:30:00Z"))).toBe("2026-11-28");
    expect(m.formatDateTime(new Date("2026-01-01T00:05:00Z"))).toBe("2026-01-01 08:05");
  });

  it("money", async () => {
    const m = await import("./money");
    expect(m.formatWan("1234567.5")).toBe("1,234,567.50");
    expect(m.formatYi("123456.78")).toBe("12.35");
  });

  it("periods", async () => {
    const m = await import("./periods");
    expect(m.monthPeriod(2026, 2)).toEqual({ kind: "month", from: "2026-02-01", to: "2026-02-28" });
  });

  it("rollup spans", async () => {
    const m = await import("./rollup-spans");
    expect(m.rollupSpans("2026-01-01", "2026-12-31")).toEqual([{ grain: "year", from: "2026-01-01", until: "2027-01-01", sign: 1 }]);
  });

  it("uscc", async () => {
    const m = await import("./uscc");
    expect(m.isValidUscc("91350100M000100Y43")).toBe(true);
  });

  it("light and scorecard", async () => {
    const light = await import("./light");
    const scorecard = await import("./scorecard");
    expect(light.LIGHTS).toEqual(["red", "yellow", "green", "none"]);
    expect(scorecard.defaultWeights().signedInvestment).toBe(15);
  });

  it("zone ranking", async () => {
    const m = await import("./zone-ranking");
    expect(m.defaultZoneWeights().signedInvestment).toBe(10);
  });

  it("import rows (the stage, status and source names are built as it loads)", async () => {
    const m = await import("~/modules/imports/import-rows");
    expect(m.findStage("签约")).toBe("signed");
    expect(m.findStatus("暂缓")).toBe("on_hold");
    expect(m.findSource("以商招商")).toBe("business_referral");
  });
});
