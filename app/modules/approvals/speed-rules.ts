// 速度 (issue 21 item 4, docs/decisions/027): how fast a project lands and its approvals are granted. Pure: the
// project page's headline figures and the company's approval speed per item type use it; the scorecard and the
// trends compute the same medians in SQL (percentile_cont, rounded to one decimal) and an integration test holds
// the two to the same dates.
//
// Days are calendar days: the catalogue does not say whether an item's allowed days are working days (decision
// 024 counts them as calendar days for the light too), and the pages say so.
import { daysBetween } from "../../lib/dates";

/** Calendar days from one date to another; null when either is missing (missing is never 0). */
export function spanDays(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return daysBetween(from, to);
}

/**
 * The median of whole days as text with one decimal, as SQL's round(percentile_cont(0.5), 1) writes it: the
 * middle value, or the mean of the two middle ones ("12.5"); null for no values.
 */
export function medianDays(days: readonly number[]): string | null {
  if (days.length === 0) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return median.toFixed(1);
}

/** The slowest sample: the most days; of equal ones the earlier finished, then the lower id (stable, checkable). */
export function slowestOf<T extends { id: number; days: number; on: string }>(samples: readonly T[]): T | null {
  let slowest: T | null = null;
  for (const s of samples) {
    if (slowest === null || s.days > slowest.days || (s.days === slowest.days && (s.on < slowest.on || (s.on === slowest.on && s.id < slowest.id))))
      slowest = s;
  }
  return slowest;
}

/** An approval item granted: submitted and approved, applicable. `on` is the approval date. */
export type ApprovalSample = { id: number; days: number; on: string; allowedDays: number };

export type ApprovalSpeed<T extends ApprovalSample> = {
  count: number;
  medianDays: string | null;
  /** The allowed days' median: items of one type were copied from the catalogue at different times. */
  medianAllowedDays: string | null;
  /** Granted within the allowed days (days ≤ allowed). */
  withinAllowed: number;
  /** Share within the allowed days, percent with one decimal; null with no item. */
  withinAllowedPercent: string | null;
  slowest: T | null;
};

/** Percent with one decimal, rounded half up as the scorecard's shares are. */
function percentOf(part: number, whole: number): string | null {
  return whole === 0 ? null : (Math.round((1000 * part) / whole) / 10).toFixed(1);
}

/** The speed of a set of granted items: their median days, how many kept to the allowed days, the slowest. */
export function approvalSpeed<T extends ApprovalSample>(samples: readonly T[]): ApprovalSpeed<T> {
  const withinAllowed = samples.filter((s) => s.days <= s.allowedDays).length;
  return {
    count: samples.length,
    medianDays: medianDays(samples.map((s) => s.days)),
    medianAllowedDays: medianDays(samples.map((s) => s.allowedDays)),
    withinAllowed,
    withinAllowedPercent: percentOf(withinAllowed, samples.length),
    slowest: slowestOf(samples),
  };
}

/** An item's days from submission to approval, or null while it is not both (or not applicable). */
export function approvalDays(i: { submittedOn: string | null; approvedOn: string | null; notApplicable: boolean }): number | null {
  return i.notApplicable ? null : spanDays(i.submittedOn, i.approvedOn);
}

export const PROJECT_SPANS = ["registerToConstruction", "signToConstruction", "constructionToProduction"] as const;
export type ProjectSpan = (typeof PROJECT_SPANS)[number];

/** Which dates each span counts from and to. */
export const SPAN_DATES: Record<ProjectSpan, readonly ["registeredOn" | "signedOn" | "constructionOn", "constructionOn" | "productionOn"]> = {
  registerToConstruction: ["registeredOn", "constructionOn"],
  signToConstruction: ["signedOn", "constructionOn"],
  constructionToProduction: ["constructionOn", "productionOn"],
};

/** The trends' speed rows per month, in the order the query tags them: the three spans, then the approvals. */
export const SPEED_KEYS = [...PROJECT_SPANS, "approval"] as const;
export type SpeedKey = (typeof SPEED_KEYS)[number];

export type ProjectDates = {
  registeredOn: string | null;
  signedOn: string | null;
  constructionOn: string | null;
  productionOn: string | null;
};

/**
 * The province's headline figures for one project ("从注册到开工 N 天", "从开工到投产 N 天"): each span's days, or
 * which of its dates is missing.
 */
export function projectSpans(p: ProjectDates): Record<ProjectSpan, { days: number | null; missing: (keyof ProjectDates)[] }> {
  return Object.fromEntries(
    PROJECT_SPANS.map((span) => {
      const [from, to] = SPAN_DATES[span];
      const missing = [from, to].filter((k) => !p[k]);
      return [span, { days: spanDays(p[from], p[to]), missing }];
    }),
  ) as Record<ProjectSpan, { days: number | null; missing: (keyof ProjectDates)[] }>;
}
