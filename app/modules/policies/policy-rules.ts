// 政策库 (issue 21 item 5, docs/decisions/028): a policy's conditions are data (jsonb, checked by these schemas), and
// one evaluator reads them against a project's facts. Pure: no database, no framework. All arithmetic on decimals
// goes through BigInt (cents), never a float.
import * as z from "zod";
import { INVESTMENT_TYPES } from "../../lib/domain-values";

/** Facts compared with a list of names (the zone's cluster and company names, the project types). */
export const LIST_FACTS = ["cluster", "company", "projectType"] as const;
/** Facts compared with a number: kV, 万元, people, 万元 per 亩. */
export const NUMBER_FACTS = ["voltageKv", "investmentWan", "jobs", "investmentPerMuWan", "outputPerMuWan"] as const;
export const LIST_OPS = ["in", "notIn"] as const;
export const NUMBER_OPS = ["gte", "gt", "lte", "lt"] as const;

export type ListFact = (typeof LIST_FACTS)[number];
export type NumberFact = (typeof NUMBER_FACTS)[number];

/** A threshold: a non-negative decimal with at most two places, kept as text. */
const threshold = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "policies.error.threshold");

export const listConditionSchema = z.object({
  fact: z.enum(["cluster", "company"]),
  op: z.enum(LIST_OPS),
  values: z.array(z.string().trim().min(1).max(100)).min(1, "policies.error.values").max(50),
});
export const typeConditionSchema = z.object({
  fact: z.literal("projectType"),
  op: z.enum(LIST_OPS),
  values: z.array(z.enum(INVESTMENT_TYPES)).min(1, "policies.error.values").max(3),
});
export const numberConditionSchema = z.object({ fact: z.enum(NUMBER_FACTS), op: z.enum(NUMBER_OPS), value: threshold });

export const policyConditionSchema = z.discriminatedUnion("fact", [
  listConditionSchema.extend({ fact: z.literal("cluster") }),
  listConditionSchema.extend({ fact: z.literal("company") }),
  typeConditionSchema,
  numberConditionSchema,
]);
/** All conditions of a policy must hold (and). An empty list: every project qualifies. */
export const policyConditionsSchema = z.array(policyConditionSchema).max(20);

export type PolicyCondition = z.infer<typeof policyConditionSchema>;

/** What the evaluator reads of a project. null: not recorded. */
export type PolicyFacts = {
  cluster: string | null;
  company: string | null;
  projectType: (typeof INVESTMENT_TYPES)[number] | null;
  voltageKv: string | null;
  investmentWan: string | null;
  jobs: number | null;
  landMu: string | null;
  annualOutputWan: string | null;
};

/** The project fields a fact is made of: what the page asks for when it is missing. */
export type SourceField = "clusterId" | "companyId" | "investmentType" | "voltageKv" | "totalInvestmentWan" | "jobs" | "landMu" | "annualOutputWan";

export type ConditionOutcome =
  | { status: "pass" }
  | { status: "unknown"; missing: SourceField[] }
  /** A number short of its threshold: by `gap` (in the fact's unit, two places), and whether within NEAR_PERCENT. */
  | { status: "fail"; gap: string; near: boolean }
  /** A list condition that does not hold (another cluster, another type): no amount of work changes it. */
  | { status: "fail"; gap: null; near: false };

export type Verdict = "qualifies" | "nearly" | "no";

/** "Nearly" for a number: within this share of the threshold (80 % of a minimum, 120 % of a maximum). */
export const NEAR_PERCENT = 20n;

/** A decimal text as cents. */
function cents(value: string): bigint {
  const [int, frac = ""] = value.split(".");
  return BigInt(int + frac.padEnd(2, "0")); // at most two places: the schemas and numeric(…, 2) see to it
}

