// 四比四看: the scorecard's measures and its scoring. Pure, shared by the server (ranking) and the weight form.
//
// Scoring (docs/decisions/009): each weighted measure is normalised to 0–100 against the best company of the
// period — higher-is-better measures as 100 × value / best, lower-is-better ones (days, stale share) as
// 100 × best / value (0 days or 0 % stale scores 100) — a company without a value scores 0 on it. The total is
// Σ score × weight / Σ weights. Scores are ratios, not money: they are computed in doubles and shown rounded to
// two decimals; every money figure beside them is the exact decimal string from SQL.

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
  { key: "constructionCount", group: "construction", kind: "int", better: "higher", defaultWeight: 10 },
  { key: "constructionInvestment", group: "construction", kind: "wan", better: "higher", defaultWeight: 5 },
  { key: "productionCount", group: "construction", kind: "int", better: "higher", defaultWeight: 5 },
  { key: "daysSignToConstruction", group: "construction", kind: "days", better: "lower", defaultWeight: 0 },
  { key: "daysConstructionToProduction", group: "construction", kind: "days", better: "lower", defaultWeight: 0 },
  { key: "stalePercent", group: "construction", kind: "percent", better: "lower", defaultWeight: 5 },
  { key: "targetCompletion", group: "construction", kind: "percent", better: "higher", defaultWeight: 10 },
  { key: "serviceOnTimePercent", group: "service", kind: "percent", better: "higher", defaultWeight: 5 },
  { key: "satisfaction", group: "service", kind: "decimal", better: "higher", defaultWeight: 5 },
] as const satisfies readonly MeasureDef[];

export type MeasureKey = (typeof MEASURES)[number]["key"];
export const MEASURE_KEYS = MEASURES.map((m) => m.key) as MeasureKey[];
export type Weights = Record<MeasureKey, number>;

export function defaultWeights(): Weights {
  return Object.fromEntries(MEASURES.map((m) => [m.key, m.defaultWeight])) as Weights;
}

/** Weights as stored (decimal strings in a jsonb), unknown keys dropped and missing ones 0. */
export function weightsFromStored(stored: Record<string, string> | null | undefined): Weights {
  if (!stored) return defaultWeights();
  return Object.fromEntries(MEASURES.map((m) => [m.key, Number(stored[m.key] ?? 0) || 0])) as Weights;
}

/** A company's measure values: counts as numbers, everything else as decimal strings; null when not measurable. */
export type MeasureValues = Record<MeasureKey, number | string | null>;

export type ScoredCompany<T> = T & {
  scores: Record<MeasureKey, number>;
  contributions: Record<MeasureKey, number>;
  total: number;
  rank: number;
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Normalises, weighs and ranks. Ties share a rank (1, 2, 2, 4). */
export function scoreCompanies<T extends { values: MeasureValues; name: string }>(companies: T[], weights: Weights): ScoredCompany<T>[] {
  const weightSum = MEASURES.reduce((s, m) => s + Math.max(0, weights[m.key]), 0);
  const best = {} as Record<MeasureKey, number | null>;
  for (const m of MEASURES) {
    const values = companies.map((c) => c.values[m.key]).filter((v): v is number | string => v !== null).map(Number);
    if (m.better === "higher") best[m.key] = values.length ? Math.max(...values) : null;
    else best[m.key] = values.length ? Math.min(...values) : null;
  }
  const scored = companies.map((c) => {
    const scores = {} as Record<MeasureKey, number>;
    const contributions = {} as Record<MeasureKey, number>;
    let total = 0;
    for (const m of MEASURES) {
      const raw = c.values[m.key];
      const b = best[m.key];
      let score = 0;
      if (raw !== null && b !== null) {
        const v = Number(raw);
        if (m.better === "higher") score = b > 0 ? (100 * v) / b : 0;
        else score = v <= 0 ? 100 : (100 * b) / v;
      }
      scores[m.key] = round2(score);
      const contribution = weightSum > 0 ? (score * Math.max(0, weights[m.key])) / weightSum : 0;
      contributions[m.key] = round2(contribution);
      total += contribution;
    }
    return { ...c, scores, contributions, total: round2(total), rank: 0 };
  });
  scored.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, "zh-CN"));
  scored.forEach((c, i) => {
    c.rank = i > 0 && scored[i - 1].total === c.total ? scored[i - 1].rank : i + 1;
  });
  return scored;
}
