import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { clock } from "../../app/lib/clock";
import { createApiToken, requireApiUser } from "../../app/modules/auth/api-token.server";
import { authenticate } from "../../app/modules/auth/auth.server";
import { authConfig } from "../../app/modules/auth/config.server";
import { requireUserForm } from "../../app/modules/auth/csrf.server";
import { createUserSession, getSessionUser, safeRedirect } from "../../app/modules/auth/session.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createUser, TEST_PASSWORD } from "../support/factories";

async function signIn(userId: number) {
  const response = await createUserSession({
    userId,
    request: new Request("http://localhost/login"),
    clientIp: "127.0.0.1",
    redirectTo: "/",
  });
  const cookie = response.headers.get("Set-Cookie")!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  return cookie.split(";")[0];
}

const requestWith = (cookie: string, init?: RequestInit) =>
  new Request("http://localhost/projects", { ...init, headers: { Cookie: cookie, ...(init?.headers ?? {}) } });

describe.each(databaseKinds())("signing in and staying signed in (%s)", (kind) => {
  let db: TestDatabase;
  let zoneId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    zoneId = (await createReferenceZone(db.db)).zoneId;
  });
  afterAll(() => db?.dispose());
  afterEach(() => clock.reset());

  it("accepts the right password and refuses a wrong one or an unknown login with the same answer", async () => {
    const user = await createUser(db.db, { zoneId, companyId: null, role: "admin" });
    expect(await authenticate(user.login, TEST_PASSWORD, "10.0.0.1")).toMatchObject({ ok: true, userId: user.id });
    expect(await authenticate(` ${user.login.toUpperCase()} `, TEST_PASSWORD, "10.0.0.1")).toMatchObject({ ok: true });
    expect(await authenticate(user.login, "wrong-password-123", "10.0.0.1")).toEqual({ ok: false, reason: "failed" });
    expect(await authenticate("nobody-here", TEST_PASSWORD, "10.0.0.1")).toEqual({ ok: false, reason: "failed" });
  });

  it("a disabled user cannot sign in, and their open session ends at the next request", async () => {
    const user = await createUser(db.db, { zoneId, companyId: null, role: "leader" });
    const cookie = await signIn(user.id);
    expect((await getSessionUser(requestWith(cookie)))?.id).toBe(user.id);
    await db.db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await getSessionUser(requestWith(cookie))).toBeNull();
    expect(await authenticate(user.login, TEST_PASSWORD, "10.0.0.2")).toEqual({ ok: false, reason: "failed" });
  });

  it("a page's loaders asking at once share one session lookup, and the next request asks the database again", async () => {
    const user = await createUser(db.db, { zoneId, companyId: null, role: "leader" });
    const cookie = await signIn(user.id);
    const [root, layout, page] = await Promise.all([
      getSessionUser(requestWith(cookie)),
      getSessionUser(requestWith(cookie)),
      getSessionUser(requestWith(cookie)),
    ]);
    expect(root?.id).toBe(user.id);
    expect(layout).toBe(root);
    // One lookup answered all three: the very same object (three queries would each build their own).
    expect(page).toBe(root);
    // Signed out in between: the next lookup is not served from the one before.
    await db.db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await getSessionUser(requestWith(cookie))).toBeNull();
  });

  it("locks a login after repeated failures, even for the right password, then lets it in after the window", async () => {
    const user = await createUser(db.db, { zoneId, companyId: null, role: "admin" });
    for (let i = 0; i < authConfig.maxFailuresPerLogin; i++) {
      expect((await authenticate(user.login, `bad-password-${i}`, `10.1.0.${i}`)).ok).toBe(false);
    }
    expect(await authenticate(user.login, TEST_PASSWORD, "10.1.1.1")).toMatchObject({ ok: false, reason: "throttled" });
    clock.advance(authConfig.throttleWindowMs + 1000);
    expect(await authenticate(user.login, TEST_PASSWORD, "10.1.1.1")).toMatchObject({ ok: true });
  });

  it("locks an address that tries many logins", async () => {
    for (let i = 0; i < authConfig.maxFailuresPerIp; i++) await authenticate(`guess${i}`, "nope-nope-nope", "10.9.9.9");
    const user = await createUser(db.db, { zoneId, companyId: null, role: "admin" });
    expect(await authenticate(user.login, TEST_PASSWORD, "10.9.9.9")).toMatchObject({ ok: false, reason: "throttled" });
    expect(await authenticate(user.login, TEST_PASSWORD, "10.9.9.10")).toMatchObject({ ok: true });
  });

  it("ends an idle session and a session past its absolute lifetime", async () => {
    const user = await createUser(db.db, { zoneId, companyId: null, role: "admin" });
    const idle = await signIn(user.id);
    clock.advance(authConfig.idleTimeoutMs + 60_000);
    expect(await getSessionUser(requestWith(idle))).toBeNull();

    clock.reset();
    const busy = await signIn(user.id);
    // Active every hour: never idle, but the absolute lifetime still ends it.
    const steps = Math.ceil(authConfig.absoluteLifetimeMs / 3_600_000);
    for (let i = 0; i < steps - 1; i++) {
      clock.advance(3_600_000);
      expect(await getSessionUser(requestWith(busy))).not.toBeNull();
    }
    clock.advance(3_600_000);
    expect(await getSessionUser(requestWith(busy))).toBeNull();
  });

  it("stores only a hash of the session id and issues a new id at every sign-in", async () => {
    const user = await createUser(db.db, { zoneId, companyId: null, role: "admin" });
    const first = await signIn(user.id);
    const second = await signIn(user.id);
    expect(first).not.toBe(second);
    const rows = await db.db.select({ idHash: sessions.idHash }).from(sessions).where(eq(sessions.userId, user.id));
    const raw = decodeURIComponent(first.split("=")[1]);
    expect(rows.some((r) => raw.includes(r.idHash))).toBe(false);
  });

  it("refuses a form without the session's CSRF token", async () => {
    // Staff: an admin without a second factor would be sent to enrol first (tests/integration/auth-hardening.test.ts).
    const user = await createUser(db.db, { zoneId, companyId: null, role: "staff" });
    const cookie = await signIn(user.id);
    const session = (await getSessionUser(requestWith(cookie)))!;
    const post = (body: URLSearchParams) =>
      requireUserForm(requestWith(cookie, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
    await expect(post(new URLSearchParams({ csrf: "forged" }))).rejects.toMatchObject({ init: { status: 403 } });
    await expect(post(new URLSearchParams({}))).rejects.toMatchObject({ init: { status: 403 } });
    const ok = await post(new URLSearchParams({ csrf: session.csrfToken, name: "x" }));
    expect(ok.form.get("name")).toBe("x");
  });

  it("only redirects to paths on this site after sign-in", () => {
    expect(safeRedirect("/projects?owner=me", "/")).toBe("/projects?owner=me");
    expect(safeRedirect("//evil.example", "/")).toBe("/");
    expect(safeRedirect("https://evil.example", "/")).toBe("/");
    expect(safeRedirect("/\\evil.example", "/")).toBe("/");
  });

  it("accepts a bearer token for its user's rights and refuses a missing, wrong or disabled user's token", async () => {
    const user = await createUser(db.db, { zoneId, companyId: null, role: "leader" });
    const token = await createApiToken(db.db, user.id);
    const call = (auth?: string) => requireApiUser(new Request("http://localhost/api/v1/me", { headers: auth ? { Authorization: auth } : {} }));
    expect(await call(`Bearer ${token}`)).toMatchObject({ id: user.id, role: "leader", zoneId });
    await expect(call()).rejects.toMatchObject({ status: 401 });
    await expect(call(`Bearer ${token}x`)).rejects.toMatchObject({ status: 401 });
    await expect(call(`Basic ${token}`)).rejects.toMatchObject({ status: 401 });
    await db.db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    await expect(call(`Bearer ${token}`)).rejects.toMatchObject({ status: 401 });
  });
});
