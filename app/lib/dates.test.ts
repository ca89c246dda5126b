import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatDateTime, isIsoDate, todayInZone, yearOf } from "./dates";

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

describe("zone dates, edges", () => {
  it("formats a recorded time given as text, and shows a dash for none", () => {
    expect(formatDateTime("2026-01-01T00:05:00Z")).toBe("2026-01-01 08:05");
    expect(formatDateTime("2026-06-30T16:00:00Z")).toBe("2026-07-01 00:00");
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime(undefined)).toBe("—");
  });

  it("takes only a whole YYYY-MM-DD, and no year before 100 (a typo such as 0026)", () => {
    expect(isIsoDate(" 2026-01-01")).toBe(false);
    expect(isIsoDate("x2026-01-01")).toBe(false);
    expect(isIsoDate("2026-01-01x")).toBe(false);
    expect(isIsoDate("2026-01-01T00:00")).toBe(false);
    expect(isIsoDate("0026-01-01")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("2026-12-31")).toBe(true);
  });

  it("refuses to add days to something that is not a date", () => {
    expect(() => addDays("2026/01/01", 1)).toThrow("not a date: 2026/01/01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("counts days backwards and across a daylight-saving change elsewhere", () => {
    expect(daysBetween("2026-03-01", "2026-01-01")).toBe(-59);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  it("reads the year of a date", () => {
    expect(yearOf("2026-11-27")).toBe(2026);
  });
});
