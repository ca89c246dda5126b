// The investors of an import's rows: found by code, then by exact name; a named investor without a code gets the
// row's; the rest are created in batches. Part of the import's one transaction.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Transaction } from "~db/index";
import { investors } from "~db/schema";
import { clock } from "~/lib/clock";
import type { Viewer } from "~/modules/auth/policy";
import type { ImportRow } from "./import-rows";
import type { AuditRow } from "./import-bulk.server";
import { anyText, insertMany } from "./import-bulk.server";

/** Investors by code, then by exact name; new ones created in batches. Returns the investor id of every row. */
export async function resolveInvestors(tx: Transaction, viewer: Viewer, rows: ImportRow[], audit: AuditRow[]) {
  const usccs = [...new Set(rows.map((r) => r.uscc).filter((u): u is string => u !== null))];
  const names = [...new Set(rows.map((r) => r.investorName))];
  type Known = { id: number; name: string; uscc: string | null };
  const byUscc = new Map<string, Known>();
  const byName = new Map<string, Known[]>();
  const remember = (i: Known) => {
    if (i.uscc) byUscc.set(i.uscc, i);
    const list = byName.get(i.name) ?? [];
    list.push(i);
    byName.set(i.name, list);
  };
  const select = { id: investors.id, name: investors.name, uscc: investors.uscc };
  if (usccs.length) {
    for (const i of await tx
      .select(select)
      .from(investors)
      .where(and(eq(investors.zoneId, viewer.zoneId), sql`${investors.uscc} = ${anyText(usccs)}`)))
      remember(i);
  }
  if (names.length) {
    const found = await tx
      .select(select)
      .from(investors)
      .where(and(eq(investors.zoneId, viewer.zoneId), sql`${investors.name} = ${anyText(names)}`))
      .orderBy(asc(investors.id));
    for (const i of found) if (!i.uscc || !byUscc.has(i.uscc)) remember(i);
  }

  const now = clock.now();
  const ids: number[] = new Array(rows.length);
  const pending = new Map<string, number[]>(); // key of a new investor → indexes of its rows
  const pendingValues: { key: string; name: string; uscc: string | null }[] = [];
  const filled: { id: number; uscc: string; updated_at: Date }[] = []; // named investors that get their first code
  for (const [index, row] of rows.entries()) {
    const byCode = row.uscc ? byUscc.get(row.uscc) : undefined;
    if (byCode) {
      ids[index] = byCode.id;
      continue;
    }
    // An investor of that exact name: without a code yet, it gets this one; with another code it is someone else.
    const named = (byName.get(row.investorName) ?? []).find((i) => !row.uscc || !i.uscc || i.uscc === row.uscc);
    if (named) {
      if (row.uscc && !named.uscc) {
        filled.push({ id: named.id, uscc: row.uscc, updated_at: now });
        audit.push({ entity: "investor", entityId: named.id, action: "update", before: { uscc: null }, after: { uscc: row.uscc } });
        named.uscc = row.uscc;
        byUscc.set(row.uscc, named);
      }
      ids[index] = named.id;
      continue;
    }
    const key = row.uscc ? `uscc:${row.uscc}` : `name:${row.investorName}`;
    if (!pending.has(key)) {
      pending.set(key, []);
      pendingValues.push({ key, name: row.investorName, uscc: row.uscc });
    }
    pending.get(key)!.push(index);
  }
  if (filled.length) {
    await tx.execute(
      sql`update investors as i set uscc = f.uscc, updated_at = f.updated_at, version = i.version + 1
          from jsonb_to_recordset(${JSON.stringify(filled)}::jsonb) as f(id int, uscc text, updated_at timestamptz)
          where i.id = f.id`,
    );
  }
  const created = await insertMany(
    tx,
    "investors",
    [
      ["zone_id", "int"],
      ["name", "text"],
      ["uscc", "text"],
      ["created_by_id", "int"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ],
    pendingValues.map((p) => ({ zone_id: viewer.zoneId, name: p.name, uscc: p.uscc, created_by_id: viewer.id, created_at: now, updated_at: now })),
    "id, name, uscc",
  );
  for (const c of created) {
    const key = c.uscc ? `uscc:${String(c.uscc)}` : `name:${String(c.name)}`;
    for (const index of pending.get(key)!) ids[index] = Number(c.id);
    audit.push({ entity: "investor", entityId: Number(c.id), action: "create", after: { name: c.name, uscc: c.uscc } });
  }
  return ids;
}
