// Writing many rows in one statement, as the import does: lists as one JSON parameter, rows spread by
// jsonb_to_recordset, and the audit rows the import collects on its way.
import { sql } from "drizzle-orm";
import type { Transaction } from "~db/index";
import { queryRows } from "~db/query-rows";
import { chunks } from "~/lib/chunks";

/**
 * A list of texts as one parameter (a JSON array) for `column = any(…)`: one statement and one plan whatever the
 * list's length, instead of thousands of parameters a statement, planned anew for each length.
 */
export function anyText(values: string[]) {
  return sql`any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)))`;
}

/** The same for ids: `column = any(…)` over a list of integers as one JSON parameter. */
export function anyInt(values: number[]) {
  return sql`any(array(select (jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::int))`;
}

/**
 * Rows an import works through in one go before it lets the event loop turn (setImmediate): ~10–20 ms of work, so
 * a request of another user waits at most that long behind it (issue 23 item 4).
 */
export const ROWS_PER_TURN = 1000;

/** One turn of the event loop: timers, I/O and other requests run before the import goes on. */
export function eventLoopTurn() {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * IMPORT_PACE (a server setting, default 0: off): after each of its write statements an import waits that many
 * times the statement's own duration, leaving PostgreSQL's CPU to the other requests meanwhile (1 → the import
 * takes about twice as long and uses about half a core). For a machine where PostgreSQL's backends share too few
 * cores (docs/decisions/036); the transaction, its locks included, lasts that much longer.
 */
export async function paced<T>(statement: () => Promise<T>): Promise<T> {
  const pace = Math.max(0, Number(process.env.IMPORT_PACE ?? 0) || 0);
  const started = performance.now();
  const result = await statement();
  if (pace > 0) await new Promise((resolve) => setTimeout(resolve, (performance.now() - started) * pace));
  return result;
}

/** Rows per statement of the bulk inserts below. */
export const WRITE_BATCH = 5000;

/**
 * Inserts many rows in one statement: the rows travel as one JSON parameter and PostgreSQL spreads them with
 * jsonb_to_recordset — one parameter instead of thousands, the same on postgres.js and PGlite, and far faster
 * than building a VALUES list per row. `columns` are trusted constants (SQL names and types).
 */
export async function insertMany(
  tx: Transaction,
  table: string,
  columns: readonly (readonly [string, string])[],
  rows: Record<string, unknown>[],
  returning?: string,
): Promise<Record<string, unknown>[]> {
  const names = columns.map(([name]) => name).join(", ");
  const types = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  const out: Record<string, unknown>[] = [];
  for (const part of chunks(rows, WRITE_BATCH)) {
    const returned = await paced(() =>
      queryRows<Record<string, unknown>>(
        sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(${sql.raw(types)})${sql.raw(returning ? ` returning ${returning}` : "")}`,
        tx,
      ),
    );
    if (returning) out.push(...returned);
  }
  return out;
}

/**
 * Updates one batch of versioned rows (id, version and the columns' new values) in one statement: each row only if
 * its version is still the one read, the version moved on, who and when set. Answers how many rows were updated;
 * fewer than given means someone saved one in between, and the caller fails the run. `table` and `columns` are
 * trusted constants (SQL names and types).
 */
export async function updateVersioned(
  tx: Transaction,
  table: string,
  columns: readonly (readonly [string, string])[],
  batch: ({ id: number; version: number } & Record<string, unknown>)[],
  by: { actorId: number; at: Date },
): Promise<number> {
  const set = columns.map(([name]) => `${name} = r.${name}`).join(", ");
  const types = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  const updated = await queryRows<{ id: number }>(
    sql`update ${sql.raw(table)} as t set ${sql.raw(set)}, version = t.version + 1, updated_by_id = ${by.actorId}, updated_at = ${by.at.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(id int, version int, ${sql.raw(types)})
        where t.id = r.id and t.version = r.version returning t.id`,
    tx,
  );
  return updated.length;
}

const AUDIT_COLUMNS = [
  ["zone_id", "int"],
  ["actor_id", "int"],
  ["entity", "text"],
  ["entity_id", "int"],
  ["action", "text"],
  ["before", "jsonb"],
  ["after", "jsonb"],
  ["at", "timestamptz"],
] as const;

/** Writes the audit rows an import collected, in bulk: each by the importer, in their zone, at the run's time. */
export async function insertAuditRows(
  tx: Transaction,
  by: { zoneId: number; actorId: number; at: Date },
  rows: { entity: string; entityId: number; action: string; before?: unknown; after?: unknown }[],
) {
  await insertMany(
    tx,
    "audit_log",
    AUDIT_COLUMNS,
    rows.map((a) => ({
      zone_id: by.zoneId,
      actor_id: by.actorId,
      entity: a.entity,
      entity_id: a.entityId,
      action: a.action,
      before: a.before ?? null,
      after: a.after ?? null,
      at: by.at,
    })),
  );
}

/** An audit row the import writes at the end, in bulk. */
export type AuditRow = { entity: "project" | "investor"; entityId: number; action: string; before?: unknown; after?: unknown };
