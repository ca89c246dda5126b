// Business dates are calendar dates in the zone's time zone, carried as "YYYY-MM-DD" strings.

export const ZONE_TIME_ZONE = "Asia/Shanghai";

const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const ymdhm = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Today's date in the zone, e.g. "2026-11-27". */
export function todayInZone(now: Date = new Date()): string {
  return ymd.format(now);
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (value == null) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return ymdhm.format(date).replace(",", "");
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function addDays(date: string, days: number): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
