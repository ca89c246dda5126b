import { describe, expect, it } from "vitest";
import {
  centsToDecimal,
  changeOf,
  formatMoneyAuto,
  formatSigned,
  formatWan,
  formatYi,
  percentOf,
  subtractDecimals,
  sumDecimals,
  toCents,
  wanToYi,
} from "./money";

describe("money in 万元", () => {
  it("groups thousands and keeps every digit of a large sum", () => {
    expect(formatWan("12345678901234.56")).toBe("12,345,678,901,234.56");
    expect(formatWan("1000.00")).toBe("1,000.00");
    expect(formatWan("0.10")).toBe("0.10");
    expect(formatWan(null)).toBe("—");
  });

  it("converts 万元 to 亿元 without floating point error", () => {
    expect(wanToYi("10000")).toBe("1");
    expect(wanToYi("123456.78")).toBe("12.345678");
    expect(wanToYi("5.5")).toBe("0.00055");
    expect(wanToYi("-20000.10")).toBe("-2.00001");
    // 0.1 + 0.2 style errors would show here as …0000000004
    expect(wanToYi("30000000000000.30")).toBe("3000000000.00003");
  });

  it("shows 亿元 with two places", () => {
    expect(formatYi("123456.78")).toBe("12.35");
    expect(formatYi("99999999999999.99")).toBe("10,000,000,000.00");
  });

  it("picks the unit by size", () => {
    const units = { wan: "万元", yi: "亿元" };
    expect(formatMoneyAuto("9999.99", units)).toBe("9,999.99 万元");
    expect(formatMoneyAuto("10000", units)).toBe("1.00 亿元");
  });

  it("refuses something that is not a decimal", () => {
    expect(() => formatWan("1e5")).toThrow();
  });
});

describe("sumDecimals", () => {
  it("adds exactly where floats drift", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(["0.10", "0.20"])).toBe("0.30");
    expect(sumDecimals(Array(10).fill("0.01"))).toBe("0.10");
    expect(sumDecimals(["99999999999999.99", "0.01"])).toBe("100000000000000.00");
  });
  it("keeps the widest scale, skips blanks and handles negatives", () => {
    expect(sumDecimals(["1.5", null, "", "2.25", "-0.75"])).toBe("3.00");
    expect(sumDecimals([])).toBe("0");
    expect(sumDecimals(["-3.10", "1"])).toBe("-2.10");
  });
  it("refuses what is not a decimal", () => {
    expect(() => sumDecimals(["1e3"])).toThrow();
  });
});

describe("money, edges", () => {
  const units = { wan: "万元", yi: "亿元" };

  it("shows a dash for no figure in every format", () => {
    for (const empty of [null, undefined, ""]) {
      expect(formatWan(empty)).toBe("—");
      expect(formatYi(empty)).toBe("—");
      expect(formatMoneyAuto(empty, units)).toBe("—");
    }
  });

  it("rounds 万元 to two places for display", () => {
    expect(formatWan("0.125")).toBe("0.13");
  });

  it("names what is not a decimal", () => {
    expect(() => formatWan("1e5")).toThrow("not a decimal: 1e5");
    expect(() => wanToYi("abc")).toThrow("not a decimal: abc");
    expect(() => sumDecimals(["1", "1,000"])).toThrow("not a decimal: 1,000");
    expect(() => percentOf("x", "1")).toThrow("not a decimal: x");
  });

  it("drops leading zeros when converting to 亿元", () => {
    expect(wanToYi("000123456")).toBe("12.3456");
  });

  it("picks the unit by the size of a negative figure too", () => {
    expect(formatMoneyAuto("-9999.99", units)).toBe("-9,999.99 万元");
    expect(formatMoneyAuto("-10000", units)).toBe("-1.00 亿元");
  });

  it("percentages keep the sign and the cents", () => {
    expect(percentOf("1.50", "3")).toBe("50.0");
    expect(percentOf("0.01", "3.00")).toBe("0.3");
    expect(percentOf("-1", "4")).toBe("-25.0");
    expect(percentOf("1", "-4")).toBe("-25.0");
    expect(percentOf("-1", "-4")).toBe("25.0");
    expect(percentOf("0", "-4")).toBe("0.0");
    expect(percentOf("-0.005", "1")).toBe("0.0");
  });

  it("subtracts a negative figure", () => {
    expect(subtractDecimals("1", "-2")).toBe("3");
    expect(subtractDecimals("-1.5", "-2")).toBe("0.5");
  });
});

describe("a figure against an earlier one (同比/环比)", () => {
  it("gives the exact difference and its percentage of the earlier figure", () => {
    expect(changeOf("1200.30", "1000.10")).toEqual({ difference: "200.20", percent: "20.0" });
    expect(changeOf("0.30", "0.10")).toEqual({ difference: "0.20", percent: "200.0" });
    expect(changeOf("2", "3")).toEqual({ difference: "-1", percent: "-33.3" });
    expect(changeOf("1", "3")).toEqual({ difference: "-2", percent: "-66.7" });
    expect(changeOf("5", "5")).toEqual({ difference: "0", percent: "0.0" });
    expect(changeOf("99999999999999.99", "0.01")).toEqual({ difference: "99999999999999.98", percent: "999999999999999800.0" });
  });

  it("gives no percentage where the earlier figure is zero", () => {
    expect(changeOf("150.00", "0.00")).toEqual({ difference: "150.00", percent: null });
    expect(changeOf("0", "0")).toEqual({ difference: "0", percent: null });
  });

  it("shows a rise with its sign", () => {
    expect(formatSigned("1200.5")).toBe("+1,200.50");
    expect(formatSigned("-3")).toBe("-3.00");
    expect(formatSigned("0.00")).toBe("0.00");
    expect(formatSigned("0")).toBe("0.00");
  });
});

describe("cents", () => {
  it("reads a decimal text as cents and writes cents back with two places, signs and small values kept", () => {
    expect(toCents("1234.5")).toBe(123450n);
    expect(toCents("-0.05")).toBe(-5n);
    expect(toCents("7")).toBe(700n);
    expect(centsToDecimal(123450n)).toBe("1234.50");
    expect(centsToDecimal(-5n)).toBe("-0.05");
    expect(centsToDecimal(0n)).toBe("0.00");
    expect(centsToDecimal(-123456789012345678n)).toBe("-1234567890123456.78");
    for (const text of ["0.01", "-12.30", "99999999999999.99"]) expect(centsToDecimal(toCents(text))).toBe(text);
    expect(() => toCents("1e5")).toThrow();
  });
});
