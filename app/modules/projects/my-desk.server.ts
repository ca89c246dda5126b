// 我的工作台: what a staff member should look at first — the to-do list (overdue, today's and this week's next
// actions, each completable in place), the coming 7 days' agenda, lights, recent activity.
import { and, asc, desc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "~db/index";
import { getDb } from "~db/index";
import { activities, projects } from "~db/schema";
import { addDays, daysBetween } from "~/lib/dates";
import { projectLight } from "~/lib/light";
import type { Viewer } from "~/modules/auth/policy";
import { openWorkWhere } from "./projects.server";

const p = {
  ownerId: sql.placeholder("ownerId"),
  zoneId: sql.placeholder("zoneId"),
  companyId: sql.placeholder("companyId"),
  today: sql.placeholder("today"),
  until: sql.placeholder("until"),
  agendaEnd: sql.placeholder("agendaEnd"),
};

/**
 * The desk's five queries, prepared once per database handle (issue 23): drizzle otherwise builds their SQL text
 * on every request. Theirs at their current company only: a row still naming them at a former company grants
 * nothing. Projects in 投产, 搁置 or 流失 are past day-to-day work: their leftover actions are not on the list.
 */
function prepareDesk(db: Database) {
  const mine = and(eq(projects.ownerId, p.ownerId), eq(projects.zoneId, p.zoneId), eq(projects.companyId, p.companyId));
  const working = and(mine, openWorkWhere());
  return {
    open: db
      .select({
        activityId: activities.id,
        projectId: projects.id,
        projectName: projects.name,
        nextAction: sql<string>`${activities.nextAction}`,
        dueOn: sql<string>`${activities.nextActionDueOn}::text`,
      })
      .from(activities)
      .innerJoin(projects, eq(projects.id, activities.projectId))
      .where(and(working, sql`${activities.nextAction} is not null`, isNull(activities.nextActionDoneAt), lte(activities.nextActionDueOn, p.until)))
      .orderBy(asc(activities.nextActionDueOn), asc(activities.id))
      .limit(200)
      .prepare("my_desk_open"),
    // Milestones planned in the agenda's days and not reached yet.
    milestones: db
      .select({
        projectId: projects.id,
        projectName: projects.name,
        sign: sql<string | null>`case when ${projects.signedOn} is null then ${projects.plannedSignOn}::text end`,
        construction: sql<string | null>`case when ${projects.constructionOn} is null then ${projects.plannedConstructionOn}::text end`,
        production: sql<string | null>`case when ${projects.productionOn} is null then ${projects.plannedProductionOn}::text end`,
      })
      .from(projects)
      .where(
        and(
          working,
          or(
            and(isNull(projects.signedOn), gte(projects.plannedSignOn, p.today), lte(projects.plannedSignOn, p.agendaEnd)),
            and(isNull(projects.constructionOn), gte(projects.plannedConstructionOn, p.today), lte(projects.plannedConstructionOn, p.agendaEnd)),
            and(isNull(projects.productionOn), gte(projects.plannedProductionOn, p.today), lte(projects.plannedProductionOn, p.agendaEnd)),
          ),
        ),
      )
      .limit(200)
      .prepare("my_desk_milestones"),
    // Candidates for a light: active projects with a planned date already passed.
    planned: db
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
            sql`${projects.plannedSignOn} < ${p.today}`,
            sql`${projects.plannedConstructionOn} < ${p.today}`,
            sql`${projects.plannedProductionOn} < ${p.today}`,
          ),
        ),
      )
      .limit(500)
      .prepare("my_desk_planned"),
    recent: db
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
      .where(and(mine, eq(activities.createdById, p.ownerId)))
      .orderBy(desc(activities.occurredOn), desc(activities.id))
      .limit(10)
      .prepare("my_desk_recent"),
    counts: db
      .select({ active: sql<number>`count(*) filter (where ${projects.status} = 'active')::int`, all: sql<number>`count(*)::int` })
      .from(projects)
      .where(mine)
      .prepare("my_desk_counts"),
  };
}

const deskQueries = new WeakMap<Database, ReturnType<typeof prepareDesk>>();

export async function getMyDesk(viewer: Viewer, today: string) {
  const db = getDb();
  let q = deskQueries.get(db);
  if (!q) {
    q = prepareDesk(db);
    deskQueries.set(db, q);
  }
  const weekEnd = endOfWeek(today);
  const agendaEnd = addDays(today, AGENDA_DAYS - 1);
  const until = weekEnd > agendaEnd ? weekEnd : agendaEnd;
  const mine = { ownerId: viewer.id, zoneId: viewer.zoneId, companyId: viewer.companyId ?? -1 };
  const [open, milestones, planned, recent, [counts]] = await Promise.all([
    q.open.execute({ ...mine, until }),
    q.milestones.execute({ ...mine, today, agendaEnd }),
    q.planned.execute({ ...mine, today }),
    q.recent.execute(mine),
    q.counts.execute(mine),
  ]);
  const lights = planned
    .map((p) => ({ id: p.id, name: p.name, stage: p.stage, light: projectLight(p, today) }))
    .filter((p) => p.light === "red" || p.light === "yellow")
    .sort((a, b) => (a.light === b.light ? a.id - b.id : a.light === "red" ? -1 : 1));
  const actions = open
    .filter((a) => a.dueOn <= weekEnd)
    .map((a) => ({ ...a, bucket: dueBucket(a.dueOn, today), overdueDays: Math.max(0, daysBetween(a.dueOn, today)) }));
  const agendaItems: AgendaItem[] = [
    ...open
      .filter((a) => a.dueOn >= today && a.dueOn <= agendaEnd)
      .map((a) => ({ on: a.dueOn, kind: "next_action" as const, projectId: a.projectId, projectName: a.projectName, text: a.nextAction })),
    ...milestones.flatMap((m) =>
      (["sign", "construction", "production"] as const)
        .filter((k) => m[k] !== null && m[k] >= today && m[k] <= agendaEnd)
        .map((k) => ({ on: m[k]!, kind: k, projectId: m.projectId, projectName: m.projectName, text: null })),
    ),
  ];
  const agenda = Array.from({ length: AGENDA_DAYS }, (_, i) => addDays(today, i)).map((on) => ({
    on,
    weekday: new Date(`${on}T00:00:00Z`).getUTCDay(),
    items: agendaItems.filter((item) => item.on === on),
  }));
  return {
    actions,
    agenda,
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

/** Days the agenda covers, today included. */
export const AGENDA_DAYS = 7;

export type AgendaItem = {
  on: string;
  kind: "next_action" | "sign" | "construction" | "production";
  projectId: number;
  projectName: string;
  text: string | null;
};

/** The Sunday ending the (Monday-first) week of a zone date. */
export function endOfWeek(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, (7 - weekday) % 7);
}

export function dueBucket(dueOn: string, today: string): "overdue" | "today" | "week" {
  return dueOn < today ? "overdue" : dueOn === today ? "today" : "week";
}
