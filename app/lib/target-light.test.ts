import { describe, expect, it } from "vitest";
import { daysUncontacted, TARGET_STALE_DAYS, targetLight } from "./target-light";

const today = "2026-12-07";

describe("a target's light", () => {
  it.each([
    // addedOn, plannedContactOn, contacted → light
    ["2026-12-07", null, false, "green"],
    ["2026-10-09", null, false, "green"], // 59 days
    ["2026-10-08", null, false, "red"], // 60 days: not contacted for 60 days
    ["2026-01-01", null, false, "red"],
    ["2026-12-01", "2026-12-07", false, "green"], // planned today: not yet late
    ["2026-12-01", "2026-12-06", false, "yellow"], // planned yesterday
    ["2026-12-01", "2026-12-20", false, "green"],
    ["2026-10-08", "2026-12-20", false, "red"], // 60 days outweighs a plan ahead
    ["2026-01-01", "2026-02-01", true, null], // contacted: no light
  ] as const)("added %s, planned %s, contacted %s → %s", (addedOn, plannedContactOn, contacted, light) => {
    expect(targetLight({ addedOn, plannedContactOn, contacted }, today)).toBe(light);
  });

  it("counts the days since it was added, and none once contacted", () => {
    expect(TARGET_STALE_DAYS).toBe(60);
    expect(daysUncontacted({ addedOn: "2026-12-01", plannedContactOn: null, contacted: false }, today)).toBe(6);
    expect(daysUncontacted({ addedOn: "2026-12-08", plannedContactOn: null, contacted: false }, today)).toBe(0);
    expect(daysUncontacted({ addedOn: "2026-12-01", plannedContactOn: null, contacted: true }, today)).toBeNull();
  });
});
