import { bigint, integer, pgTable } from "drizzle-orm/pg-core";

/**
 * One counter per zone, set in the same transaction as any write to what the per-process caches hold (the
 * layout's badge counts and saved views, the list filters' clusters, companies and owners): a process compares it,
 * read with the session, to the version its cached values were loaded at (decision 033). Bumped by triggers
 * (migration t23_db), so every writer counts: forms, imports, the reminder sweep, another app process, a DBA.
 * No foreign key: a row is written by the triggers of every zone's first write and a stale row is harmless.
 */
export const zoneCacheVersions = pgTable("zone_cache_versions", {
  zoneId: integer().primaryKey(),
  /** The id of the transaction that last wrote there (never reused, unlike a counter a TRUNCATE resets). */
  version: bigint({ mode: "number" }).notNull(),
});
