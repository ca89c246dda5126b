// The province's shared-investor list reads a rollup the writes keep (issue 20 item 7, decision 034): per investor
// group key and zone, the projects not lost (investor_key_zones), and per key the zones following it
// (investor_keys). Creates, edits and deletes of investors and projects across zones, by the app's own functions
// and by plain SQL (an import, a script), must leave the list exactly what the direct query over projects and
// investors gives — the query the list ran before the rollup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { cities, investors, projects, users, zones } from "../../db/schema";
import { completeUscc } from "../../app/lib/uscc";
import type { Viewer } from "../../app/modules/auth/policy";
import { createInvestorSchema, updateInvestorSchema } from "../../app/modules/investors/investors.schema";
import { createInvestor, updateInvestor } from "../../app/modules/investors/investors.server";
import { listAllSharedInvestors, listSharedInvestors } from "../../app/modules/investors/shared-investors.server";
import { queryRows } from "../../db/query-rows";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createUser } from "../support/factories";

let codeSeq = 0;
const newUscc = () => completeUscc(`91140107MB${String(++codeSeq).padStart(7, "0")}`);
const viewerOf = (u: { id: number; zoneId: number; companyId: number | null; role: Viewer["role"] }): Viewer => ({
  id: u.id,
  zoneId: u.zoneId,
  companyId: u.companyId,
  role: u.role,
});

/** The groups two or more zones follow, straight from projects and investors (no rollup), in the list's order. */
const DIRECT = sql`
  with per_zone as (
    select coalesce('c:' || i.uscc, 'n:' || regexp_replace(lower(translate(i.name, '（）', '()')), '\\s+', '', 'g')) as group_key,
      p.zone_id
    from projects p join investors i on i.id = p.investor_id
    where p.status <> 'lost'
    group by 1, 2
  )
  select pz.group_key as key, count(*)::int as n, array_agg(z.city_id) as city_ids
  from per_zone pz join zones z on z.id = pz.zone_id
  where not z.province
  group by pz.group_key
  having count(*) >= 2
  order by n desc, key`;

