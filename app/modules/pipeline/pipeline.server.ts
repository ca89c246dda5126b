// A company's pipeline (公司项目看板): the board, the funnel, what needs chasing (督办), the team and reassigning.
// Every query carries the project list's scope (projectScopeWhere) and, for staff and managers, their own company.
import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, exists, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "~db/index";
import { activities, companies, handoffs, investors, projectEvents, projectRollups, projects, projectStageFirsts, users } from "~db/schema";
import { addDays } from "~/lib/dates";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { LostReason, ProjectStage } from "~/lib/domain-values";
import type { Invalid, NotFound, Ok } from "~/lib/result";
import { invalid, notFound, ok } from "~/lib/result";
import type { Viewer } from "~/modules/auth/policy";
import { canManageCompany, canSeeTeamOf, companyRoles, isCompanyRole, seesWholeZone } from "~/modules/auth/policy";
import { writeAudit } from "~/modules/audit/audit.server";
import { handoffScopeWhere, overdueSql } from "~/modules/handoffs/handoffs.server";
import { notify } from "~/modules/notifications/notify.server";
import { daysLateSql, openWorkWhere, projectFilterWhere, projectLightWhere, projectScopeWhere } from "~/modules/projects/projects.server";
import type { Cursor } from "~/modules/projects/projects.schema";
import { encodeCursor } from "~/modules/projects/projects.schema";
import type { BoardFilters, ChasingSort, ChasingTab, ReassignInput } from "./pipeline.schema";
import { BOARD_PAGE_SIZE, FILTER_KEYS, STALE_AFTER_DAYS } from "./pipeline.schema";

const owners = alias(users, "owner");

/** Staff and managers look at their own company; leaders at the company they pick (or the whole zone). */
function ownCompanyWhere(viewer: Viewer): SQL[] {
  if (!isCompanyRole(viewer)) return [];
  return [viewer.companyId === null ? sql`false` : eq(projects.companyId, viewer.companyId)];
}

/**
 * The list's filters (with the viewer's scope) on the viewer's own company's projects. A manager may see every
 * project of their company (policy.projectAccess), so there the scope is the zone alone: the same rows, without an
 * OR over confidential and the former-holdings sets that kept the counts from being read off an index.
 */
function companyFilterWhere(viewer: Viewer, filters: BoardFilters, today: string): SQL[] {
  const [scope, ...rest] = projectFilterWhere(viewer, filters, today);
  const ownScope = viewer.companyId !== null && canManageCompany(viewer, viewer.companyId) ? eq(projects.zoneId, viewer.zoneId) : scope;
  return [ownScope, ...rest, ...ownCompanyWhere(viewer)];
}

/** The company a pipeline page is about: the viewer's own, or for leaders the one picked (undefined: the zone). */
export function pipelineCompanyId(viewer: Viewer, picked: number | undefined) {
  return seesWholeZone(viewer) ? picked : (viewer.companyId ?? undefined);
}

function scopeWhere(viewer: Viewer, companyId: number | undefined): SQL[] {
  const where = [projectScopeWhere(viewer), ...ownCompanyWhere(viewer)];
  if (seesWholeZone(viewer) && companyId) where.push(eq(projects.companyId, companyId));
  return where;
}

// ---------------------------------------------------------------------------------------------------------------
// The board

export type BoardCard = Awaited<ReturnType<typeof boardCards>>[number];

/**
 * Every asked column's newest cards in one statement: a LATERAL subquery per stage over (stage, cursor) pairs, each
 * the query a column ran on its own before (same filters, same order, LIMIT 51 after the column's cursor), so one
 * round trip and one planning instead of nine. A column without a cursor starts above every id (ids are integers).
 */
