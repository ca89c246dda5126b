import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, not, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "~db/index";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import {
  activities,
  activityContacts,
  activityUsers,
  clusters,
  companies,
  handoffs,
  investorContacts,
  investors,
  projectEvents,
  projectHoldings,
  projects,
  users,
} from "~db/schema";
import { addDays, todayInZone } from "~/lib/dates";
import { LIGHT_RED_AFTER_DAYS } from "~/lib/light";
import type { Light } from "~/lib/light";
import type { ProjectFacts, Viewer } from "~/modules/auth/policy";
import { canFilterByCompany, canManageCompany, companyRoles, isCompanyRole, projectAccess } from "~/modules/auth/policy";
import type { CacheViewer } from "~/modules/cache/company-cache.server";
import { companyCached } from "~/modules/cache/company-cache.server";
import type { Cursor, ProjectListParams, ProjectSort } from "./projects.schema";
import { decodeCursor, encodeCursor } from "./projects.schema";

/** The viewer's scope sets that are not "my company": former holdings and open assists to my company. */
function scopeSets(viewer: Viewer) {
  // Uncorrelated IN (subquery) rather than EXISTS: PostgreSQL hashes each small set once per query instead of
  // probing an index for every project of the zone (100,000 probes per list at province scale).
  // Former holdings only: an open holding is the project's current company, which ownCompany covers.
  const held =
    viewer.companyId === null
      ? undefined
      : getDb()
          .select({ id: projectHoldings.projectId })
          .from(projectHoldings)
          .where(and(eq(projectHoldings.companyId, viewer.companyId), isNotNull(projectHoldings.untilOn)));
  // The helper company of an open assist request (policy: openAssists).
  const helping =
    viewer.companyId === null
      ? undefined
      : getDb()
          .select({ id: handoffs.projectId })
          .from(handoffs)
          .where(
            or(
              and(eq(handoffs.toCompanyId, viewer.companyId), eq(handoffs.kind, "assist"), inArray(handoffs.status, ["pending", "accepted"])),
              // A co-follow gives the asking company the helper's reading only once the owner's manager accepted it.
              and(eq(handoffs.fromCompanyId, viewer.companyId), eq(handoffs.kind, "cofollow"), eq(handoffs.status, "accepted")),
            ),
          );
  return { held, helping };
}

/**
 * The SQL twin of policy.projectAccess(...) !== "none": every project list carries it in its WHERE.
 * Kept next to the queries; tests check the two agree on every role and scope.
 */
export function projectScopeWhere(viewer: Viewer): SQL {
  const zone = eq(projects.zoneId, viewer.zoneId);
  const { held, helping } = scopeSets(viewer);
  const heldByMyCompany = held ? inArray(projects.id, held) : sql`false`;
  const ownCompany = viewer.companyId === null ? sql`false` : eq(projects.companyId, viewer.companyId);
  const helpingMyCompany = helping ? inArray(projects.id, helping) : sql`false`;
  switch (viewer.role) {
    case "leader":
      return zone;
    case "admin":
      return and(zone, eq(projects.confidential, false))!;
    case "province_admin":
    case "province_leader":
    case "city_leader":
      return sql`false`;
    case "manager":
      return and(zone, or(ownCompany, and(eq(projects.confidential, false), or(heldByMyCompany, helpingMyCompany))))!;
    case "staff":
      // The company first: being named owner counts only at the viewer's own company (policy.projectAccess).
      return and(
        zone,
        or(
          and(ownCompany, or(eq(projects.ownerId, viewer.id), eq(projects.confidential, false))),
          and(eq(projects.confidential, false), or(heldByMyCompany, helpingMyCompany)),
        ),
      )!;
  }
}

/**
 * projectScopeWhere split in two disjoint parts whose union is the scope, for staff and managers with a company:
 * `own`, the projects of the viewer's company (one index walk on (company_id, sort key, id)), and `rest`, the few
 * others (former holdings, open assists, a staff member's own or former projects at other companies), driven by
 * the small IN-set of their ids. A list that ORs the two can walk no index and reads the whole zone for a sort
 * or a count; two branches each walk their own. Undefined for the other roles (their scope is one index walk).
 */
export function projectScopeParts(viewer: Viewer): { own: SQL; rest: SQL } | undefined {
  if (viewer.companyId === null || !isCompanyRole(viewer)) return undefined;
  const zone = eq(projects.zoneId, viewer.zoneId);
  const { held, helping } = scopeSets(viewer);
  const ownCompany = eq(projects.companyId, viewer.companyId);
  const otherCompany = ne(projects.companyId, viewer.companyId);
  // `id = any(array(…))`: the set is read once and its ids looked up in the primary key, whatever the planner
  // guesses of its size (an IN here was hashed against a scan of the zone). The inner selects name their table
  // "p": the caller's conditions on "projects" stay those of the outer row.
  if (canManageCompany(viewer, viewer.companyId)) {
    return {
      own: and(zone, ownCompany)!,
      rest: and(zone, otherCompany, eq(projects.confidential, false), sql`${projects.id} = any(array(${held!} union ${helping!}))`)!,
    };
  }
  // Staff: a project of the company is seen when it is not confidential or is theirs; one of another company
  // only when it is not confidential and formerly held by or helped by their company (being named its owner, or
  // having owned it, grants nothing there).
  const seen = or(eq(projects.ownerId, viewer.id), eq(projects.confidential, false))!;
  return {
    own: and(zone, ownCompany, seen)!,
    rest: and(zone, otherCompany, eq(projects.confidential, false), sql`${projects.id} = any(array(${held!} union ${helping!}))`)!,
  };
}

