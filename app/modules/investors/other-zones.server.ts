// The duplicate check across zones (issue 20 item 5, decision 022): before a zone registers an investor, does another
// zone of the province already follow the same investor? Masked: the answer names the zone and nothing inside it.
import { and, asc, eq, exists, ne, or, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { cities, investors, projects, zones } from "~db/schema";
import type { Viewer } from "~/modules/auth/policy";
import { warnsOfOtherZones } from "~/modules/auth/policy";
import type { MatchKind, OtherZoneMatch } from "./matches";
import { SIMILARITY } from "./matches";

/** How a zone is named to another zone's people: its city and its name ("太原 · 山西转型综改示范区"). */
export function zoneLabel(zone: { name: string; city: string | null }) {
  return zone.city ? `${zone.city} · ${zone.name}` : zone.name;
}

const KINDS: MatchKind[] = ["uscc", "name", "similar"];

/**
 * Runs a similar-name query with pg_trgm's `%` at the app's own threshold (SIMILARITY), for this transaction only:
 * the trigram index then hands over only names that can be similar, not every name sharing a common part such as
 * 有限责任公司 — at the default 0.3, a quarter of all investors (10,650 candidates rechecked for 653 matches among
 * 42,000 investors in 11 zones; 856 at 0.4). The explicit `similarity(…) > SIMILARITY` beside `%` stays the rule.
 */
export function withSimilarityThreshold<T>(db: Executor, run: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(SIMILARITY)}, true)`);
    return run(tx);
  });
}

/**
 * The other zones that follow the same investor (same code, same name, or a similar name as the zone's own check)
 * with a project that is not lost, best match first, at most 10. One query: the code by `investors_uscc_idx`, the
 * names by the trigram index (a same name is also a similar one), the projects by `projects_investor_idx`.
 */
export async function findOtherZonesFollowing(
  viewer: Viewer,
  input: { uscc?: string | null; name: string },
  db: Executor = getDb(),
): Promise<OtherZoneMatch[]> {
  if (!warnsOfOtherZones(viewer)) return [];
  const name = input.name.trim();
  const uscc = input.uscc?.trim().toUpperCase() || null;
  const byName = name.length >= 2;
  if (!byName && !uscc) return [];

  const sameUscc = uscc ? sql`${investors.uscc} = ${uscc}` : sql`false`;
  const sameName = byName ? sql`${investors.name} = ${name}` : sql`false`;
  const similarName = byName ? sql`(${investors.name} % ${name} and similarity(${investors.name}, ${name}) > ${SIMILARITY})` : sql`false`;
  const rank = sql<number>`min(case when ${sameUscc} then 0 when ${sameName} then 1 else 2 end)::int`;
  const following = db
    .select({ one: sql`1` })
    .from(projects)
    .where(and(eq(projects.investorId, investors.id), ne(projects.status, "lost")));

  const rows = await withSimilarityThreshold(db, (tx) =>
    tx
      .select({ zone: zones.name, city: cities.name, rank })
      .from(investors)
      .innerJoin(zones, eq(zones.id, investors.zoneId))
      .leftJoin(cities, eq(cities.id, zones.cityId))
      // A same name is also a similar one (similarity 1): no equality branch, so the planner ORs the code's and the
      // trigram index (EXPLAIN on 300,000 investors in 88 zones: an equality branch added a whole scan of the
      // (zone_id, name) index, which cannot seek on "any other zone").
      .where(and(ne(investors.zoneId, viewer.zoneId), eq(zones.province, false), or(sameUscc, similarName), exists(following)))
      .groupBy(zones.id, zones.name, zones.code, cities.name, cities.sortOrder)
      .orderBy(rank, asc(cities.sortOrder), asc(zones.code))
      .limit(10),
  );
  return rows.map((r) => ({ zone: zoneLabel({ name: r.zone, city: r.city }), match: KINDS[r.rank] ?? "similar" }));
}
