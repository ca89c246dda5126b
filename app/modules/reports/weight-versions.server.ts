// Weights are kept as versions (the old ones stay): the zone scorecard's and the province's ranking of zones. Each
// save reads the highest version and writes the next; saves of the same set of weights take their turn on a
// transaction lock, so any number at once each get their own number (a retry alone let only one of each round win:
// five saves at once ran out of tries).
import { sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";

/**
 * Runs `insert` in a transaction holding the lock named `key` (one per set of versions, e.g. a zone's scorecard
 * weights) and answers the version it wrote. `insert` answers null if the number was taken anyway (the unique index
 * still guards it); that is tried again, at most four times.
 */
export async function saveNextVersion(key: string, insert: (tx: Executor) => Promise<number | null>): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const version = await getDb().transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
      return insert(tx);
    });
    if (version !== null) return version;
    if (attempt >= 3) throw new Error("could not save the weights");
  }
}