const owners = alias(users, "owner");

const SORT_COLUMNS: Record<ProjectSort, { column: AnyPgColumn; nullable: boolean; text: SQL }> = {
  updated: { column: projects.updatedAt, nullable: false, text: sql`${projects.updatedAt}::text` },
  code: { column: projects.code, nullable: false, text: sql`${projects.code}` },
  name: { column: projects.name, nullable: false, text: sql`${projects.name}` },
  stage: { column: projects.stage, nullable: false, text: sql`${projects.stage}::text` },
  investment: { column: projects.totalInvestmentWan, nullable: true, text: sql`${projects.totalInvestmentWan}::text` },
  lastActivity: { column: projects.lastActivityOn, nullable: true, text: sql`${projects.lastActivityOn}::text` },
  nextAction: { column: projects.nextActionOn, nullable: true, text: sql`${projects.nextActionOn}::text` },
  signed: { column: projects.signedOn, nullable: true, text: sql`${projects.signedOn}::text` },
};

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Projects whose next actions still call for work: active and not yet in 投产. A next action kept on a project in
 * 投产, 搁置 or 流失 stays on the project but is no one's to-do: the desk, the 督办 list, the team's load, the
 * reminders and the group robot all read this one rule.
 */
export function openWorkWhere(): SQL {
  return sql`(${projects.status} = 'active' and ${projects.stage} <> 'production')`;
}

/**
 * Days the most overdue planned milestone is late (0 when none is): the SQL twin of light.ts daysLate. The latest
 * of the late milestones is today minus the earliest planned date not yet reached, the stored milestone_due_on.
 */
export function daysLateSql(today: string): SQL {
  return sql`case when ${projects.milestoneDueOn} < ${today}::date then ${today}::date - ${projects.milestoneDueOn} else 0 end`;
}

/**
 * Projects with the given light on `today`: the SQL twin of light.ts projectLight. Red and yellow are ranges of
 * milestone_due_on (late by more than 30 days: due before today - 30), which the (company|zone, due) indexes answer.
 */
export function projectLightWhere(light: Light, today: string): SQL {
  const notLost = sql`${projects.status} <> 'lost'`;
  const planned = sql`(${projects.plannedSignOn} is not null or ${projects.plannedConstructionOn} is not null or ${projects.plannedProductionOn} is not null)`;
  const due = projects.milestoneDueOn;
  const redBefore = addDays(today, -LIGHT_RED_AFTER_DAYS);
  switch (light) {
    case "red":
      return sql`(${notLost} and ${due} < ${redBefore}::date)`;
    case "yellow":
      return sql`(${notLost} and ${due} >= ${redBefore}::date and ${due} < ${today}::date)`;
    case "green":
      return sql`(${notLost} and ${planned} and (${due} is null or ${due} >= ${today}::date))`;
    case "none":
      return sql`(not ${notLost} or not ${planned})`;
  }
}

/**
 * The list filters (owner, cluster, light, status, text, …) as SQL, with the viewer's scope. Every page that
 * filters projects the list's way (the list, the board, the chasing lists) uses this one; its queries join
 * investors (the text search looks at the investor's name).
 */
export function projectFilterWhere(viewer: Viewer, params: ListFilters, today = todayInZone()): SQL[] {
  return [projectScopeWhere(viewer), ...filtersWhere(viewer, params, today)];
}

type ListFilters = Omit<ProjectListParams, "sort" | "dir" | "after" | "before" | "size">;

/** The text as a LIKE pattern; Chinese text has no case: plain LIKE then, which is cheaper than ILIKE. */
function searchPattern(q: string) {
  return { pattern: `%${escapeLike(q)}%`, like: q.toLowerCase() === q.toUpperCase() ? sql`like` : sql`ilike` };
}

/**
 * The three ways a project matches a search, each an index lookup returning project ids: its name, its investor's
 * name (bigram index, migration 0006: two characters or more; LIKE confirms) and its code's prefix (trigram index).
 * One semi-join over these instead of an OR across the investors join, which no index can answer.
 */
function searchParts(viewer: Viewer, q: string): [SQL, SQL, SQL] {
  return [
    sql`select p.id from ${projects} p where p.zone_id = ${viewer.zoneId} and ${nameMatches(sql`p.name`, q)}`,
    sql`select p.id from ${projects} p where p.investor_id in (${matchingInvestors(viewer, q)})`,
    sql`select p.id from ${projects} p where p.zone_id = ${viewer.zoneId} and p.code ilike ${`${escapeLike(q)}%`}`,
  ];
}

