// 我的工作台: what a staff member should look at first — next actions due, lights, recent activity.
import { and, asc, desc, eq, lte, ne, or, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { activities, investors, projects } from "~db/schema";
import { daysBetween } from "~/lib/dates";
import { projectLight } from "~/lib/light";
import type { Viewer } from "~/modules/auth/policy";

export async function getMyDesk(viewer: Viewer, today: string) {
  const db = getDb();
  // Theirs at their current company only: a row still naming them at a former company grants nothing.
  const mine = and(eq(projects.ownerId, viewer.id), eq(projects.zoneId, viewer.zoneId), eq(projects.companyId, viewer.companyId ?? -1));
  const [due, planned, recent, [counts]] = await Promise.all([
    db
      .select({
        id: projects.id,
        name: projects.name,
        investorName: investors.name,
        nextAction: projects.nextAction,
        nextActionOn: projects.nextActionOn,
      })
      .from(projects)
      .innerJoin(investors, eq(investors.id, projects.investorId))
      .where(and(mine, ne(projects.status, "lost"), lte(projects.nextActionOn, today)))
      .orderBy(asc(projects.nextActionOn), asc(projects.id))
      .limit(50),
    // Candidates for a light: active projects with a planned date already passed.
    db
      .select({
        id: projects.id,
        name: projects.name,
        stage: projects.stage,
        status: projects.status,
        plannedSignOn: projects.plannedSignOn,
        plannedConstructionOn: projects.plannedConstructionOn,
        plannedProductionOn: projects.plannedProductionOn,
      })
      .from(projects)
      .where(
        and(
          mine,
          eq(projects.status, "active"),
          or(
            sql`${projects.plannedSignOn} < ${today}`,
            sql`${projects.plannedConstructionOn} < ${today}`,
            sql`${projects.plannedProductionOn} < ${today}`,
          ),
        ),
      )
      .limit(500),
    db
      .select({
        id: activities.id,
        projectId: projects.id,
        projectName: projects.name,
        kind: activities.kind,
        occurredOn: activities.occurredOn,
        summary: activities.summary,
      })
      .from(activities)
      .innerJoin(projects, eq(projects.id, activities.projectId))
      .where(and(mine, eq(activities.createdById, viewer.id)))
      .orderBy(desc(activities.occurredOn), desc(activities.id))
      .limit(10),
    db
      .select({ active: sql<number>`count(*) filter (where ${projects.status} = 'active')::int`, all: sql<number>`count(*)::int` })
      .from(projects)
      .where(mine),
  ]);
  const lights = planned
    .map((p) => ({ id: p.id, name: p.name, stage: p.stage, light: projectLight(p, today) }))
    .filter((p) => p.light === "red" || p.light === "yellow")
    .sort((a, b) => (a.light === b.light ? a.id - b.id : a.light === "red" ? -1 : 1));
  return {
    due: due.map((d) => ({ ...d, overdueDays: d.nextActionOn ? daysBetween(d.nextActionOn, today) : 0 })),
    lights,
    recent,
    counts: {
      active: counts.active,
      all: counts.all,
      red: lights.filter((l) => l.light === "red").length,
      yellow: lights.filter((l) => l.light === "yellow").length,
    },
  };
}
