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
    const returned = await queryRows<Record<string, unknown>>(
      sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(${sql.raw(types)})${sql.raw(returning ? ` returning ${returning}` : "")}`,
      tx,
    );
    if (returning) out.push(...returned);
  }
  return out;
}

/** An audit row the import writes at the end, in bulk. */
export type AuditRow = { entity: "project" | "investor"; entityId: number; action: string; before?: unknown; after?: unknown };