/**
 * A name containing the text. Two characters or more: the names' bigram index (migration 0006) finds the
 * candidates and LIKE confirms. Under three characters LIKE is applied to `name || ''`, which the trigram index
 * cannot answer: a trigram lookup of a two-character pattern returns every row of the table (314 ms at a million
 * projects), and the planner would otherwise AND it with the bigram lookup.
 */
function nameMatches(name: SQL, q: string): SQL {
  const { pattern, like } = searchPattern(q);
  const bigrams = q.length >= 2 ? sql`text_bigrams(${name}) @> text_bigrams(${q}) and ` : sql``;
  return q.length < 3 ? sql`${bigrams}(${name} || '') ${like} ${pattern}` : sql`${bigrams}${name} ${like} ${pattern}`;
}

/** The zone's investors whose name contains the text (a small set, read once per query). */
function matchingInvestors(viewer: Viewer, q: string): SQL {
  return sql`select i.id from ${investors} i where i.zone_id = ${viewer.zoneId} and ${nameMatches(sql`i.name`, q)}`;
}

/** A search whose matches in the zone reach this many is answered row by row along the list's index walk. */
export const COMMON_SEARCH_MATCHES = 500;

/**
 * "rows" for a common term, "set" for a rare one: counts the zone's matches up to the threshold (each lookup stops
 * there; UNION ALL streams, and a project counted twice only makes a term look commoner).
 */
async function searchPlan(viewer: Viewer, q: string, common: number): Promise<SearchPlan> {
  const limited = searchParts(viewer, q).map((part) => sql`(${part} limit ${common})`);
  const [{ n }] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`(${limited[0]} union all ${limited[1]} union all ${limited[2]}) m`);
  return n >= common ? "rows" : "set";
}

/**
 * How a text search joins the other conditions. "set": the ids of every match, found through the name, investor
 * and code indexes, then sorted — right for a rare term. "rows": the same test applied to each row of an index walk
 * in the list's order — right for a common term, whose first page is near the start of any walk, where building
 * and sorting the set of tens of thousands of matches would cost a second at a million projects.
 */
type SearchPlan = "set" | "rows";

/** projectFilterWhere without the scope. */
function filtersWhere(viewer: Viewer, params: ListFilters, today: string, search: SearchPlan = "set"): SQL[] {
  const where: SQL[] = [];
  if (params.light) where.push(projectLightWhere(params.light, today));
  if (params.stage) where.push(eq(projects.stage, params.stage));
  if (params.status === "open") where.push(ne(projects.status, "lost"));
  else if (params.status) where.push(eq(projects.status, params.status));
  if (params.owner === "me") where.push(eq(projects.ownerId, viewer.id));
  else if (params.owner) where.push(eq(projects.ownerId, params.owner));
  if (params.cluster) where.push(eq(projects.clusterId, params.cluster));
  if (params.company && canFilterByCompany(viewer)) where.push(eq(projects.companyId, params.company));
  if (params.q) {
    if (search === "rows") {
      const { pattern, like } = searchPattern(params.q);
      where.push(sql`(${projects.name} ${like} ${pattern} or ${projects.code} ilike ${`${escapeLike(params.q)}%`}
        or ${projects.investorId} in (${matchingInvestors(viewer, params.q)}))`);
    } else {
      const [byName, byInvestor, byCode] = searchParts(viewer, params.q);
      where.push(sql`${projects.id} in (${byName} union ${byInvestor} union ${byCode})`);
    }
  }
  return where;
}

/**
 * Keyset condition: rows strictly after (or before) the cursor in ORDER BY col dir NULLS LAST, id dir.
 * Values are compared as parameters of the column's own type, so the text form from the cursor is exact.
 */
function keysetWhere(sort: ProjectSort, dir: "asc" | "desc", cursor: Cursor, forward: boolean): SQL {
  const { column, nullable } = SORT_COLUMNS[sort];
  const ahead = (dir === "desc") === forward ? sql`<` : sql`>`;
  if (cursor.v === null) {
    // The cursor row is in the NULL tail.
    return forward
      ? sql`(${column} is null and ${projects.id} ${ahead} ${cursor.id})`
      : sql`(${column} is not null or ${projects.id} ${ahead} ${cursor.id})`;
  }
  // A row comparison, not "col < v or (col = v and id < i)": PostgreSQL starts the (zone_id, col, id) index scan
  // at the cursor for it, where the OR form walked (and filtered) every row before it — page 1,001 read 50,000.
  const beyond = sql`((${column}, ${projects.id}) ${ahead} (${cursor.v}, ${cursor.id}))`;
  return forward && nullable ? sql`(${beyond} or ${column} is null)` : beyond;
}

/** Sorts with a (zone_id, key, id) index: a leader's or admin's list walks it for the whole zone. */
export const ZONE_INDEXED_SORTS: ReadonlySet<ProjectSort> = new Set(["updated", "code", "stage", "investment"]);

