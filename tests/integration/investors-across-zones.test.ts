// Investors across zones (issue 20 item 5, decision 021): registering an investor that another zone follows warns,
// masked — which zone, nothing of theirs — and never blocks; the province sees the investors that several zones follow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cities, investors, users, zones } from "../../db/schema";
import type { ProjectStage } from "../../app/lib/domain-values";
import { completeUscc } from "../../app/lib/uscc";
import type { Viewer } from "../../app/modules/auth/policy";
import { createUserSession } from "../../app/modules/auth/session.server";
import { createInvestorSchema } from "../../app/modules/investors/investors.schema";
import { createInvestor } from "../../app/modules/investors/investors.server";
import { findOtherZonesFollowing } from "../../app/modules/investors/other-zones.server";
import { listAllSharedInvestors, listSharedInvestors } from "../../app/modules/investors/shared-investors.server";
import { loader as matchesLoader } from "../../app/routes/api.investor-matches";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createUser } from "../support/factories";

let codeSeq = 0;
const newUscc = () => completeUscc(`91140107MA${String(++codeSeq).padStart(7, "0")}`);
const viewerOf = (u: { id: number; zoneId: number; companyId: number | null; role: Viewer["role"] }): Viewer => ({
  id: u.id,
  zoneId: u.zoneId,
  companyId: u.companyId,
  role: u.role,
});

