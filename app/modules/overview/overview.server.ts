import { and, asc, between, count, eq, ne, sql, sum } from "drizzle-orm";
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
  const pipelineWhere = sql`${projects.status} = 'active' and ${projects.stage} in ('negotiating', 'evaluating')`;

  // One pass over the zone's projects answers every cell, row total, column total and the zone total (grouping
  // sets), and the pipeline reserve with a filter: five scans of 100,000 rows became one.
  const [companyRows, groups, milestones] = await Promise.all([
    db
      .select({ id: companies.id, name: companies.name, kind: companies.kind })
      .from(companies)
      .where(and(eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
      .orderBy(asc(companies.sortOrder), asc(companies.id)),
    db
      .select({
        companyId: projects.companyId,
        stage: projects.stage,
        level: sql<number>`grouping(${projects.companyId}, ${projects.stage})::int`,
        n: count(),
        investment,
        pipelineN: sql<number>`(count(*) filter (where ${pipelineWhere}))::int`,
        pipelineInvestment: sql<string>`coalesce(sum(${projects.totalInvestmentWan}) filter (where ${pipelineWhere}), 0)::numeric(18,2)::text`,
      })
      .from(projects)
      .where(and(zone, notLost))
      .groupBy(sql`grouping sets ((${projects.companyId}, ${projects.stage}), (${projects.stage}), (${projects.companyId}), ())`),
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
  const zoneStages = Object.fromEntries(PROJECT_STAGES.map((s) => [s, emptyCell()])) as Record<ProjectStage, StageCell>;
  let zoneTotal = emptyCell();
  let pipeline = emptyCell();
  // grouping(): 0 = company and stage, 1 = company only (stage rolled up), 2 = stage only, 3 = the zone.
  for (const g of groups) {
    const cell = { count: g.n, investmentWan: g.investment };
    if (g.level === 0) {
      const row = byCompany.get(g.companyId);
      if (row) row.stages[g.stage] = cell;
    } else if (g.level === 1) {
      const row = byCompany.get(g.companyId);
      if (row) row.total = cell;
    } else if (g.level === 2) {
      zoneStages[g.stage] = cell;
    } else {
      zoneTotal = cell;
      pipeline = { count: g.pipelineN, investmentWan: g.pipelineInvestment };
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
  const [signed, construction, production] = await Promise.all([
    one(projects.signedOn),
    one(projects.constructionOn),
    one(projects.productionOn),
  ]);
  return { signed, construction, production };
}
