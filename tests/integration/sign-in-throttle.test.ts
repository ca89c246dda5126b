// Password guessing against the throttle (issue 16): attempts that arrive at once are counted before any is checked,
// and strangers cannot lock the real user out: a browser that signed in before (device cookie) keeps signing in.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { auditLog, loginAttempts, notifications, trustedDevices } from "../../db/schema";
import { clock } from "../../app/lib/clock";
import { endSessionsOf } from "../../app/modules/admin/users.server";
import { authenticate } from "../../app/modules/auth/auth.server";
import { authConfig } from "../../app/modules/auth/config.server";
import type { DeviceEntry } from "../../app/modules/auth/device.server";
import { issueDevice, readDeviceEntries } from "../../app/modules/auth/device.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createUser, TEST_PASSWORD } from "../support/factories";

// Counts the real password verifications (a refused attempt only does the dummy one, for equal timing).
const checked = vi.hoisted(() => ({ passwords: [] as string[] }));
vi.mock("../../app/modules/auth/password.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../app/modules/auth/password.server")>();
  return {
    ...original,
    verifyPassword: async (hash: string, password: string) => {
      checked.passwords.push(password);
      return original.verifyPassword(hash, password);
    },
  };
});

/** Signs in as a browser would and keeps the device cookie it is given. */
async function trustedBrowser(userId: number, login: string, entries: DeviceEntry[] = []) {
  const setCookie = await issueDevice({ userId, login, request: new Request("http://localhost/login"), entries, deviceId: null });
  return readDeviceEntries(new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0] } }));
}

