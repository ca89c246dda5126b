// The province's own accounts (decision 020): the province admin makes province and city leaders, who must change
// the chosen password at first sign-in; a city leader has a city; nothing half-written on a refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, desc, eq } from "drizzle-orm";
import { auditLog, cities, sessions, users } from "../../db/schema";
import { authenticate } from "../../app/modules/auth/auth.server";
import { accountFingerprint } from "../../app/modules/zones/province-accounts.schema";
import {
  createProvinceAccount,
  getProvinceAccount,
  listProvinceAccounts,
  updateProvinceAccount,
} from "../../app/modules/zones/province-accounts.server";
import { ensureProvinceAdmin } from "../../app/modules/zones/zones.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { testPasswordHash } from "../support/factories";

const PASSWORD = "Province-Leader-Pass-2026";

describe.each(databaseKinds())("province accounts (%s)", (kind) => {
  let db: TestDatabase;
  let actor: { id: number; zoneId: number };
  let datong: number;
  let taiyuan: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const admin = await ensureProvinceAdmin(db.db, { passwordHash: await testPasswordHash() });
    const [row] = await db.db.select({ zoneId: users.zoneId }).from(users).where(eq(users.id, admin.id));
    actor = { id: admin.id, zoneId: row.zoneId };
    [{ id: datong }] = await db.db.select({ id: cities.id }).from(cities).where(eq(cities.code, "datong"));
    [{ id: taiyuan }] = await db.db.select({ id: cities.id }).from(cities).where(eq(cities.code, "taiyuan"));
  });
  afterAll(() => db?.dispose());

  const accountsNamed = async (login: string) => (await db.db.select({ n: count() }).from(users).where(eq(users.login, login)))[0].n;

  it("makes a province leader and a city leader in the province's zone, each forced to change the password", async () => {
    const leader = await createProvinceAccount(actor, {
      login: "sheng_ld",
      displayName: "省领导",
      role: "province_leader",
      cityId: datong,
      password: PASSWORD,
    });
    const city = await createProvinceAccount(actor, {
      login: "dt_ld",
      displayName: "大同市领导",
      role: "city_leader",
      cityId: datong,
      password: PASSWORD,
    });
    expect(leader.kind).toBe("ok");
    expect(city.kind).toBe("ok");
    const list = await listProvinceAccounts();
    // A province leader reads every city: the city picked by mistake is not kept.
    expect(list.find((a) => a.login === "sheng_ld")).toMatchObject({ role: "province_leader", city: null, mustChangePassword: true });
    expect(list.find((a) => a.login === "dt_ld")).toMatchObject({ role: "city_leader", city: "大同", mustChangePassword: true });
    expect(list.find((a) => a.login === "province_admin")).toMatchObject({ role: "province_admin" });
    const [made] = await db.db.select({ zoneId: users.zoneId }).from(users).where(eq(users.login, "dt_ld"));
    expect(made.zoneId).toBe(actor.zoneId);
    const signedIn = await authenticate("dt_ld", PASSWORD, "10.0.0.2");
    expect(signedIn).toMatchObject({ ok: true, role: "city_leader" });
  });

  it("refuses a city leader without a city, a taken login and a common password, writing nothing", async () => {
    expect(await createProvinceAccount(actor, { login: "nocity", displayName: "无城市", role: "city_leader", password: PASSWORD })).toEqual({
      kind: "invalid",
      fieldErrors: { cityId: "province.accounts.cityRequired" },
    });
    expect(await accountsNamed("nocity")).toBe(0);
    const taken = await createProvinceAccount(actor, { login: "sheng_ld", displayName: "重复", role: "province_leader", password: PASSWORD });
    expect(taken).toEqual({ kind: "invalid", fieldErrors: { login: "validation.loginTaken" } });
    const weak = await createProvinceAccount(actor, { login: "weakpw", displayName: "弱密码", role: "province_leader", password: "password123" });
    expect(weak).toEqual({ kind: "invalid", fieldErrors: { password: "validation.passwordCommon" } });
    expect(await accountsNamed("weakpw")).toBe(0);
    // A city that does not exist.
    const ghost = await createProvinceAccount(actor, {
      login: "ghostcity",
      displayName: "幽灵",
      role: "city_leader",
      cityId: 999_999,
      password: PASSWORD,
    });
    expect(ghost).toEqual({ kind: "invalid", fieldErrors: { cityId: "zones.validation.city" } });
  });

  it("the same new login asked twice at once: one account, the other refused", async () => {
    const input = { login: "race_ld", displayName: "并发", role: "province_leader", password: PASSWORD } as const;
    const results = await Promise.all([createProvinceAccount(actor, input), createProvinceAccount(actor, input)]);
    expect(results.map((r) => r.kind).sort()).toEqual(["invalid", "ok"]);
    expect(await accountsNamed("race_ld")).toBe(1);
  });

  it("the database itself refuses a city leader without a city and a city on another role", async () => {
    const base = { zoneId: actor.zoneId, displayName: "直写", passwordHash: await testPasswordHash() };
    await expect(db.db.insert(users).values({ ...base, login: "raw_city", role: "city_leader" })).rejects.toThrow();
    await expect(db.db.insert(users).values({ ...base, login: "raw_staff", role: "province_leader", cityId: datong })).rejects.toThrow();
  });

  it("moves a city leader to another city: their sessions end, the move is audited; a stale form is refused", async () => {
    const made = await createProvinceAccount(actor, {
      login: "move_ld",
      displayName: "调任市领导",
      role: "city_leader",
      cityId: datong,
      password: PASSWORD,
    });
    if (made.kind !== "ok") throw new Error("not made");
    const id = made.value.id;
    const sessionsOf = async () => (await db.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, id)))[0].n;
    await db.db.insert(sessions).values({ idHash: "move-ld-session", userId: id, csrfToken: "x", expiresAt: new Date(Date.now() + 3_600_000) });
    const filled = await getProvinceAccount(id);
    if (!filled) throw new Error("not found");
    const seen = accountFingerprint(filled);

    // Only the name changes: the scope is the same, the session stays.
    expect(await updateProvinceAccount(actor, id, { displayName: "大同市领导（新）", role: "city_leader", cityId: datong, seen })).toEqual({
      kind: "ok",
      value: undefined,
    });
    expect(await sessionsOf()).toBe(1);

    // The same form sent again was filled before that save: refused, nothing written.
    expect(await updateProvinceAccount(actor, id, { displayName: "调任市领导", role: "city_leader", cityId: taiyuan, seen })).toEqual({
      kind: "invalid",
      fieldErrors: { _form: "province.accounts.stale" },
    });
    expect((await getProvinceAccount(id))?.cityId).toBe(datong);

    const fresh = accountFingerprint((await getProvinceAccount(id))!);
    expect(await updateProvinceAccount(actor, id, { displayName: "太原市领导", role: "city_leader", cityId: taiyuan, seen: fresh })).toMatchObject({
      kind: "ok",
    });
    expect(await getProvinceAccount(id)).toMatchObject({ cityId: taiyuan, displayName: "太原市领导" });
    expect(await sessionsOf()).toBe(0);
    const [audit] = await db.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, id), eq(auditLog.action, "update")))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({ before: { cityId: datong }, after: { cityId: taiyuan } });

    // Made a province leader, the city is dropped; a city leader without one is refused.
    const asLeader = await updateProvinceAccount(actor, id, {
      displayName: "太原市领导",
      role: "city_leader",
      seen: accountFingerprint((await getProvinceAccount(id))!),
    });
    expect(asLeader).toEqual({ kind: "invalid", fieldErrors: { cityId: "province.accounts.cityRequired" } });
    const promoted = await updateProvinceAccount(actor, id, {
      displayName: "省领导（原太原）",
      role: "province_leader",
      cityId: taiyuan,
      seen: accountFingerprint((await getProvinceAccount(id))!),
    });
    expect(promoted).toMatchObject({ kind: "ok" });
    expect(await getProvinceAccount(id)).toMatchObject({ role: "province_leader", cityId: null });
  });

  it("is not for the province admin's own account nor for any zone's user", async () => {
    expect(await getProvinceAccount(actor.id)).toBeUndefined();
    const input = { displayName: "改名", role: "province_leader", seen: "province_admin||省管理员" } as const;
    expect(await updateProvinceAccount(actor, actor.id, input)).toEqual({ kind: "notFound" });
  });
});