describe.each(databaseKinds())("the shared-investor rollup (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  /** Zones A (太原), B (大同) and C (太原), a staff member each; the province leader and 大同's city leader. */
  async function build() {
    const ref = await createReferenceZone(db.db);
    const cityId = async (name: string) => (await db.db.select({ id: cities.id }).from(cities).where(eq(cities.name, name)))[0].id;
    const [taiyuan, datong] = [await cityId("太原"), await cityId("大同")];
    const aCompany = ref.companies.find((x) => x.kind === "attraction")!;
    const a = { zoneId: ref.zoneId, companyId: aCompany.id, clusterId: aCompany.clusterId! };
    const b = await createOtherZone(db.db);
    await db.db.update(zones).set({ cityId: datong }).where(eq(zones.id, b.zoneId));
    const c = await createOtherZone(db.db);
    await db.db.update(zones).set({ cityId: taiyuan }).where(eq(zones.id, c.zoneId));
    const staff = async (zone: typeof a) => viewerOf(await createUser(db.db, { zoneId: zone.zoneId, companyId: zone.companyId, role: "staff" }));
    const [province] = await db.db.insert(zones).values({ code: "province", name: "山西省", province: true }).returning();
    const provinceLeader = await createUser(db.db, { zoneId: province.id, companyId: null, role: "province_leader" });
    const [datongLeader] = await db.db
      .insert(users)
      .values({ zoneId: province.id, role: "city_leader", cityId: datong, login: "datong_rollup", displayName: "大同市领导", passwordHash: "x" })
      .returning();
    return {
      a,
      b,
      c,
      aStaff: await staff(a),
      bStaff: await staff(b),
      cStaff: await staff(c),
      datong,
      provinceLeader: viewerOf(provinceLeader),
      datongLeader: viewerOf(datongLeader),
    };
  }

  type Zone = { zoneId: number; companyId: number; clusterId: number };
  const follow = (zone: Zone, investorId: number, status: "active" | "lost" = "active") =>
    createProject(db.db, { ...zone, ownerId: null, investorId, status });
  const register = async (viewer: Viewer, name: string, uscc: string | null) => {
    const result = await createInvestor(viewer, createInvestorSchema.parse({ name, uscc: uscc ?? "", contacts: [], confirmed: "on" }));
    if (result.kind !== "ok") throw new Error(`createInvestor: ${JSON.stringify(result)}`);
    return result.value.id;
  };

  /** The list as the province leader and 大同's leader read it equals the direct query's groups, key for key. */
  async function expectListMatchesDirect() {
    const rows = await queryRows<{ key: string; n: number; city_ids: number[] }>(DIRECT, db.db);
    const province = await listAllSharedInvestors(w.provinceLeader, 10_000);
    expect(province.map((r) => [r.key, r.zones.length])).toEqual(rows.map((r) => [r.key, Number(r.n)]));
    const datong = await listAllSharedInvestors(w.datongLeader, 10_000);
    expect(datong.map((r) => r.key)).toEqual(rows.filter((r) => r.city_ids.map(Number).includes(w.datong)).map((r) => r.key));
    const first = await listSharedInvestors(w.provinceLeader, { size: 25 });
    expect(first.total).toBe(rows.length);
    return rows;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  it("follows creates across zones: by code, by normalised name, one zone twice counts once", async () => {
    const uscc = newUscc();
    await follow(w.a, await register(w.aStaff, "晋阳共追科技有限公司", uscc));
    expect(await expectListMatchesDirect()).toHaveLength(0);
    await follow(w.b, await register(w.bStaff, "晋阳共追科技（太原）有限公司", uscc));
    // The same name without a code, spaced and with full-width brackets in one zone: one group.
    await follow(w.b, await register(w.bStaff, "平遥 古城（集团）有限公司", null));
    await follow(w.c, await register(w.cStaff, "平遥古城(集团)有限公司", null));
    const second = await register(w.cStaff, "平遥古城（集团）有限公司 ", null).catch(() => null);
    if (second) await follow(w.c, second);
    const rows = await expectListMatchesDirect();
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining([`c:${uscc}`, "n:平遥古城(集团)有限公司"]));
  });

  it("follows edits: a renamed investor or a changed code moves its projects to the new group", async () => {
    const id = await register(w.aStaff, "改名前能源有限公司", null);
    await follow(w.a, id);
    await follow(w.b, await register(w.bStaff, "改名后能源有限公司", null));
    await expectListMatchesDirect();
    const [before] = await db.db.select({ version: investors.version }).from(investors).where(eq(investors.id, id));
    const edited = await updateInvestor(
      w.aStaff,
      id,
      updateInvestorSchema.parse({ name: "改名后能源有限公司", uscc: "", contacts: [], version: before.version }),
      before.version,
    );
    expect(edited.kind).toBe("ok");
    const rows = await expectListMatchesDirect();
    expect(rows.map((r) => r.key)).toContain("n:改名后能源有限公司");
    // A code given to an investor (by SQL, as an import would): it leaves its name's group.
    await db.db.update(investors).set({ uscc: newUscc() }).where(eq(investors.id, id));
    expect((await expectListMatchesDirect()).map((r) => r.key)).not.toContain("n:改名后能源有限公司");
  });

  it("follows project writes: lost, reopened, moved to another investor, deleted; the investor deleted", async () => {
    const uscc = newUscc();
    const inA = await register(w.aStaff, "三区风电装备有限公司", uscc);
    const inB = await register(w.bStaff, "三区风电装备有限公司", uscc);
    const inC = await register(w.cStaff, "三区风电装备有限公司", uscc);
    const pa = await follow(w.a, inA);
    const pb = await follow(w.b, inB);
    const pc = await follow(w.c, inC);
    expect((await expectListMatchesDirect()).find((r) => r.key === `c:${uscc}`)?.n).toBe(3);
    await db.db.update(projects).set({ status: "lost" }).where(eq(projects.id, pc.id));
    expect((await expectListMatchesDirect()).find((r) => r.key === `c:${uscc}`)?.n).toBe(2);
    await db.db.update(projects).set({ status: "on_hold" }).where(eq(projects.id, pc.id));
    expect((await expectListMatchesDirect()).find((r) => r.key === `c:${uscc}`)?.n).toBe(3);
    // B's project now with another investor of B: B no longer follows the group.
    const otherB = await register(w.bStaff, "别的投资方有限公司", null);
    await db.db.update(projects).set({ investorId: otherB }).where(eq(projects.id, pb.id));
    expect((await expectListMatchesDirect()).find((r) => r.key === `c:${uscc}`)?.n).toBe(2);
    // Deleted, several in one statement; then the investor itself.
    await db.db.delete(projects).where(inArray(projects.id, [pa.id, pc.id]));
    await db.db.delete(investors).where(eq(investors.id, inA));
    expect((await expectListMatchesDirect()).find((r) => r.key === `c:${uscc}`)).toBeUndefined();
  });

  it("follows a bulk insert of many projects in one statement, lost ones not counted", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `批量共追${i}号材料有限公司`);
    const ids = async (zone: Zone) =>
      (
        await db.db
          .insert(investors)
          .values(names.map((name) => ({ zoneId: zone.zoneId, name })))
          .returning({ id: investors.id })
      ).map((r) => r.id);
    const [inB, inC] = [await ids(w.b), await ids(w.c)];
    const template = await follow(w.b, inB[0]);
    const [row] = await db.db.select().from(projects).where(eq(projects.id, template.id));
    const bulk = [...inB.slice(1).map((id) => ({ zone: w.b, id })), ...inC.map((id) => ({ zone: w.c, id }))].map(({ zone, id }, i) => {
      const { id: _id, ...rest } = row;
      return {
        ...rest,
        zoneId: zone.zoneId,
        companyId: zone.companyId,
        clusterId: zone.clusterId,
        investorId: id,
        code: `BULK-${i}`,
        status: i % 7 === 0 ? ("lost" as const) : ("active" as const),
      };
    });
    await db.db.insert(projects).values(bulk);
    const rows = await expectListMatchesDirect();
    expect(rows.filter((r) => r.key.startsWith("n:批量共追")).length).toBeGreaterThan(20);
  });

  it("the rollup's rows are the direct counts, zone by zone", async () => {
    const direct = await queryRows(
      sql`
      select investor_group_key(i.uscc, i.name) as group_key, p.zone_id, count(*)::int as n
      from projects p join investors i on i.id = p.investor_id where p.status <> 'lost' group by 1, 2 order by 1, 2`,
      db.db,
    );
    const kept = await queryRows(
      sql`
      select group_key, zone_id, projects as n from investor_key_zones where projects <> 0 order by 1, 2`,
      db.db,
    );
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(direct);
  });
});
