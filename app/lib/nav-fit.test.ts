// The header keeps the role's first entries that fit in its row and puts the rest into 更多 (decision 039).
import { describe, expect, it } from "vitest";
import { countFitting, estimateLabelWidth, planNav } from "./nav-fit";

describe("how many entries the header's row holds", () => {
  it("holds them all, with no 更多, when they fit on their own", () => {
    expect(countFitting([70, 70, 60], 60, 200)).toBe(3);
  });

  it("keeps room for 更多 once one entry does not fit", () => {
    // 70 + 70 + 60 = 200 > 199: 更多 (60) and the first two (140) fill 200, more than 199, so one stays.
    expect(countFitting([70, 70, 60], 60, 199)).toBe(1);
    expect(countFitting([70, 70, 60], 60, 190)).toBe(1);
    expect(countFitting([70, 70, 60, 60], 60, 210)).toBe(2);
  });

  it("puts everything into 更多 when not even one entry fits beside it", () => {
    expect(countFitting([70, 70], 60, 100)).toBe(0);
  });

  it("takes entries in priority order: a short one later never jumps ahead of a long one", () => {
    // 更多 60 + 100 = 160 leaves 25: the third entry (10) would fit, but the second (80) does not.
    expect(countFitting([100, 80, 10], 60, 185)).toBe(1);
  });
});

describe("the plan the server makes before measuring", () => {
  it("estimates Chinese labels a character wide each, Latin ones narrower", () => {
    expect(estimateLabelWidth("四比四看")).toBeGreaterThan(estimateLabelWidth("政策库"));
    expect(estimateLabelWidth("四比四看")).toBeGreaterThanOrEqual(73); // measured in Chromium: 72.8 px with the gap
    expect(estimateLabelWidth("Trends")).toBeLessThan(estimateLabelWidth("趋势分析趋势分析"));
  });

  it("a leader's twelve entries: the reports in the row at 1200 px, more from 1440 px, the rest in 更多", () => {
    const leader = [
      "全区概览",
      "三个一批",
      "四比四看",
      "年度目标",
      "趋势分析",
      "产业链",
      "全部项目",
      "项目看板",
      "投资方",
      "企业诉求",
      "审批事项目录",
      "政策库",
    ];
    const places = planNav(leader, "更多", { views: false, search: true });
    expect(places.slice(0, 2)).toEqual(["bar", "bar"]);
    expect(places).toContain("wide");
    expect(places.at(-1)).toBe("more");
    // Never out of priority order: bar entries first, then wide ones, then 更多's.
    const rank = { bar: 0, wide: 1, more: 2 };
    expect(places.map((p) => rank[p])).toEqual([...places.map((p) => rank[p])].sort());
  });

  it("a header without the search box (the province's) gives its few entries the row", () => {
    expect(planNav(["全省概览", "开发区四比四看", "多区跟进投资方"], "更多", { views: false, search: false })).toEqual(["bar", "bar", "bar"]);
    expect(planNav(["全省概览", "开发区四比四看", "多区跟进投资方"], "更多", { views: false, search: true })).not.toEqual(["bar", "bar", "bar"]);
  });

  it("the saved views' dropdown takes room from the row", () => {
    const staff = ["我的项目", "公司项目", "项目看板", "投资方", "企业诉求", "产业链", "政策库"];
    const count = (views: boolean) => planNav(staff, "更多", { views, search: true }).filter((p) => p !== "more").length;
    expect(count(true)).toBeLessThan(count(false));
  });
});
