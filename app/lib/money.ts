// Money is carried as decimal strings of 万元 (exact, from PostgreSQL numeric) and never passes through a float.
// Display goes through ./format (string and BigInt arithmetic): every money figure shows two decimals.
import { formatMoney } from "./format";

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

/** "1234567.5" → "1,234,567.50" (万元, always two decimals). */
export function formatWan(value: string | null | undefined): string {
  if (value == null || value === "") return "—";
  if (!isDecimalString(value)) throw new Error(`not a decimal: ${value}`);
  return formatMoney(value, 2);
}

/** Shifts the decimal point four places left: 万元 → 亿元, exactly. */
export function wanToYi(value: string): string {
  if (!isDecimalString(value)) throw new Error(`not a decimal: ${value}`);
  const negative = value.startsWith("-");
  const [intPart, frac = ""] = value.replace("-", "").split(".");
  const padded = intPart.padStart(5, "0");
  const yiInt = padded.slice(0, -4).replace(/^0+(?=\d)/, "");
  const yiFrac = (padded.slice(-4) + frac).replace(/0+$/, "");
  return `${negative ? "-" : ""}${yiInt}${yiFrac ? `.${yiFrac}` : ""}`;
}

/** "123456.78" 万元 → "12.35" 亿元. */
export function formatYi(value: string | null | undefined): string {
  if (value == null || value === "") return "—";
  return formatMoney(wanToYi(value), 2);
}

/** Large sums read better in 亿元; smaller ones in 万元. */
export function formatMoneyAuto(value: string | null | undefined, units: { wan: string; yi: string }): string {
  if (value == null || value === "") return "—";
  const abs = value.replace("-", "").split(".")[0];
  return abs.length >= 5 ? `${formatYi(value)} ${units.yi}` : `${formatWan(value)} ${units.wan}`;
}

/** Exact sum of decimal strings (any number of places): through BigInt, never a float. */
export function sumDecimals(values: Iterable<string | null | undefined>): string {
  const parts: { int: string; frac: string; negative: boolean }[] = [];
  let scale = 0;
  for (const value of values) {
    if (value == null || value === "") continue;
    if (!isDecimalString(value)) throw new Error(`not a decimal: ${value}`);
    const negative = value.startsWith("-");
    const [int, frac = ""] = value.replace("-", "").split(".");
    scale = Math.max(scale, frac.length);
    parts.push({ int, frac, negative });
  }
  let total = 0n;
  for (const p of parts) {
    const units = BigInt(p.int + p.frac.padEnd(scale, "0"));
    total += p.negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = scale ? `.${digits.slice(-scale)}` : "";
  return `${negative ? "-" : ""}${int}${frac}`;
}

/** A decimal text with at most two places as cents, exactly (sums of many rows: parse once, add BigInts). */
export const toCents = (value: string): bigint => {
  if (!isDecimalString(value)) throw new Error(`not a decimal: ${value}`);
  const negative = value.startsWith("-");
  const [int, frac = ""] = value.replace("-", "").split(".");
  const cents = BigInt(int + (frac + "00").slice(0, 2));
  return negative ? -cents : cents;
};

/** Cents as a decimal text with two places ("-0.05", "1234.50"). */
export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** part / whole as a percentage with one decimal ("87.5"), exactly rounded half up; null when whole is 0. */
export function percentOf(part: string, whole: string): string | null {
  const p = toCents(part);
  const w = toCents(whole);
  if (w === 0n) return null;
  const negative = p < 0n !== w < 0n && p !== 0n;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const tenths = (abs(p) * 2000n + abs(w)) / (2n * abs(w)); // round(1000·p/w) half up
  const text = `${tenths / 10n}.${tenths % 10n}`;
  return negative ? `-${text}` : text;
}

/** a − b, exactly. */
export function subtractDecimals(a: string, b: string): string {
  return sumDecimals([a, b.startsWith("-") ? b.slice(1) : `-${b}`]);
}

/** A figure against an earlier one (同比/环比): the difference, and the percentage of the earlier figure. */
export type Change = { difference: string; percent: string | null };

/**
 * current − previous exactly, and that difference as a percentage of previous with one decimal (rounded half up,
 * away from zero); no percentage when the earlier figure is zero (growth from nothing is not a percentage).
 * Counts go in as their decimal text ("3").
 */
export function changeOf(current: string, previous: string): Change {
  const difference = subtractDecimals(current, previous);
  return { difference, percent: percentOf(difference, previous) };
}

/** A difference for display: "+12.50", "-3.00", "0.00" (formatted as 万元 figures are). */
export function formatSigned(value: string): string {
  const formatted = formatWan(value);
  return /^-?0(\.0+)?$/.test(value) || value.startsWith("-") ? formatted : `+${formatted}`;
}