/** Lists count their rows up to this many and then say "10,000+". */
export const COUNT_CAP = 10_000;

export type ProjectListRow = Awaited<ReturnType<typeof listProjects>>["rows"][number];

/** The list page's columns and joins; the caller adds the WHERE, the order and the limit. */
function pageRows(db: Database, sortText: SQL) {
  return db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      investorName: investors.name,
      clusterId: projects.clusterId,
      companyId: projects.companyId,
      ownerId: projects.ownerId,
      stage: projects.stage,
      status: projects.status,
      totalInvestmentWan: projects.totalInvestmentWan,
      lastActivityOn: projects.lastActivityOn,
      nextAction: projects.nextAction,
      nextActionOn: projects.nextActionOn,
      signedOn: projects.signedOn,
      plannedSignOn: projects.plannedSignOn,
      plannedConstructionOn: projects.plannedConstructionOn,
      plannedProductionOn: projects.plannedProductionOn,
      confidential: projects.confidential,
      updatedAt: projects.updatedAt,
      sortValue: sql<string | null>`${sortText}`,
    })
    .from(projects)
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .$dynamic();
}

type ZoneNames = { clusters: Map<number, string>; companies: Map<number, string>; people: Map<number, string> };

async function loadNames(where: { zoneId: number } | { clusterIds: number[]; companyIds: number[]; userIds: number[] }): Promise<ZoneNames> {
  const db = getDb();
  const [clusterRows, companyRows, userRows] = await Promise.all([
    db
      .select({ id: clusters.id, name: clusters.name })
      .from(clusters)
      .where("zoneId" in where ? eq(clusters.zoneId, where.zoneId) : inArray(clusters.id, where.clusterIds)),
    db
      .select({ id: companies.id, name: companies.shortName })
      .from(companies)
      .where("zoneId" in where ? eq(companies.zoneId, where.zoneId) : inArray(companies.id, where.companyIds)),
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where("zoneId" in where ? eq(users.zoneId, where.zoneId) : inArray(users.id, where.userIds)),
  ]);
  const byId = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { clusters: byId(clusterRows), companies: byId(companyRows), people: byId(userRows) };
}

/**
 * The list rows' cluster, company (short) and owner names, from the zone's names kept per process under its cache
 * version (decision 033: the triggers on clusters, companies and users' names set it). The rows query joined the
 * three tables instead, and PostgreSQL planned those joins on every page (42 indexes to weigh; issue 23, decision
 * 042). A row whose ids the zone's names lack (a record of another zone) has its names read by id: never a blank.
 */
async function withNames<R extends { clusterId: number; companyId: number; ownerId: number | null }>(viewer: Viewer & CacheViewer, rows: R[]) {
  const known = rows.length ? await companyCached(viewer, "names", () => loadNames({ zoneId: viewer.zoneId })) : undefined;
  const lacks = (names: ZoneNames) => (r: R) =>
    !names.clusters.has(r.clusterId) || !names.companies.has(r.companyId) || (r.ownerId !== null && !names.people.has(r.ownerId));
  let names = known;
  if (names && rows.some(lacks(names))) {
    const unknown = rows.filter(lacks(names));
    names = await loadNames({
      clusterIds: unknown.map((r) => r.clusterId),
      companyIds: unknown.map((r) => r.companyId),
      userIds: unknown.flatMap((r) => (r.ownerId === null ? [] : [r.ownerId])),
    }).then((more) => ({
      clusters: new Map([...known!.clusters, ...more.clusters]),
      companies: new Map([...known!.companies, ...more.companies]),
      people: new Map([...known!.people, ...more.people]),
    }));
  }
  return rows.map(({ clusterId, companyId, ownerId, ...row }) => ({
    ...row,
    clusterName: names!.clusters.get(clusterId)!,
    companyName: names!.companies.get(companyId)!,
    ownerName: ownerId === null ? null : (names!.people.get(ownerId) ?? null),
  }));
}

const rowsByIdsQueries = new WeakMap<Database, Map<string, ReturnType<typeof prepareRowsByIds>>>();

function prepareRowsByIds(db: Database, sort: ProjectSort, ascending: boolean, forward: boolean) {
  const { column, text, nullable } = SORT_COLUMNS[sort];
  const nulls = nullable ? sql` nulls ${forward ? sql`last` : sql`first`}` : sql``;
  const orderBy = ascending ? [sql`${column} asc${nulls}`, asc(projects.id)] : [sql`${column} desc${nulls}`, desc(projects.id)];
  return pageRows(db, text)
    .where(sql`${projects.id} = any(${sql.placeholder("ids")}::int[])`)
    .orderBy(...orderBy)
    .limit(sql.placeholder("limit"))
    .prepare(`project_rows_${sort}_${ascending ? "asc" : "desc"}_${forward ? "fwd" : "back"}`);
}

