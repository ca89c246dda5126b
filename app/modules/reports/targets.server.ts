// Annual targets per company (signed count and investment, construction and production counts), set by leaders,
// optimistic-locked by version and audited; the report and the scorecard show completion and the gap.
import { and, eq } from "drizzle-orm";
import { getDb } from "~db/index";
import { annualTargets, companies, users } from "~db/schema";
import { todayInZone } from "~/lib/dates";
import { percentOf, subtractDecimals } from "~/lib/money";
import type { Conflict, Forbidden, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, notFound, ok } from "~/lib/result";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canSetTargets } from "~/modules/auth/policy";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import type { AnnualTargetInput } from "./reports.schema";
import type { ThreeBatchesReport } from "./three-batches.server";
import { reportCompanies, threeBatchesReport } from "./three-batches.server";

export type TargetRow = {
  companyId: number;
  company: string;
  target: { signedCount: number; signedInvestmentWan: string; constructionCount: number; productionCount: number; version: number } | null;
  actual: { signedCount: number; signedInvestmentWan: string; constructionCount: number; productionCount: number };
  /** Completion percentages (one decimal), null without a target. */
  completion: { signedCount: string | null; signedInvestment: string | null; constructionCount: string | null; productionCount: string | null };
  /** What is still missing (target − actual; negative when exceeded). */
  gap: { signedCount: number; signedInvestmentWan: string; constructionCount: number; productionCount: number } | null;
  /** The mean of the four completion percentages that have a target, one decimal; null without targets. */
  overall: string | null;
};

