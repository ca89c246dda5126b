import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";

describe.each(databaseKinds())("the schema (%s)", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  it("indexes every foreign key (a lookup or a cascade never scans a whole table)", async () => {
    const unindexed = await db.query<{ fk: string }>(`
      select c.conrelid::regclass || '(' || string_agg(a.attname, ',' order by x.n) || ')' as fk
      from pg_constraint c
      cross join lateral unnest(c.conkey) with ordinality as x(attnum, n)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = x.attnum
      where c.contype = 'f'
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
            and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] <@ c.conkey
        )
      group by c.conrelid, c.conname`);
    expect(unindexed.map((r) => r.fk)).toEqual([]);
  });

  it("keeps money as exact numeric and sums it without rounding", async () => {
    const [row] = await db.query<{ total: string; type: string }>(
      `select (0.1::numeric(16,2) + 0.2::numeric(16,2))::text as total,
              (select data_type from information_schema.columns where table_name = 'projects' and column_name = 'total_investment_wan') as type`,
    );
    expect(row).toEqual({ total: "0.30", type: "numeric" });
  });

  it("finds a Chinese company by a similar name (pg_trgm on a UTF-8 ctype)", async () => {
    const [row] = await db.query<{ s: number }>("select similarity('山西华恒科技有限公司', '山西华恒科技') as s");
    expect(Number(row.s)).toBeGreaterThan(0.4);
  });
});