async function boardCards(where: SQL[], stages: readonly ProjectStage[], cursors: Partial<Record<ProjectStage, number>>) {
  const db = getDb();
  const after = stages.map((s) => cursors[s] ?? 2147483648);
  const columns = sql`unnest(${`{${stages.join(",")}}`}::project_stage[], ${`{${after.join(",")}}`}::bigint[]) as col(stage, after)`;
  const cards = db
    .select({
      id: projects.id,
      name: projects.name,
      investorName: sql<string>`${investors.name}`.as("investor_name"),
      ownerId: projects.ownerId,
      companyId: projects.companyId,
      ownerName: sql<string | null>`${owners.displayName}`.as("owner_name"),
      stage: projects.stage,
      status: projects.status,
      totalInvestmentWan: projects.totalInvestmentWan,
      plannedSignOn: projects.plannedSignOn,
      plannedConstructionOn: projects.plannedConstructionOn,
      plannedProductionOn: projects.plannedProductionOn,
      nextAction: projects.nextAction,
      nextActionOn: projects.nextActionOn,
      confidential: projects.confidential,
    })
    .from(projects)
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .leftJoin(owners, eq(owners.id, projects.ownerId))
    .where(and(...where, sql`${projects.stage} = col.stage`, sql`${projects.id} < col.after`))
    .orderBy(desc(projects.id))
    .limit(BOARD_PAGE_SIZE + 1)
    .as("card");
  return db
    .select({
      id: cards.id,
      name: cards.name,
      investorName: cards.investorName,
      ownerId: cards.ownerId,
      companyId: cards.companyId,
      ownerName: cards.ownerName,
      stage: cards.stage,
      status: cards.status,
      totalInvestmentWan: cards.totalInvestmentWan,
      plannedSignOn: cards.plannedSignOn,
      plannedConstructionOn: cards.plannedConstructionOn,
      plannedProductionOn: cards.plannedProductionOn,
      nextAction: cards.nextAction,
      nextActionOn: cards.nextActionOn,
      confidential: cards.confidential,
    })
    .from(columns)
    .crossJoinLateral(cards)
    .orderBy(sql`col.stage`, desc(cards.id));
}

/** Filters the project rollups hold (zone, company, stage, status); any other filter needs the projects. */
const ROLLUP_FILTERS: readonly string[] = ["stage", "status", "company"];

/**
 * The board's counts and investment per stage from project_rollups (kept exact by triggers, migration 0006), when
 * every project of the company (a manager's own) or of the zone or picked company (a leader) is in scope and the
 * filters are ones the rollups hold. Undefined otherwise: staff and admins do not see confidential projects.
 */
function rollupTotals(viewer: Viewer, filters: BoardFilters) {
  if (FILTER_KEYS.some((k) => !ROLLUP_FILTERS.includes(k) && filters[k] !== undefined && filters[k] !== "")) return undefined;
  let companyId: number | undefined;
  if (viewer.companyId !== null && canManageCompany(viewer, viewer.companyId)) companyId = viewer.companyId;
  else if (seesWholeZone(viewer)) companyId = filters.company;
  else return undefined;
  const where = [eq(projectRollups.zoneId, viewer.zoneId)];
  if (companyId) where.push(eq(projectRollups.companyId, companyId));
  if (filters.stage) where.push(eq(projectRollups.stage, filters.stage));
  if (filters.status === "open") where.push(ne(projectRollups.status, "lost"));
  else if (filters.status) where.push(eq(projectRollups.status, filters.status));
  return getDb()
    .select({
      stage: projectRollups.stage,
      n: sql<number>`sum(${projectRollups.projects})::int`,
      investmentWan: sql<string>`sum(${projectRollups.investmentWan})::numeric(18,2)::text`,
    })
    .from(projectRollups)
    .where(and(...where))
    .groupBy(projectRollups.stage);
}

/**
 * One column per stage: its count and total investment (one aggregate query over the filtered projects) and its
 * newest cards, 50 at a time after the column's cursor (the id of the last card shown). `only` loads one column.
 */