/** The page's rows by their ids in the list's order: prepared once per database handle and order. */
function preparedRowsByIds(db: Database, sort: ProjectSort, ascending: boolean, forward: boolean) {
  let byOrder = rowsByIdsQueries.get(db);
  if (!byOrder) {
    byOrder = new Map();
    rowsByIdsQueries.set(db, byOrder);
  }
  const key = `${sort}:${ascending}:${forward}`;
  let query = byOrder.get(key);
  if (!query) {
    query = prepareRowsByIds(db, sort, ascending, forward);
    byOrder.set(key, query);
  }
  return query;
}

/** `commonSearchMatches`: where a search term counts as common (tests set it low to compare both plans). */
export async function listProjects(viewer: Viewer & CacheViewer, params: ProjectListParams, opts: { commonSearchMatches?: number } = {}) {
  const db = getDb();
  const today = todayInZone();
  // A common search term is tested row by row along the index walk of the page; its count, capped, still reads the
  // match set (a walk would read the zone to find 10,001 matches).
  // A common search term is tested row by row along the page's index walk when one walk gives the sort's order
  // (the zone's index, or a staff member's or manager's company index), which meets the first page's matches
  // early; its count then stops at the threshold too ("500+"): counting further would read every match. (A leader's
  // sort by name or a date has no such walk: walking each company's index with the filter read whole companies
  // where the term was rare — 1.4 s at a million projects against 1 s for sorting the matches.)
  const parts = projectScopeParts(viewer);
  const common = opts.commonSearchMatches ?? COMMON_SEARCH_MATCHES;
  const oneWalk = !!parts || ZONE_INDEXED_SORTS.has(params.sort);
  const search = params.q && oneWalk ? await searchPlan(viewer, params.q, common) : "set";
  const filters = filtersWhere(viewer, params, today, search);
  const countCap = search === "rows" ? common : COUNT_CAP;
  const after = decodeCursor(params.after);
  const before = after ? undefined : decodeCursor(params.before);
  const forward = !before;
  const cursor = after ?? before;
  const keyset = cursor ? [keysetWhere(params.sort, params.dir, cursor, forward)] : [];

  const { column, text, nullable } = SORT_COLUMNS[params.sort];
  // Reading backwards reverses the order; the page is flipped back below. A NOT NULL column gets no NULLS
  // clause: "updated_at desc nulls last" is the same order, but PostgreSQL would not walk the (zone_id,
  // updated_at, id) index for it and sorted the whole zone instead.
  const ascending = (params.dir === "asc") === forward;
  const nulls = nullable ? sql` nulls ${forward ? sql`last` : sql`first`}` : sql``;
  const orderBy = ascending ? [sql`${column} asc${nulls}`, asc(projects.id)] : [sql`${column} desc${nulls}`, desc(projects.id)];
  const limit = params.size + 1;

  // Staff and managers: the page is the first rows of the union of two disjoint branches (the own company's
  // index walk in the sort order, the few other projects sorted), each cut at the page size; the joins then
  // read those ids only. The count adds the two branches' capped counts.
  const scoped = (scope: SQL) => and(scope, ...filters, ...keyset)!;
  const cut = (where: SQL, order: SQL[]) =>
    sql`(${db
      .select({ id: projects.id })
      .from(projects)
      .where(where)
      .orderBy(...order)
      .limit(limit)})`;
  // A nullable key's index is in the default order (desc nulls last, id desc); "asc nulls last" is no walk of it,
  // but its values and its NULLs each are, backwards: cut separately, each in the index's own order ("asc nulls
  // first" is "asc nulls last" within either part).
  const indexOrder = [sql`${column} ${ascending ? sql`asc nulls first` : sql`desc nulls last`}`, ascending ? asc(projects.id) : desc(projects.id)];
  const branch = (scope: SQL) =>
    nullable
      ? sql`${cut(and(scoped(scope), isNotNull(column))!, indexOrder)} union all ${cut(and(scoped(scope), isNull(column))!, indexOrder)}`
      : cut(scoped(scope), orderBy);
  // Leaders and admins on a sort the zone has no index for (name, dates): one walk of each company's
  // (company_id, key, id) index, cut at the page size, instead of sorting the whole zone; the zone's companies are
  // few. A text search sorts its matches, and one company picked is a single walk already.
  const perCompany = !parts && !params.q && !params.company && !ZONE_INDEXED_SORTS.has(params.sort);
  // The branches' ids are fetched first and the page's rows then by id: as one statement, PostgreSQL spent ~5 ms
  // planning the semi-join of the branches with four joins (35 indexes on projects to weigh) to run it in ~1.5; the
  // id query plans in ~0.4 ms and the rows by an id array in ~1.
  const candidates = parts
    ? sql`${branch(parts.own)} union all ${branch(parts.rest)}`
    : perCompany
      ? sql`select w.id from ${companies} c cross join lateral (${branch(
          sql`${projectScopeWhere(viewer)} and ${projects.companyId} = c.id`,
        )}) w where c.zone_id = ${viewer.zoneId}`
      : null;
  const candidateIds = candidates ? (await queryRows<{ id: number }>(candidates, db)).map((r) => Number(r.id)) : null;
  const pageWhere = scoped(projectScopeWhere(viewer));

  // Staff and managers (and a leader's per-company sorts) read the page by its ids: one prepared statement per
  // order, built once per process; the rest build theirs per request (their WHERE varies with every filter).
  const rowsQuery = candidateIds
    ? preparedRowsByIds(db, params.sort, ascending, forward).execute({ ids: candidateIds, limit })
    : pageRows(db, text)
        .where(pageWhere)
        .orderBy(...orderBy)
        .limit(limit);

  // The count stops at COUNT_CAP: an exact "100,000 projects" costs a scan of the whole scope on every page view,
  // "10,000+" costs at most 10,001 index entries. Two disjoint branches: their capped counts' sum is over the cap
  // exactly when the scope's count is, and exact below it.
  const capped = (scope: SQL) =>
    db
      .select({ one: sql`1` })
      .from(projects)
      .where(and(scope, ...filters))
      .limit(countCap + 1);
  const countQuery = parts
    ? db
        .select({
          n: sql<number>`(select count(*) from (${capped(parts.own)}) o)::int + (select count(*) from (${capped(parts.rest)}) r)::int`,
        })
        .from(sql`(select 1) one`)
    : db.select({ n: count() }).from(capped(projectScopeWhere(viewer)).as("scoped"));
  const [fetched, [{ n }]] = await Promise.all([rowsQuery, countQuery]);
  const total = Math.min(n, countCap);
  const totalCapped = n > countCap;
  const hasMore = fetched.length > params.size;
  const page = fetched.slice(0, params.size);
  if (!forward) page.reverse();

  const edge = (row: (typeof page)[number] | undefined) => (row ? encodeCursor({ v: row.sortValue, id: row.id }) : undefined);
  // Forward: a next page exists if we fetched one extra; a previous one if we came from a cursor.
  const nextCursor = forward ? (hasMore ? edge(page.at(-1)) : undefined) : edge(page.at(-1));
  const prevCursor = forward ? (cursor ? edge(page[0]) : undefined) : hasMore ? edge(page[0]) : undefined;

  return {
    rows: await withNames(
      viewer,
      page.map(({ sortValue: _s, ...row }) => row),
    ),
    total,
    totalCapped,
    nextCursor,
    prevCursor,
  };
}

