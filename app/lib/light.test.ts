import { describe, expect, it } from "vitest";
import type { LightInput } from "./light";
import { projectLight } from "./light";

const base = {
  stage: "negotiating" as const,
  status: "active" as const,
  plannedSignOn: null,
  plannedConstructionOn: null,
  plannedProductionOn: null,
};

describe("亮灯", () => {
  it("is green while planned dates are ahead or met", () => {
    expect(projectLight({ ...base, plannedSignOn: "2026-12-01" }, "2026-11-27")).toBe("green");
    expect(projectLight({ ...base, stage: "signed", plannedSignOn: "2026-01-01" }, "2026-11-27")).toBe("green");
  });

  it("turns yellow when a planned date passed by up to 30 days", () => {
    expect(projectLight({ ...base, plannedSignOn: "2026-11-26" }, "2026-11-27")).toBe("yellow");
    expect(projectLight({ ...base, plannedSignOn: "2026-10-28" }, "2026-11-27")).toBe("yellow"); // exactly 30
  });

  it("turns red past 30 days, on the worst milestone", () => {
    expect(projectLight({ ...base, plannedSignOn: "2026-10-27" }, "2026-11-27")).toBe("red"); // 31
    expect(projectLight({ ...base, stage: "signed", plannedSignOn: "2026-01-01", plannedConstructionOn: "2026-06-01" }, "2026-11-27")).toBe("red");
  });

  it("has no light without planned dates or once lost", () => {
    expect(projectLight(base, "2026-11-27")).toBe("none");
    expect(projectLight({ ...base, status: "lost", plannedSignOn: "2025-01-01" }, "2026-11-27")).toBe("none");
  });
});

describe("亮灯, milestone by milestone", () => {
  const today = "2026-11-27";
  // [stage now, which planned date passed (20 days ago), expected light]
  const rows: [LightInput["stage"], "plannedSignOn" | "plannedConstructionOn" | "plannedProductionOn", string][] = [
    ["evaluating", "plannedSignOn", "yellow"],
    ["signed", "plannedSignOn", "green"],
    ["registered", "plannedConstructionOn", "yellow"],
    ["construction", "plannedConstructionOn", "green"],
    ["construction", "plannedProductionOn", "yellow"],
    ["production", "plannedProductionOn", "green"],
  ];
  it.each(rows)("at %s with %s passed: %s", (stage, field, light) => {
    expect(projectLight({ ...base, stage, [field]: "2026-11-07" }, today)).toBe(light);
  });

  it("a planned date due today is not late yet; on hold still shows the light", () => {
    expect(projectLight({ ...base, plannedSignOn: today }, today)).toBe("green");
    expect(projectLight({ ...base, status: "on_hold", plannedSignOn: "2026-11-07" }, today)).toBe("yellow");
  });
});
