// What `npm run bench` measures: one line per page or request. Add a line for a new page here and nothing else.
import { todayInZone, yearOf } from "../../app/lib/dates";
import type { Viewer } from "../../app/modules/auth/policy";
import { countHandoffsByStatus, countWaitingHandoffs, listHandoffs } from "../../app/modules/handoffs/handoffs.server";
import { listInvestors } from "../../app/modules/investors/investors.server";
import { parseInvestorListParams } from "../../app/modules/investors/investors.schema";
import { countUnread } from "../../app/modules/notifications/notifications.server";
import { getZoneOverview } from "../../app/modules/overview/overview.server";
import { getMyDesk } from "../../app/modules/projects/my-desk.server";
import { loadProjectPage } from "../../app/modules/project-page/project-page.server";
import { countChasing, getBoard, getFunnel, getTeam, listChasing, pipelineCompanyId } from "../../app/modules/pipeline/pipeline.server";
import { parseBoardParams, parsePeriod } from "../../app/modules/pipeline/pipeline.schema";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import { scorecard } from "../../app/modules/reports/scorecard.server";
import { threeBatchesProjects, threeBatchesReport } from "../../app/modules/reports/three-batches.server";
import { trends } from "../../app/modules/reports/trends.server";
import { DRILL_PAGE_SIZE } from "../../app/modules/reports/report-routes.server";
import { listFilterOptions, listProjects } from "../../app/modules/projects/projects.server";
import { searchEverything } from "../../app/modules/search/search.server";
import { periodFromSearch } from "../../app/lib/periods";
import { findInvestorFollowers } from "../../app/modules/investors/investors.server";
import { findOtherZonesFollowing } from "../../app/modules/investors/other-zones.server";
import { listSharedInvestors, parseSharedInvestorParams } from "../../app/modules/investors/shared-investors.server";
import { zoneCompanyReport, zoneProjects } from "../../app/modules/province/drill.server";
import {
  provinceReader,
  provinceReport,
  provinceTargets,
  readableCity,
  readableZone,
  readableZones,
} from "../../app/modules/province/figures.server";
import { zoneRanking } from "../../app/modules/province/ranking.server";
import { reportCompanies } from "../../app/modules/reports/three-batches.server";

export type Role = "anonymous" | "staff" | "manager" | "leader" | "admin" | "province" | "api";

/** The pass/fail rule a target is held to (issue 8's targets). */
export type TargetKind =
  | "floor" // the server's own ceiling: no database, no page
  | "page" // p95 ≤ 30 ms at 1 connection; ≥ 35% of the static page's throughput at 20 (issue 23; 60% was retired)
  | "report" // p95 ≤ 100 ms at 1 connection
  | "search" // p95 ≤ 50 ms at 1 connection
  | "api"
  | "info"; // measured, no target

