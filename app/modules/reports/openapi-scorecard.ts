// GET /api/v1/reports/scorecard in the OpenAPI document (openapi.ts spreads these in): its own file so that the
// 三个一批 part and this one can change apart.
import { MEASURE_KEYS } from "~/lib/scorecard";

const measure = {
  type: "object",
  required: ["value", "score", "weight"],
  properties: {
    value: {
      type: ["string", "null"],
      description:
        "The measure's value as exact text: a count (\"3\"), wan with two decimals (\"1500.50\"), a percentage with one decimal (\"87.5\" = 87.5 %), median days (\"12.5\") or an average rating (\"4.33\"). null when the company has nothing to be measured on (no target set, no requests in the period, no signings for a cycle time…), never \"0\".",
    },
    score: {
      type: ["number", "null"],
      description: "0–100 against the period's best company, two decimals. null where value is null under the default rule; 0 under missing=zero.",
    },
    weight: { type: "number", minimum: 0, description: "The measure's weight in the weight set in force (0: shown, not counted)" },
  },
} as const;

export const scorecardSchemas = {
  ScorecardMeasure: measure,
  Scorecard: {
    type: "object",
    required: ["from", "to", "missing", "weightsVersion", "rows"],
    properties: {
      from: { type: "string", format: "date" },
      to: { type: "string", format: "date" },
      missing: { type: "string", enum: ["rescale", "zero"], description: "The rule the totals were computed under" },
      weightsVersion: { type: "integer", minimum: 0, description: "The leaders' weight set in force; 0 for the default weights" },
      rows: {
        type: "array",
        description: "One row per compared company, best first",
        items: {
          type: "object",
          required: ["companyId", "company", "rank", "total", "measures"],
          properties: {
            companyId: { type: "integer" },
            company: { type: "string" },
            rank: { type: ["integer", "null"], description: "Ties share a rank; null when the company has none of the weighted measures (default rule)" },
            total: { type: ["number", "null"], description: "Weighted total 0–100, two decimals" },
            rescaled: { type: "boolean", description: "Measures were missing and the total is over the weights of those the company has" },
            weightCovered: { type: "number", description: "Sum of the weights of the weighted measures the company has" },
            weightSum: { type: "number", description: "Sum of all weights" },
            ratedRequests: { type: "integer", minimum: 0, description: "How many requests solved in the period the satisfaction average is over" },
            measures: {
              type: "object",
              required: MEASURE_KEYS,
              properties: Object.fromEntries(MEASURE_KEYS.map((k) => [k, { $ref: "#/components/schemas/ScorecardMeasure" }])),
              additionalProperties: false,
            },
          },
        },
      },
    },
  },
} as const;

export const scorecardPath = {
  "/api/v1/reports/scorecard": {
    get: {
      summary: "Si bi si kan scorecard: the companies ranked on weighted measures in a period",
      description:
        "The page's own figures and weights. A measure a company has no data for is null and, by default, not scored: the total is over the measures the company has, their weights rescaled to 100 (rescaled: true). missing=zero scores it 0 over every weight (a strict ranking). Needs a token with the scope reports:read (a leader's or admin's).",
      operationId: "getScorecard",
      security: [{ bearerAuth: ["reports:read"] }],
      parameters: [
        { name: "from", in: "query", required: true, schema: { type: "string", format: "date" }, example: "2026-01-01" },
        { name: "to", in: "query", required: true, schema: { type: "string", format: "date" }, example: "2026-03-31" },
        { name: "missing", in: "query", required: false, schema: { type: "string", enum: ["rescale", "zero"], default: "rescale" }, description: "How a missing measure counts" },
        { name: "scope", in: "query", required: false, schema: { type: "string", enum: ["attraction", "all"], default: "attraction" }, description: "Compare the attraction companies only, or every company" },
        { name: "basis", in: "query", required: false, schema: { type: "string", enum: ["owner", "firstContact"], default: "owner" }, description: "Credit of the three-batches measures" },
      ],
      responses: {
        "200": { description: "The ranked companies", content: { "application/json": { schema: { $ref: "#/components/schemas/Scorecard" } } } },
        "400": { description: "Missing or invalid dates, from after to, more than ten years, or a bad missing/scope", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        "401": { $ref: "#/components/responses/Unauthorized" },
        "403": { $ref: "#/components/responses/Forbidden" },
      },
    },
  },
} as const;
