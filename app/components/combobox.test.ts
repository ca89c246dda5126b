import { describe, expect, it } from "vitest";
import { searchKey } from "~/lib/search-key";
import { filterOptions } from "./combobox";

const enterprises = ["太原中芯微电子有限公司（晶圆封测项目）", "山西光伏组件有限公司", "晋城半导体材料有限公司", "长治重庆银行支行"].map(
  (label, i) => ({ value: i + 1, label, key: searchKey([label]) }),
);

describe("the searchable picker's filter", () => {
  it("finds an option by pinyin initials, full pinyin or the Chinese itself", () => {
    expect(filterOptions(enterprises, "bdt").map((o) => o.value)).toEqual([3]);
    expect(filterOptions(enterprises, "guangfu").map((o) => o.value)).toEqual([2]);
    expect(filterOptions(enterprises, "中芯").map((o) => o.value)).toEqual([1]);
    // Polyphones read in context: 长治 is chang, 重庆 chong.
    expect(filterOptions(enterprises, "czcq").map((o) => o.value)).toEqual([4]);
  });

  it("narrows by every word typed, ignoring case and spacing", () => {
    expect(filterOptions(enterprises, "  YXGS  ").map((o) => o.value)).toEqual([1, 2, 3]);
    expect(filterOptions(enterprises, "yxgs sx").map((o) => o.value)).toEqual([2]);
    expect(filterOptions(enterprises, "不存在")).toEqual([]);
  });

  it("lists everything for an empty query, up to the limit", () => {
    expect(filterOptions(enterprises, "")).toHaveLength(4);
    expect(filterOptions(enterprises, " ", 2)).toHaveLength(2);
  });

  it("matches the label even without a key", () => {
    expect(filterOptions([{ value: "a", label: "Alpha Capital" }], "capital")).toHaveLength(1);
  });
});
