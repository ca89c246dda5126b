// Words and numbers one way everywhere: every count, sum of money, percentage and date the interface shows goes
// through here. Money arrives as decimal strings of 万元 and is formatted by string and BigInt arithmetic, never
// through a float, so "3869470.5" shows as "3,869,470.50" at any size.
import { ZONE_TIME_ZONE } from "./dates";

/** What a missing figure shows: never a zero. */
export const MISSING = "—";

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "1234567" → "1,234,567" (the digits of a non-negative integer). */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count with thousands separators: 1855 → "1,855"; missing → "—". */
export function formatCount(value: number | bigint | string | null | undefined): string {
  if (value == null || value === "") return MISSING;
  const text = typeof value === "string" ? value.trim() : typeof value === "bigint" ? value.toString() : String(value);
  if (typeof value === "number" && !Number.isFinite(value)) return MISSING;
  if (!DECIMAL.test(text)) throw new Error(`not a count: ${text}`);
  // A count is whole; a fractional one (an average of counts) keeps its fraction as given.
  const negative = text.startsWith("-");
  const [int, frac] = text.replace("-", "").split(".");
  return `${negative ? "-" : ""}${groupThousands(int.replace(/^0+(?=\d)/, ""))}${frac ? `.${frac}` : ""}`;
}

/**
 * Rounds a decimal string to `decimals` places, half away from zero, exactly ("2.345", 2 → "2.35"), and always
 * writes that many places ("3869470.5", 2 → "3869470.50").
 */
export function roundDecimal(value: string, decimals: number): string {
  if (!DECIMAL.test(value)) throw new Error(`not a decimal: ${value}`);
  if (!Number.isInteger(decimals) || decimals < 0) throw new Error(`bad decimals: ${decimals}`);
  const negative = value.startsWith("-");
  const [int, frac = ""] = value.replace("-", "").split(".");
  let units = BigInt(int + frac.padEnd(decimals, "0").slice(0, decimals));
  if (frac.length > decimals && Number(frac[decimals]) >= 5) units += 1n;
  const digits = units.toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const part = decimals ? `.${digits.slice(-decimals)}` : "";
  const zero = units === 0n;
  return `${negative && !zero ? "-" : ""}${whole}${part}`;
}

/**
 * Money in 万元 (or any unit: the caller says which) with the column's fixed number of decimals and thousands
 * separators: "3869470.5" → "3,869,470.50"; missing → "—". A column picks its `decimals` once; every row of it
 * then shows the same number of places.
 */
export function formatMoney(value: string | null | undefined, decimals = 2): string {
  if (value == null || value === "") return MISSING;
  const rounded = roundDecimal(value.trim(), decimals);
  const negative = rounded.startsWith("-");
  const [int, frac] = rounded.replace("-", "").split(".");
  return `${negative ? "-" : ""}${groupThousands(int)}${frac ? `.${frac}` : ""}`;
}

/** The inverse of formatMoney and formatCount, for tests and for reading a figure back: "3,869,470.50" → "3869470.50". */
export function parseFormatted(text: string): string {
  const plain = text.replaceAll(",", "");
  if (!DECIMAL.test(plain)) throw new Error(`not a formatted number: ${text}`);
  return plain;
}

/** A percentage with one decimal: "87.46" → "87.5%", 12 → "12.0%"; missing → "—". */
export function formatPercent(value: string | number | null | undefined): string {
  if (value == null || value === "") return MISSING;
  if (typeof value === "number" && !Number.isFinite(value)) return MISSING;
  const text = typeof value === "number" ? numberToDecimal(value) : value.trim();
  return `${formatMoney(text, 1)}%`;
}

/** A float (a ratio computed in the page) as the shortest decimal string that reads back as it. */
function numberToDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}

const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * A date as YYYY-MM-DD in the zone's local calendar: a business date string passes through, an instant (Date or
 * ISO timestamp) becomes the zone's date of it; missing → "—".
 */
export function formatDate(value: Date | string | null | undefined): string {
  if (value == null || value === "") return MISSING;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return MISSING;
  return ymd.format(date);
}
