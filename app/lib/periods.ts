// Report periods: a month, quarter, year, a single day or any range of calendar dates (Asia/Shanghai), carried
// as "YYYY-MM-DD" strings. Pure: the report pages, the API and the tests share it.
import { addDays, daysBetween, isIsoDate } from "./dates";

export type PeriodKind = "month" | "quarter" | "year" | "day" | "range";
export type Period = { kind: PeriodKind; from: string; to: string };
/** The kinds a leader may publish. */
export const PUBLISHABLE_KINDS = ["month", "quarter", "year"] as const;

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function monthPeriod(year: number, month: number): Period {
  return { kind: "month", from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { kind: "quarter", from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
}

export function yearPeriod(year: number): Period {
  return { kind: "year", from: `${year}-01-01`, to: `${year}-12-31` };
}

/** What a from–to range is: a whole month, quarter or year, one day, or any range. */
export function classifyPeriod(from: string, to: string): Period {
  const [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  if (from === to) return { kind: "day", from, to };
  const year = yearPeriod(y);
  if (year.from === from && year.to === to) return year;
  if ((m - 1) % 3 === 0) {
    const quarter = quarterPeriod(y, (m - 1) / 3 + 1);
    if (quarter.from === from && quarter.to === to) return quarter;
  }
  const month = monthPeriod(y, m);
  if (month.from === from && month.to === to) return month;
  return { kind: "range", from, to };
}

/** The presets, in the order the filters offer them: today, this and last month, quarter and year. */
export const PERIOD_PRESETS = ["day", "month", "quarter", "year", "lastMonth", "lastQuarter", "lastYear"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/**
 * Today, this month, quarter or year, or the last whole one (上月, 上季度, 上年: the ones a leader publishes).
 * `today` is the zone's date (todayInZone), so "last month" turns over at midnight in Asia/Shanghai.
 */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  if (preset === "day") return { kind: "day", from: today, to: today };
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (preset) {
    case "month":
      return monthPeriod(y, m);
    case "quarter":
      return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
    case "lastMonth":
      return previousPeriod(monthPeriod(y, m));
    case "lastQuarter":
      return previousPeriod(quarterPeriod(y, Math.floor((m - 1) / 3) + 1));
    case "lastYear":
      return yearPeriod(y - 1);
    default:
      return yearPeriod(y);
  }
}

const isPreset = (value: string | null): value is PeriodPreset => (PERIOD_PRESETS as readonly (string | null)[]).includes(value);

export type PeriodError = "reports.error.date" | "reports.error.order" | "reports.error.tooLong";

/** At most ten years in one report: enough for any comparison, bounded work for the database. */
const MAX_DAYS = 3660;

/** Validates a from–to pair: real dates, from ≤ to, at most ten years. */
export function checkRange(from: string | null, to: string | null): { ok: true; period: Period } | { ok: false; error: PeriodError } {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) return { ok: false, error: "reports.error.date" };
  if (from > to) return { ok: false, error: "reports.error.order" };
  if (daysBetween(from, to) > MAX_DAYS) return { ok: false, error: "reports.error.tooLong" };
  return { ok: true, period: classifyPeriod(from, to) };
}

/**
 * The period a report URL asks for: `from` and `to` (any range, a day when equal), or a preset
 * (`preset=month|quarter|year`, around today); this year by default. A bad range falls back to the default
 * and says why.
 */
export function periodFromSearch(params: URLSearchParams, today: string): { period: Period; error: PeriodError | null } {
  const from = params.get("from");
  const to = params.get("to");
  if (from || to) {
    const checked = checkRange(from, to ?? from);
    if (checked.ok) return { period: checked.period, error: null };
    return { period: presetPeriod("year", today), error: checked.error };
  }
  const preset = params.get("preset");
  return { period: presetPeriod(isPreset(preset) ? preset : "year", today), error: null };
}

/** The period before: the previous month, quarter, year or day, or the range of the same length just before. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7));
  switch (p.kind) {
    case "year":
      return yearPeriod(y - 1);
    case "quarter": {
      const q = Math.floor((m - 1) / 3) + 1;
      return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
    }
    case "month":
      return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
    default: {
      const length = daysBetween(p.from, p.to);
      const to = addDays(p.from, -1);
      return { kind: p.kind, from: addDays(to, -length), to };
    }
  }
}

/** The same date a year earlier; 29 February becomes 28 February. */
function yearEarlier(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  return md === "02-29" ? `${y}-02-28` : `${y}-${md}`;
}

export const COMPARISONS = ["yoy", "pop"] as const;
/** 同比 (year on year: the same period a year earlier) or 环比 (period on period: the period just before). */
export type Comparison = (typeof COMPARISONS)[number];

/** `compare=yoy|pop` from a URL; anything else is no comparison. */
export function comparisonFromSearch(params: URLSearchParams): Comparison | null {
  const value = params.get("compare");
  return value === "yoy" || value === "pop" ? value : null;
}

/**
 * The period a figure is compared with. 同比: the same month, quarter or year a year earlier, or the same dates a
 * year earlier for any other range (a range ending on 29 February ends on the 28th). 环比: the period just before,
 * of the same kind (the previous month, quarter, year) or of the same number of days.
 */
export function comparedPeriod(p: Period, comparison: Comparison): Period {
  if (comparison === "pop") return previousPeriod(p);
  const y = Number(p.from.slice(0, 4)) - 1;
  const m = Number(p.from.slice(5, 7));
  switch (p.kind) {
    case "year":
      return yearPeriod(y);
    case "quarter":
      return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
    case "month":
      return monthPeriod(y, m);
    default:
      return { kind: p.kind, from: yearEarlier(p.from), to: yearEarlier(p.to) };
  }
}

/** Query string of a period, for links. */
export function periodQuery(p: Pick<Period, "from" | "to">): string {
  return `from=${p.from}&to=${p.to}`;
}

/** The months of a year, "2026-01" … "2026-12". */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
}
