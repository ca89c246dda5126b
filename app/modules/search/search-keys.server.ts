// The stored search keys (projects, enterprises, investors, contacts). The forms' writes send their keys; any
// other write (the import, a seed, an SQL fix) leaves them null — new rows have none, and a trigger nulls a key
// whose source changed without it (migration t19_search). The nulls are computed here: all of them at start, and
// a bounded batch before each search, so a record is never missing from the search for longer than that.
import { sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import { contactSearchKey, enterpriseSearchKey, investorSearchKey, projectSearchKey } from "~/lib/search-key";

const BATCH = 2000;

/**
 * Computes up to `limit` missing keys of each table (the partial "missing" indexes find them without a scan);
 * answers how many rows it filled. `limit` Infinity fills them all, batch by batch.
 */
export async function fillMissingSearchKeys(limit = BATCH, db: Executor = getDb()): Promise<number> {
  let filled = 0;
  for (const fill of [fillProjects, fillInvestors, fillContacts]) {
    let left = limit;
    while (left > 0) {
      const want = Math.min(left, BATCH);
      const n = await fill(db, want);
      filled += n;
      left -= n;
      if (n < want) break;
    }
  }
  return filled;
}

async function fillProjects(db: Executor, n: number) {
  const rows = await queryRows<{ id: number; name: string; code: string; company: string | null; uscc: string | null }>(
    sql`select id, name, code, project_company_name as company, project_company_uscc as uscc from projects
        where search_key is null or enterprise_key is null order by id limit ${n}`,
    db,
  );
  if (!rows.length) return 0;
  const keys = rows.map((r) => ({
    id: r.id,
    k: projectSearchKey(r),
    e: enterpriseSearchKey({ projectCompanyName: r.company, projectCompanyUscc: r.uscc }),
  }));
  await db.execute(
    sql`update projects as p set search_key = r.k, enterprise_key = r.e
        from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as r(id int, k text, e text) where p.id = r.id`,
  );
  return rows.length;
}

async function fillInvestors(db: Executor, n: number) {
  const rows = await queryRows<{ id: number; name: string; uscc: string | null }>(
    sql`select id, name, uscc from investors where search_key is null order by id limit ${n}`,
    db,
  );
  if (!rows.length) return 0;
  const keys = rows.map((r) => ({ id: r.id, k: investorSearchKey(r) }));
  await db.execute(
    sql`update investors as i set search_key = r.k
        from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as r(id int, k text) where i.id = r.id`,
  );
  return rows.length;
}

async function fillContacts(db: Executor, n: number) {
  const rows = await queryRows<{ id: number; name: string; mobile: string | null }>(
    sql`select id, name, mobile from investor_contacts where search_key is null order by id limit ${n}`,
    db,
  );
  if (!rows.length) return 0;
  const keys = rows.map((r) => ({ id: r.id, k: contactSearchKey(r) }));
  await db.execute(
    sql`update investor_contacts as c set search_key = r.k
        from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as r(id int, k text) where c.id = r.id`,
  );
  return rows.length;
}
