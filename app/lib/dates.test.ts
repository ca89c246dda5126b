import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatDateTime, isIsoDate, todayInZone } from "./dates";

describe("zone dates", () => {
  it("takes today in Asia/Shanghai, not UTC", () => {
    // 2026-11-27 17:30 UTC is already the 28th in Shanghai.
    expect(todayInZone(new Date("2026-11-27T17:30:00Z"))).toBe("2026-11-28");
    expect(todayInZone(new Date("2026-11-27T15:59:00Z"))).toBe("2026-11-27");
  });

  it("formats recorded times in the zone", () => {
    expect(formatDateTime(new Date("2026-01-01T00:05:00Z"))).toBe("2026-01-01 08:05");
  });

  it("knows real calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026/01/01")).toBe(false);
  });

  it("adds and counts days across months and years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
  });
});
