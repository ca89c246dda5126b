// 四比四看: the scorecard's measures and its scoring. Pure, shared by the server (ranking) and the weight form.
//
// Scoring (docs/decisions/009): each weighted measure is normalised to 0–100 against the best company of the
// period — higher-is-better measures as 100 × value / best, lower-is-better ones (days, stale share) as
// 100 × best / value (0 days or 0 % stale scores 100). Scores are ratios, not money: they are computed in doubles
// and shown rounded to two decimals; every money figure beside them is the exact decimal string from SQL.
//
// Missing measures (docs/decisions/017): a company with nothing to be measured on (no target set, no requests
// solved, no signings for a cycle time: its value is null) is neither helped nor harmed by default — the measure
// scores nothing and the total is Σ score × weight / Σ weights of the measures it has (its weights rescaled to
// 100), marked as rescaled. The strict rule ("missing counts as zero") scores it 0 and divides by every weight.

export const SCORECARD_GROUPS = ["reserve", "signing", "construction", "service"] as const;
export type ScorecardGroup = (typeof SCORECARD_GROUPS)[number];

export type MeasureDef = {
  key: string;
  group: ScorecardGroup;
  /** int: a count; wan: 万元 decimal string; percent / days / decimal: a decimal string. */
  kind: "int" | "wan" | "percent" | "days" | "decimal";
  better: "higher" | "lower";
  defaultWeight: number;
};

export const MEASURES = [
  { key: "newLeads", group: "reserve", kind: "int", better: "higher", defaultWeight: 5 },
  { key: "reserveCount", group: "reserve", kind: "int", better: "higher", defaultWeight: 5 },
  { key: "reserveInvestment", group: "reserve", kind: "wan", better: "higher", defaultWeight: 10 },
  { key: "bigReserveCount", group: "reserve", kind: "int", better: "higher", defaultWeight: 5 },
  { key: "signedCount", group: "signing", kind: "int", better: "higher", defaultWeight: 10 },
  { key: "signedInvestment", group: "signing", kind: "wan", better: "higher", defaultWeight: 15 },
  { key: "conversionPercent", group: "signing", kind: "percent", better: "higher", defaultWeight: 5 },
  { key: "daysContactToSign", group: "signing", kind: "days", better: "lower", defaultWeight: 0 },
  { key: "activities", group: "signing", kind: "int", better: "higher", defaultWeight: 0 },
  { key: "transfersIn", group: "signing", kind: "int", better: "higher", defaultWeight: 0 },
  { key: "transfersOut", group: "signing", kind: "int", better: "higher", defaultWeight: 0 },
  { key: "daysToAnswer", group: "signing", kind: "days", better: "lower", defaultWeight: 0 },
  // 补链项目数 (issue 22, decision 031): optional, so weighed only when leaders choose to.
  { key: "chainFills", group: "signing", kind: "int", better: "higher", defaultWeight: 0 },
  { key: "constructionCount", group: "construction", kind: "int", better: "higher", defaultWeight: 10 },
  { key: "constructionInvestment", group: "construction", kind: "wan", better: "higher", defaultWeight: 5 },
  { key: "productionCount", group: "construction", kind: "int", better: "higher", defaultWeight: 5 },
  { key: "daysSignToConstruction", group: "construction", kind: "days", better: "lower", defaultWeight: 0 },
  { key: "daysConstructionToProduction", group: "construction", kind: "days", better: "lower", defaultWeight: 0 },
  // Issue 21 item 4: 注册→开工 and the approvals granted in the period (decision 027). Optional, as the other days.
  { key: "daysRegisterToConstruction", group: "construction", kind: "days", better: "lower", defaultWeight: 0 },
  { key: "daysApproval", group: "construction", kind: "days", better: "lower", defaultWeight: 0 },
  { key: "approvalWithinAllowedPercent", group: "construction", kind: "percent", better: "higher", defaultWeight: 0 },
  { key: "stalePercent", group: "construction", kind: "percent", better: "lower", defaultWeight: 5 },
  { key: "targetCompletion", group: "construction", kind: "percent", better: "higher", defaultWeight: 10 },
  { key: "onTimeRate", group: "service", kind: "percent", better: "higher", defaultWeight: 5 },
  { key: "satisfaction", group: "service", kind: "decimal", better: "higher", defaultWeight: 5 },
] as const satisfies readonly MeasureDef[];

export type MeasureKey = (typeof MEASURES)[number]["key"];
export const MEASURE_KEYS = MEASURES.map((m) => m.key) as MeasureKey[];
export type Weights = Record<MeasureKey, number>;

export function defaultWeights(): Weights {
  return Object.fromEntries(MEASURES.map((m) => [m.key, m.defaultWeight])) as Weights;
}

/** Keys weight sets were saved under before a measure was renamed (issue 18: the API's `onTimeRate`). */
const FORMER_KEYS: Partial<Record<MeasureKey, string>> = { onTimeRate: "serviceOnTimePercent" };

/** Weights as stored (decimal strings in a jsonb), unknown keys dropped and missing ones 0; former keys read. */
export function weightsFromStored(stored: Record<string, string> | null | undefined): Weights {
  if (!stored) return defaultWeights();
  const read = (key: MeasureKey) => stored[key] ?? stored[FORMER_KEYS[key] ?? key];
  return Object.fromEntries(MEASURES.map((m) => [m.key, Number(read(m.key) ?? 0) || 0])) as Weights;
}

