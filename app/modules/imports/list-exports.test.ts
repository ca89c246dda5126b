import { describe, expect, it } from "vitest";
import { exportStamp } from "./list-exports.server";

describe("an export's file name", () => {
  it("carries the zone's date: 07:29 on 12-07 in Beijing is 12-07, though UTC is still on 12-06", () => {
    expect(exportStamp(new Date("2026-12-06T23:29:00Z"))).toBe("2026-12-07");
    expect(exportStamp(new Date("2026-12-07T15:59:00Z"))).toBe("2026-12-07");
  });
});
