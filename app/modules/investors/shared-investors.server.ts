// The province's list of investors that two or more zones follow (issue 20 item 5, decision 022): for coordinating
// against 内部竞争. An investor is grouped across zones by its 统一社会信用代码, or by its normalised name when it
// has none; a zone follows it while it has a project with it that is not lost. Per zone: the stage of its furthest
// such project, since when (the earliest first contact, else the day the project was registered) and how many
// projects, confidential ones counted but never named (no project is named here at all).
import type { SQL } from "drizzle-orm";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import * as z from "zod";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { cities, investorKeys, investorKeyZones, investors, projects, users, zones } from "~db/schema";
import type { ProjectStage } from "~/lib/domain-values";
import { decodeKeyset, encodeKeyset, PAGE_SIZES, DEFAULT_PAGE_SIZE, searchParamsRecord } from "~/lib/list-state";
import type { Viewer } from "~/modules/auth/policy";
import { canSeeSharedInvestors, seesSharedInvestor, seesWholeProvince } from "~/modules/auth/policy";
import { zoneLabel } from "./other-zones.server";

export const sharedInvestorParamsSchema = z.object({
  after: z.string().max(400).optional().catch(undefined),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .default(DEFAULT_PAGE_SIZE)
    .catch(DEFAULT_PAGE_SIZE),
});
export type SharedInvestorParams = z.infer<typeof sharedInvestorParamsSchema>;

export function parseSharedInvestorParams(searchParams: URLSearchParams): SharedInvestorParams {
  return sharedInvestorParamsSchema.parse(searchParamsRecord(searchParams));
}

/** The page edge: its zone count and group key (the list runs by zone count, most first, then key). */
const cursorSchema = z.object({ n: z.number().int().min(2), k: z.string().max(300) });

/**
 * The group key: `c:` and the code, or `n:` and the name without spaces, with full-width brackets as half-width and
 * Latin letters in lower case — so "山西华恒 科技（集团）" and "山西华恒科技(集团)" are one investor. The database's
 * `investor_group_key` (migration t20_scale), which the rollups and the index `investors_group_key_idx` use too.
 */
const groupKey = sql<string>`investor_group_key(${investors.uscc}, ${investors.name})`;

export type SharedInvestorZone = {
  zone: string;
  city: string | null;
  furthestStage: ProjectStage;
  since: string;
  projects: number;
  confidential: number;
};
export type SharedInvestorRow = { key: string; name: string; uscc: string | null; zones: SharedInvestorZone[] };

/** A city leader's city (null for everyone else: a check constraint ties the city to the role). */
async function cityOf(db: Executor, viewer: Viewer) {
  const [row] = await db.select({ cityId: users.cityId }).from(users).where(eq(users.id, viewer.id));
  return row?.cityId ?? null;
}

/** The name of a city leader's city, said on the page (null for everyone else). */
export async function viewerCityName(viewer: Viewer, db: Executor = getDb()) {
  const cityId = await cityOf(db, viewer);
  if (cityId === null) return null;
  const [row] = await db.select({ name: cities.name }).from(cities).where(eq(cities.id, cityId));
  return row?.name ?? null;
}

/**
 * One page of the groups the viewer may see (policy `seesSharedInvestor`, mirrored in the SQL: a city leader's
 * groups have a zone in their city), with their total. Empty for anyone else.
 */
