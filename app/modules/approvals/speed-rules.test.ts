import { describe, expect, it } from "vitest";
import type { ApprovalSample } from "./speed-rules";
import { approvalDays, approvalSpeed, medianDays, projectSpans, slowestOf, spanDays } from "./speed-rules";

describe("the median of days, as SQL's round(percentile_cont(0.5), 1) writes it", () => {
  const rows: [number[], string | null][] = [
    [[], null], // nothing measured is missing, not 0
    [[7], "7.0"],
    [[0], "0.0"], // a same-day approval is a real 0
    [[30, 10, 20], "20.0"], // unsorted input, odd count: the middle
    [[10, 11], "10.5"], // even count: the mean of the two middle
    [[40, 10, 30, 20], "25.0"],
    [[5, 5, 5, 90], "5.0"], // the slowest does not pull the median
    [[1, 2, 3, 4, 100, 200], "3.5"],
  ];
  it.each(rows)("%j → %s", (days, median) => expect(medianDays(days)).toBe(median));
  it("does not reorder the caller's list", () => {
    const days = [3, 1, 2];
    medianDays(days);
    expect(days).toEqual([3, 1, 2]);
  });
});

describe("the slowest", () => {
  const s = (id: number, days: number, on: string) => ({ id, days, on });
  it("is the one with the most days", () => {
    expect(slowestOf([s(1, 5, "2026-03-01"), s(2, 40, "2026-03-02"), s(3, 12, "2026-03-03")])?.id).toBe(2);
  });
  it("of equal days, the one finished first; then the lower id", () => {
    expect(slowestOf([s(4, 40, "2026-05-01"), s(5, 40, "2026-04-01"), s(6, 39, "2026-01-01")])?.id).toBe(5);
    expect(slowestOf([s(9, 40, "2026-04-01"), s(7, 40, "2026-04-01"), s(8, 40, "2026-04-01")])?.id).toBe(7);
    expect(slowestOf([s(7, 40, "2026-04-01"), s(9, 40, "2026-04-01")])?.id).toBe(7);
  });
  it("a later finished one of equal days does not replace the first", () => {
    expect(slowestOf([s(2, 40, "2026-04-01"), s(1, 40, "2026-05-01")])?.id).toBe(2);
  });
  it("is missing when nothing was measured", () => expect(slowestOf([])).toBeNull());
});

describe("approval speed of a set of granted items", () => {
  const item = (id: number, days: number, allowedDays: number): ApprovalSample => ({
    id,
    days,
    allowedDays,
    on: `2026-06-${String(id).padStart(2, "0")}`,
  });
  it("counts, medians, keeps to the allowed days (the allowed day itself is on time) and names the slowest", () => {
    const speed = approvalSpeed([item(1, 10, 20), item(2, 20, 20), item(3, 21, 20), item(4, 45, 30)]);
    expect(speed).toEqual({
      count: 4,
      medianDays: "20.5",
      medianAllowedDays: "20.0",
      withinAllowed: 2,
      withinAllowedPercent: "50.0",
      slowest: item(4, 45, 30),
    });
  });
  it("rounds the share to one decimal, half up", () => {
    expect(approvalSpeed([item(1, 1, 5), item(2, 9, 5), item(3, 9, 5)]).withinAllowedPercent).toBe("33.3");
    expect(approvalSpeed([item(1, 1, 5), item(2, 2, 5), item(3, 9, 5)]).withinAllowedPercent).toBe("66.7");
    // 1 of 8 = 12.5 %: exactly halfway at the second decimal stays 12.5
    expect(approvalSpeed([item(1, 1, 5), ...[2, 3, 4, 5, 6, 7, 8].map((id) => item(id, 9, 5))]).withinAllowedPercent).toBe("12.5");
  });
  it("has nothing to say about no items: missing, not 0", () => {
    expect(approvalSpeed([])).toEqual({
      count: 0,
      medianDays: null,
      medianAllowedDays: null,
      withinAllowed: 0,
      withinAllowedPercent: null,
      slowest: null,
    });
  });
});

describe("an item's days and a project's spans are calendar days, missing when a date is", () => {
  it("counts calendar days across months and years", () => {
    expect(spanDays("2026-01-31", "2026-03-01")).toBe(29);
    expect(spanDays("2025-12-25", "2026-01-08")).toBe(14);
    expect(spanDays("2026-05-05", "2026-05-05")).toBe(0);
    expect(spanDays(null, "2026-05-05")).toBeNull();
    expect(spanDays("2026-05-05", null)).toBeNull();
  });
  it("an item counts from submission to approval, only when applicable", () => {
    expect(approvalDays({ submittedOn: "2026-04-01", approvedOn: "2026-04-21", notApplicable: false })).toBe(20);
    expect(approvalDays({ submittedOn: "2026-04-01", approvedOn: null, notApplicable: false })).toBeNull();
    expect(approvalDays({ submittedOn: null, approvedOn: "2026-04-21", notApplicable: false })).toBeNull();
    expect(approvalDays({ submittedOn: "2026-04-01", approvedOn: "2026-04-21", notApplicable: true })).toBeNull();
  });
  it("the headline figures: 注册→开工, 签约→开工, 开工→投产, each naming its missing dates", () => {
    expect(projectSpans({ registeredOn: "2026-03-10", signedOn: "2026-02-01", constructionOn: "2026-04-15", productionOn: null })).toEqual({
      registerToConstruction: { days: 36, missing: [] },
      signToConstruction: { days: 73, missing: [] },
      constructionToProduction: { days: null, missing: ["productionOn"] },
    });
    expect(projectSpans({ registeredOn: null, signedOn: null, constructionOn: null, productionOn: "2026-09-01" })).toEqual({
      registerToConstruction: { days: null, missing: ["registeredOn", "constructionOn"] },
      signToConstruction: { days: null, missing: ["signedOn", "constructionOn"] },
      constructionToProduction: { days: null, missing: ["constructionOn"] },
    });
  });
});