/**
 * How a missing measure counts: `rescale` (the default, fair) leaves it out of the company's total and rescales
 * the weights it has to 100; `zero` (strict) scores it 0 over every weight. In the URL and the API: `missing=zero`.
 */
export type MissingRule = "rescale" | "zero";

export function missingRuleFrom(params: URLSearchParams): MissingRule {
  return params.get("missing") === "zero" ? "zero" : "rescale";
}

/** A company's measure values: counts as numbers, everything else as decimal strings; null when not measurable. */
export type MeasureValues = Record<MeasureKey, number | string | null>;

/** Why a value is null (the page's hover text is `scorecard.missing.<reason>`). Counts are never missing. */
export const MISSING_REASONS = [
  "noContacted",
  "noSignings",
  "noTransfers",
  "noConstruction",
  "noRegisteredStart",
  "noProduction",
  "noApprovals",
  "noActive",
  "noTarget",
  "noRequests",
  "noneSolved",
  "noRatings",
] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];
export type MissingReasons = Partial<Record<MeasureKey, MissingReason>>;

/** A row scored on some measures `K` (the companies' MEASURES, or the zones' measures of zone-ranking.ts). */
export type Scored<T, K extends string> = T & {
  /** 0–100; null where the row has no value and the rule is `rescale` (0 under `zero`). */
  scores: Record<K, number | null>;
  /** Points of the total each measure gave (they add up to the total); null where the score is null. */
  contributions: Record<K, number | null>;
  /** null only when the row has none of the weighted measures (under `rescale`): nothing to rank it on. */
  total: number | null;
  /** Ties share a rank; null with a null total (ranked after everyone). */
  rank: number | null;
  /** The weighted measures the row has no value for, in the measures' order. */
  missing: K[];
  /** Σ weights of the weighted measures it has, and of all weighted measures: the total is over the first. */
  weightCovered: number;
  weightSum: number;
  /** True when measures were left out and the row's weights rescaled (rule `rescale`, `missing` not empty). */
  rescaled: boolean;
};

export type ScoredCompany<T> = Scored<T, MeasureKey>;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Normalises, weighs and ranks. Ties share a rank (1, 2, 2, 4); a company without a total comes last. */
export function scoreCompanies<T extends { values: MeasureValues; name: string }>(
  companies: T[],
  weights: Weights,
  rule: MissingRule = "rescale",
): ScoredCompany<T>[] {
  return scoreRows(MEASURES, companies, weights, rule);
}

/** The one scoring rule, over any list of measures: the companies' scorecard and the zones' ranking share it. */
export function scoreRows<K extends string, T extends { values: Record<K, number | string | null>; name: string }>(
  measures: readonly { key: K; better: "higher" | "lower" }[],
  rows: T[],
  weights: Record<K, number>,
  rule: MissingRule,
): Scored<T, K>[] {
  const weightOf = (key: K) => Math.max(0, weights[key]);
  const weightSum = measures.reduce((s, m) => s + weightOf(m.key), 0);
  const best = {} as Record<K, number | null>;
  for (const m of measures) {
    const values = rows
      .map((c) => c.values[m.key])
      .filter((v): v is number | string => v !== null)
      .map(Number);
    if (m.better === "higher") best[m.key] = values.length ? Math.max(...values) : null;
    else best[m.key] = values.length ? Math.min(...values) : null;
  }
  const scored = rows.map((c) => {
    const raw = {} as Record<K, number | null>;
    const missing: K[] = [];
    for (const m of measures) {
      const value = c.values[m.key];
      const b = best[m.key];
      if (value === null || b === null) {
        raw[m.key] = rule === "zero" ? 0 : null;
        if (weightOf(m.key) > 0) missing.push(m.key);
        continue;
      }
      const v = Number(value);
      if (m.better === "higher") raw[m.key] = b > 0 ? (100 * v) / b : 0;
      else raw[m.key] = v <= 0 ? 100 : (100 * b) / v;
    }
    const weightCovered = measures.reduce((s, m) => s + (c.values[m.key] === null ? 0 : weightOf(m.key)), 0);
    const divisor = rule === "zero" ? weightSum : weightCovered;
    const scores = {} as Record<K, number | null>;
    const contributions = {} as Record<K, number | null>;
    let total = 0;
    for (const m of measures) {
      const score = raw[m.key];
      scores[m.key] = score === null ? null : round2(score);
      const contribution = score === null ? null : divisor > 0 ? (score * weightOf(m.key)) / divisor : 0;
      contributions[m.key] = contribution === null ? null : round2(contribution);
      total += contribution ?? 0;
    }
    const hasTotal = rule === "zero" || weightSum === 0 || weightCovered > 0;
    return {
      ...c,
      scores,
      contributions,
      total: hasTotal ? round2(total) : null,
      rank: null as number | null,
      missing,
      weightCovered,
      weightSum,
      rescaled: rule === "rescale" && missing.length > 0,
    };
  });
  scored.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(b.name, "zh-CN"));
  scored.forEach((c, i) => {
    if (c.total === null) return;
    c.rank = i > 0 && scored[i - 1].total === c.total ? scored[i - 1].rank : i + 1;
  });
  return scored;
}