/**
 * Every project of the list's current filters and order (not one page), with the import template's fields, for
 * the export; at most `limit` rows (the caller asks one more than it allows to know the cap was passed).
 */
export async function listProjectsForExport(viewer: Viewer, params: ProjectListParams, limit: number) {
  const { column } = SORT_COLUMNS[params.sort];
  const orderBy = params.dir === "asc" ? [sql`${column} asc nulls last`, asc(projects.id)] : [sql`${column} desc nulls last`, desc(projects.id)];
  return getDb()
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      investorName: investors.name,
      investorUscc: investors.uscc,
      clusterName: clusters.name,
      companyName: companies.name,
      ownerLogin: owners.login,
      ownerName: owners.displayName,
      ownerCompanyId: owners.companyId,
      sourceChannel: projects.sourceChannel,
      totalInvestmentWan: projects.totalInvestmentWan,
      stage: projects.stage,
      status: projects.status,
      contactedOn: projects.contactedOn,
      signedOn: projects.signedOn,
      constructionOn: projects.constructionOn,
      productionOn: projects.productionOn,
      note: projects.note,
    })
    .from(projects)
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .innerJoin(clusters, eq(clusters.id, projects.clusterId))
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(owners, eq(owners.id, projects.ownerId))
    .where(and(...projectFilterWhere(viewer, params)))
    .orderBy(...orderBy)
    .limit(limit);
}

/** Filter choices for the list: clusters, the companies a viewer may filter by, and owners. */
export async function listFilterOptions(viewer: Viewer & CacheViewer, companyId: number | undefined) {
  const byCompany = canFilterByCompany(viewer);
  const ownerCompany = byCompany ? companyId : (viewer.companyId ?? undefined);
  // The same for everyone of the zone who may filter by company, or of the company: cached per that (decision 033).
  return companyCached(viewer, `filters:${byCompany ? "zone" : "own"}:${ownerCompany ?? "-"}`, () =>
    loadFilterOptions(viewer, byCompany, ownerCompany),
  );
}

