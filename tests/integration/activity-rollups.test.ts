// activity_daily_counts (migration 0007) is derived data the 四比四看 scorecard reads instead of counting the zone's
// activities: it must equal the activities grouped the plain way after every kind of write — single and bulk
// inserts, a change of day or of company, updates that move nothing, deletes, a project deleted with its
// activities — and the scorecard's activity counts must equal a plain count per company, other zones apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~db/seed/demo";
import { scorecardMeasures } from "~/modules/reports/scorecard.server";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createUser } from "../support/factories";

const YEAR = { from: "2026-01-01", to: "2026-12-31" };
const Q4 = { from: "2026-10-01", to: "2026-12-31" };

describe.each(databaseKinds())("the per-day activity counts (%s)", (kind) => {
  let db: TestDatabase;
  let zoneId: number;
  let other: Awaited<ReturnType<typeof createOtherZone>>;
  let otherProjectId: number;
  let otherStaffId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    zoneId = ref.zoneId;
    await seedDemo(db.db, ref, { passwordHash: "x", today: "2026-11-27", projects: 120 });
    // Activities in another zone, on the same days: they must not count in this zone.
    other = await createOtherZone(db.db);
    const staff = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    otherStaffId = staff.id;
    const p = await createProject(db.db, {
      zoneId: other.zoneId,
      clusterId: other.clusterId,
      companyId: other.companyId,
      ownerId: staff.id,
      stage: "negotiating",
    });
    otherProjectId = p.id;
    await db.query(
      `insert into activities (project_id, company_id, kind, occurred_on, summary, created_by_id)
       select $1, $2, 'visit', date '2026-03-01' + (g % 200), 'other zone', $3 from generate_series(1, 300) g`,
      [otherProjectId, other.companyId, otherStaffId],
    );
  });
  afterAll(() => db.dispose());

  /** Rows where the rollup and the activities grouped directly disagree (zero-count rollup rows equal no activity). */
  const drift = () =>
    db.query(
      `select * from (select company_id, occurred_on, count(*)::int as n from activities group by 1, 2) a
       full join (select * from activity_daily_counts where activities <> 0) r using (company_id, occurred_on)
       where a.n is distinct from r.activities`,
    );

  /** The scorecard's figure the plain way: activities on the zone's projects, per company that logged them. */
  const plainCounts = async (period: { from: string; to: string }) => {
    const rows = await db.query<{ company_id: number; n: number }>(
      `select a.company_id, count(*)::int as n from activities a join projects p on p.id = a.project_id
       where p.zone_id = $1 and a.occurred_on between $2::date and $3::date group by a.company_id`,
      [zoneId, period.from, period.to],
    );
    return new Map(rows.map((r) => [Number(r.company_id), Number(r.n)]));
  };

  const expectScorecardExact = async (period: { from: string; to: string }) => {
    const measures = await scorecardMeasures(zoneId, period, { basis: "owner", scope: "all" });
    const plain = await plainCounts(period);
    expect(measures.companies.length).toBeGreaterThan(5);
    for (const c of measures.companies) expect(c.values.activities, c.name).toBe(plain.get(c.id) ?? 0);
    return measures.companies.reduce((s, c) => s + Number(c.values.activities), 0);
  };

  it("is exact after the demo seed (written through the triggers) and gives the scorecard the plain counts", async () => {
    expect(await drift()).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from activities`);
    expect(n).toBeGreaterThan(300);
    expect(await expectScorecardExact(YEAR)).toBeGreaterThan(0);
    await expectScorecardExact(Q4);
  });

  it("stays exact through inserts, bulk inserts, changes of day and company, no-op updates and deletes", async () => {
    const [a, b] = await db.query<{ id: number }>(`select id from companies where zone_id = $1 and kind = 'attraction' order by id limit 2`, [
      zoneId,
    ]);
    const [project] = await db.query<{ id: number; owner_id: number }>(`select id, owner_id from projects where zone_id = $1 order by id limit 1`, [
      zoneId,
    ]);
    const before = await expectScorecardExact(YEAR);

    // One activity, then a bulk of 500 over many days in one statement.
    await db.query(
      `insert into activities (project_id, company_id, kind, occurred_on, summary, created_by_id) values ($1, $2, 'call', '2026-06-15', 'one', $3)`,
      [project.id, a.id, project.owner_id],
    );
    await db.query(
      `insert into activities (project_id, company_id, kind, occurred_on, summary, created_by_id)
       select $1, case when g % 3 = 0 then $2::int else $3::int end, 'visit', date '2025-12-20' + (g % 40), 'bulk', $4
       from generate_series(1, 500) g`,
      [project.id, a.id, b.id, project.owner_id],
    );
    expect(await drift()).toEqual([]);
    // 501 new activities, of which the bulk ones dated 2025-12-20 … 2025-12-31 fall outside 2026.
    const [{ outside }] = await db.query<{ outside: number }>(
      `select count(*)::int as outside from generate_series(1, 500) g where date '2025-12-20' + (g % 40) < date '2026-01-01'`,
    );
    expect(await expectScorecardExact(YEAR)).toBe(before + 501 - outside);

    // A change of day (across the period's edge), of company, of both, and of neither (a summary): one statement each.
    await db.query(
      `update activities set occurred_on = '2025-12-31' where id in (select id from activities where summary = 'bulk' and occurred_on = '2026-01-05')`,
    );
    await db.query(
      `update activities set company_id = $1 where id in (select id from activities where summary = 'bulk' and company_id = $2 order by id limit 40)`,
      [a.id, b.id],
    );
    await db.query(
      `update activities set company_id = $1, occurred_on = occurred_on + 3 where summary = 'bulk' and occurred_on between '2026-01-10' and '2026-01-15'`,
      [b.id],
    );
    await db.query(`update activities set summary = summary || ' (edited)', next_action_done_at = now() where project_id = $1`, [project.id]);
    // Two activities swapping their days in one statement: the net change is nothing.
    await db.query(
      `update activities x set occurred_on = y.occurred_on from activities y
       where (x.id, y.id) in (select min(id), max(id) from activities where project_id = $1 union all select max(id), min(id) from activities where project_id = $1)`,
      [project.id],
    );
    expect(await drift()).toEqual([]);
    await expectScorecardExact(YEAR);

    // Deletes: some rows, then a whole project with its activities (cascade).
    await db.query(`delete from activities where id in (select id from activities where summary like 'bulk%' order by id limit 123)`);
    const [victim] = await db.query<{ id: number; n: number }>(
      `select p.id, count(*)::int as n from projects p join activities a on a.project_id = p.id where p.zone_id = $1 and p.id <> $2 group by p.id order by count(*) desc limit 1`,
      [zoneId, project.id],
    );
    expect(victim.n).toBeGreaterThan(0);
    await db.query(`delete from projects where id = $1`, [victim.id]);
    expect(await drift()).toEqual([]);
    await expectScorecardExact(YEAR);
    await expectScorecardExact(Q4);
  });
});
