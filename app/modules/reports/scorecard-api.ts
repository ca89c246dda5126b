// The scorecard as GET /api/v1/reports/scorecard answers it (issue 18): every measure of the page under its key,
// its value as text (null without data, never "0"), its score (null without data under the default rule, 0 under
// missing=zero) and its weight. Pure, so the route and the tests share it.
import type { MeasureKey, MissingRule } from "~/lib/scorecard";
import { MEASURES } from "~/lib/scorecard";

type CardLike = {
  period: { from: string; to: string };
  missing: MissingRule;
  weights: Record<MeasureKey, number>;
  weightSet: { version: number };
  rows: {
    id: number;
    name: string;
    rank: number | null;
    total: number | null;
    rescaled: boolean;
    weightCovered: number;
    weightSum: number;
    values: Record<MeasureKey, number | string | null>;
    scores: Record<MeasureKey, number | null>;
    requests: { rated: number };
  }[];
};

export function scorecardApiBody(card: CardLike) {
  return {
    from: card.period.from,
    to: card.period.to,
    missing: card.missing,
    /** 0: the default weights, no version saved yet. */
    weightsVersion: card.weightSet.version,
    rows: card.rows.map((r) => ({
      companyId: r.id,
      company: r.name,
      rank: r.rank,
      total: r.total,
      rescaled: r.rescaled,
      weightCovered: r.weightCovered,
      weightSum: r.weightSum,
      ratedRequests: r.requests.rated,
      measures: Object.fromEntries(
        MEASURES.map((m) => {
          const value = r.values[m.key];
          return [m.key, { value: value === null ? null : String(value), score: r.scores[m.key], weight: card.weights[m.key] }];
        }),
      ) as Record<MeasureKey, { value: string | null; score: number | null; weight: number }>,
    })),
  };
}