export async function getBoard(
  viewer: Viewer,
  filters: BoardFilters,
  cursors: Partial<Record<ProjectStage, number>>,
  today: string,
  only?: ProjectStage,
) {
  const db = getDb();
  const where = companyFilterWhere(viewer, filters, today);
  const stages = only ? [only] : PROJECT_STAGES;
  const totalsQuery = only
    ? Promise.resolve([])
    : (rollupTotals(viewer, filters) ??
      db
        .select({
          stage: projects.stage,
          n: count(),
          investmentWan: sql<string>`coalesce(sum(${projects.totalInvestmentWan}), 0)::numeric(18,2)::text`,
        })
        .from(projects)
        .where(and(...where))
        .groupBy(projects.stage));
  const [totals, cards] = await Promise.all([totalsQuery, boardCards(where, stages, cursors)]);
  return stages.map((stage) => {
    const fetched = cards.filter((c) => c.stage === stage);
    const page = fetched.slice(0, BOARD_PAGE_SIZE);
    const total = totals.find((t) => t.stage === stage);
    return {
      stage,
      count: total?.n ?? 0,
      investmentWan: total?.investmentWan ?? "0.00",
      cards: page,
      nextCursor: fetched.length > BOARD_PAGE_SIZE ? page.at(-1)!.id : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The funnel

/**
 * The funnel's scope on project_stage_firsts, whose rows carry the project's zone, company and confidentiality:
 * the same projects as scopeWhere. Leaders see the zone (or the company they pick), admins the zone's projects
 * that are not confidential, managers their company (projectScopeWhere's other branches lie outside it); staff
 * see part of their company (their own confidential projects, not the others'): checked on projects.
 */
export function firstsScope(viewer: Viewer, companyId: number | undefined): SQL {
  const f = projectStageFirsts;
  const zone = eq(f.zoneId, viewer.zoneId);
  switch (viewer.role) {
    case "leader":
      return companyId ? and(zone, eq(f.companyId, companyId))! : zone;
    case "admin":
      return and(zone, eq(f.confidential, false))!;
    case "province_admin":
    case "province_leader":
    case "city_leader":
      return sql`false`;
    case "manager":
      return viewer.companyId === null ? sql`false` : and(zone, eq(f.companyId, viewer.companyId))!;
    case "staff": {
      if (viewer.companyId === null) return sql`false`;
      const inScope = getDb()
        .select({ id: projects.id })
        .from(projects)
        .where(and(...scopeWhere(viewer, companyId)));
      return and(zone, eq(f.companyId, viewer.companyId), inArray(f.projectId, inScope))!;
    }
  }
}

/** A status event that made the project lost (流失) with a business date in the period. */
function lostEventInPeriod(from: string, to: string): SQL {
  return and(
    eq(projectEvents.projectId, projects.id),
    eq(projectEvents.kind, "status"),
    eq(projectEvents.toStatus, "lost"),
    sql`${projectEvents.businessOn} between ${from}::date and ${to}::date`,
  )!;
}

/**
 * The projects the funnel counts as lost in the period (期间终止): in the pipeline's scope, lost now, and made lost by
 * an event dated in the period. One predicate for the funnel's lost numbers and the drill-down behind them.
 */
export function lostInPeriodWhere(viewer: Viewer, companyId: number | undefined, from: string, to: string): SQL[] {
  const db = getDb();
  return [
    ...scopeWhere(viewer, companyId),
    eq(projects.status, "lost"),
    exists(
      db
        .select({ one: sql`1` })
        .from(projectEvents)
        .where(lostEventInPeriod(from, to)),
    ),
  ];
}

/** The latest date in the period the project was made lost (the drill-down's date for a lost project). */
export function lostOnInPeriod(from: string, to: string): SQL<string> {
  return sql<string>`(select max(${projectEvents.businessOn}) from ${projectEvents} where ${lostEventInPeriod(from, to)})`;
}

/**
 * For a period: the projects that reached each stage in it (by the business date of the stage's first event),
 * how many of them went on to the next stage (conversion), the median days between consecutive stages for those
 * that reached the later one in the period, and the projects lost in the period by stage and reason.
 * The first dates come from project_stage_firsts (kept by triggers, migration 0009): two index range counts.
 */
export async function getFunnel(viewer: Viewer, companyId: number | undefined, from: string, to: string) {
  const db = getDb();
  const f = projectStageFirsts;
  const where = (col: typeof f.reachedOn | typeof f.nextOn) =>
    and(firstsScope(viewer, companyId), inArray(f.stage, [...PROJECT_STAGES]), sql`${col} between ${from}::date and ${to}::date`);
  const [reached, steps, lost] = await Promise.all([
    db
      .select({ stage: f.stage, reached: sql<number>`count(*)::int`, advanced: sql<number>`(count(*) filter (where ${f.nextOn} is not null))::int` })
      .from(f)
      .where(where(f.reachedOn))
      .groupBy(f.stage),
    db
      .select({
        stage: f.stage,
        median: sql<string | null>`(round((percentile_cont(0.5) within group (order by ${f.nextOn} - ${f.reachedOn}))::numeric, 1))::text`,
      })
      .from(f)
      .where(where(f.nextOn))
      .groupBy(f.stage),
    db
      .select({ stage: projects.stage, reason: projects.lostReason, n: count() })
      .from(projects)
      .where(and(...lostInPeriodWhere(viewer, companyId, from, to)))
      .groupBy(projects.stage, projects.lostReason)
      .orderBy(asc(projects.stage), desc(count())),
  ]);
  const stages = PROJECT_STAGES.map((stage, i) => {
    const r = reached.find((x) => x.stage === stage);
    const reachedN = Number(r?.reached ?? 0);
    const next = PROJECT_STAGES[i + 1];
    const advanced = next ? Number(r?.advanced ?? 0) : null;
    return {
      stage,
      reached: reachedN,
      next: next ?? null,
      advanced,
      // Counts, not money: a percentage of whole numbers.
      conversionPct: advanced !== null && reachedN > 0 ? Math.round((advanced / reachedN) * 1000) / 10 : null,
      medianDaysToNext: next ? (steps.find((x) => x.stage === stage)?.median ?? null) : null,
    };
  });
  return {
    stages,
    lost: lost.map((l) => ({ stage: l.stage, reason: l.reason as LostReason | null, n: l.n })),
    lostTotal: lost.reduce((a, l) => a + l.n, 0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What needs chasing (督办)

/**
 * A chasing tab's condition, its "days" figure, and the date whose ascending order is "days" descending (days is
 * today minus that date on every row of the tab): sorting on the date lets the tab's index hand out the first rows.
 */
/** A next action overdue on open work: the 督办 list's "下一步逾期" tab and the team's overdue figure. */
function overdueNextActionWhere(today: string): SQL {
  return chasingCondition("overdue", today).where;
}

function chasingCondition(tab: Exclude<ChasingTab, "handoffs">, today: string): { where: SQL; days: SQL<number>; since: SQL } {
  switch (tab) {
    case "stale": {
      // quiet_since_on = coalesce(last_activity_on, the creation day), stored and indexed.
      const since = sql`${projects.quietSinceOn}`;
      return {
        where: sql`(${projects.status} = 'active' and ${since} < ${addDays(today, -STALE_AFTER_DAYS)}::date)`,
        days: sql<number>`(${today}::date - ${since})`,
        since,
      };
    }
    case "overdue":
      // Open work only (active, before 投产), as the reminders: a next action kept on a project in 投产, 搁置 or
      // 流失 is no one's to-do. "status <> 'lost'" is redundant but spelled out: the planner does not infer it from
      // status = 'active', and it is the (company, next action) partial index's predicate.
      return {
        where: sql`(${projects.status} <> 'lost' and ${openWorkWhere()} and ${projects.nextActionOn} < ${today}::date)`,
        days: sql<number>`(${today}::date - ${projects.nextActionOn})`,
        since: sql`${projects.nextActionOn}`,
      };
    case "red":
    case "yellow":
      // On a red or yellow row milestone_due_on is before today, so days late = today - milestone_due_on.
      return { where: projectLightWhere(tab, today), days: sql<number>`(${daysLateSql(today)})`, since: sql`${projects.milestoneDueOn}` };
  }
}

export type ChasingRow = {
  id: number;
  code: string;
  name: string;
  investorName: string;
  ownerName: string | null;
  companyName: string;
  stage: ProjectStage;
  totalInvestmentWan: string | null;
  lastActivityOn: string | null;
  nextAction: string | null;
  nextActionOn: string | null;
  days: number;
  /** Handoffs tab only. */
  handoffId?: number;
  handoffKind?: "transfer" | "assist" | "cofollow";
  toCompanyName?: string;
};

/**
 * Keyset condition for a chasing list ordered by `key direction NULLS LAST, id ASC`: the rows after the cursor.
 * The key's value travels as text and is compared as the key's own type.
 */
function chasingAfter(key: SQL, type: SQL, ascending: boolean, id: SQL, cursor: Cursor): SQL {
  if (cursor.v === null) return sql`(${key} is null and ${id} > ${cursor.id})`;
  const v = sql`${cursor.v}::${type}`;
  return sql`(${key} ${ascending ? sql`>` : sql`<`} ${v} or (${key} = ${v} and ${id} > ${cursor.id}) or ${key} is null)`;
}

/**
 * One chasing list, sorted by a whitelisted column: `limit` rows after the cursor (keyset pages), the cursor of
 * the next page, and the full count.
 */
export async function listChasing(
  viewer: Viewer,
  filters: BoardFilters,
  tab: ChasingTab,
  sort: ChasingSort,
  dir: "asc" | "desc",
  today: string,
  limit = 500,
  after?: Cursor,
): Promise<{ rows: ChasingRow[]; total: number; nextCursor?: string }> {
  const db = getDb();
  const where = companyFilterWhere(viewer, filters, today);
  const direction = dir === "asc" ? sql`asc` : sql`desc`;
  // One row more than the page says whether a next page exists; its cursor is the last row's key and id.
  const page = <T extends { sortValue: string | null }>(fetched: T[], id: (row: T) => number) => {
    const rows = fetched.slice(0, limit);
    const last = rows.at(-1);
    const nextCursor = fetched.length > limit && last ? encodeCursor({ v: last.sortValue, id: id(last) }) : undefined;
    return { rows: rows.map(({ sortValue: _v, ...row }) => row), nextCursor };
  };
  const keyTypes: Record<Exclude<ChasingSort, "days">, SQL> = { name: sql`text`, owner: sql`text`, investment: sql`numeric` };
  if (tab === "handoffs") {
    const toCompany = alias(companies, "to_company");
    const days = sql<number>`(${today}::date - (${handoffs.createdAt} at time zone 'Asia/Shanghai')::date)`;
    const sortExpr = { days, name: projects.name, owner: owners.displayName, investment: projects.totalInvestmentWan }[sort];
    // The handoffs of the viewer's company (sent or received) whose project the list's filters keep.
    const hWhere = and(handoffScopeWhere(viewer), overdueSql(), ...projectFilterWhere(viewer, filters, today).slice(1));
    const leaderCompany =
      seesWholeZone(viewer) && filters.company
        ? sql`(${handoffs.fromCompanyId} = ${filters.company} or ${handoffs.toCompanyId} = ${filters.company})`
        : undefined;
    const keyset = after
      ? chasingAfter(sql`${sortExpr}`, sort === "days" ? sql`int` : keyTypes[sort], dir === "asc", sql`${handoffs.id}`, after)
      : undefined;
    const [fetched, [{ n }]] = await Promise.all([
      db
        .select({
          ...chasingColumns(),
          days,
          handoffId: handoffs.id,
          handoffKind: handoffs.kind,
          toCompanyName: toCompany.shortName,
          sortValue: sql<string | null>`(${sortExpr})::text`,
        })
        .from(handoffs)
        .innerJoin(projects, eq(projects.id, handoffs.projectId))
        .innerJoin(investors, eq(investors.id, projects.investorId))
        .innerJoin(companies, eq(companies.id, handoffs.fromCompanyId))
        .innerJoin(toCompany, eq(toCompany.id, handoffs.toCompanyId))
        .leftJoin(owners, eq(owners.id, projects.ownerId))
        .where(and(hWhere, leaderCompany, keyset))
        .orderBy(sql`${sortExpr} ${direction} nulls last`, asc(handoffs.id))
        .limit(limit + 1),
      db
        .select({ n: count() })
        .from(handoffs)
        .innerJoin(projects, eq(projects.id, handoffs.projectId))
        .innerJoin(investors, eq(investors.id, projects.investorId))
        .where(and(hWhere, leaderCompany)),
    ]);
    return { ...page(fetched, (r) => r.handoffId), total: n };
  }
  const cond = chasingCondition(tab, today);
  // Days descending is the tab's date ascending (never null on the tab's rows); the other columns as asked.
  const key =
    sort === "days" ? cond.since : sql`${{ name: projects.name, owner: owners.displayName, investment: projects.totalInvestmentWan }[sort]}`;
  const ascending = sort === "days" ? dir === "desc" : dir === "asc";
  const order = sql`${key} ${ascending ? sql`asc` : sql`desc`} nulls last`;
  const keyset = after ? chasingAfter(key, sort === "days" ? sql`date` : keyTypes[sort], ascending, sql`${projects.id}`, after) : undefined;
  const [fetched, [{ n }]] = await Promise.all([
    db
      .select({
        sortValue: sql<string | null>`(${key})::text`,
        ...chasingColumns(),
        days: sql<number>`${cond.days}::int`,
      })
      .from(projects)
      .innerJoin(investors, eq(investors.id, projects.investorId))
      .innerJoin(companies, eq(companies.id, projects.companyId))
      .leftJoin(owners, eq(owners.id, projects.ownerId))
      .where(and(...where, cond.where, keyset))
      .orderBy(order, asc(projects.id))
      .limit(limit + 1),
    countProjects([...where, cond.where]),
  ]);
  return { ...page(fetched, (r) => r.id), total: n };
}

/** What a chasing row shows of its project; `owners` is the owner's alias, `companies` the row's company. */
function chasingColumns() {
  return {
    id: projects.id,
    code: projects.code,
    name: projects.name,
    investorName: investors.name,
    ownerName: owners.displayName,
    companyName: companies.shortName,
    stage: projects.stage,
    totalInvestmentWan: projects.totalInvestmentWan,
    lastActivityOn: projects.lastActivityOn,
    nextAction: projects.nextAction,
    nextActionOn: projects.nextActionOn,
  };
}

/**
 * How many projects `where` keeps. No investors join: the filters' text search is a subquery of its own, and every
 * project has its investor.
 */
function countProjects(where: SQL[]) {
  return getDb()
    .select({ n: count() })
    .from(projects)
    .where(and(...where));
}

/**
 * How many each chasing tab holds, for the tab labels: one count per tab, each read from its tab's index, rather
 * than one pass computing every tab's condition for every project of the company.
 */
export async function countChasing(viewer: Viewer, filters: BoardFilters, today: string) {
  const where = companyFilterWhere(viewer, filters, today);
  const c = async (tab: Exclude<ChasingTab, "handoffs">) => (await countProjects([...where, chasingCondition(tab, today).where]))[0].n;
  const [stale, overdue, red, yellow, handoffCount] = await Promise.all([
    c("stale"),
    c("overdue"),
    c("red"),
    c("yellow"),
    listChasing(viewer, filters, "handoffs", "days", "desc", today, 0),
  ]);
  return { stale, overdue, red, yellow, handoffs: handoffCount.total };
}

// ---------------------------------------------------------------------------------------------------------------
// The team

/** Per staff member of a company: active projects and their investment, activities this month, overdue next actions, red lights, signed this year. */
export async function getTeam(viewer: Viewer, companyId: number, today: string) {
  // A leader sees any company of the zone, a manager their own: every project of it is in their scope, so the
  // load is read by zone and company alone, index-only (projects_zone_milestones_idx).
  if (!canSeeTeamOf(viewer, companyId)) throw new Error("team of a company out of scope");
  const db = getDb();
  const monthStart = `${today.slice(0, 7)}-01`;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const scope = [eq(projects.zoneId, viewer.zoneId), eq(projects.companyId, companyId)];
  const [members, load, overdue, acts] = await Promise.all([
    db
      .select({ id: users.id, name: users.displayName, role: users.role })
      .from(users)
      .where(and(eq(users.zoneId, viewer.zoneId), eq(users.companyId, companyId), inArray(users.role, companyRoles()), eq(users.disabled, false)))
      .orderBy(asc(users.role), asc(users.displayName)),
    db
      .select({
        ownerId: projects.ownerId,
        active: sql<number>`(count(*) filter (where ${projects.status} = 'active'))::int`,
        activeWan: sql<string>`coalesce(sum(${projects.totalInvestmentWan}) filter (where ${projects.status} = 'active'), 0)::numeric(18,2)::text`,
        red: sql<number>`(count(*) filter (where ${projectLightWhere("red", today)}))::int`,
        signed: sql<number>`(count(*) filter (where ${projects.signedOn} between ${yearStart}::date and ${today}::date))::int`,
        signedWan: sql<string>`coalesce(sum(${projects.totalInvestmentWan}) filter (where ${projects.signedOn} between ${yearStart}::date and ${today}::date), 0)::numeric(18,2)::text`,
      })
      .from(projects)
      .where(and(...scope))
      .groupBy(projects.ownerId),
    // Apart, as the 督办 tab counts it: the stage it needs is not in the index the load above reads alone, while the
    // (company, next action) index hands out just the overdue rows.
    db
      .select({ ownerId: projects.ownerId, n: count() })
      .from(projects)
      .where(and(...scope, overdueNextActionWhere(today)))
      .groupBy(projects.ownerId),
    db
      .select({ userId: activities.createdById, n: count() })
      .from(activities)
      .where(and(eq(activities.companyId, companyId), sql`${activities.occurredOn} between ${monthStart}::date and ${today}::date`))
      .groupBy(activities.createdById),
  ]);
  const empty = { active: 0, activeWan: "0.00", overdue: 0, red: 0, signed: 0, signedWan: "0.00" };
  return members.map((m) => {
    const l = load.find((x) => x.ownerId === m.id);
    return {
      ...m,
      ...empty,
      ...(l ? { ...l, ownerId: undefined } : {}),
      overdue: overdue.find((x) => x.ownerId === m.id)?.n ?? 0,
      activitiesThisMonth: acts.find((a) => a.userId === m.id)?.n ?? 0,
    };
  });
}

/** One member's open projects, with the version the reassign form sends back. */
export async function listMemberProjects(viewer: Viewer, companyId: number, ownerId: number, limit = 500) {
  return getDb()
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      investorName: investors.name,
      stage: projects.stage,
      status: projects.status,
      totalInvestmentWan: projects.totalInvestmentWan,
      nextActionOn: projects.nextActionOn,
      version: projects.version,
    })
    .from(projects)
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .where(and(projectScopeWhere(viewer), eq(projects.companyId, companyId), eq(projects.ownerId, ownerId), ne(projects.status, "lost")))
    .orderBy(desc(projects.id))
    .limit(limit);
}

/** Ok with the projects left alone because they changed since the page was loaded (the others moved). */
export type ReassignResult = Ok<{ moved: number; conflicts: { id: number; name: string }[] }> | NotFound | Invalid;

/**
 * Gives projects of the manager's company to another owner of the company, in one transaction: each project's
 * version is bumped, an owner event and an audit row are written per project, and the new owner is told. A project
 * changed since the page was loaded (another version) is reported and left as it is.
 */
export async function reassignProjects(viewer: Viewer, input: ReassignInput, today: string): Promise<ReassignResult> {
  if (viewer.companyId === null || !canManageCompany(viewer, viewer.companyId)) return notFound();
  const companyId = viewer.companyId;
  return getDb().transaction(async (tx): Promise<ReassignResult> => {
    const [target] = await tx
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(and(eq(users.id, input.toOwnerId), eq(users.companyId, companyId), inArray(users.role, companyRoles()), eq(users.disabled, false)));
    if (!target) return invalid({ toOwnerId: "pipeline.ownerInvalid" });
    const ids = [...new Set(input.projects.map((p) => p.id))];
    const rows = await tx
      .select({ id: projects.id, name: projects.name, ownerId: projects.ownerId, version: projects.version, zoneId: projects.zoneId })
      .from(projects)
      .where(and(inArray(projects.id, ids), eq(projects.companyId, companyId), eq(projects.zoneId, viewer.zoneId)))
      .for("update");
    // A project of another company or zone is not the manager's to touch: nothing is written.
    if (rows.length !== ids.length) return notFound();
    const conflicts: { id: number; name: string }[] = [];
    let moved = 0;
    for (const sent of input.projects) {
      const row = rows.find((r) => r.id === sent.id)!;
      if (row.version !== sent.version) {
        conflicts.push({ id: row.id, name: row.name });
        continue;
      }
      if (row.ownerId === target.id) continue;
      await tx
        .update(projects)
        .set({ ownerId: target.id, version: sql`${projects.version} + 1`, updatedAt: new Date() })
        .where(eq(projects.id, row.id));
      await tx.insert(projectEvents).values({
        projectId: row.id,
        kind: "owner",
        fromOwnerId: row.ownerId,
        toOwnerId: target.id,
        businessOn: today,
        actorId: viewer.id,
      });
      await writeAudit(tx, {
        zoneId: viewer.zoneId,
        actorId: viewer.id,
        entity: "project",
        entityId: row.id,
        action: "reassign",
        before: { ownerId: row.ownerId },
        after: { ownerId: target.id },
      });
      if (target.id !== viewer.id) {
        await notify(tx, {
          zoneId: viewer.zoneId,
          userIds: [target.id],
          kind: "project_assigned",
          params: { project: row.name },
          link: `/projects/${row.id}`,
        });
      }
      moved++;
    }
    return ok({ moved, conflicts });
  });
}
