import { and, asc, between, count, eq, gt, ne, sql, sum } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, projectRollups, projects } from "~db/schema";
import { sumDecimals } from "~/lib/money";
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
 * 全区概览: per company and stage, the count and total investment of projects that are not lost, summed exactly
 * (numeric in SQL, BigInt decimals here) and carried as decimal strings.
 */
export async function getZoneOverview(viewer: Viewer, year: number) {
  const db = getDb();
  // The cells come from project_rollups (kept exact by triggers in the same transaction as every project change):
  // a few hundred rows whatever the zone's size, where grouping the projects themselves read all 100,000.
  // Totals are added up here with exact decimal arithmetic (BigInt), never a float.
  const [companyRows, groups, milestones] = await Promise.all([
    db
      .select({ id: companies.id, name: companies.name, kind: companies.kind })
      .from(companies)
      .where(and(eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
      .orderBy(asc(companies.sortOrder), asc(companies.id)),
    db
      .select({
        companyId: projectRollups.companyId,
        stage: projectRollups.stage,
        status: projectRollups.status,
        n: projectRollups.projects,
        investment: sql<string>`${projectRollups.investmentWan}::text`,
      })
      .from(projectRollups)
      .where(and(eq(projectRollups.zoneId, viewer.zoneId), ne(projectRollups.status, "lost"), gt(projectRollups.projects, 0))),
    milestoneTotals(viewer.zoneId, `${year}-01-01`, `${year}-12-31`),
  ]);

  const add = (cell: StageCell, n: number, investment: string): StageCell => ({
    count: cell.count + n,
    investmentWan: sumDecimals([cell.investmentWan, investment]),
  });
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
  const zoneStages = Object.fromEntries(PROJECT_STAGES.map((s) => [s, emptyCell()])) as Record<ProjectStage, StageCell>;
  let zoneTotal = emptyCell();
  let pipeline = emptyCell();
  for (const g of groups) {
    const row = byCompany.get(g.companyId);
    if (row) {
      row.stages[g.stage] = add(row.stages[g.stage], g.n, g.investment);
      row.total = add(row.total, g.n, g.investment);
    }
    zoneStages[g.stage] = add(zoneStages[g.stage], g.n, g.investment);
    zoneTotal = add(zoneTotal, g.n, g.investment);
    if (g.status === "active" && (g.stage === "negotiating" || g.stage === "evaluating")) {
      pipeline = add(pipeline, g.n, g.investment);
    }
  }

  return {
    year,
    rows: [...byCompany.values()],
    zoneStages,
    zoneTotal,
    pipeline,
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
  const [signed, construction, production] = await Promise.all([one(projects.signedOn), one(projects.constructionOn), one(projects.productionOn)]);
  return { signed, construction, production };
}
