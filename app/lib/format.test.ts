import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCount, formatDate, formatMoney, formatPercent, MISSING, parseFormatted, roundDecimal } from "./format";

/** Decimal strings as PostgreSQL numeric(18,2) hands them over, up to 16 integer digits, either sign. */
const decimalString = (places: number) =>
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), fc.bigInt({ min: 0n, max: 10n ** BigInt(places) - 1n }))
    .map(
      ([negative, int, frac]) =>
        `${negative && (int > 0n || frac > 0n) ? "-" : ""}${int}${places ? `.${frac.toString().padStart(places, "0")}` : ""}`,
    );

describe("counts", () => {
  it("have thousands separators", () => {
    expect(formatCount(1855)).toBe("1,855");
    expect(formatCount(1462n)).toBe("1,462");
    expect(formatCount("1000000")).toBe("1,000,000");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(-12345)).toBe("-12,345");
  });
  it("show missing as a dash, never as zero", () => {
    expect(formatCount(null)).toBe(MISSING);
    expect(formatCount(undefined)).toBe(MISSING);
    expect(formatCount(Number.NaN)).toBe(MISSING);
  });
  it("read back as the number they show", () => {
    fc.assert(fc.property(fc.integer(), (n) => Number(parseFormatted(formatCount(n))) === n));
  });
});

describe("money", () => {
  it("has the column's fixed decimals, never sometimes one place", () => {
    expect(formatMoney("3869470.5")).toBe("3,869,470.50");
    expect(formatMoney("3869470.50")).toBe("3,869,470.50");
    expect(formatMoney("50000")).toBe("50,000.00");
    expect(formatMoney("50000", 0)).toBe("50,000");
    expect(formatMoney("1234.5678", 4)).toBe("1,234.5678");
    expect(formatMoney("0.1", 2)).toBe("0.10");
  });
  it("rounds half away from zero exactly, at any size", () => {
    expect(formatMoney("2.345")).toBe("2.35");
    expect(formatMoney("-2.345")).toBe("-2.35");
    expect(formatMoney("2.344")).toBe("2.34");
    expect(formatMoney("99999999999999999.995")).toBe("100,000,000,000,000,000.00");
    expect(formatMoney("-0.004")).toBe("0.00");
    expect(roundDecimal("0.5", 0)).toBe("1");
  });
  it("shows missing as a dash and refuses what is not a decimal", () => {
    expect(formatMoney(null)).toBe(MISSING);
    expect(formatMoney("")).toBe(MISSING);
    expect(() => formatMoney("1e5")).toThrow("not a decimal");
    expect(() => formatMoney("12abc")).toThrow("not a decimal");
  });
  it("reads back exactly as the decimal it was given (parse(format(x)) == x)", () => {
    fc.assert(fc.property(decimalString(2), (x) => parseFormatted(formatMoney(x, 2)) === x));
    fc.assert(fc.property(decimalString(0), (x) => parseFormatted(formatMoney(x, 0)) === x));
    fc.assert(fc.property(decimalString(4), (x) => parseFormatted(formatMoney(x, 4)) === x));
  });
  it("always shows exactly the column's decimals and a comma every three digits", () => {
    fc.assert(
      fc.property(decimalString(6), fc.integer({ min: 0, max: 4 }), (x, places) => {
        const shown = formatMoney(x, places);
        const [int, frac = ""] = shown.replace("-", "").split(".");
        return frac.length === places && /^\d{1,3}(,\d{3})*$/.test(int);
      }),
    );
  });
});

describe("percentages", () => {
  it("have one decimal and a percent sign", () => {
    expect(formatPercent("87.46")).toBe("87.5%");
    expect(formatPercent(12)).toBe("12.0%");
    expect(formatPercent(1 / 3)).toBe("0.3%");
    expect(formatPercent("1234.5")).toBe("1,234.5%");
    expect(formatPercent(null)).toBe(MISSING);
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe(MISSING);
  });
});

describe("dates", () => {
  it("are the zone's calendar date, YYYY-MM-DD", () => {
    // 07:29 on 12-07 in Beijing is still 12-06 in UTC.
    expect(formatDate(new Date("2026-12-06T23:29:00Z"))).toBe("2026-12-07");
    expect(formatDate("2026-12-06T23:29:00.000Z")).toBe("2026-12-07");
    expect(formatDate("2026-02-01")).toBe("2026-02-01");
    expect(formatDate(null)).toBe(MISSING);
    expect(formatDate("not a date")).toBe(MISSING);
  });
});