async function loadFilterOptions(viewer: Viewer, byCompany: boolean, ownerCompany: number | undefined) {
  const db = getDb();
  const [clusterRows, companyRows, ownerRows] = await Promise.all([
    db.select({ id: clusters.id, name: clusters.name }).from(clusters).where(eq(clusters.zoneId, viewer.zoneId)).orderBy(asc(clusters.sortOrder)),
    byCompany
      ? db
          .select({ id: companies.id, name: companies.name })
          .from(companies)
          .where(and(eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
          .orderBy(asc(companies.sortOrder))
      : Promise.resolve([]),
    ownerCompany
      ? db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(and(eq(users.zoneId, viewer.zoneId), eq(users.companyId, ownerCompany), inArray(users.role, companyRoles())))
          .orderBy(asc(users.displayName))
      : Promise.resolve([]),
  ]);
  return { clusters: clusterRows, companies: companyRows, owners: ownerRows };
}

/**
 * A statement built once per database handle and key (issue 23): drizzle turns a query into SQL text on every
 * execution, and for the project page's queries that was a fifth of the request's Node time.
 */
const preparedQueries = new WeakMap<Database, Map<string, unknown>>();
function prepared<T>(db: Database, key: string, build: (db: Database) => T): T {
  let byKey = preparedQueries.get(db);
  if (!byKey) {
    byKey = new Map();
    preparedQueries.set(db, byKey);
  }
  let query = byKey.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    byKey.set(key, query);
  }
  return query;
}

const factsQueries = (db: Database) => ({
  row: db
    .select({
      id: projects.id,
      zoneId: projects.zoneId,
      companyId: projects.companyId,
      ownerId: projects.ownerId,
      confidential: projects.confidential,
    })
    .from(projects)
    .where(eq(projects.id, sql.placeholder("id")))
    .prepare("project_facts"),
  holdings: db
    .select({ companyId: projectHoldings.companyId })
    .from(projectHoldings)
    .where(and(eq(projectHoldings.projectId, sql.placeholder("id")), ne(projectHoldings.companyId, sql.placeholder("companyId"))))
    .prepare("project_facts_holdings"),
  formerOwners: db
    .selectDistinct({ userId: projectEvents.fromOwnerId })
    .from(projectEvents)
    .where(and(eq(projectEvents.projectId, sql.placeholder("id")), not(sql`${projectEvents.fromOwnerId} is null`)))
    .prepare("project_facts_former_owners"),
  assists: db
    .select({
      companyId: sql<number>`case when ${handoffs.kind} = 'cofollow' then ${handoffs.fromCompanyId} else ${handoffs.toCompanyId} end`,
      assigneeId: handoffs.assigneeId,
      status: handoffs.status,
    })
    .from(handoffs)
    .where(
      and(
        eq(handoffs.projectId, sql.placeholder("id")),
        or(
          and(eq(handoffs.kind, "assist"), inArray(handoffs.status, ["pending", "accepted"])),
          and(eq(handoffs.kind, "cofollow"), eq(handoffs.status, "accepted")),
        ),
      ),
    )
    .prepare("project_facts_assists"),
});

/** The facts the policy needs about one project. */
export async function loadProjectFacts(projectId: number): Promise<(ProjectFacts & { id: number }) | undefined> {
  const q = prepared(getDb(), "project_facts", factsQueries);
  const [row] = await q.row.execute({ id: projectId });
  if (!row) return undefined;
  const [holdings, formerOwners, assists] = await Promise.all([
    q.holdings.execute({ id: projectId, companyId: row.companyId }),
    q.formerOwners.execute({ id: projectId }),
    q.assists.execute({ id: projectId }),
  ]);
  return {
    ...row,
    openAssists: assists.map((a) => ({ companyId: a.companyId, assigneeId: a.assigneeId, accepted: a.status === "accepted" })),
    formerCompanyIds: holdings.map((h) => h.companyId),
    formerOwnerIds: formerOwners.map((o) => o.userId!).filter(Boolean),
  };
}

const firstContactCompanies = alias(companies, "first_contact_company");

const actors = alias(users, "actor");

const projectPageQueries = (db: Database) => ({
  project: db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      stage: projects.stage,
      status: projects.status,
      lostReason: projects.lostReason,
      statusNote: projects.statusNote,
      investorId: investors.id,
      investorName: investors.name,
      investorUscc: investors.uscc,
      investorContactId: projects.investorContactId,
      contactName: investorContacts.name,
      contactTitle: investorContacts.title,
      clusterId: projects.clusterId,
      clusterName: clusters.name,
      companyId: projects.companyId,
      ownerId: projects.ownerId,
      companyName: companies.name,
      firstContactCompanyName: firstContactCompanies.name,
      ownerName: owners.displayName,
      sourceChannel: projects.sourceChannel,
      content: projects.content,
      investmentType: projects.investmentType,
      plannedInvestmentWan: projects.plannedInvestmentWan,
      contractedInvestmentWan: projects.contractedInvestmentWan,
      totalInvestmentWan: projects.totalInvestmentWan,
      foreignInvestmentUsdWan: projects.foreignInvestmentUsdWan,
      fixedAssetInvestmentWan: projects.fixedAssetInvestmentWan,
      landMu: projects.landMu,
      annualOutputWan: projects.annualOutputWan,
      annualTaxWan: projects.annualTaxWan,
      jobs: projects.jobs,
      voltageKv: projects.voltageKv,
      // Derived in SQL so the division is exact decimal arithmetic.
      intensityWanPerMu: sql<
        string | null
      >`case when ${projects.landMu} > 0 then round(${projects.totalInvestmentWan} / ${projects.landMu}, 2)::text end`,
      taxPerMuWan: sql<string | null>`case when ${projects.landMu} > 0 then round(${projects.annualTaxWan} / ${projects.landMu}, 2)::text end`,
      plannedSignOn: projects.plannedSignOn,
      plannedConstructionOn: projects.plannedConstructionOn,
      plannedProductionOn: projects.plannedProductionOn,
      contactedOn: projects.contactedOn,
      reviewOn: projects.reviewOn,
      reviewOutcome: projects.reviewOutcome,
      agreementNo: projects.agreementNo,
      signedOn: projects.signedOn,
      projectCompanyName: projects.projectCompanyName,
      projectCompanyUscc: projects.projectCompanyUscc,
      registeredOn: projects.registeredOn,
      constructionOn: projects.constructionOn,
      productionOn: projects.productionOn,
      nextAction: projects.nextAction,
      nextActionOn: projects.nextActionOn,
      confidential: projects.confidential,
      note: projects.note,
      version: projects.version,
      createdAt: projects.createdAt,
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .innerJoin(clusters, eq(clusters.id, projects.clusterId))
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(firstContactCompanies, eq(firstContactCompanies.id, projects.firstContactCompanyId))
    .leftJoin(owners, eq(owners.id, projects.ownerId))
    .leftJoin(investorContacts, eq(investorContacts.id, projects.investorContactId))
    .where(eq(projects.id, sql.placeholder("id")))
    .prepare("project_page_project"),
  events: db
    .select({
      id: projectEvents.id,
      kind: projectEvents.kind,
      fromStage: projectEvents.fromStage,
      toStage: projectEvents.toStage,
      fromStatus: projectEvents.fromStatus,
      toStatus: projectEvents.toStatus,
      businessOn: projectEvents.businessOn,
      gateOverrideReason: projectEvents.gateOverrideReason,
      recordedAt: projectEvents.recordedAt,
      note: projectEvents.note,
      actorName: actors.displayName,
    })
    .from(projectEvents)
    .leftJoin(actors, eq(actors.id, projectEvents.actorId))
    .where(eq(projectEvents.projectId, sql.placeholder("id")))
    .orderBy(desc(projectEvents.businessOn), desc(projectEvents.id))
    .prepare("project_page_events"),
  activities: db
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredOn: activities.occurredOn,
      summary: activities.summary,
      reviewOutcome: activities.reviewOutcome,
      terms: activities.terms,
      nextAction: activities.nextAction,
      nextActionDueOn: activities.nextActionDueOn,
      nextActionDoneAt: activities.nextActionDoneAt,
      createdAt: activities.createdAt,
      authorName: actors.displayName,
      companyName: companies.shortName,
      users: activityUserNames(),
      contacts: activityContactNames(),
    })
    .from(activities)
    .innerJoin(actors, eq(actors.id, activities.createdById))
    .innerJoin(companies, eq(companies.id, activities.companyId))
    .where(eq(activities.projectId, sql.placeholder("id")))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(200)
    .prepare("project_page_activities"),
  holdings: db
    .select({ companyName: companies.name, fromOn: projectHoldings.fromOn, untilOn: projectHoldings.untilOn })
    .from(projectHoldings)
    .innerJoin(companies, eq(companies.id, projectHoldings.companyId))
    .where(eq(projectHoldings.projectId, sql.placeholder("id")))
    .orderBy(asc(projectHoldings.fromOn), asc(projectHoldings.id))
    .prepare("project_page_holdings"),
});

