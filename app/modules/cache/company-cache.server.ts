// Values every page asks for and few writes change (the layout's badge counts and saved views, the list filters'
// choices), kept per process and per company or user, valid while the zone's cache version is the one they were
// loaded at (decision 033). The version is raised by triggers in the writer's transaction (migration t23_db) and
// read with the session, so a value is never older than the last write committed before the request began.
import { eq, sql } from "drizzle-orm";
import type { Database } from "~db/index";
import { getPrimaryDb, withDb } from "~db/index";
import { zoneCacheVersions } from "~db/schema";

/** A viewer as the session gives it: with the zone's cache version read in the same statement. */
export type CacheViewer = { zoneId: number; cacheVersion?: string | null };

type Entry = { version: string; value: unknown };

/** Entries per process and database before the oldest are dropped (a few per signed-in user). */
const MAX_ENTRIES = 20_000;

// Per database handle: tests open many in one process, and one process's values must never answer for another.
const stores = new WeakMap<Database, Map<string, Entry>>();

function storeOf(db: Database) {
  let store = stores.get(db);
  if (!store) {
    store = new Map();
    stores.set(db, store);
  }
  return store;
}

// Built once per database handle, as every prepared query here: a prepared query belongs to its client.
const versionQueries = new WeakMap<Database, ReturnType<typeof prepareVersionQuery>>();

function prepareVersionQuery(db: Database) {
  return db
    .select({ version: zoneCacheVersions.version })
    .from(zoneCacheVersions)
    .where(eq(zoneCacheVersions.zoneId, sql.placeholder("zoneId")))
    .prepare("zone_cache_version");
}

/** The zone's cache version now (for viewers that did not come with one: API tokens, jobs, tests). */
export async function readCacheVersion(zoneId: number, db: Database = getPrimaryDb()): Promise<string | null> {
  let query = versionQueries.get(db);
  if (!query) {
    query = prepareVersionQuery(db);
    versionQueries.set(db, query);
  }
  const [row] = await query.execute({ zoneId });
  return row ? String(row.version) : null;
}

/**
 * The value cached under `key` for the viewer's zone if it was loaded at the zone's current cache version, else
 * `load()`'s, which is then kept under that version. The version is the one read before `load` runs, so a write
 * that commits in between only makes the next request load again. No version (a zone never written since the
 * migration): nothing is cached. Always on the primary, even inside a report's replica reads (db/replica.ts): a
 * value a lagging replica loaded would be kept under the primary's newer version.
 */
export async function companyCached<T>(viewer: CacheViewer, key: string, load: () => Promise<T>): Promise<T> {
  const db = getPrimaryDb();
  const version = viewer.cacheVersion === undefined ? await readCacheVersion(viewer.zoneId, db) : viewer.cacheVersion;
  if (version === null) return withDb(undefined, load);
  const store = storeOf(db);
  const fullKey = `${viewer.zoneId}:${key}`;
  const hit = store.get(fullKey);
  if (hit && hit.version === version) return hit.value as T;
  const value = await withDb(undefined, load);
  if (store.size >= MAX_ENTRIES) store.delete(store.keys().next().value!);
  store.delete(fullKey);
  store.set(fullKey, { version, value });
  return value;
}
