// 四比四看 between zones (issue 20 item 3): the province's campaign compares its development zones on four
// comparisons, each with its measures. Pure, shared by the server (ranking), the weight form and the export.
//
// The scoring is the zone scorecard's own (scoreRows in ./scorecard.ts, decisions 009 and 017): each weighted
// measure is scored 0–100 against the best zone of the period (100 × value / best, or 100 × best / value for the
// lower-is-better days); a zone with no value for a measure is neither helped nor harmed by default (its weights
// rescaled to 100, marked 折), or scores 0 under the strict rule (missing=zero). Weights default to equal.
import type { MissingRule, Scored } from "./scorecard";
import { scoreRows } from "./scorecard";

export const ZONE_GROUPS = ["reserve", "signing", "construction", "service"] as const;
export type ZoneGroup = (typeof ZONE_GROUPS)[number];

export type ZoneMeasureDef = {
  key: string;
  group: ZoneGroup;
  /** int: a count; wan: 万元 decimal string; percent / days / decimal: a decimal string. */
  kind: "int" | "wan" | "percent" | "days" | "decimal";
  better: "higher" | "lower";
};

/** Every measure has the same default weight: the province starts from an equal footing. */
export const DEFAULT_ZONE_WEIGHT = 10;

export const ZONE_MEASURES = [
  // 比谋划储备、看项目质量: the active projects in negotiation or evaluation today, and the share of them ≥ 1亿.
  { key: "reserveCount", group: "reserve", kind: "int", better: "higher" },
  { key: "reserveInvestment", group: "reserve", kind: "wan", better: "higher" },
  { key: "bigReservePercent", group: "reserve", kind: "percent", better: "higher" },
  // 比招商引资、看签约落地: signed in the period, and the share of those registered (注册落地 or later) by now.
  { key: "signedCount", group: "signing", kind: "int", better: "higher" },
  { key: "signedInvestment", group: "signing", kind: "wan", better: "higher" },
  { key: "registeredPercent", group: "signing", kind: "percent", better: "higher" },
  // 比开工建设、看工程进度: construction started in the period, and the median days from signing to it.
  { key: "constructionCount", group: "construction", kind: "int", better: "higher" },
  { key: "constructionInvestment", group: "construction", kind: "wan", better: "higher" },
  { key: "daysSignToConstruction", group: "construction", kind: "days", better: "lower" },
  // 比服务水平、看满意指数: enterprise requests solved on time, and the enterprises' own ratings.
  { key: "onTimeRate", group: "service", kind: "percent", better: "higher" },
  { key: "satisfaction", group: "service", kind: "decimal", better: "higher" },
] as const satisfies readonly ZoneMeasureDef[];

export type ZoneMeasureKey = (typeof ZONE_MEASURES)[number]["key"];
export const ZONE_MEASURE_KEYS = ZONE_MEASURES.map((m) => m.key) as ZoneMeasureKey[];
export type ZoneWeights = Record<ZoneMeasureKey, number>;
export type ZoneMeasureValues = Record<ZoneMeasureKey, number | string | null>;

/** Why a zone's value is null (the page's hover text is `ranking.missing.<reason>`). Counts are never missing. */
export const ZONE_MISSING_REASONS = ["noReserve", "noSignings", "noConstruction", "noRequests", "noneSolved", "noRatings"] as const;
export type ZoneMissingReason = (typeof ZONE_MISSING_REASONS)[number];

export function defaultZoneWeights(): ZoneWeights {
  return Object.fromEntries(ZONE_MEASURES.map((m) => [m.key, DEFAULT_ZONE_WEIGHT])) as ZoneWeights;
}

/** Weights as stored (decimal strings in a jsonb), unknown keys dropped and missing ones 0; none stored: the defaults. */
export function zoneWeightsFromStored(stored: Record<string, string> | null | undefined): ZoneWeights {
  if (!stored) return defaultZoneWeights();
  return Object.fromEntries(ZONE_MEASURES.map((m) => [m.key, Number(stored[m.key] ?? 0) || 0])) as ZoneWeights;
}

export type ScoredZone<T> = Scored<T, ZoneMeasureKey>;

/** Scores and ranks the zones by the scorecard's rule (ties share a rank; a zone without a total comes last). */
export function scoreZones<T extends { values: ZoneMeasureValues; name: string }>(
  zones: T[],
  weights: ZoneWeights,
  rule: MissingRule = "rescale",
): ScoredZone<T>[] {
  return scoreRows(ZONE_MEASURES, zones, weights, rule);
}

/** A zone's move since the previous period: ↑2, ↓1, unchanged, 新 (no rank before), or nothing (no rank now). */
export type RankChange = { kind: "up" | "down"; by: number } | { kind: "same" } | { kind: "new" } | null;

export function rankChange(rank: number | null, previousRank: number | null): RankChange {
  if (rank === null) return null;
  if (previousRank === null) return { kind: "new" };
  if (previousRank === rank) return { kind: "same" };
  return previousRank > rank ? { kind: "up", by: previousRank - rank } : { kind: "down", by: rank - previousRank };
}

/** The change as the page and the export write it: "↑2", "↓1", "=", "新" (`newLabel`), "" with no rank. */
export function rankChangeText(change: RankChange, newLabel: string): string {
  if (change === null) return "";
  switch (change.kind) {
    case "up":
      return `↑${change.by}`;
    case "down":
      return `↓${change.by}`;
    case "same":
      return "=";
    case "new":
      return newLabel;
  }
}

/** A share as a percentage with one decimal ("33.3"); null when there is nothing to take a share of. */
export function sharePercent(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  return (Math.round((1000 * part) / whole) / 10).toFixed(1);
}