/** One project with its history and activities, or undefined when it does not exist or the viewer may not see it. */
export async function getProjectForViewer(viewer: Viewer, projectId: number, known?: Awaited<ReturnType<typeof loadProjectFacts>>) {
  const facts = known ?? (await loadProjectFacts(projectId));
  if (!facts) return undefined;
  const access = projectAccess(viewer, facts);
  if (access === "none") return undefined;

  const q = prepared(getDb(), "project_page", projectPageQueries);
  // The project and its history, activities and holdings in one round trip.
  const [[project], events, activityRows, holdings] = await Promise.all([
    q.project.execute({ id: projectId }),
    q.events.execute({ id: projectId }),
    q.activities.execute({ id: projectId }),
    q.holdings.execute({ id: projectId }),
  ]);
  return { project, access, events, activities: activityRows, holdings };
}

/** The names of an activity's people, in order, as a column of a query over `activities`. */
export const activityUserNames = () =>
  sql<
    string[]
  >`coalesce((select array_agg(u.display_name order by u.display_name) from ${activityUsers} au join ${users} u on u.id = au.user_id where au.activity_id = ${activities.id}), '{}')`;

/** The names of the investor's contacts at an activity, in order, as a column of a query over `activities`. */
export const activityContactNames = () =>
  sql<
    string[]
  >`coalesce((select array_agg(c.name order by c.name) from ${activityContacts} ac join ${investorContacts} c on c.id = ac.contact_id where ac.activity_id = ${activities.id}), '{}')`;
