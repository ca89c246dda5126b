// Zones as data (issue 20 item 1): a province admin's one function makes a whole zone — or nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, ne } from "drizzle-orm";
import { auditLog, cities, clusters, companies, serviceDeadlines, users, zones } from "../../db/schema";
import { REFERENCE_CLUSTERS, REFERENCE_OTHER_COMPANIES } from "../../db/seed/reference";
import { DEFAULT_SERVICE_DEADLINES } from "../../app/lib/domain-values";
import { authenticate } from "../../app/modules/auth/auth.server";
import { createZone, ensureProvinceAdmin, findCity, listZones } from "../../app/modules/zones/zones.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createUser, testPasswordHash } from "../support/factories";
import { updateCompany } from "../../app/modules/companies/companies.server";
import { createZoneUser, listAssignableCompanies, updateZoneUser } from "../../app/modules/admin/users.server";

const PASSWORD = "Zone-Admin-Pass-2026";

describe.each(databaseKinds())("creating a zone (%s)", (kind) => {
  let db: TestDatabase;
  let referenceZoneId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    referenceZoneId = (await createReferenceZone(db.db)).zoneId;
  });
  afterAll(() => db?.dispose());

  const countIn = async (table: typeof companies | typeof clusters | typeof users | typeof serviceDeadlines, zoneId: number) =>
    (await db.db.select({ n: count() }).from(table).where(eq(table.zoneId, zoneId)))[0].n;

  it("the province's 11 cities are there, and the reference zone is in 太原", async () => {
    const names = (await db.db.select({ name: cities.name }).from(cities).orderBy(cities.sortOrder)).map((c) => c.name);
    expect(names).toEqual(["太原", "大同", "阳泉", "长治", "晋城", "朔州", "晋中", "运城", "忻州", "临汾", "吕梁"]);
    const [ref] = await db.db
      .select({ city: cities.name })
      .from(zones)
      .innerJoin(cities, eq(cities.id, zones.cityId))
      .where(eq(zones.id, referenceZoneId));
    expect(ref.city).toBe("太原");
  });

  it("makes the zone in its city with its committee, the template's companies and clusters, settings and admin", async () => {
    const city = await findCity(db.db, "大同市");
    const result = await createZone({ code: "dtkfq", name: "大同经济技术开发区", cityId: city!.id, password: PASSWORD }, { actorId: null });
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    const { zoneId, adminLogin } = result.value;
    expect(adminLogin).toBe("dtkfq_admin");

    const [zone] = await db.db.select().from(zones).where(eq(zones.id, zoneId));
    expect(zone).toMatchObject({ code: "dtkfq", name: "大同经济技术开发区", cityId: city!.id, province: false });

    // The committee, one attraction company per cluster (with that cluster), the service and platform companies.
    const made = await db.db
      .select({ name: companies.name, code: companies.code, kind: companies.kind, cluster: clusters.name, hotline: companies.hotline })
      .from(companies)
      .leftJoin(clusters, eq(clusters.id, companies.clusterId))
      .where(eq(companies.zoneId, zoneId));
    expect(made.filter((c) => c.kind === "committee")).toHaveLength(1);
    const attraction = made.filter((c) => c.kind === "attraction");
    expect(attraction.map((c) => c.cluster).sort()).toEqual(REFERENCE_CLUSTERS.map((c) => c.name).sort());
    expect(attraction.find((c) => c.code === "bdt")?.cluster).toBe("半导体");
    expect(made.filter((c) => c.kind === "service" || c.kind === "platform").map((c) => c.code)).toEqual(
      REFERENCE_OTHER_COMPANIES.map((c) => c.code),
    );
    expect(made.filter((c) => c.hotline).map((c) => c.code)).toEqual(["zh"]);
    expect(await countIn(clusters, zoneId)).toBe(14);
    // Its clusters are its own, not the reference zone's.
    const foreign = await db.db
      .select({ n: count() })
      .from(companies)
      .innerJoin(clusters, eq(clusters.id, companies.clusterId))
      .where(and(eq(companies.zoneId, zoneId), ne(clusters.zoneId, zoneId)));
    expect(foreign[0].n).toBe(0);

    const deadlines = await db.db
      .select({ type: serviceDeadlines.type, days: serviceDeadlines.days })
      .from(serviceDeadlines)
      .where(eq(serviceDeadlines.zoneId, zoneId));
    expect(Object.fromEntries(deadlines.map((d) => [d.type, d.days]))).toEqual(DEFAULT_SERVICE_DEADLINES);

    const people = await db.db
      .select({ login: users.login, role: users.role, companyId: users.companyId })
      .from(users)
      .where(eq(users.zoneId, zoneId));
    expect(people).toEqual([{ login: "dtkfq_admin", role: "admin", companyId: null }]);

    const audit = await db.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "zone"), eq(auditLog.entityId, zoneId)));
    expect(audit.map((a) => a.action)).toEqual(["create"]);
  });

  it("its admin signs in with the password given", async () => {
    const signedIn = await authenticate("dtkfq_admin", PASSWORD, "10.0.0.1");
    expect(signedIn).toMatchObject({ ok: true, role: "admin" });
    const wrong = await authenticate("dtkfq_admin", "Not-The-Password-1", "10.0.0.1");
    expect(wrong.ok).toBe(false);
  });

  it("refuses an existing code with nothing half-written", async () => {
    const before = await Promise.all([
      db.db.select({ n: count() }).from(zones),
      db.db.select({ n: count() }).from(companies),
      db.db.select({ n: count() }).from(users),
    ]);
    const again = await createZone({ code: "DTKFQ", name: "另一个名字开发区", password: PASSWORD }, { actorId: null });
    expect(again).toEqual({ kind: "invalid", fieldErrors: { code: "zones.validation.codeTaken" } });
    // An existing zone's code (the reference zone's "demo") is refused the same way.
    expect((await createZone({ code: "demo", name: "示范区二", password: PASSWORD }, { actorId: null })).kind).toBe("invalid");
    const after = await Promise.all([
      db.db.select({ n: count() }).from(zones),
      db.db.select({ n: count() }).from(companies),
      db.db.select({ n: count() }).from(users),
    ]);
    expect(after).toEqual(before);
  });

  it("refuses bad input field by field, and a failure half-way leaves nothing", async () => {
    const bad = (code: string, name = "测试开发区", password = PASSWORD, cityId?: number) =>
      createZone({ code, name, password, cityId }, { actorId: null });
    expect(await bad("a")).toMatchObject({ fieldErrors: { code: "zones.validation.code" } });
    expect(await bad("has-dash")).toMatchObject({ fieldErrors: { code: "zones.validation.code" } });
    expect(await bad("abcdefghijklmnopq")).toMatchObject({ fieldErrors: { code: "zones.validation.code" } });
    expect(await bad("okcode", "区")).toMatchObject({ fieldErrors: { name: "zones.validation.name" } });
    expect(await bad("okcode", "测试开发区", "short")).toMatchObject({ fieldErrors: { password: "validation.passwordLength" } });
    expect(await bad("okcode", "测试开发区", "password1234")).toMatchObject({ fieldErrors: { password: "validation.passwordCommon" } });
    expect(await bad("okcode", "测试开发区", PASSWORD, 999999)).toMatchObject({ fieldErrors: { cityId: "zones.validation.city" } });
    // The admin's login is taken by someone else: found before anything is written.
    await db.db
      .insert(users)
      .values({ zoneId: referenceZoneId, login: "clash_admin", displayName: "占用者", role: "staff", passwordHash: await testPasswordHash() });
    expect(await bad("clash")).toMatchObject({ fieldErrors: { code: "zones.validation.adminTaken" } });
    expect(await db.db.select().from(zones).where(eq(zones.code, "okcode"))).toEqual([]);
    expect(await db.db.select().from(zones).where(eq(zones.code, "clash"))).toEqual([]);
  });

  it("two requests for the same new code at once: one zone, the other refused", async () => {
    const results = await Promise.all([1, 2].map((n) => createZone({ code: "race", name: `竞争开发区${n}`, password: PASSWORD }, { actorId: null })));
    expect(results.map((r) => r.kind).sort()).toEqual(["invalid", "ok"]);
    const [zone] = await db.db.select({ id: zones.id }).from(zones).where(eq(zones.code, "race"));
    expect(await countIn(companies, zone.id)).toBe(19);
    expect((await db.db.select({ n: count() }).from(zones).where(eq(zones.code, "race")))[0].n).toBe(1);
  });

  it("the province list shows each zone with its city, companies, users and admin, never the province's own", async () => {
    await ensureProvinceAdmin(db.db, { passwordHash: await testPasswordHash() });
    const list = await listZones();
    const dt = list.find((z) => z.code === "dtkfq")!;
    expect(dt).toMatchObject({ name: "大同经济技术开发区", city: "大同", companies: 18, users: 1, admins: ["dtkfq_admin"] });
    expect(list.find((z) => z.code === "demo")).toMatchObject({ city: "太原", admins: ["admin"] });
    expect(list.map((z) => z.code)).not.toContain("province");
    // The province admin lives in the province's pseudo-zone, which holds nothing else.
    const [pa] = await db.db.select({ zoneId: users.zoneId, role: users.role }).from(users).where(eq(users.login, "province_admin"));
    const [home] = await db.db.select({ province: zones.province }).from(zones).where(eq(zones.id, pa.zoneId));
    expect(pa.role).toBe("province_admin");
    expect(home.province).toBe(true);
    expect(await countIn(companies, pa.zoneId)).toBe(0);
  });

  it("two admins save the same company from the same version: the second is refused, told who, and loses nothing", async () => {
    const [dt] = await db.db.select({ id: zones.id }).from(zones).where(eq(zones.code, "dtkfq"));
    const admin1 = await createUser(db.db, { zoneId: dt.id, companyId: null, role: "admin", displayName: "管理员甲" });
    const admin2 = await createUser(db.db, { zoneId: dt.id, companyId: null, role: "admin", displayName: "管理员乙" });
    const [company] = await db.db
      .select({ id: companies.id, name: companies.name, shortName: companies.shortName, code: companies.code, version: companies.version })
      .from(companies)
      .where(and(eq(companies.zoneId, dt.id), eq(companies.kind, "service")));
    const v1 = { name: company.name, shortName: company.shortName, code: company.code ?? undefined, active: true, version: company.version };
    const first = await updateCompany({ ...admin1, zoneId: dt.id }, company.id, { ...v1, name: "甲改的名字" });
    expect(first.kind).toBe("ok");
    const second = await updateCompany({ ...admin2, zoneId: dt.id }, company.id, { ...v1, name: "乙改的名字", active: false });
    expect(second.kind).toBe("invalid");
    const message = second.kind === "invalid" ? second.fieldErrors._form : "";
    expect(message).toMatch(/^companies\.stale\|/);
    expect(message).toContain("by=管理员甲");
    const [now] = await db.db
      .select({ name: companies.name, active: companies.active, version: companies.version })
      .from(companies)
      .where(eq(companies.id, company.id));
    expect(now).toEqual({ name: "甲改的名字", active: true, version: company.version + 1 });
    // Saved again from the version just read, the second admin's change goes through.
    const retry = await updateCompany({ ...admin2, zoneId: dt.id }, company.id, { ...v1, name: "乙改的名字", version: now.version });
    expect(retry.kind).toBe("ok");
  });

  it("a retired company leaves the user form's list and takes no one new; who is in it may stay", async () => {
    const [dt] = await db.db.select({ id: zones.id }).from(zones).where(eq(zones.code, "dtkfq"));
    const admin = { ...(await createUser(db.db, { zoneId: dt.id, companyId: null, role: "admin" })), zoneId: dt.id };
    const [company] = await db.db
      .select({ id: companies.id, name: companies.name, shortName: companies.shortName, version: companies.version })
      .from(companies)
      .where(and(eq(companies.zoneId, dt.id), eq(companies.kind, "platform")));
    const member = await createUser(db.db, { zoneId: dt.id, companyId: company.id, role: "staff", displayName: "老员工" });
    const retired = await updateCompany(admin, company.id, {
      name: company.name,
      shortName: company.shortName,
      active: false,
      version: company.version,
    });
    expect(retired.kind).toBe("ok");

    expect((await listAssignableCompanies(admin)).map((c) => c.id)).not.toContain(company.id);
    expect((await listAssignableCompanies(admin, company.id)).map((c) => c.id)).toContain(company.id);
    const joining = await createZoneUser(admin, {
      login: "newcomer_dt",
      password: PASSWORD,
      displayName: "新人",
      role: "staff",
      companyId: company.id,
    });
    expect(joining).toEqual({ errors: { companyId: "validation.companyRetired" } });
    expect((await db.db.select({ n: count() }).from(users).where(eq(users.login, "newcomer_dt")))[0].n).toBe(0);
    const staying = await updateZoneUser(admin, member.id, { displayName: "老员工（改名）", role: "staff", companyId: company.id });
    expect(staying.kind).toBe("ok");
  });
});
