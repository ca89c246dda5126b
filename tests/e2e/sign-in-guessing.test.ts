// Password and code guessing through the real server (issue 16): attempts sent at once are counted before they are
// checked, strangers cannot lock the real user out of a browser they signed in with before (device cookie), the user
// hears of a lock, and every redirect target taken from input stays on this site.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/index";
import { auditLog, loginAttempts, notifications, users } from "../../db/schema";
import { databaseKinds } from "../support/db";
import { createReferenceZone, createUser, TEST_PASSWORD } from "../support/factories";
import { deviceOf } from "../support/mfa";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import { spawnServer } from "../../scripts/lib/spawn-server";

const SECRET = "test-session-secret-0123456789abcdef";
const LIMIT = 5;

/** A browser at a given address (the server trusts X-Forwarded-For from loopback, as behind a proxy). */
class Browser extends HttpSession {
  constructor(
    baseUrl: string,
    readonly ip: string,
  ) {
    super(baseUrl);
  }
  override request(method: string, pathname: string, body?: Record<string, string>, headers: Record<string, string> = {}) {
    return super.request(method, pathname, body, { "X-Forwarded-For": this.ip, ...headers });
  }
}

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");
const alertOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1] ?? "";

type Data = { staff: string[] };

// The leader's browser: its device cookie is rotated at every sign-in, so the latest one is kept here.
let leaderDevice = "";
function asLeaderBrowser(b: Browser) {
  b.cookies.set("zcrm_device", leaderDevice);
  return b;
}
function keepLeaderDevice(b: Browser) {
  leaderDevice = b.cookies.get("zcrm_device") ?? leaderDevice;
}

