// The funnel's two readings and the projects behind its numbers (issue 18). "Reached in the period" counts each
// stage's own projects (those whose first date of that stage falls in the period) and so need not shrink from stage
// to stage; "reached at least this stage" counts the projects that reached the stage or any later one in the
// period, which can only shrink. Both read project_stage_firsts in the funnel's own scope (firstsScope).
import type { SQL } from "drizzle-orm";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, projects, projectStageFirsts, users } from "~db/schema";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { LostReason, ProjectStage } from "~/lib/domain-values";
import type { Viewer } from "~/modules/auth/policy";
import { projectAccess } from "~/modules/auth/policy";
import type { FunnelCursor, FunnelMeasure } from "./pipeline.schema";
import { NO_LOST_REASON } from "./pipeline.schema";
import { firstsScope, lostInPeriodWhere, lostOnInPeriod } from "./pipeline.server";

export { FUNNEL_MEASURES } from "./pipeline.schema";
export type { FunnelMeasure } from "./pipeline.schema";

/** Rows a page of the drill-down shows; its count is the funnel's number, the pages ("下一页") hold every project. */
export const FUNNEL_DRILL_PAGE_SIZE = 100;

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
  /** The date the project reached the stage (a measure), or was made lost (lost numbers), in the period. */
  reachedOn: string;
  totalInvestmentWan: string | null;
};

/** One number of the funnel: a stage's measure, or the projects lost in the period (by stage and reason). */
export type FunnelNumber =
  | { status?: undefined; stage: ProjectStage; measure: FunnelMeasure }
  | { status: "lost"; stage?: ProjectStage; reason?: LostReason | typeof NO_LOST_REASON };

/** Each project behind the number once, with its date: what the funnel counts, in the funnel's scope. */
function chosenProjects(viewer: Viewer, companyId: number | undefined, q: { from: string; to: string } & FunnelNumber) {
  if (q.status === "lost") {
    // The funnel's own lost predicate (getFunnel), narrowed to the row's stage and reason.
    const where = lostInPeriodWhere(viewer, companyId, q.from, q.to);
    if (q.stage) where.push(eq(projects.stage, q.stage));
    if (q.reason === NO_LOST_REASON) where.push(isNull(projects.lostReason));
    else if (q.reason) where.push(eq(projects.lostReason, q.reason));
    return getDb()
      .select({ projectId: sql<number>`${projects.id}`.as("project_id"), reachedOn: lostOnInPeriod(q.from, q.to).as("reached_on") })
      .from(projects)
      .where(and(...where))
      .as("chosen");
  }
  const f = projectStageFirsts;
  const where: SQL[] = [firstsScope(viewer, companyId), inPeriod(q.from, q.to)];
  if (q.measure === "atLeast") where.push(inArray(f.stage, stagesFrom(q.stage)));
  else where.push(eq(f.stage, q.stage));
  if (q.measure === "advanced") where.push(sql`${f.nextOn} is not null`);
  // At least: a project appears once, on the earliest date it reached one of those stages in the period.
  return getDb()
    .select({ projectId: f.projectId, reachedOn: sql<string>`min(${f.reachedOn})`.as("reached_on") })
    .from(f)
    .where(and(...where))
    .groupBy(f.projectId)
    .as("chosen");
}

/**
 * The projects behind one number of the funnel: reached the stage in the period, of those the ones that went on
 * to the next stage, reached the stage or a later one, or were lost in the period. In the funnel's scope; by date,
 * then id, a page at a time after the keyset cursor; `next` is the cursor of the following page, if any.
 */
export async function funnelProjects(
  viewer: Viewer,
  companyId: number | undefined,
  q: { from: string; to: string } & FunnelNumber,
  page: { after?: FunnelCursor; size: number } = { size: FUNNEL_DRILL_PAGE_SIZE },
): Promise<{ total: number; rows: FunnelProjectRow[]; next?: FunnelCursor }> {
  const chosen = chosenProjects(viewer, companyId, q);
  const after = page.after ? sql`(${chosen.reachedOn}, ${projects.id}) > (${page.after.on}::date, ${page.after.id})` : undefined;
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
      .where(after)
      .orderBy(asc(chosen.reachedOn), asc(projects.id))
      .limit(page.size + 1),
    getDb()
      .select({ total: sql<number>`count(*)::int` })
      .from(chosen),
  ]);
  const shown = rows.slice(0, page.size);
  const last = shown.at(-1);
  return {
    total: Number(total),
    next: rows.length > page.size && last ? { on: last.reachedOn, id: last.id } : undefined,
    rows: shown.map((r) => {
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
