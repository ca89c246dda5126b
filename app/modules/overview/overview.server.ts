import { and, asc, between, count, eq, inArray, ne, sql, sum } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, projects } from "~db/schema";
import type { ProjectStage } from "~/lib/domain-values";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { Viewer } from "~/modules/auth/policy";

export type StageCell = { count: number; investmentWan: string };
export type OverviewRow = {
  companyId: number;
  companyName: string;
  kind: string;
  stages: Record<ProjectStage, StageCell>;
  total: StageCell;
};

const emptyCell = (): StageCell => ({ count: 0, investmentWan: "0.00" });

/**
 * 全区概览: per company and stage, the count and total investment of projects that are not lost, summed in SQL
 * (numeric) and carried as decimal strings.
 */
export async function getZoneOverview(viewer: Viewer, year: number) {
  const db = getDb();
  const zone = eq(projects.zoneId, viewer.zoneId);
  const notLost = ne(projects.status, "lost");
  const investment = sql<string>`coalesce(${sum(projects.totalInvestmentWan)}, 0)::numeric(18,2)::text`;

  const [companyRows, cells, totals, pipeline, milestones] = await Promise.all([
    db
      .select({ id: companies.id, name: companies.name, kind: companies.kind })
      .from(companies)
      .where(and(eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
      .orderBy(asc(companies.sortOrder), asc(companies.id)),
    db
      .select({ companyId: projects.companyId, stage: projects.stage, n: count(), investment })
      .from(projects)
      .where(and(zone, notLost))
      .groupBy(projects.companyId, projects.stage),
    db
      .select({ stage: projects.stage, n: count(), investment })
      .from(projects)
      .where(and(zone, notLost))
      .groupBy(projects.stage),
    db
      .select({ n: count(), investment })
      .from(projects)
      .where(and(zone, eq(projects.status, "active"), inArray(projects.stage, ["negotiating", "evaluating"]))),
    milestoneTotals(viewer.zoneId, `${year}-01-01`, `${year}-12-31`),
  ]);

  const byCompany = new Map<number, OverviewRow>();
  for (const c of companyRows) {
    byCompany.set(c.id, {
      companyId: c.id,
      companyName: c.name,
      kind: c.kind,
      stages: Object.fromEntries(PROJECT_STAGES.map((s) => [s, emptyCell()])) as Record<ProjectStage, StageCell>,
      total: emptyCell(),
    });
  }
  for (const cell of cells) {
    const row = byCompany.get(cell.companyId);
    if (row) row.stages[cell.stage] = { count: cell.n, investmentWan: cell.investment };
  }
  const zoneStages = Object.fromEntries(PROJECT_STAGES.map((s) => [s, emptyCell()])) as Record<ProjectStage, StageCell>;
  for (const t of totals) zoneStages[t.stage] = { count: t.n, investmentWan: t.investment };

  // Row totals come from SQL too (no float sums in JS): one more grouped query keeps them exact.
  const rowTotals = await db
    .select({ companyId: projects.companyId, n: count(), investment })
    .from(projects)
    .where(and(zone, notLost))
    .groupBy(projects.companyId);
  for (const t of rowTotals) {
    const row = byCompany.get(t.companyId);
    if (row) row.total = { count: t.n, investmentWan: t.investment };
  }
  const [zoneTotal] = await db
    .select({ n: count(), investment })
    .from(projects)
    .where(and(zone, notLost));

  return {
    year,
    rows: [...byCompany.values()],
    zoneStages,
    zoneTotal: { count: zoneTotal.n, investmentWan: zoneTotal.investment },
    pipeline: { count: pipeline[0].n, investmentWan: pipeline[0].investment },
    milestones,
  };
}

/** 三个一批 for a period: projects signed / started construction / started production by that stage's business date. */
export async function milestoneTotals(zoneId: number, from: string, to: string) {
  const db = getDb();
  const investment = sql<string>`coalesce(${sum(projects.totalInvestmentWan)}, 0)::numeric(18,2)::text`;
  const one = (column: typeof projects.signedOn | typeof projects.constructionOn | typeof projects.productionOn) =>
    db
      .select({ n: count(), investment })
      .from(projects)
      .where(and(eq(projects.zoneId, zoneId), between(column, from, to)))
      .then(([r]) => ({ count: r.n, investmentWan: r.investment }));
  const [signed, construction, production] = await Promise.all([
    one(projects.signedOn),
    one(projects.constructionOn),
    one(projects.productionOn),
  ]);
  return { signed, construction, production };
}