describe.each(databaseKinds())("guessing through the real server (%s)", (kind) => {
  let server: TestServer<Data>;
  beforeAll(async () => {
    server = await startTestServer(
      kind,
      async (db) => {
        const ref = await createReferenceZone(db);
        const companyId = ref.companies[0].id;
        const staff: string[] = [];
        for (let i = 0; i < 8; i++) staff.push((await createUser(db, { zoneId: ref.zoneId, companyId, role: "staff" })).login);
        return { staff };
      },
      { env: { TRUST_PROXY: "loopback" } },
    );
  });
  afterAll(() => server?.stop());

  it("checks at most five of fifty wrong passwords sent at once, and refuses the right one while locked", async () => {
    const login = server.data.staff[0];
    // Fifty browsers at fifty addresses, built first and released together.
    const shots = Array.from({ length: 50 }, (_, i) => {
      const b = new Browser(server.baseUrl, `10.30.${i}.1`);
      return () => b.request("POST", "/login", { login, password: `wrong-guess-${i}` });
    });
    const statuses = (await Promise.all(shots.map((shot) => shot()))).map((r) => r.status);
    // 400 "wrong login or password" means the password was checked; 429 means it was refused unchecked.
    const checked = statuses.filter((s) => s === 400).length;
    expect(checked).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - checked);

    const stranger = new Browser(server.baseUrl, "10.30.200.1");
    const right = await stranger.request("POST", "/login", { login, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(alertOf(await text(right))).toMatch(
      /^此账号登录失败次数过多，已暂时锁定，请 1[45] 分钟后再试。在您以前成功登录过的浏览器上仍可照常登录。$/,
    );
  });

  it("checks at most five of two hundred wrong codes sent at once to the code step", async () => {
    const first = new Browser(server.baseUrl, "10.32.0.1");
    await first.signIn("leader", TEST_PASSWORD); // enrols the authenticator, as a person would
    const device = deviceOf(server.baseUrl, "leader")!;
    expect(device.recoveryCodes).toHaveLength(10);
    keepLeaderDevice(first);

    // Someone who knows the password, in another browser.
    const thief = new Browser(server.baseUrl, "10.32.0.2");
    expect((await thief.request("POST", "/login", { login: "leader", password: TEST_PASSWORD })).status).toBe(302);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await text(await thief.get("/login/mfa")))![1];
    // Recovery-code shaped guesses: each is checked against the stored hashes, none can be right.
    const shots = Array.from(
      { length: 200 },
      (_, i) => () => thief.request("POST", "/login/mfa", { csrf, code: `ZZZZ-ZZZZ-${String(i).padStart(4, "Z")}` }),
    );
    const statuses = (await Promise.all(shots.map((shot) => shot()))).map((r) => r.status);
    const checked = statuses.filter((s) => s === 400).length;
    expect(checked).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - checked);
    expect(leaderDevice).toBeTruthy();
    // A right code is refused too while the step is locked for this stranger.
    const locked = await thief.request("POST", "/login/mfa", { csrf, code: device.recoveryCodes[9] });
    expect(locked.status).toBe(429);

    // The leader's own browser (it signed in before) still gets through, with the password and a recovery code.
    const own = asLeaderBrowser(new Browser(server.baseUrl, "10.32.0.1"));
    expect((await own.request("POST", "/login", { login: "leader", password: TEST_PASSWORD })).status).toBe(302);
    const ownCsrf = /name="csrf" value="([^"]+)"/.exec(await text(await own.get("/login/mfa")))![1];
    const done = await own.request("POST", "/login/mfa", { csrf: ownCsrf, code: device.recoveryCodes[8] });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/overview");
    keepLeaderDevice(own);
    expect(await text(await own.get("/notifications"))).toContain("有人输对了您的密码，但多次输错两步验证码（来自 10.32.0.2）");
  });

  it("a browser that signed in before keeps signing in while strangers are locked out; the user is told", async () => {
    const login = server.data.staff[1];
    const mine = new Browser(server.baseUrl, "10.33.0.1");
    await mine.signIn(login, TEST_PASSWORD);
    expect(mine.cookies.get("zcrm_device")).toBeTruthy();
    expect((await mine.request("POST", "/logout", { csrf: await mine.csrfToken() })).status).toBe(302);
    expect(mine.cookies.get("zcrm_session")).toBeUndefined();

    const attacker = new Browser(server.baseUrl, "10.33.9.9");
    for (let i = 0; i < LIMIT; i++) expect((await attacker.request("POST", "/login", { login, password: `guess-${i}` })).status).toBe(400);
    expect((await attacker.request("POST", "/login", { login, password: TEST_PASSWORD })).status).toBe(429);
    // Another stranger, even with the right password, stays refused.
    const newBrowser = new Browser(server.baseUrl, "10.33.0.1");
    expect((await newBrowser.request("POST", "/login", { login, password: TEST_PASSWORD })).status).toBe(429);

    const back = await mine.request("POST", "/login", { login, password: TEST_PASSWORD });
    expect(back.status).toBe(302);
    const page = await text(await mine.get("/notifications"));
    expect(page).toContain("有人用错误的密码反复尝试登录您的账号（来自 10.33.9.9），陌生设备上的登录已锁定 15 分钟");
  });

  it("thirty failures from one address do not stop another user's trusted browser behind it", async () => {
    const [colleague, newcomer] = [server.data.staff[2], server.data.staff[3]];
    const office = "10.34.0.1";
    const trusted = new Browser(server.baseUrl, office);
    await trusted.signIn(colleague, TEST_PASSWORD);
    await trusted.request("POST", "/logout", { csrf: await trusted.csrfToken() });

    const noisy = new Browser(server.baseUrl, office);
    for (let i = 0; i < 30; i++) await noisy.request("POST", "/login", { login: `made-up-${i}`, password: "guess-guess-1" });
    const refused = await new Browser(server.baseUrl, office).request("POST", "/login", { login: newcomer, password: TEST_PASSWORD });
    expect(refused.status).toBe(429);
    expect(alertOf(await text(refused))).toContain("此网络地址登录失败次数过多");
    expect((await trusted.request("POST", "/login", { login: colleague, password: TEST_PASSWORD })).status).toBe(302);
    // The newcomer elsewhere is not affected.
    expect((await new Browser(server.baseUrl, "10.34.0.2").request("POST", "/login", { login: newcomer, password: TEST_PASSWORD })).status).toBe(302);
  });

  const hostile = [
    "/\t/evil.example/x",
    "/\n/evil.example",
    "\\evil.example",
    "/\\evil.example",
    "//evil.example",
    "https://evil.example/",
    "%2F%2Fevil.example",
    "/%09/evil.example",
    "javascript:alert(1)",
    "/projects\u0000",
  ];
  const onSite = (response: Response) => {
    expect(response.status, String(response.status)).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    const location = response.headers.get("location") ?? "";
    // eslint-disable-next-line no-control-regex
    expect(location).not.toMatch(/[\u0000-\u001f\u007f\\]/);
    expect(location.startsWith("/") && !location.startsWith("//")).toBe(true);
    expect(new URL(location, server.baseUrl).origin).toBe(server.baseUrl);
    return location;
  };

  it("after sign-in, /lang and /views send the browser only to paths on this site, whatever redirectTo or back says", async () => {
    const login = server.data.staff[4];
    // The exact report: the server answered location: /\t/evil.example/x.
    // It is refused whole now: no address with a control character reaches a loader (400).
    const page = await new Browser(server.baseUrl, "10.35.0.9").get("/login?redirectTo=%2F%09%2Fevil.example%2Fx");
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
    for (const [i, value] of hostile.entries()) {
      const b = new Browser(server.baseUrl, `10.35.${i}.1`);
      // A NUL in any field is refused whole (400) before anything reads it; every other value falls back on site.
      const refusedWhole = value.includes("\u0000");
      const answer = (response: Response, fallback: string) =>
        refusedWhole ? expect(response.status, value).toBe(400) : expect(onSite(response), value).toBe(fallback);
      const signIn = await b.request("POST", "/login", { login, password: TEST_PASSWORD, redirectTo: value });
      answer(signIn, "/my");
      if (refusedWhole) await b.signIn(login, TEST_PASSWORD);
      answer(await b.request("POST", "/lang", { lang: "zh", back: value }), "/");
      const csrf = await b.csrfToken();
      answer(await b.request("POST", "/views", { csrf, intent: "save", list: "projects", name: "", back: value }), "/projects");
    }
    // A good target is kept.
    const ok = await new Browser(server.baseUrl, "10.35.99.1").request("POST", "/login", {
      login,
      password: TEST_PASSWORD,
      redirectTo: "/projects?owner=me",
    });
    expect(onSite(ok)).toBe("/projects?owner=me");
  });

  it("the code step sends the browser only to paths on this site, whatever redirectTo says", async () => {
    const device = deviceOf(server.baseUrl, "leader")!;
    for (const [i, value] of hostile.slice(0, 6).entries()) {
      // The leader's own browser: the code step is still locked for strangers (the test above).
      const b = asLeaderBrowser(new Browser(server.baseUrl, `10.36.${i}.1`));
      const password = await b.request("POST", "/login", { login: "leader", password: TEST_PASSWORD, redirectTo: value });
      expect(onSite(password)).toBe("/login/mfa?redirectTo=%2Foverview");
      // The step's page carries only a safe target, even when its URL says otherwise.
      const stepPage = await b.get(`/login/mfa?redirectTo=${encodeURIComponent(value)}`);
      // An address with a control character is refused whole before the page (400); any other shows the step.
      const refusedWhole = [...value].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));
      if (refusedWhole) expect(stepPage.status, value).toBe(400);
      const html = await text(refusedWhole ? await b.get("/login/mfa") : stepPage);
      expect(/name="redirectTo" value="([^"]*)"/.exec(html)![1]).toBe("");
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
      const done = await b.request("POST", "/login/mfa", { csrf, code: device.recoveryCodes[i], redirectTo: value });
      expect(onSite(done), value).toBe("/overview");
      keepLeaderDevice(b);
    }
  });

  // Two processes need one database both can open: PostgreSQL (an embedded PGlite is one process's).
  if (kind === "postgres")
    it("two app processes on one database check at most five of fifty between them", async () => {
      const login = server.data.staff[5];
      const secondServer = spawnServer({
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: "0",
          HOST: "127.0.0.1",
          COOKIE_SECURE: "0",
          SESSION_SECRET: SECRET,
          TRUST_PROXY: "loopback",
          DATABASE_URL: server.location.url,
        },
      });
      try {
        const second = await secondServer.listening;
        const shots = Array.from({ length: 50 }, (_, i) => {
          const b = new Browser(i % 2 ? second : server.baseUrl, `10.37.${i}.1`);
          return () => b.request("POST", "/login", { login, password: `wrong-guess-${i}` });
        });
        const statuses = (await Promise.all(shots.map((shot) => shot()))).map((r) => r.status);
        expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(LIMIT);
        expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
      } finally {
        await secondServer.stop();
      }
    });

  it("a user revokes their trusted browsers on the account page; the old cookie is a stranger's again", async () => {
    const login = server.data.staff[6];
    const mine = new Browser(server.baseUrl, "10.38.0.1");
    await mine.signIn(login, TEST_PASSWORD);
    const cookie = mine.cookies.get("zcrm_device")!;
    expect(await text(await mine.get("/account"))).toContain("曾在其上成功登录的浏览器：1 个");
    const revoked = await mine.request("POST", "/account", { csrf: await mine.csrfToken(), intent: "revoke-devices" });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("location")).toBe("/account");
    const page = await text(await mine.get("/account"));
    expect(page).toContain("已撤销全部受信任的浏览器");
    expect(page).toContain("曾在其上成功登录的浏览器：0 个");

    const attacker = new Browser(server.baseUrl, "10.38.9.9");
    for (let i = 0; i < LIMIT; i++) await attacker.request("POST", "/login", { login, password: `guess-${i}` });
    const old = new Browser(server.baseUrl, "10.38.0.1");
    old.cookies.set("zcrm_device", cookie);
    expect((await old.request("POST", "/login", { login, password: TEST_PASSWORD })).status).toBe(429);
  });

  it("leaves audit rows for every lock and records only the attempts it checked (last: stops the server)", async () => {
    const removeData = await server.stop({ keepData: true });
    const handle = await openDatabase(server.location);
    try {
      const db = handle.db;
      const attempts = await db.select().from(loginAttempts).where(eq(loginAttempts.login, server.data.staff[0]));
      expect(attempts.length).toBeLessThanOrEqual(LIMIT);
      const codeAttempts = await db
        .select()
        .from(loginAttempts)
        .where(and(eq(loginAttempts.login, "mfa:leader"), eq(loginAttempts.ip, "10.32.0.2")));
      expect(codeAttempts.length).toBeLessThanOrEqual(LIMIT);
      const locks = await db
        .select({ action: auditLog.action, after: auditLog.after })
        .from(auditLog)
        .where(sql`${auditLog.action} in ('login_locked', 'mfa_locked', 'address_locked')`);
      const seen = locks.map((l) => `${l.action}:${(l.after as { login?: string; ip?: string }).ip}`);
      expect(seen).toEqual(expect.arrayContaining(["mfa_locked:10.32.0.2", "login_locked:10.33.9.9", "address_locked:10.34.0.1"]));
      const [victim] = await db.select({ id: users.id }).from(users).where(eq(users.login, server.data.staff[1]));
      const notices = await db.select().from(notifications).where(eq(notifications.userId, victim.id));
      expect(notices.map((n) => n.kind)).toEqual(["login_locked"]);
    } finally {
      await handle.close();
      await removeData();
    }
  });
});
