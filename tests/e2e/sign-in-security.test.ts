// Sign-in, second factor, sessions and security headers through the real server (issue 9).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/index";
import { databaseKinds } from "../support/db";
import { createReferenceZone, TEST_PASSWORD } from "../support/factories";
import { outcomeOf } from "../support/matrix";
import { deviceOf, nextCodeFor } from "../support/mfa";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

describe.each(databaseKinds())("signing in through the real server (%s)", (kind) => {
  let server: TestServer<World>;
  beforeAll(async () => {
    server = await startTestServer(kind, worldTemplate({ demoProjects: 20, files: true }));
  });
  afterAll(() => server?.stop());

  const html = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

  it("gives one message for an unknown login and a wrong password, and a clear one when the limit is hit", async () => {
    const login = server.data.logins.otherCompanyStaff;
    const anonymous = new HttpSession(server.baseUrl);
    const unknown = await anonymous.request("POST", "/login", { login: "nobody-at-all", password: "some-password-1" });
    const wrong = await anonymous.request("POST", "/login", { login, password: "some-password-1" });
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const unknownText = await html(unknown);
    expect(unknownText).toContain("用户名或密码错误");
    expect((await html(wrong)).match(/role="alert">([^<]*)</)?.[1]).toBe(unknownText.match(/role="alert">([^<]*)</)?.[1]);
    for (let i = 0; i < 4; i++) await anonymous.request("POST", "/login", { login, password: `some-password-${i + 2}` });
    const locked = await anonymous.request("POST", "/login", { login, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(await html(locked)).toContain("此账号登录失败次数过多，已暂时锁定，请 15 分钟后再试");
  });

  it("asks an enrolled leader for a code after the password; the pending session opens nothing; the code gives a new session id", async () => {
    const first = new HttpSession(server.baseUrl);
    await first.signIn("leader", TEST_PASSWORD); // enrols: the helper scans the key and types a code
    expect(deviceOf(server.baseUrl, "leader")).toBeDefined();

    const session = new HttpSession(server.baseUrl);
    const password = await session.request("POST", "/login", { login: "leader", password: TEST_PASSWORD });
    expect(outcomeOf(password, server.baseUrl)).toBe("→/login/mfa");
    const pendingCookie = session.cookies.get("zcrm_session");
    expect(outcomeOf(await session.get("/overview"), server.baseUrl)).toBe("→/login/mfa");
    expect(outcomeOf(await session.get("/admin/users"), server.baseUrl)).toBe("→/login/mfa");
    const page = await html(await session.get("/login/mfa"));
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    const wrong = await session.request("POST", "/login/mfa", { csrf, code: "000000" });
    expect(wrong.status).toBe(400);
    expect(await html(wrong)).toContain("验证码不正确或已使用过");

    const code = await nextCodeFor(server.baseUrl, "leader");
    const ok = await session.request("POST", "/login/mfa", { csrf, code });
    expect(outcomeOf(ok, server.baseUrl)).toBe("→/overview");
    expect(session.cookies.get("zcrm_session")).not.toBe(pendingCookie);
    expect((await session.get("/overview")).status).toBe(200);
    const replay = new HttpSession(server.baseUrl);
    replay.cookies.set("zcrm_session", pendingCookie!);
    expect(outcomeOf(await replay.get("/overview"), server.baseUrl)).toBe("→/login");

    // The same code again, in a new sign-in: refused.
    const again = new HttpSession(server.baseUrl);
    await again.request("POST", "/login", { login: "leader", password: TEST_PASSWORD });
    const againCsrf = /name="csrf" value="([^"]+)"/.exec(await html(await again.get("/login/mfa")))![1];
    expect((await again.request("POST", "/login/mfa", { csrf: againCsrf, code })).status).toBe(400);
    // A recovery code works once.
    const recovery = deviceOf(server.baseUrl, "leader")!.recoveryCodes[0];
    expect(outcomeOf(await again.request("POST", "/login/mfa", { csrf: againCsrf, code: recovery }), server.baseUrl)).toBe("→/overview");
    const third = new HttpSession(server.baseUrl);
    await third.request("POST", "/login", { login: "leader", password: TEST_PASSWORD });
    const thirdCsrf = /name="csrf" value="([^"]+)"/.exec(await html(await third.get("/login/mfa")))![1];
    expect((await third.request("POST", "/login/mfa", { csrf: thirdCsrf, code: recovery })).status).toBe(400);
  });

  it("an admin without a second factor reaches only the enrolment page until it is done", async () => {
    const admin = new HttpSession(server.baseUrl);
    const response = await admin.request("POST", "/login", { login: "admin", password: TEST_PASSWORD });
    expect(outcomeOf(response, server.baseUrl)).toBe("→/account/mfa");
    expect(outcomeOf(await admin.get("/admin/users"), server.baseUrl)).toBe("→/account/mfa");
    const page = await html(await admin.get("/account/mfa"));
    expect(page).toMatch(/<img src="data:image\/png;base64,/);
    const codes = await admin.enrolMfa("admin");
    expect(codes).toHaveLength(10);
    expect((await admin.get("/admin/users")).status).toBe(200);
  });

  it("a password change ends the other sessions and keeps this one in a new session", async () => {
    const login = server.data.logins.otherZoneStaff;
    const here = new HttpSession(server.baseUrl);
    const there = new HttpSession(server.baseUrl);
    await here.signIn(login, TEST_PASSWORD);
    await there.signIn(login, TEST_PASSWORD);
    const csrf = await here.csrfToken();
    const common = await here.request("POST", "/account", { csrf, intent: "password", current: TEST_PASSWORD, password: "1234567890" });
    expect(common.status).toBe(400);
    expect(await html(common)).toContain("该密码过于常见");
    const changed = await here.request("POST", "/account", {
      csrf,
      intent: "password",
      current: TEST_PASSWORD,
      password: "晋中-换届后的新密码-2027",
    });
    expect(outcomeOf(changed, server.baseUrl)).toBe("→/account");
    expect(outcomeOf(await there.get("/projects"), server.baseUrl)).toBe("→/login");
    expect(await html(await here.get("/account"))).toContain("密码已修改，其他设备上的登录已结束");
  });

  it("an admin ends a user's sessions with a button; a disabled user is out at the next request", async () => {
    const w = server.data;
    const admin = new HttpSession(server.baseUrl);
    await admin.signIn("admin", TEST_PASSWORD);
    const token = await admin.csrfToken();
    const victim = new HttpSession(server.baseUrl);
    await victim.signIn(w.logins.colleague, TEST_PASSWORD);
    const page = await html(await admin.get(`/admin/users/${w.users.ownZone}`));
    expect(page).toContain("结束全部登录会话");
    const ended = await admin.request("POST", `/admin/users/${w.users.ownZone}`, { csrf: token, intent: "end-sessions" });
    expect(outcomeOf(ended, server.baseUrl)).toBe(`→/admin/users/${w.users.ownZone}`);
    expect(outcomeOf(await victim.get("/projects"), server.baseUrl)).toBe("→/login");

    await victim.signIn(w.logins.colleague, TEST_PASSWORD);
    expect((await victim.get("/projects")).status).toBe(200);
    await admin.request("POST", `/admin/users/${w.users.ownZone}`, { csrf: token, intent: "disable" });
    expect(outcomeOf(await victim.get("/projects"), server.baseUrl)).toBe("→/login");
  });

  it("logs refused requests and sign-in events in the audit log, never a password, code, token or cookie (last: stops the server)", async () => {
    const w = server.data;
    const staff = new HttpSession(server.baseUrl);
    await staff.signIn(w.logins.staff, TEST_PASSWORD);
    expect((await staff.get(`/projects/${w.records.otherZone.id}`)).status).toBe(404);
    expect((await staff.get("/overview")).status).toBe(404);
    // Resource routes (a download, an export) answer without entry.server: server.ts's wrapper audits them.
    expect((await staff.get(`/evidence/${w.evidence.otherCompany.id}`)).status).toBe(404);
    expect((await staff.get("/reports/export/three-batches?from=2026-01-01&to=2026-12-31&export=csv")).status).toBe(403);
    const secrets = [
      TEST_PASSWORD,
      "some-password-1",
      staff.cookies.get("zcrm_session")!,
      await staff.csrfToken(),
      ...deviceOf(server.baseUrl, "leader")!.recoveryCodes,
    ];
    const removeData = await server.stop({ keepData: true });
    try {
      const handle = await openDatabase(server.location);
      try {
        const rows = await handle.query<{
          entity: string;
          action: string;
          actor_id: number | null;
          after: { path?: string; login?: string; ip?: string };
        }>("select entity, action, actor_id, after from audit_log where entity in ('access', 'auth') order by id");
        const refusals = rows.filter((r) => r.entity === "access").map((r) => `${r.action} ${r.after.path}`);
        expect(refusals).toEqual(
          expect.arrayContaining([
            `refused_404 /projects/${w.records.otherZone.id}`,
            "refused_404 /overview",
            `refused_404 /evidence/${w.evidence.otherCompany.id}`,
            "refused_403 /reports/export/three-batches",
          ]),
        );
        const actions = new Set(rows.map((r) => r.action));
        for (const a of [
          "login_failed",
          "login_throttled",
          "login_succeeded",
          "mfa_enabled",
          "mfa_challenge_failed",
          "mfa_challenge_succeeded",
          "mfa_recovery_code_used",
          "password_changed",
          "sessions_ended_by_admin",
        ]) {
          expect(actions, a).toContain(a);
        }
        expect(rows.find((r) => r.action === "login_failed" && r.after.login === "nobody-at-all")?.after.ip).toBeTruthy();
        const everything = JSON.stringify(await handle.query("select * from audit_log"));
        for (const secret of secrets) expect(everything).not.toContain(secret);
      } finally {
        await handle.close();
      }
    } finally {
      await removeData();
    }
  });
});