export async function listSharedInvestors(viewer: Viewer, params: SharedInvestorParams, db: Executor = getDb()) {
  const empty = { rows: [] as SharedInvestorRow[], total: 0, nextCursor: undefined as string | undefined };
  if (!canSeeSharedInvestors(viewer)) return empty;
  const cityId = await cityOf(db, viewer);
  const whole = seesWholeProvince(viewer);
  if (!whole && cityId === null) return empty;

  // The groups two or more zones follow, from the rollup the writes keep (investor_keys: the zones following each
  // key, a project not lost, the province's pseudo-zone left out), walked along its partial index; a city leader's
  // groups have a following zone in their city.
  const inCity: SQL | undefined = whole
    ? undefined
    : sql`exists (select 1 from ${investorKeyZones} r join ${zones} z on z.id = r.zone_id
        where r.group_key = ${investorKeys.groupKey} and r.projects > 0 and z.city_id = ${cityId})`;
  const shared = sql`${investorKeys.zones} >= 2`;
  const cursor = decodeKeyset(cursorSchema, params.after);
  const [page, [{ total }]] = await Promise.all([
    db
      .select({ key: investorKeys.groupKey, n: investorKeys.zones })
      .from(investorKeys)
      .where(
        and(
          shared,
          inCity,
          cursor
            ? sql`(${investorKeys.zones} < ${cursor.n} or (${investorKeys.zones} = ${cursor.n} and ${investorKeys.groupKey} > ${cursor.k}))`
            : undefined,
        ),
      )
      .orderBy(sql`${investorKeys.zones} desc`, asc(investorKeys.groupKey))
      .limit(params.size + 1),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(investorKeys)
      .where(and(shared, inCity)),
  ]);
  const hasMore = page.length > params.size;
  const shown = page.slice(0, params.size);
  const rows = await groupDetails(
    db,
    shown.map((g) => g.key),
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const last = shown.at(-1);
  return {
    // The pure rule again over what the SQL chose: the two must agree (tests/integration/shared-investors).
    rows: shown
      .map((g) => byKey.get(g.key)!)
      .filter((r) => r && seesSharedInvestor({ role: viewer.role, cityId }, r.cityIds))
      .map(({ cityIds: _c, ...r }) => r),
    total,
    nextCursor: hasMore && last ? encodeKeyset({ n: last.n, k: last.key }) : undefined,
  };
}

const nameOrder = new Intl.Collator("zh-CN");

/** The zones of each group: its zone's label, furthest stage, since when, projects and confidential ones. */
async function groupDetails(db: Executor, keys: string[]) {
  if (!keys.length) return [];
  const rows = await db
    .select({
      key: sql<string>`${groupKey}`,
      zoneId: zones.id,
      zone: zones.name,
      zoneCode: zones.code,
      city: cities.name,
      cityId: zones.cityId,
      citySort: cities.sortOrder,
      name: sql<string>`min(${investors.name})`,
      uscc: sql<string | null>`min(${investors.uscc})`,
      furthestStage: sql<ProjectStage>`max(${projects.stage})`,
      since: sql<string>`min(coalesce(${projects.contactedOn}, (${projects.createdAt} at time zone 'Asia/Shanghai')::date))::text`,
      projects: sql<number>`count(*)::int`,
      confidential: sql<number>`(count(*) filter (where ${projects.confidential}))::int`,
    })
    .from(projects)
    .innerJoin(investors, eq(investors.id, projects.investorId))
    .innerJoin(zones, eq(zones.id, projects.zoneId))
    .leftJoin(cities, eq(cities.id, zones.cityId))
    .where(and(ne(projects.status, "lost"), eq(zones.province, false), inArray(groupKey, keys)))
    .groupBy(groupKey, zones.id, zones.name, zones.code, zones.cityId, cities.name, cities.sortOrder);
  // Codes and keys in code-unit order (as the database's C collation): an ICU localeCompare per comparison cost
  // milliseconds at 2,288 zone entries (the 88-zone seed's first page).
  const byCode = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  rows.sort((a, b) => (a.citySort ?? 99) - (b.citySort ?? 99) || byCode(a.zoneCode, b.zoneCode) || byCode(a.key, b.key));
  const groups = new Map<string, SharedInvestorRow & { cityIds: (number | null)[] }>();
  for (const r of rows) {
    const group = groups.get(r.key) ?? { key: r.key, name: r.name, uscc: r.uscc, zones: [], cityIds: [] };
    if (r.name !== group.name && nameOrder.compare(r.name, group.name) < 0) group.name = r.name;
    group.uscc ??= r.uscc;
    group.zones.push({
      zone: zoneLabel({ name: r.zone, city: r.city }),
      city: r.city,
      furthestStage: r.furthestStage,
      since: r.since,
      projects: r.projects,
      confidential: r.confidential,
    });
    group.cityIds.push(r.cityId);
    groups.set(r.key, group);
  }
  return [...groups.values()];
}

/** Every group the viewer may see, for the export (at most `max` groups). */
export async function listAllSharedInvestors(viewer: Viewer, max: number) {
  const all: SharedInvestorRow[] = [];
  let after: string | undefined;
  do {
    const page = await listSharedInvestors(viewer, { size: 100, after });
    all.push(...page.rows);
    after = page.nextCursor;
  } while (after && all.length < max);
  return all.slice(0, max);
}
