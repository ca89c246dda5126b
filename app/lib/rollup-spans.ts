// How a range of days is read from project_day_rollups (migrations 0012 and t20_year_rollups): the table keeps each
// count per day, per month and per year, so a range is cut into pieces of those grains, each one index range of the
// table's key. A whole year is one row per key, a whole month one, the days at the edges one each. A part of a year
// can also be read as the year minus what lies outside the range ("year to date" = the year minus the days after
// today): that is chosen when it reads fewer rows, so the province's year and year-to-date figures read about one row
// per zone, company and measure instead of twelve. Pure: the pieces must add up to exactly the days of the range,
// which the tests check day by day.

export type RollupGrain = "day" | "month" | "year";

/** Rows [from, until) of one grain: added (sign 1) or taken away (sign −1). `from` is a day, a month's or a year's first day. */
export type RollupSpan = { grain: RollupGrain; from: string; /** exclusive */ until: string; sign: 1 | -1 };

/**
 * What a piece costs to read, relative, per day, month or year it covers: day rows are sparse (only days on which
 * something happened), month and year rows are there for every key that had anything in them.
 */
export const SPAN_COST: Readonly<Record<RollupGrain, number>> = { day: 1, month: 4, year: 6 };

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const parts = (date: string) => [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))] as const;

/** Days since an epoch, for any year from 0001 (Date.UTC would read years below 100 as 19xx). */
function dayNumber(date: string): number {
  const [y, m, d] = parts(date);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / 86_400_000);
}

/** The day after `date`. */
export function nextDay(date: string): string {
  const [y, m, d] = parts(date);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + 1);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

const yearStart = (date: string) => `${date.slice(0, 4)}-01-01`;
const nextYearStart = (date: string) => `${pad(parts(date)[0] + 1, 4)}-01-01`;
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
function nextMonthStart(date: string): string {
  const [y, m] = parts(date);
  return m === 12 ? `${pad(y + 1, 4)}-01-01` : `${pad(y, 4)}-${pad(m + 1, 2)}-01`;
}

/** How many days, months or years a piece covers. */
export function spanUnits(span: Pick<RollupSpan, "grain" | "from" | "until">): number {
  const [fy, fm] = parts(span.from);
  const [uy, um] = parts(span.until);
  if (span.grain === "year") return uy - fy;
  if (span.grain === "month") return (uy - fy) * 12 + (um - fm);
  return dayNumber(span.until) - dayNumber(span.from);
}

/** The relative cost of reading these pieces (SPAN_COST per unit). */
export function spansCost(spans: readonly RollupSpan[]): number {
  return spans.reduce((sum, s) => sum + spanUnits(s) * SPAN_COST[s.grain], 0);
}

/** [from, until) as whole months (if `coarsest` allows), then the days left: all added. */
function direct(from: string, until: string, coarsest: "day" | "month"): RollupSpan[] {
  if (from >= until) return [];
  if (coarsest === "month") {
    const firstWhole = from.endsWith("-01") ? from : nextMonthStart(from);
    const endWhole = monthStart(until);
    if (firstWhole < endWhole) {
      return [...direct(from, firstWhole, "day"), { grain: "month", from: firstWhole, until: endWhole, sign: 1 }, ...direct(endWhole, until, "day")];
    }
  }
  return [{ grain: "day", from, until, sign: 1 }];
}

const negated = (spans: RollupSpan[]): RollupSpan[] => spans.map((s) => ({ ...s, sign: -s.sign as 1 | -1 }));

/** A part [from, until) of one calendar year: directly, or as its year minus the rest of the year, whichever reads less. */
function partOfYear(from: string, until: string): RollupSpan[] {
  const plain = direct(from, until, "month");
  const start = yearStart(from);
  const end = nextYearStart(from);
  const complement: RollupSpan[] = [
    { grain: "year", from: start, until: end, sign: 1 },
    ...negated(direct(start, from, "month")),
    ...negated(direct(until, end, "month")),
  ];
  return spansCost(complement) < spansCost(plain) ? complement : plain;
}

/**
 * The pieces that add up to exactly the days [from, to] (both inclusive, YYYY-MM-DD; `from` may be 0001-01-01 for
 * "everything up to `to`"). `coarsest`: the coarsest grain the measures read have ("day" for one kept per day only).
 */
export function rollupSpans(from: string, to: string, coarsest: RollupGrain = "year"): RollupSpan[] {
  if (from > to) return [];
  const until = nextDay(to);
  if (coarsest !== "year") return direct(from, until, coarsest);
  const firstWhole = from.endsWith("-01-01") ? from : nextYearStart(from);
  const endWhole = yearStart(until);
  if (firstWhole > endWhole) return partOfYear(from, until); // within one year, touching neither of its ends
  const spans: RollupSpan[] = [];
  if (from < firstWhole) spans.push(...partOfYear(from, firstWhole));
  if (firstWhole < endWhole) spans.push({ grain: "year", from: firstWhole, until: endWhole, sign: 1 });
  if (endWhole < until) spans.push(...partOfYear(endWhole, until));
  return spans;
}