export type BenchRequest = { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

/** What a target may use: viewers per role and ids picked from the seeded data. */
export type BenchContext = {
  viewers: Record<Exclude<Role, "anonymous" | "api" | "province">, Viewer>;
  apiToken: string;
  /**
   * The province leader `province` and a token of theirs, the zone and city drilled into (the largest zone, `demo`,
   * and its city) and a near-identical name of an investor another zone follows; absent on a database without the
   * province (the one-zone seed), whose province lines are then skipped.
   */
  province?: { viewer: Viewer; token: string; zoneCode: string; cityCode: string; nearName: string };
  /** A project the staff user owns with many activities, and the zone's project with the most activities. */
  staffProjectId: number;
  busiestProjectId: number;
  /** Cursor of page 1,001 of the leader's default list (at the default page size), built directly from the sort key. */
  deepCursor: string;
  searchTerm: string;
  clusterId: number;
  /** The year the reports are asked for (this year). */
  year: number;
};

export type Target = {
  name: string;
  role: Role;
  kind: TargetKind;
  request: (ctx: BenchContext) => BenchRequest;
  /** The page's own SQL: the loader's query functions (and the layout's), called in-process. */
  ownSql?: (ctx: BenchContext) => Promise<unknown>;
  /** For "deep page ≤ 1.5× the first": the name of the first page's target. */
  sameAs?: string;
  /** Needs the province (`ctx.province`): skipped on a database seeded without it. */
  province?: boolean;
  /**
   * A list page held to issue 23's CPU budget per request at the highest connection count: Node ≤ 9 ms, Node and
   * PostgreSQL together ≤ 14 ms (the lists, the project page, the board, my desk).
   */
  cpuBudget?: boolean;
};

const get = (path: string) => () => ({ path });
const headerSearchPath = (q: string) => `/search?box=1&q=${encodeURIComponent(q)}&_data=${encodeURIComponent("routes/_app.search")}`;

/** The signed-in shell's own queries (badge counts) that every page of the app also runs. */
const layout = (v: Viewer) => Promise.all([countUnread(v), countWaitingHandoffs(v)]);

const board = (v: Viewer, query: string) => {
  const { filters, cursors, only } = parseBoardParams(new URLSearchParams(query));
  return Promise.all([getBoard(v, filters, cursors, todayInZone(), only), listFilterOptions(v, filters.company), layout(v)]);
};

const projectList = (v: Viewer, query: string) => {
  const params = parseProjectListParams(new URLSearchParams(query));
  return Promise.all([listProjects(v, params), listFilterOptions(v, params.company), layout(v)]);
};

export const TARGETS: Target[] = [
  { name: "static /livez (floor)", role: "anonymous", kind: "floor", request: get("/livez") },
  { name: "static page /login (floor)", role: "anonymous", kind: "floor", request: get("/login") },
  { name: "health /healthz (db)", role: "anonymous", kind: "info", request: get("/healthz"), ownSql: async () => undefined },

  {
    name: "projects default (staff)",
    cpuBudget: true,
    role: "staff",
    kind: "page",
    request: get("/projects"),
    ownSql: (c) => projectList(c.viewers.staff, ""),
  },
  {
    name: "projects default (manager)",
    cpuBudget: true,
    role: "manager",
    kind: "page",
    request: get("/projects"),
    ownSql: (c) => projectList(c.viewers.manager, ""),
  },
  {
    name: "projects default (leader)",
    cpuBudget: true,
    role: "leader",
    kind: "page",
    request: get("/projects"),
    ownSql: (c) => projectList(c.viewers.leader, ""),
  },
  { name: "projects default (admin)", role: "admin", kind: "page", request: get("/projects"), ownSql: (c) => projectList(c.viewers.admin, "") },
  {
    name: "projects filtered (manager)",
    role: "manager",
    kind: "page",
    request: get("/projects?stage=negotiating&status=active"),
    ownSql: (c) => projectList(c.viewers.manager, "stage=negotiating&status=active"),
  },
  {
    name: "projects filtered (leader)",
    role: "leader",
    kind: "page",
    request: (c) => ({ path: `/projects?cluster=${c.clusterId}&stage=signed` }),
    ownSql: (c) => projectList(c.viewers.leader, `cluster=${c.clusterId}&stage=signed`),
  },
  {
    name: "projects by investment (leader)",
    role: "leader",
    kind: "page",
    request: get("/projects?sort=investment"),
    ownSql: (c) => projectList(c.viewers.leader, "sort=investment"),
  },
  {
    name: "projects by investment (manager)",
    role: "manager",
    kind: "page",
    request: get("/projects?sort=investment"),
    ownSql: (c) => projectList(c.viewers.manager, "sort=investment"),
  },
  {
    name: "projects page 1,001 (leader)",
    role: "leader",
    kind: "page",
    sameAs: "projects default (leader)",
    request: (c) => ({ path: `/projects?after=${c.deepCursor}` }),
    ownSql: (c) => projectList(c.viewers.leader, `after=${c.deepCursor}`),
  },
  {
    name: "projects text search (leader)",
    role: "leader",
    kind: "search",
    request: (c) => ({ path: `/projects?q=${encodeURIComponent(c.searchTerm)}` }),
    ownSql: (c) => projectList(c.viewers.leader, `q=${encodeURIComponent(c.searchTerm)}`),
  },
  {
    name: "projects text search (staff)",
    role: "staff",
    kind: "search",
    request: (c) => ({ path: `/projects?q=${encodeURIComponent(c.searchTerm)}` }),
    ownSql: (c) => projectList(c.viewers.staff, `q=${encodeURIComponent(c.searchTerm)}`),
  },
  // The header search box as it asks while typing (the fetcher's data request): four kinds, six hits each.
  {
    name: "header search (leader)",
    role: "leader",
    kind: "search",
    request: (c) => ({ path: headerSearchPath(c.searchTerm) }),
    ownSql: (c) => searchEverything(c.viewers.leader, c.searchTerm),
  },
  {
    name: "header search (staff)",
    role: "staff",
    kind: "search",
    request: (c) => ({ path: headerSearchPath(c.searchTerm) }),
    ownSql: (c) => searchEverything(c.viewers.staff, c.searchTerm),
  },
  {
    name: "header search, pinyin initials (leader)",
    role: "leader",
    kind: "search",
    request: () => ({ path: headerSearchPath("bdt") }),
    ownSql: (c) => searchEverything(c.viewers.leader, "bdt"),
  },
  {
    name: "project page (staff)",
    cpuBudget: true,
    role: "staff",
    kind: "page",
    request: (c) => ({ path: `/projects/${c.staffProjectId}` }),
    ownSql: (c) => Promise.all([loadProjectPage(c.viewers.staff, c.staffProjectId), layout(c.viewers.staff)]),
  },
  {
    name: "project page, busiest (leader)",
    role: "leader",
    kind: "page",
    request: (c) => ({ path: `/projects/${c.busiestProjectId}` }),
    ownSql: (c) => Promise.all([loadProjectPage(c.viewers.leader, c.busiestProjectId), layout(c.viewers.leader)]),
  },
  {
    name: "investors (staff)",
    cpuBudget: true,
    role: "staff",
    kind: "page",
    request: get("/investors"),
    ownSql: (c) => Promise.all([listInvestors(c.viewers.staff, parseInvestorListParams(new URLSearchParams())), layout(c.viewers.staff)]),
  },
  {
    name: "my desk (staff)",
    cpuBudget: true,
    role: "staff",
    kind: "page",
    request: get("/my"),
    ownSql: (c) => Promise.all([getMyDesk(c.viewers.staff, todayInZone()), layout(c.viewers.staff)]),
  },
  {
    name: "handoffs inbox (manager)",
    role: "manager",
    kind: "page",
    request: get("/handoffs"),
    ownSql: (c) =>
      Promise.all([listHandoffs(c.viewers.manager, { box: "all" }), countHandoffsByStatus(c.viewers.manager), layout(c.viewers.manager)]),
  },
  {
    name: "handoffs inbox (leader)",
    role: "leader",
    kind: "page",
    request: get("/handoffs"),
    ownSql: (c) => Promise.all([listHandoffs(c.viewers.leader, { box: "all" }), countHandoffsByStatus(c.viewers.leader), layout(c.viewers.leader)]),
  },
  {
    name: "overview (leader)",
    role: "leader",
    kind: "page",
    request: get("/overview"),
    ownSql: (c) => Promise.all([getZoneOverview(c.viewers.leader, yearOf(todayInZone())), layout(c.viewers.leader)]),
  },
  {
    name: "GET /api/v1/me",
    role: "api",
    kind: "api",
    request: (c) => ({ path: "/api/v1/me", headers: { authorization: `Bearer ${c.apiToken}` } }),
  },
  {
    name: "pipeline board (manager)",
    cpuBudget: true,
    role: "manager",
    kind: "page",
    request: get("/pipeline"),
    ownSql: (c) => board(c.viewers.manager, ""),
  },
  {
    name: "pipeline board by owner (manager)",
    role: "manager",
    kind: "page",
    request: get("/pipeline?owner=me"),
    ownSql: (c) => board(c.viewers.manager, "owner=me"),
  },
  {
    name: "team (manager)",
    role: "manager",
    kind: "page",
    request: get("/pipeline/team"),
    ownSql: (c) => Promise.all([getTeam(c.viewers.manager, c.viewers.manager.companyId!, todayInZone()), layout(c.viewers.manager)]),
  },
  {
    name: "funnel this year (manager)",
    role: "manager",
    kind: "page",
    request: get("/pipeline/funnel"),
    ownSql: (c) => {
      const period = parsePeriod(new URLSearchParams(), todayInZone());
      return Promise.all([
        getFunnel(c.viewers.manager, pipelineCompanyId(c.viewers.manager, undefined), period.from, period.to),
        layout(c.viewers.manager),
      ]);
    },
  },
  {
    name: "chasing red (manager)",
    role: "manager",
    kind: "page",
    request: get("/pipeline/chasing?tab=red"),
    ownSql: (c) => {
      const { filters } = parseBoardParams(new URLSearchParams("tab=red"));
      const today = todayInZone();
      const v = c.viewers.manager;
      return Promise.all([
        listChasing(v, filters, "red", "days", "desc", today, 50),
        countChasing(v, filters, today),
        listFilterOptions(v, filters.company),
        layout(v),
      ]);
    },
  },
  {
    name: "三个一批 year (leader)",
    role: "leader",
    kind: "report",
    request: (c) => ({ path: `/reports/three-batches?from=${c.year}-01-01&to=${c.year}-12-31` }),
    ownSql: (c) =>
      threeBatchesReport(c.viewers.leader.zoneId, { from: `${c.year}-01-01`, to: `${c.year}-12-31`, basis: "owner", evidenceOnly: false }),
  },
  {
    name: "三个一批 drill-down, signed this year (leader)",
    role: "leader",
    kind: "report",
    request: (c) => ({ path: `/reports/three-batches/projects?from=${c.year}-01-01&to=${c.year}-12-31&milestone=signed` }),
    ownSql: (c) =>
      threeBatchesProjects(
        c.viewers.leader.zoneId,
        { from: `${c.year}-01-01`, to: `${c.year}-12-31`, basis: "owner", evidenceOnly: false, companyId: null, milestone: "signed" },
        { size: DRILL_PAGE_SIZE },
      ),
  },
  {
    name: "trends this year (leader)",
    role: "leader",
    kind: "report",
    request: get("/reports/trends"),
    ownSql: (c) => trends(c.viewers.leader.zoneId, c.year, "owner"),
  },
  {
    name: "scorecard year (leader)",
    role: "leader",
    kind: "report",
    request: (c) => ({ path: `/reports/scorecard?from=${c.year}-01-01&to=${c.year}-12-31` }),
    ownSql: (c) =>
      scorecard(c.viewers.leader.zoneId, { kind: "year", from: `${c.year}-01-01`, to: `${c.year}-12-31` }, { basis: "owner", scope: "attraction" }),
  },
  {
    name: "API three-batches year",
    role: "api",
    kind: "report",
    request: (c) => ({
      path: `/api/v1/reports/three-batches?from=${c.year}-01-01&to=${c.year}-12-31`,
      headers: { authorization: `Bearer ${c.apiToken}` },
    }),
    ownSql: (c) =>
      threeBatchesReport(c.viewers.leader.zoneId, { from: `${c.year}-01-01`, to: `${c.year}-12-31`, basis: "owner", evidenceOnly: false }),
  },
  // The province (issue 20): its pages as the province leader, its API with the leader's token, for every zone.
  {
    name: "province 三个一批 by zone (province leader)",
    role: "province",
    kind: "report",
    province: true,
    request: get("/province"),
    ownSql: async (c) => {
      const v = c.province!.viewer;
      const { period } = periodFromSearch(new URLSearchParams(), todayInZone());
      const zones = await readableZones(await provinceReader(v));
      return Promise.all([provinceReport(zones, period, null), provinceTargets(zones, c.year, todayInZone()), layout(v)]);
    },
  },
  {
    name: "province city (province leader)",
    role: "province",
    kind: "report",
    province: true,
    request: (c) => ({ path: `/province/cities/${c.province!.cityCode}` }),
    ownSql: async (c) => {
      const v = c.province!.viewer;
      const { period } = periodFromSearch(new URLSearchParams(), todayInZone());
      const city = await readableCity(await provinceReader(v), c.province!.cityCode);
      return Promise.all([provinceReport(city!.zones, period, null), layout(v)]);
    },
  },
  {
    name: "province zone by company (province leader)",
    role: "province",
    kind: "report",
    province: true,
    request: (c) => ({ path: `/province/zones/${c.province!.zoneCode}` }),
    ownSql: async (c) => {
      const v = c.province!.viewer;
      const { period } = periodFromSearch(new URLSearchParams(), todayInZone());
      const zone = await readableZone(await provinceReader(v), c.province!.zoneCode);
      return Promise.all([zoneCompanyReport(zone!, period), layout(v)]);
    },
  },
  {
    name: "province zone's projects (province leader)",
    role: "province",
    kind: "report",
    province: true,
    request: (c) => ({ path: `/province/zones/${c.province!.zoneCode}/projects` }),
    ownSql: async (c) => {
      const v = c.province!.viewer;
      const { period } = periodFromSearch(new URLSearchParams(), todayInZone());
      const zone = (await readableZone(await provinceReader(v), c.province!.zoneCode))!;
      return Promise.all([
        reportCompanies(zone.id),
        zoneProjects(v, zone, { from: period.from, to: period.to, companyId: null, milestone: null }, { after: null }),
        layout(v),
      ]);
    },
  },
  {
    name: "province ranking (province leader)",
    role: "province",
    kind: "report",
    province: true,
    request: get("/province/ranking"),
    ownSql: (c) =>
      Promise.all([zoneRanking(c.province!.viewer, periodFromSearch(new URLSearchParams(), todayInZone()).period), layout(c.province!.viewer)]),
  },
  {
    name: "province shared investors (province leader)",
    role: "province",
    kind: "report",
    province: true,
    request: get("/province/shared-investors"),
    ownSql: (c) =>
      Promise.all([listSharedInvestors(c.province!.viewer, parseSharedInvestorParams(new URLSearchParams())), layout(c.province!.viewer)]),
  },
  {
    name: "API three-batches by zone (province)",
    role: "api",
    kind: "report",
    province: true,
    request: (c) => ({
      path: `/api/v1/reports/three-batches?from=${c.year}-01-01&to=${c.year}-12-31&by=zone`,
      headers: { authorization: `Bearer ${c.province!.token}` },
    }),
    ownSql: async (c) =>
      provinceReport(
        await readableZones(await provinceReader(c.province!.viewer)),
        { kind: "year", from: `${c.year}-01-01`, to: `${c.year}-12-31` },
        null,
      ),
  },
  // The duplicate check as a zone's staff member types a name near-identical to one another zone follows.
  {
    name: "investor check, near-identical name (staff)",
    role: "staff",
    kind: "report",
    province: true,
    request: (c) => ({ path: `/api/investor-matches?name=${encodeURIComponent(c.province!.nearName)}` }),
    ownSql: (c) =>
      Promise.all([
        findInvestorFollowers(c.viewers.staff, { name: c.province!.nearName }),
        findOtherZonesFollowing(c.viewers.staff, { name: c.province!.nearName }),
      ]),
  },
  // The import of 50,000 rows is timed by `npm run bench:import` (one import is a transaction of minutes' worth of
  // rows, not a request to repeat under load).
];

/** The targets that `--growth` runs at every size. */
export const GROWTH_TARGETS = [
  "projects default (leader)",
  "projects default (staff)",
  "projects by investment (leader)",
  "projects page 1,001 (leader)",
  "projects text search (leader)",
  "overview (leader)",
  "pipeline board (manager)",
  "三个一批 year (leader)",
  "scorecard year (leader)",
];