describe.each(databaseKinds())("investors across zones (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  /** Zone A (the reference zone, 太原), zone B (大同) and zone C (太原 too), each with a company and a staff member. */
  async function build() {
    const ref = await createReferenceZone(db.db);
    const cityId = async (name: string) => (await db.db.select({ id: cities.id }).from(cities).where(eq(cities.name, name)))[0].id;
    const [taiyuan, datong] = [await cityId("太原"), await cityId("大同")];
    await db.db.update(zones).set({ name: "甲开发区" }).where(eq(zones.id, ref.zoneId));
    const b = await createOtherZone(db.db);
    await db.db.update(zones).set({ name: "乙开发区", cityId: datong }).where(eq(zones.id, b.zoneId));
    const c = await createOtherZone(db.db);
    await db.db.update(zones).set({ name: "丙开发区", cityId: taiyuan }).where(eq(zones.id, c.zoneId));
    const aCompany = ref.companies.find((x) => x.kind === "attraction")!;
    const aOwner = await createUser(db.db, { zoneId: ref.zoneId, companyId: aCompany.id, role: "staff", displayName: "甲区跟进人张三" });
    const bStaff = await createUser(db.db, { zoneId: b.zoneId, companyId: b.companyId, role: "staff", displayName: "乙区专员" });
    const cStaff = await createUser(db.db, { zoneId: c.zoneId, companyId: c.companyId, role: "staff", displayName: "丙区专员" });
    // The province's pseudo-zone and its leaders (decision 019).
    const [province] = await db.db.insert(zones).values({ code: "province", name: "山西省", province: true }).returning();
    const provinceLeader = await createUser(db.db, { zoneId: province.id, companyId: null, role: "province_leader" });
    const [datongLeader] = await db.db
      .insert(users)
      .values({ zoneId: province.id, role: "city_leader", cityId: datong, login: "datong_leader", displayName: "大同市领导", passwordHash: "x" })
      .returning();
    const [taiyuanLeader] = await db.db
      .insert(users)
      .values({ zoneId: province.id, role: "city_leader", cityId: taiyuan, login: "taiyuan_leader", displayName: "太原市领导", passwordHash: "x" })
      .returning();
    return {
      ref,
      aCompany,
      aOwner,
      b,
      c,
      bStaff: viewerOf(bStaff),
      cStaff: viewerOf(cStaff),
      aStaff: viewerOf(aOwner),
      provinceLeader: viewerOf(provinceLeader),
      datongLeader: viewerOf(datongLeader),
      taiyuanLeader: viewerOf(taiyuanLeader),
    };
  }

  /** An investor of zone A followed by a project of zone A's company (owned by 甲区跟进人张三). */
  async function followedInA(name: string, opts: { uscc?: string | null; status?: "active" | "lost"; confidential?: boolean } = {}) {
    const [investor] = await db.db
      .insert(investors)
      .values({ zoneId: w.ref.zoneId, name, uscc: opts.uscc === undefined ? newUscc() : opts.uscc })
      .returning();
    const project = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      companyId: w.aCompany.id,
      clusterId: w.aCompany.clusterId!,
      ownerId: w.aOwner.id,
      investorId: investor.id,
      name: `${name}的甲区机密项目`,
      status: opts.status,
      confidential: opts.confidential,
    });
    return { investor, project };
  }

  async function followedIn(
    zone: { zoneId: number; companyId: number; clusterId: number },
    name: string,
    uscc: string | null,
    stage: ProjectStage = "lead",
  ) {
    const [investor] = await db.db.insert(investors).values({ zoneId: zone.zoneId, name, uscc }).returning();
    await createProject(db.db, {
      zoneId: zone.zoneId,
      companyId: zone.companyId,
      clusterId: zone.clusterId,
      ownerId: null,
      investorId: investor.id,
      stage,
    });
    return investor;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  describe("the duplicate check looks at the other zones", () => {
    it("the same code in another zone: that zone's city and name, matched by code", async () => {
      const uscc = newUscc();
      await followedInA("山西同码科技有限公司", { uscc });
      expect(await findOtherZonesFollowing(w.bStaff, { name: "完全不同的名字公司", uscc })).toEqual([{ zone: "太原 · 甲开发区", match: "uscc" }]);
    });

    it("the same name, and a similar name, as the zone's own check", async () => {
      await followedInA("晋阳同名重工有限公司", { uscc: null });
      expect(await findOtherZonesFollowing(w.bStaff, { name: "晋阳同名重工有限公司" })).toEqual([{ zone: "太原 · 甲开发区", match: "name" }]);
      expect(await findOtherZonesFollowing(w.bStaff, { name: "晋阳同名重工" })).toEqual([{ zone: "太原 · 甲开发区", match: "similar" }]);
    });

    it("nothing for an unrelated name, a lost project, or the viewer's own zone", async () => {
      expect(await findOtherZonesFollowing(w.bStaff, { name: "毫不相干的海产贸易公司" })).toEqual([]);
      await followedInA("已终止洽谈材料有限公司", { status: "lost" });
      expect(await findOtherZonesFollowing(w.bStaff, { name: "已终止洽谈材料有限公司" })).toEqual([]);
      // Zone A's own staff: their own zone is the zone's check, not a warning about another zone.
      await followedInA("本区自有投资有限公司");
      expect(await findOtherZonesFollowing(w.aStaff, { name: "本区自有投资有限公司" })).toEqual([]);
    });

    it("several zones: each named once, the best match first", async () => {
      const uscc = newUscc();
      await followedInA("三区共追新能源有限公司", { uscc });
      await followedIn(w.c, "三区共追新能源", null);
      expect(await findOtherZonesFollowing(w.bStaff, { name: "三区共追新能源有限公司", uscc })).toEqual([
        { zone: "太原 · 甲开发区", match: "uscc" },
        { zone: "太原 · 丙开发区", match: "similar" },
      ]);
    });

    it("the JSON of /api/investor-matches names the zone and nothing else of it", async () => {
      const uscc = newUscc();
      const { investor, project } = await followedInA("保密追踪半导体有限公司", { uscc, confidential: true });
      const login = await createUserSession({ userId: w.bStaff.id, request: new Request("http://x/login"), clientIp: "127.0.0.1", redirectTo: "/" });
      const cookie = login.headers.get("Set-Cookie")!.split(";")[0];
      const url = `http://x/api/investor-matches?${new URLSearchParams({ name: "保密追踪半导体有限公司", uscc })}`;
      const response = await matchesLoader({
        request: new Request(url, { headers: { Cookie: cookie } }),
        params: {},
        context: { nonce: "", clientIp: "127.0.0.1" },
      });
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ matches: [], otherZones: [{ zone: "太原 · 甲开发区", match: "uscc" }] });
      for (const secret of [w.aOwner.displayName, w.aCompany.name, project.name, project.code]) {
        expect(text, secret).not.toContain(secret);
      }
      expect(text).not.toMatch(new RegExp(`\\b${investor.id}\\b`));
      expect(text).not.toContain(`"id"`);
    });

    it("a warning, never a block: zone B registers the investor, and is told which zone follows it", async () => {
      const uscc = newUscc();
      await followedInA("登记不拦截化工有限公司", { uscc });
      const result = await createInvestor(w.bStaff, createInvestorSchema.parse({ name: "登记不拦截化工有限公司", uscc, contacts: [] }));
      expect(result.kind).toBe("ok");
      if (result.kind !== "ok") return;
      expect(result.value.otherZones).toEqual([{ zone: "太原 · 甲开发区", match: "uscc" }]);
      const [saved] = await db.db.select({ zoneId: investors.zoneId }).from(investors).where(eq(investors.id, result.value.id));
      expect(saved.zoneId).toBe(w.b.zoneId);
    });
  });

  describe("the province's list of investors several zones follow", () => {
    it("groups by code, then by normalised name; each zone's furthest stage, since when, projects with confidential counted", async () => {
      const uscc = newUscc();
      await followedInA("省级列表光伏有限公司", { uscc, confidential: true });
      await followedIn(w.b, "省级列表光伏（集团）", uscc, "negotiating");
      await followedIn(w.c, "省级列表光伏有限公司", uscc, "signed");
      // No code anywhere: grouped by name, spaces and bracket widths ignored.
      await followedIn(w.b, "无码 装备(山西)有限公司", null);
      await followedIn(w.c, "无码装备（山西）有限公司", null, "contacted");
      // Followed by one zone only: not listed.
      await followedIn(w.b, "只有乙区跟进的公司", newUscc());

      const all = await listAllSharedInvestors(w.provinceLeader, 1000);
      const byCode = all.find((r) => r.uscc === uscc)!;
      expect(byCode.zones.map((z) => [z.zone, z.furthestStage, z.projects, z.confidential])).toEqual([
        ["太原 · 甲开发区", "lead", 1, 1],
        ["太原 · 丙开发区", "signed", 1, 0],
        ["大同 · 乙开发区", "negotiating", 1, 0],
      ]);
      expect(byCode.zones.every((z) => /^\d{4}-\d{2}-\d{2}$/.test(z.since))).toBe(true);
      const byName = all.find((r) => r.key === "n:无码装备(山西)有限公司")!;
      expect(byName.zones.map((z) => z.zone)).toEqual(["太原 · 丙开发区", "大同 · 乙开发区"]);
      expect(all.some((r) => r.name === "只有乙区跟进的公司")).toBe(false);
      // No project is named, the confidential one least of all.
      expect(JSON.stringify(all)).not.toContain("机密项目");
    });

    it("a city leader sees the groups with a zone in their city, with all their zones; zone people see nothing", async () => {
      await followedInA("只在太原两区的公司", { uscc: null });
      await followedIn(w.c, "只在太原两区的公司", null);
      const province = await listAllSharedInvestors(w.provinceLeader, 1000);
      const datong = await listAllSharedInvestors(w.datongLeader, 1000);
      const taiyuan = await listAllSharedInvestors(w.taiyuanLeader, 1000);
      expect(province.some((r) => r.name === "只在太原两区的公司")).toBe(true);
      expect(taiyuan.some((r) => r.name === "只在太原两区的公司")).toBe(true);
      expect(datong.some((r) => r.name === "只在太原两区的公司")).toBe(false);
      // Every group 大同's leader sees has a zone in 大同, and shows the 太原 zones too.
      expect(datong.length).toBeGreaterThan(0);
      for (const r of datong) expect(r.zones.some((z) => z.city === "大同")).toBe(true);
      expect(datong.some((r) => r.zones.some((z) => z.city === "太原"))).toBe(true);
      expect((await listSharedInvestors(w.bStaff, { size: 25 })).rows).toEqual([]);
    });

    it("pages by keyset: every group once, in order, across pages of 25", async () => {
      for (let i = 0; i < 30; i++) {
        const uscc = newUscc();
        await followedIn(w.b, `分页测试${i}号有限公司`, uscc);
        await followedIn(w.c, `分页测试${i}号有限公司`, uscc);
      }
      const first = await listSharedInvestors(w.provinceLeader, { size: 25 });
      expect(first.rows).toHaveLength(25);
      expect(first.nextCursor).toBeDefined();
      const second = await listSharedInvestors(w.provinceLeader, { size: 25, after: first.nextCursor });
      const keys = [...first.rows, ...second.rows].map((r) => r.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(first.total);
      expect(second.nextCursor).toBeUndefined();
      // Most zones first.
      const counts = [...first.rows, ...second.rows].map((r) => r.zones.length);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });
  });
});
