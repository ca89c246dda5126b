// The funnel's two readings and the projects behind its numbers (issue 18). "Reached in the period" counts each
// stage's own projects (those whose first date of that stage falls in the period) and so need not shrink from stage
// to stage; "reached at least this stage" counts the projects that reached the stage or any later one in the
// period, which can only shrink. Both read project_stage_firsts in the funnel's own scope (firstsScope).
import type { SQL } from "drizzle-orm";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, projects, projectStageFirsts, users } from "~db/schema";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { ProjectStage } from "~/lib/domain-values";
import type { Viewer } from "~/modules/auth/policy";
import { projectAccess } from "~/modules/auth/policy";
import { firstsScope } from "./pipeline.server";

export const FUNNEL_MEASURES = ["reached", "advanced", "atLeast"] as const;
export type FunnelMeasure = (typeof FUNNEL_MEASURES)[number];

/** Rows the drill-down shows; its count is the funnel's number whatever the limit. */
export const FUNNEL_DRILL_LIMIT = 500;

const inPeriod = (from: string, to: string) => sql`${projectStageFirsts.reachedOn} between ${from}::date and ${to}::date`;
const stagesFrom = (stage: ProjectStage) => PROJECT_STAGES.slice(PROJECT_STAGES.indexOf(stage));

/** Per stage, the projects that reached it or a later stage in the period (distinct projects). */
export async function funnelAtLeast(viewer: Viewer, companyId: number | undefined, from: string, to: string): Promise<Record<ProjectStage, number>> {
  const f = projectStageFirsts;
  const rank = sql.join(
    PROJECT_STAGES.map((s, i) => sql`when ${s} then ${sql.raw(String(i))}`),
    sql` `,
  );
  // Each project's furthest stage reached in the period; "at least stage i" is the sum over furthest ≥ i.
  const rows = await getDb()
    .select({ top: sql<number>`t.top`, n: sql<number>`count(*)::int` })
    .from(
      getDb()
        .select({ projectId: f.projectId, top: sql<number>`max(case ${f.stage}::text ${rank} end)`.as("top") })
        .from(f)
        .where(and(firstsScope(viewer, companyId), inArray(f.stage, [...PROJECT_STAGES]), inPeriod(from, to)))
        .groupBy(f.projectId)
        .as("t"),
    )
    .groupBy(sql`t.top`);
  const counts = Object.fromEntries(PROJECT_STAGES.map((s) => [s, 0])) as Record<ProjectStage, number>;
  for (const r of rows) {
    for (let i = 0; i <= Number(r.top); i++) counts[PROJECT_STAGES[i]] += Number(r.n);
  }
  return counts;
}

export type FunnelProjectRow = {
  /** A project the viewer may not open (confidential): counted, shown as such, nothing that points at it. */
  hidden: boolean;
  id: number;
  code: string;
  name: string;
  companyName: string;
  ownerName: string | null;
  stage: ProjectStage | null;
  status: string;
  reachedOn: string;
  totalInvestmentWan: string | null;
};

/**
 * The projects behind one number of the funnel: reached the stage in the period, of those the ones that went on
 * to the next stage, or reached the stage or a later one. In the funnel's scope; by the date reached, then id.
 */
export async function funnelProjects(
  viewer: Viewer,
  companyId: number | undefined,
  q: { from: string; to: string; stage: ProjectStage; measure: FunnelMeasure },
): Promise<{ total: number; rows: FunnelProjectRow[] }> {
  const f = projectStageFirsts;
  const where: SQL[] = [firstsScope(viewer, companyId), inPeriod(q.from, q.to)];
  if (q.measure === "atLeast") where.push(inArray(f.stage, stagesFrom(q.stage)));
  else where.push(eq(f.stage, q.stage));
  if (q.measure === "advanced") where.push(sql`${f.nextOn} is not null`);
  // At least: a project appears once, on the earliest date it reached one of those stages in the period.
  const chosen = getDb()
    .select({ projectId: f.projectId, reachedOn: sql<string>`min(${f.reachedOn})`.as("reached_on") })
    .from(f)
    .where(and(...where))
    .groupBy(f.projectId)
    .as("chosen");
  const [rows, [{ total }]] = await Promise.all([
    getDb()
      .select({
        id: projects.id,
        code: projects.code,
        name: projects.name,
        companyId: projects.companyId,
        companyName: companies.name,
        ownerId: projects.ownerId,
        ownerName: users.displayName,
        stage: projects.stage,
        status: projects.status,
        confidential: projects.confidential,
        zoneId: projects.zoneId,
        reachedOn: sql<string>`${chosen.reachedOn}::text`,
        totalInvestmentWan: projects.totalInvestmentWan,
      })
      .from(chosen)
      .innerJoin(projects, and(eq(projects.id, chosen.projectId), eq(projects.zoneId, viewer.zoneId)))
      .innerJoin(companies, eq(companies.id, projects.companyId))
      .leftJoin(users, eq(users.id, projects.ownerId))
      .orderBy(asc(chosen.reachedOn), asc(projects.id))
      .limit(FUNNEL_DRILL_LIMIT),
    getDb()
      .select({ total: sql<number>`count(*)::int` })
      .from(chosen),
  ]);
  return {
    total: Number(total),
    rows: rows.map((r) => {
      const facts = {
        zoneId: r.zoneId,
        companyId: r.companyId,
        ownerId: r.ownerId,
        confidential: r.confidential,
        formerCompanyIds: [],
        formerOwnerIds: [],
      };
      if (r.confidential && projectAccess(viewer, facts) === "none") {
        return {
          hidden: true,
          id: 0,
          code: "",
          name: "",
          companyName: "",
          ownerName: null,
          stage: null,
          status: "",
          reachedOn: "",
          totalInvestmentWan: null,
        };
      }
      return {
        hidden: false,
        id: r.id,
        code: r.code,
        name: r.name,
        companyName: r.companyName,
        ownerName: r.ownerName,
        stage: r.stage as ProjectStage,
        status: r.status,
        reachedOn: r.reachedOn,
        totalInvestmentWan: r.totalInvestmentWan,
      };
    }),
  };
}