/** Cents as a decimal text with two places. */
export function centsText(c: bigint): string {
  const digits = c.toString().padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A fact's value as an exact fraction num/den (den > 0), or the fields missing for it. */
type Fraction = { num: bigint; den: bigint };

function numberFact(fact: NumberFact, f: PolicyFacts): Fraction | SourceField[] {
  switch (fact) {
    case "voltageKv":
      return f.voltageKv === null ? ["voltageKv"] : { num: cents(f.voltageKv), den: 100n };
    case "investmentWan":
      return f.investmentWan === null ? ["totalInvestmentWan"] : { num: cents(f.investmentWan), den: 100n };
    case "jobs":
      return f.jobs === null ? ["jobs"] : { num: BigInt(f.jobs) * 100n, den: 100n };
    case "investmentPerMuWan":
      return perMu(f.investmentWan, "totalInvestmentWan", f.landMu);
    case "outputPerMuWan":
      return perMu(f.annualOutputWan, "annualOutputWan", f.landMu);
  }
}

/** An amount per 亩: unknown without the amount or the land; no land (0 亩) has no intensity either. */
function perMu(amount: string | null, field: SourceField, landMu: string | null): Fraction | SourceField[] {
  const missing: SourceField[] = [];
  if (amount === null) missing.push(field);
  if (landMu === null || cents(landMu) === 0n) missing.push("landMu");
  if (missing.length) return missing;
  return { num: cents(amount!), den: cents(landMu!) };
}

function listFact(fact: ListFact, f: PolicyFacts): { value: string } | SourceField[] {
  const value = fact === "cluster" ? f.cluster : fact === "company" ? f.company : f.projectType;
  if (value === null) return [fact === "cluster" ? "clusterId" : fact === "company" ? "companyId" : "investmentType"];
  return { value };
}

/** One condition against the facts. */
export function evaluateCondition(c: PolicyCondition, f: PolicyFacts): ConditionOutcome {
  if (c.fact === "cluster" || c.fact === "company" || c.fact === "projectType") {
    const v = listFact(c.fact, f);
    if (Array.isArray(v)) return { status: "unknown", missing: v };
    const listed = (c.values as string[]).includes(v.value);
    return listed === (c.op === "in") ? { status: "pass" } : { status: "fail", gap: null, near: false };
  }
  const v = numberFact(c.fact, f);
  if (Array.isArray(v)) return { status: "unknown", missing: v };
  // value = num/den and threshold = t/100: compare num·100 with t·den (den > 0), exactly.
  const t = cents(c.value);
  const lhs = v.num * 100n;
  const rhs = t * v.den;
  const holds = c.op === "gte" ? lhs >= rhs : c.op === "gt" ? lhs > rhs : c.op === "lte" ? lhs <= rhs : lhs < rhs;
  if (holds) return { status: "pass" };
  // The distance to the threshold in cents of the fact's unit, rounded half up: |t·den − num·100| / den.
  const diff = rhs > lhs ? rhs - lhs : lhs - rhs;
  const gap = centsText((2n * diff + v.den) / (2n * v.den));
  const minimum = c.op === "gte" || c.op === "gt";
  // Near: value ≥ 80 % of a minimum, ≤ 120 % of a maximum.
  const near = minimum ? lhs * 100n >= rhs * (100n - NEAR_PERCENT) : lhs * 100n <= rhs * (100n + NEAR_PERCENT);
  return { status: "fail", gap, near };
}

export type PolicyEvaluation = {
  verdict: Verdict;
  outcomes: { condition: PolicyCondition; outcome: ConditionOutcome }[];
  /** The project fields to fill in before the policy can be decided (each once). */
  missing: SourceField[];
};

/**
 * A policy against a project: qualifies when every condition holds; nearly when none fails beyond reach (what
 * fails is a number within NEAR_PERCENT of its threshold) and something is missing or near; otherwise not.
 */
export function evaluatePolicy(conditions: PolicyCondition[], f: PolicyFacts): PolicyEvaluation {
  const outcomes = conditions.map((condition) => ({ condition, outcome: evaluateCondition(condition, f) }));
  const missing = [...new Set(outcomes.flatMap(({ outcome }) => (outcome.status === "unknown" ? outcome.missing : [])))];
  let verdict: Verdict = "qualifies";
  for (const { outcome } of outcomes) {
    if (outcome.status === "fail" && !outcome.near) return { verdict: "no", outcomes, missing };
    if (outcome.status !== "pass") verdict = "nearly";
  }
  return { verdict, outcomes, missing };
}

/** In force on `today`: from its first day (or always) to its last day inclusive (or open-ended). */
export function policyInForce(p: { validFrom: string | null; validTo: string | null }, today: string): boolean {
  return (p.validFrom === null || p.validFrom <= today) && (p.validTo === null || today <= p.validTo);
}

/** A benefit's dates and amounts: delivered with its amount and date together, not before the promise, none ahead. */
export function benefitProblems(
  b: { promisedOn: string; deliveredOn: string | null; deliveredWan: string | null },
  today: string,
): Record<string, "policies.error.future" | "policies.error.deliveredBeforePromise" | "policies.error.deliveredPair"> {
  const problems: Record<string, "policies.error.future" | "policies.error.deliveredBeforePromise" | "policies.error.deliveredPair"> = {};
  if (b.promisedOn > today) problems.promisedOn = "policies.error.future";
  if ((b.deliveredOn === null) !== (b.deliveredWan === null))
    problems[b.deliveredOn === null ? "deliveredOn" : "deliveredWan"] = "policies.error.deliveredPair";
  if (b.deliveredOn !== null && b.deliveredOn > today) problems.deliveredOn = "policies.error.future";
  else if (b.deliveredOn !== null && b.deliveredOn < b.promisedOn) problems.deliveredOn = "policies.error.deliveredBeforePromise";
  return problems;
}

/** Still owed: promised minus delivered (nothing delivered yet: the whole promise), never below zero. */
export function outstandingWan(b: { promisedWan: string; deliveredWan: string | null }): string {
  const owed = cents(b.promisedWan) - (b.deliveredWan === null ? 0n : cents(b.deliveredWan));
  return centsText(owed > 0n ? owed : 0n);
}
