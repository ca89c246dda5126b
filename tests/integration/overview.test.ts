// 全区概览 at a glance: every cell, row total, stage total, the zone total and the pipeline reserve agree with
// the projects they count, computed here the plain way (one query per figure), and nothing of another zone counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_STAGES } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { getZoneOverview } from "~/modules/overview/overview.server";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createUser, testPasswordHash } from "../support/factories";

describe.each(databaseKinds())("the zone overview (%s)", (kind) => {
  let db: TestDatabase;
  let leader: { id: number; zoneId: number; companyId: number | null; role: "leader" };
  let clusterId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    await seedDemo(db.db, ref, { passwordHash: await testPasswordHash(), today: "2026-11-27", projects: 200 });
    clusterId = ref.clusters[0].id;
    leader = { id: ref.leaderId, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };
    // A big project in another zone: it must not move any figure of this one.
    const other = await createOtherZone(db.db);
    const owner = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    await createProject(db.db, {
      zoneId: other.zoneId,
      clusterId: other.clusterId,
      companyId: other.companyId,
      ownerId: owner.id,
      stage: "negotiating",
    });
  });
  afterAll(() => db.dispose());

  const figure = async (where: string, params: unknown[]) => {
    const [row] = await db.query<{ n: number; s: string }>(
      `select count(*)::int as n, coalesce(sum(total_investment_wan), 0)::numeric(18,2)::text as s from projects where zone_id = $1 and ${where}`,
      [leader.zoneId, ...params],
    );
    return { count: row.n, investmentWan: row.s };
  };

  it("counts and sums every company × stage cell, the row and column totals, the zone and the reserve exactly", async () => {
    const overview = await getZoneOverview(leader, 2026);
    expect(overview.zoneTotal.count).toBeGreaterThan(100);
    expect(overview.zoneTotal).toEqual(await figure("status <> 'lost'", []));
    expect(overview.pipeline).toEqual(await figure("status = 'active' and stage in ('negotiating', 'evaluating')", []));
    for (const stage of PROJECT_STAGES) {
      expect(overview.zoneStages[stage]).toEqual(await figure("status <> 'lost' and stage = $2", [stage]));
    }
    let cells = 0;
    for (const row of overview.rows) {
      expect(row.total).toEqual(await figure("status <> 'lost' and company_id = $2", [row.companyId]));
      for (const stage of PROJECT_STAGES) {
        expect(row.stages[stage]).toEqual(await figure("status <> 'lost' and company_id = $2 and stage = $3", [row.companyId, stage]));
        cells += row.stages[stage].count;
      }
    }
    expect(cells).toBe(overview.zoneTotal.count);
  });

  it("stays exact through every kind of change to projects: stage, status, company, investment, bulk updates, deletes", async () => {
    const before = await getZoneOverview(leader, 2026);
    const [a, b] = before.rows.filter((r) => r.total.count > 0);
    await db.query(
      `update projects set stage = 'negotiating', planned_investment_wan = 12345.67 where id = (select min(id) from projects where zone_id = $1 and stage = 'contacted')`,
      [leader.zoneId],
    );
    await db.query(
      `update projects set status = 'lost', lost_reason = 'other' where id in (select id from projects where zone_id = $1 and status = 'active' order by id limit 7)`,
      [leader.zoneId],
    );
    await db.query(`update projects set company_id = $1 where id in (select id from projects where company_id = $2 order by id limit 3)`, [
      b.companyId,
      a.companyId,
    ]);
    await db.query(`update projects set note = 'only a note' where zone_id = $1`, [leader.zoneId]);
    const owner = await createUser(db.db, { zoneId: leader.zoneId, companyId: a.companyId, role: "staff" });
    const added = await createProject(db.db, {
      zoneId: leader.zoneId,
      clusterId: clusterId,
      companyId: a.companyId,
      ownerId: owner.id,
      stage: "evaluating",
    });
    const gone = await createProject(db.db, {
      zoneId: leader.zoneId,
      clusterId: clusterId,
      companyId: a.companyId,
      ownerId: owner.id,
      stage: "signed",
    });
    await db.query(`delete from projects where id = $1`, [gone.id]);
    const after = await getZoneOverview(leader, 2026);
    expect(after.zoneTotal).toEqual(await figure("status <> 'lost'", []));
    expect(after.zoneTotal.count).toBe(before.zoneTotal.count - 7 + 1);
    expect(added.id).toBeGreaterThan(0);
    expect(after.pipeline).toEqual(await figure("status = 'active' and stage in ('negotiating', 'evaluating')", []));
    for (const row of after.rows) {
      expect(row.total).toEqual(await figure("status <> 'lost' and company_id = $2", [row.companyId]));
      for (const stage of PROJECT_STAGES) {
        expect(row.stages[stage]).toEqual(await figure("status <> 'lost' and company_id = $2 and stage = $3", [row.companyId, stage]));
      }
    }
    // The rollup as a whole equals the projects grouped directly, lost ones included.
    const drift = await db.query(
      `select * from (select zone_id, company_id, stage, status, count(*)::int as n, sum(total_investment_wan) as s from projects group by 1, 2, 3, 4) p
       full join (select * from project_rollups where projects <> 0) r using (zone_id, company_id, stage, status)
       where p.n is distinct from r.projects or coalesce(p.s, 0) <> coalesce(r.investment_wan, 0)`,
    );
    expect(drift).toEqual([]);
  });
});