describe.each(databaseKinds())("guessing passwords against the throttle (%s)", (kind) => {
  let db: TestDatabase;
  let zoneId: number;
  let adminId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    zoneId = ref.zoneId;
    adminId = ref.adminId;
  });
  afterAll(() => db?.dispose());
  afterEach(() => clock.reset());

  const staff = () => createUser(db.db, { zoneId, companyId: null, role: "staff" });

  it("checks at most five of fifty wrong passwords sent at once, and refuses the right one while locked", async () => {
    const user = await staff();
    checked.passwords.length = 0;
    // Built first, released together: every call starts before any has finished.
    const guesses = Array.from({ length: 50 }, (_, i) => () => authenticate(user.login, `wrong-guess-${i}`, `10.20.${i}.1`));
    const results = await Promise.all(guesses.map((guess) => guess()));
    const checkedGuesses = checked.passwords.filter((p) => p.startsWith("wrong-guess-"));
    expect(checkedGuesses.length).toBeLessThanOrEqual(authConfig.maxFailuresPerLogin);
    expect(results.filter((r) => !r.ok && r.reason === "failed")).toHaveLength(checkedGuesses.length);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(50 - authConfig.maxFailuresPerLogin);
    const rows = await db.db.select().from(loginAttempts).where(eq(loginAttempts.login, user.login));
    expect(rows.length).toBeLessThanOrEqual(authConfig.maxFailuresPerLogin);
    const failedAudit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "login_failed"), eq(auditLog.entityId, user.id)));
    expect(failedAudit.length).toBeLessThanOrEqual(authConfig.maxFailuresPerLogin);

    checked.passwords.length = 0;
    expect(await authenticate(user.login, TEST_PASSWORD, "10.20.99.1")).toMatchObject({ ok: false, reason: "throttled", lock: "login" });
    expect(checked.passwords).toEqual([]);
  });

  it("checks at most thirty guesses on made-up logins sent at once from one address", async () => {
    checked.passwords.length = 0;
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => () => authenticate(`made-up-${i}-${kind}`, "guess-guess-guess", "10.21.0.1")).map((g) => g()),
    );
    const failed = results.filter((r) => !r.ok && r.reason === "failed").length;
    expect(failed).toBeLessThanOrEqual(authConfig.maxFailuresPerIp);
    expect(results.filter((r) => !r.ok && r.reason === "throttled" && r.lock === "address")).toHaveLength(60 - failed);
    const rows = await db.db.select().from(loginAttempts).where(eq(loginAttempts.ip, "10.21.0.1"));
    expect(rows.length).toBeLessThanOrEqual(authConfig.maxFailuresPerIp);
  });

  it("a browser that signed in before keeps signing in while strangers are locked out of the login", async () => {
    const user = await staff();
    const browser = await trustedBrowser(user.id, user.login);
    for (let i = 0; i < authConfig.maxFailuresPerLogin; i++) {
      expect(await authenticate(user.login, `stranger-guess-${i}`, `10.22.0.${i}`)).toEqual({ ok: false, reason: "failed" });
    }
    // The stranger is refused, even with the right password, and stays refused.
    expect(await authenticate(user.login, TEST_PASSWORD, "10.22.1.1")).toMatchObject({ ok: false, reason: "throttled", lock: "login" });
    clock.advance(5 * 60_000);
    expect(await authenticate(user.login, TEST_PASSWORD, "10.22.1.1")).toMatchObject({ ok: false, reason: "throttled", lock: "login" });
    // The real user's browser is not.
    expect(await authenticate(user.login, TEST_PASSWORD, "10.22.2.2", browser)).toMatchObject({ ok: true, userId: user.id });
    // A cookie for another login, or a forged one, is a stranger's.
    const other = await staff();
    const otherBrowser = await trustedBrowser(other.id, other.login);
    expect(await authenticate(user.login, TEST_PASSWORD, "10.22.2.3", otherBrowser)).toMatchObject({ reason: "throttled" });
    const forged = [{ l: user.login, t: browser[0].t.slice(0, -4) + "AAAA" }];
    expect(await authenticate(user.login, TEST_PASSWORD, "10.22.2.4", forged)).toMatchObject({ reason: "throttled" });
  });

  it("thirty failures from one address do not stop another user's trusted browser behind it; strangers there wait", async () => {
    const colleague = await staff();
    const newcomer = await staff();
    const browser = await trustedBrowser(colleague.id, colleague.login);
    for (let i = 0; i < authConfig.maxFailuresPerIp; i++) await authenticate(`nobody-${kind}-${i}`, "nope-nope-nope", "10.23.0.1");
    expect(await authenticate(newcomer.login, TEST_PASSWORD, "10.23.0.1")).toMatchObject({ reason: "throttled", lock: "address" });
    expect(await authenticate(colleague.login, TEST_PASSWORD, "10.23.0.1", browser)).toMatchObject({ ok: true, userId: colleague.id });
    // After the window the address is open again.
    clock.advance(authConfig.throttleWindowMs + 1000);
    expect(await authenticate(newcomer.login, TEST_PASSWORD, "10.23.0.1")).toMatchObject({ ok: true });
  });

  it("a trusted browser has its own small budget, so a stolen cookie cannot guess on", async () => {
    const user = await staff();
    const browser = await trustedBrowser(user.id, user.login);
    for (let i = 0; i < authConfig.maxFailuresPerLogin; i++) {
      expect(await authenticate(user.login, `cookie-thief-${i}`, "10.24.0.1", browser)).toEqual({ ok: false, reason: "failed" });
    }
    expect(await authenticate(user.login, TEST_PASSWORD, "10.24.0.1", browser)).toMatchObject({ reason: "throttled", lock: "device" });
    // The thief's failures are the device's: strangers (and the user on a new browser) are not locked by them.
    expect(await authenticate(user.login, TEST_PASSWORD, "10.24.0.2")).toMatchObject({ ok: true });
    // Five more failures after the first wait: the second wait is twice as long.
    clock.advance(authConfig.throttleWindowMs + 1000);
    for (let i = 0; i < authConfig.maxFailuresPerLogin; i++) await authenticate(user.login, `cookie-thief-b${i}`, "10.24.0.1", browser);
    clock.advance(authConfig.throttleWindowMs + 1000);
    const again = await authenticate(user.login, TEST_PASSWORD, "10.24.0.1", browser);
    expect(again).toMatchObject({ reason: "throttled", lock: "device" });
    clock.advance(authConfig.throttleWindowMs);
    expect(await authenticate(user.login, TEST_PASSWORD, "10.24.0.1", browser)).toMatchObject({ ok: true });
  });

  it("strangers wait longer after each lock: fifteen minutes, then thirty", async () => {
    const user = await staff();
    for (let i = 0; i < 5; i++) await authenticate(user.login, `first-round-${i}`, "10.25.0.1");
    const first = await authenticate(user.login, TEST_PASSWORD, "10.25.0.2");
    expect(first).toMatchObject({ reason: "throttled", lock: "login" });
    const waitOf = (r: typeof first) => (r.ok === false && r.reason === "throttled" ? r.retryAfterMs : 0);
    expect(waitOf(first)).toBeGreaterThan(14 * 60_000);
    expect(waitOf(first)).toBeLessThanOrEqual(15 * 60_000);
    clock.advance(15 * 60_000 + 1000);
    for (let i = 0; i < 5; i++) expect((await authenticate(user.login, `second-round-${i}`, "10.25.0.1")).ok).toBe(false);
    const second = await authenticate(user.login, TEST_PASSWORD, "10.25.0.2");
    expect(waitOf(second)).toBeGreaterThan(29 * 60_000);
    expect(waitOf(second)).toBeLessThanOrEqual(30 * 60_000);
    clock.advance(16 * 60_000);
    expect(await authenticate(user.login, TEST_PASSWORD, "10.25.0.2")).toMatchObject({ reason: "throttled" });
    clock.advance(15 * 60_000);
    expect(await authenticate(user.login, TEST_PASSWORD, "10.25.0.2")).toMatchObject({ ok: true });
  });

  it("tells the user and the admins with a notice, and the audit log, when their login is locked", async () => {
    const user = await staff();
    for (let i = 0; i < authConfig.maxFailuresPerLogin; i++) await authenticate(user.login, `attack-${i}`, "10.26.0.9");
    await authenticate(user.login, TEST_PASSWORD, "10.26.0.9");
    const notices = await db.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "login_locked", params: { ip: "10.26.0.9", minutes: "15" }, link: "/account" });
    // The zone's admin is told whose login it was, with a link to the user.
    const adminNotices = await db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, adminId), eq(notifications.kind, "login_locked_admin")));
    expect(adminNotices.filter((n) => (n.params as { login?: string }).login === user.login)).toEqual([
      expect.objectContaining({
        params: { login: user.login, ip: "10.26.0.9", minutes: "15", lock: "login_locked" },
        link: `/admin/users/${user.id}`,
      }),
    ]);
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "auth"), eq(auditLog.entityId, user.id)));
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === "login_failed")).toHaveLength(authConfig.maxFailuresPerLogin);
    expect(actions.filter((a) => a === "login_locked")).toHaveLength(1);
    expect(actions.filter((a) => a === "login_throttled")).toHaveLength(1);
    expect(audit.find((a) => a.action === "login_locked")?.after).toMatchObject({ login: user.login, ip: "10.26.0.9", failures: 5, minutes: 15 });
    // An address lock is audited too (no one user to tell).
    for (let i = 0; i < authConfig.maxFailuresPerIp; i++) await authenticate(`ghost-${kind}-${i}`, "nope-nope-nope", "10.26.1.1");
    const addressLocks = await db.db.select().from(auditLog).where(eq(auditLog.action, "address_locked"));
    expect(addressLocks.some((a) => (a.after as { ip?: string }).ip === "10.26.1.1")).toBe(true);
  });

  it("an admin ending a user's sessions revokes their trusted browsers", async () => {
    const user = await staff();
    const browser = await trustedBrowser(user.id, user.login);
    for (let i = 0; i < authConfig.maxFailuresPerLogin; i++) await authenticate(user.login, `lock-it-${i}`, "10.27.0.1");
    expect(await authenticate(user.login, TEST_PASSWORD, "10.27.0.2", browser)).toMatchObject({ ok: true });
    await endSessionsOf({ id: adminId, zoneId, companyId: null, role: "admin" }, user.id);
    expect(await authenticate(user.login, TEST_PASSWORD, "10.27.0.2", browser)).toMatchObject({ reason: "throttled", lock: "login" });
    const devices = await db.db.select().from(trustedDevices).where(eq(trustedDevices.userId, user.id));
    expect(devices.every((d) => d.revokedAt !== null)).toBe(true);
    // Only the token's hash is kept.
    expect(devices.some((d) => d.tokenHash.includes(browser[0].t))).toBe(false);
  });

  it("keeps no password in the attempts it records", async () => {
    const rows = await db.db.select().from(loginAttempts).where(like(loginAttempts.login, "%"));
    expect(JSON.stringify(rows)).not.toMatch(/wrong-guess|cookie-thief|attack-/);
  });
});
