// Every table of a database as row count + md5 of its rows in primary-key order: two databases with equal
// fingerprints hold the same data.
import type { DatabaseHandle } from "../../db/index";

export async function tableFingerprints(handle: Pick<DatabaseHandle, "query">): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await handle.query<{ name: string; pk: string | null }>(`
    select t.tablename as name,
      (select string_agg(quote_ident(a.attname), ', ' order by array_position(i.indkey, a.attnum))
         from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = format('public.%I', t.tablename)::regclass and i.indisprimary) as pk
    from pg_tables t where t.schemaname = 'public' order by t.tablename`);
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const { name, pk } of tables) {
    const order = pk ?? "x::text";
    const [row] = await handle.query<{ rows: number; md5: string | null }>(
      `select count(*)::int as rows, md5(coalesce(string_agg(x::text, E'\\n' order by ${order.replace(/(^|, )"?(\w+)"?/g, "$1x.$2")}), '')) as md5 from public."${name}" x`,
    );
    result[name] = { rows: Number(row.rows), md5: row.md5 ?? "" };
  }
  return result;
}