/** The year a targets page or export shows (`?year=`, else this year) and the day its actuals run to. */
export function targetsYear(url: URL, today: string = todayInZone()) {
  const asked = Number(url.searchParams.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(today.slice(0, 4));
  return { year, asOf: today < `${year}-12-31` ? today : `${year}-12-31` };
}

const pct = (actual: number, target: number) => (target > 0 ? percentOf(String(actual), String(target)) : null);

/**
 * Each company's targets for `year` against what it reached from 1 January to `asOf` (capped to the year), on
 * the report's own query (and credit basis).
 */
export async function targetProgress(
  zoneId: number,
  year: number,
  asOf: string,
  basis: CreditBasis = "owner",
  /** A 三个一批 report the caller computes anyway; used only if it is exactly the year-to-date one needed here. */
  known?: Promise<ThreeBatchesReport>,
): Promise<TargetRow[]> {
  const to = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  const from = `${year}-01-01`;
  const yearToDate = async () => {
    const report = known ? await known : null;
    const o = report?.options;
    if (report && o && o.from === from && o.to === to && o.basis === basis && !o.evidenceOnly) return report;
    return threeBatchesReport(zoneId, { from, to, basis, evidenceOnly: false });
  };
  const [report, targets] = await Promise.all([
    to >= from ? yearToDate() : null,
    getDb()
      .select()
      .from(annualTargets)
      .where(and(eq(annualTargets.zoneId, zoneId), eq(annualTargets.year, year))),
  ]);
  const byCompany = new Map(targets.map((t) => [t.companyId, t]));
  const rows = report?.rows ?? (await reportCompanies(zoneId)).map((c) => ({
    ...c,
    signed: { count: 0, investmentWan: "0.00" },
    construction: { count: 0, investmentWan: "0.00" },
    production: { count: 0, investmentWan: "0.00" },
  }));
  return rows.map((r) => {
    const t = byCompany.get(r.id);
    const actual = {
      signedCount: r.signed.count,
      signedInvestmentWan: r.signed.investmentWan,
      constructionCount: r.construction.count,
      productionCount: r.production.count,
    };
    const completion = t
      ? {
          signedCount: pct(actual.signedCount, t.signedCount),
          signedInvestment: Number(t.signedInvestmentWan) > 0 ? percentOf(actual.signedInvestmentWan, t.signedInvestmentWan) : null,
          constructionCount: pct(actual.constructionCount, t.constructionCount),
          productionCount: pct(actual.productionCount, t.productionCount),
        }
      : { signedCount: null, signedInvestment: null, constructionCount: null, productionCount: null };
    const parts = Object.values(completion).filter((v): v is string => v !== null);
    // Mean of percentages in tenths, exactly, rounded half up to one decimal.
    const tenths = parts.reduce((s, v) => s + Math.round(Number(v) * 10), 0);
    const overall = parts.length ? (Math.round(tenths / parts.length) / 10).toFixed(1) : null;
    return {
      companyId: r.id,
      company: r.name,
      target: t
        ? {
            signedCount: t.signedCount,
            signedInvestmentWan: t.signedInvestmentWan,
            constructionCount: t.constructionCount,
            productionCount: t.productionCount,
            version: t.version,
          }
        : null,
      actual,
      completion,
      gap: t
        ? {
            signedCount: t.signedCount - actual.signedCount,
            signedInvestmentWan: subtractDecimals(t.signedInvestmentWan, actual.signedInvestmentWan),
            constructionCount: t.constructionCount - actual.constructionCount,
            productionCount: t.productionCount - actual.productionCount,
          }
        : null,
      overall,
    };
  });
}

/** Conflict: someone saved since the form was loaded; what is there now, who saved it and when. */
export type SaveTargetResult =
  | Ok<undefined>
  | NotFound
  | Forbidden
  | Conflict<{ version: number; current: AnnualTargetInput; by: string | null; at: string }>;

/** Creates or updates one company's targets for a year, if nobody saved them since the form was loaded. */
export async function saveAnnualTarget(viewer: Viewer, input: AnnualTargetInput): Promise<SaveTargetResult> {
  if (!canSetTargets(viewer)) return forbidden();
  return getDb().transaction(async (tx): Promise<SaveTargetResult> => {
    const [company] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, input.companyId), eq(companies.zoneId, viewer.zoneId)));
    if (!company) return notFound();
    const [current] = await tx
      .select()
      .from(annualTargets)
      .where(and(eq(annualTargets.companyId, input.companyId), eq(annualTargets.year, input.year)))
      .for("update");
    const fields = {
      signedCount: input.signedCount,
      signedInvestmentWan: input.signedInvestmentWan,
      constructionCount: input.constructionCount,
      productionCount: input.productionCount,
    };
    const conflictWith = async (row: typeof current) => {
      const [by] = row.updatedById
        ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.updatedById))
        : [];
      return conflict({
        version: row.version,
        current: {
          ...input,
          signedCount: row.signedCount,
          signedInvestmentWan: row.signedInvestmentWan,
          constructionCount: row.constructionCount,
          productionCount: row.productionCount,
          version: row.version,
        },
        by: by?.name ?? null,
        at: row.updatedAt.toISOString(),
      });
    };
    if (!current) {
      if (input.version !== 0) return notFound();
      const [row] = await tx
        .insert(annualTargets)
        .values({ zoneId: viewer.zoneId, companyId: input.companyId, year: input.year, ...fields, updatedById: viewer.id })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        const [other] = await tx
          .select()
          .from(annualTargets)
          .where(and(eq(annualTargets.companyId, input.companyId), eq(annualTargets.year, input.year)));
        return conflictWith(other);
      }
      await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "target", entityId: row.id, action: "create", after: { year: input.year, companyId: input.companyId, ...fields } });
      return ok();
    }
    if (current.version !== input.version) return conflictWith(current);
    const [after] = await tx
      .update(annualTargets)
      .set({ ...fields, version: current.version + 1, updatedById: viewer.id, updatedAt: new Date() })
      .where(eq(annualTargets.id, current.id))
      .returning();
    await auditUpdate(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "target",
      entityId: current.id,
      action: "update",
      before: current,
      after,
      fields: ["signedCount", "signedInvestmentWan", "constructionCount", "productionCount"],
    });
    return ok();
  });
}
