import type { SQL } from "drizzle-orm";
import type { Executor } from "./index";
import { getDb } from "./index";

/**
 * Rows of a hand-written query. PGlite answers `{ rows }`, postgres.js an array; the queries cast every column
 * (counts ::int, money ::text, dates ::text) so both drivers hand back the same values.
 */
export async function queryRows<T>(query: SQL, db: Executor = getDb()): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