describe.each(databaseKinds())("security headers (%s)", (kind) => {
  let server: TestServer<null>;
  beforeAll(async () => {
    server = await startTestServer(kind, async (db) => (await createReferenceZone(db), null));
  });
  afterAll(() => server?.stop());

  it("sends the security headers; no HSTS over plain HTTP", async () => {
    const response = await fetch(`${server.baseUrl}/login`);
    const csp = response.headers.get("content-security-policy") ?? "";
    const directive = (name: string) =>
      csp
        .split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `)) ?? "";
    expect(directive("script-src")).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+'$/);
    expect(directive("script-src")).not.toContain("unsafe-inline");
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive("img-src")).toContain("data:"); // the enrolment QR code
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    // Every inline script of the page carries the response's nonce (none could run without it).
    const page = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = [...page.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs] of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it("refuses a form body over 1 MB before reading it (413), and the client's next request is served", async () => {
    const session = new HttpSession(server.baseUrl);
    const huge = await session.request("POST", "/login", { login: "x".repeat(2 * 1024 * 1024), password: "y" });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("请求内容过大");
    const wrong = await session.request("POST", "/login", { login: "nobody-at-all", password: "some-password-1" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("用户名或密码错误");
  });
});

describe("in production over HTTPS", () => {
  let server: TestServer<null>;
  beforeAll(async () => {
    // COOKIE_SECURE unset: the production default, HTTPS assumed (TLS ends at the reverse proxy).
    server = await startTestServer("pglite", async (db) => (await createReferenceZone(db), null), { env: { COOKIE_SECURE: undefined } });
  });
  afterAll(() => server?.stop());

  it("sends HSTS and marks the cookies Secure", async () => {
    const response = await fetch(`${server.baseUrl}/login`);
    const hsts = response.headers.get("strict-transport-security") ?? "";
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(15_552_000);
    expect(hsts).toContain("includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const signIn = await new HttpSession(server.baseUrl).request("POST", "/login", { login: "admin", password: TEST_PASSWORD });
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith("zcrm_session="));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  });

  it("marks the language cookie Secure", async () => {
    const session = new HttpSession(server.baseUrl);
    const response = await session.request("POST", "/lang", { lang: "en", redirectTo: "/login" });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("zcrm_lang="));
    expect(cookie, `status ${response.status}`).toBeDefined();
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  });
});
