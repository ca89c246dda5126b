// The reporting API against the real server: tokens (401), rights (403), bad dates (400), the answer's shape as
// DOMAIN.md specifies it, the same figures as the page, and one zone never seeing another; the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens } from "../../db/schema";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { formatWan } from "../../app/lib/money";
import { databaseKinds } from "../support/db";
import { createOtherZone, createProject, createUser, TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import { prepareWorld } from "../support/world";

async function prepare(db: Parameters<Parameters<typeof startTestServer>[1]>[0], ctx: { filesDir: string }) {
  const world = await prepareWorld(db, { filesDir: ctx.filesDir, demoProjects: 120 });
  const { users } = await import("../../db/schema");
  const login = async (name: string) => (await db.select({ id: users.id }).from(users).where(eq(users.login, name)))[0].id;
  // A third zone with a leader and one signing of 2026 that only it may see.
  const far = await createOtherZone(db);
  const farLeader = await createUser(db, { zoneId: far.zoneId, companyId: null, role: "leader" });
  const farStaff = await createUser(db, { zoneId: far.zoneId, companyId: far.companyId, role: "staff" });
  await createProject(db, {
    zoneId: far.zoneId, clusterId: far.clusterId, companyId: far.companyId, ownerId: farStaff.id, stage: "signed",
    contractedInvestmentWan: "4321.09", signedOn: "2026-05-05",
  });
  const revoked = await createApiToken(db, await login("leader"), "revoked");
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.label, "revoked"));
  const expired = await createApiToken(db, await login("leader"), "expired", { days: 1 });
  await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.label, "expired"));
  return {
    world,
    tokens: {
      leader: await createApiToken(db, await login("leader"), "dispatch platform"),
      admin: await createApiToken(db, await login("admin"), "admin"),
      staff: await createApiToken(db, await login(world.logins.staff), "staff"),
      manager: await createApiToken(db, await login(world.logins.manager), "manager"),
      farLeader: await createApiToken(db, farLeader.id, "far"),
      leaderMeOnly: await createApiToken(db, await login("leader"), "me only", { scopes: [] }),
      adminReportsOnly: await createApiToken(db, await login("admin"), "reports only", { scopes: ["reports:read"] }),
      revoked,
      expired,
    },
  };
}

describe.each(databaseKinds())("reporting API (%s)", (kind) => {
  let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
  beforeAll(async () => {
    server = await startTestServer(kind, prepare);
  }, 180_000);
  afterAll(() => server?.stop());

  const call = (path: string, token?: string) =>
    fetch(server.baseUrl + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const YEAR = "/api/v1/reports/three-batches?from=2026-01-01&to=2026-12-31";

  it("answers 401 without a valid token, as JSON with the challenge, on every API route", async () => {
    for (const path of [YEAR, "/api/v1/me"]) {
      for (const token of [undefined, "zcrm_not-a-token", "Basic abc", server.data.tokens.revoked, server.data.tokens.expired]) {
        const response = await call(path, token);
        expect(response.status, `${path} ${String(token)}`).toBe(401);
        expect(response.headers.get("www-authenticate")).toContain("Bearer");
        expect((await response.json()).error).toBeTruthy();
      }
    }
  });

  it("answers 403 to the companies' people", async () => {
    // Their tokens cannot carry reports:read (their roles may not read the reports), so the scope refuses first.
    for (const token of [server.data.tokens.staff, server.data.tokens.manager]) {
      const response = await call(YEAR, token);
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(/lacks the scope reports:read/);
    }
  });

  it("answers 403 naming the scope to a token without it, over HTTP; /api/v1/me answers any valid token", async () => {
    const reports = await call(YEAR, server.data.tokens.leaderMeOnly);
    expect(reports.status).toBe(403);
    expect(await reports.json()).toMatchObject({ scope: "reports:read", error: expect.stringContaining("权限范围") });
    const me = await call("/api/v1/me", server.data.tokens.leaderMeOnly);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ login: "leader", scopes: [] });
    const importing = await fetch(`${server.baseUrl}/api/v1/imports`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.data.tokens.adminReportsOnly}`, "Content-Type": "text/csv" },
      body: "项目名称,投资方,产业集群\n",
    });
    expect(importing.status).toBe(403);
    expect(await importing.json()).toMatchObject({ scope: "imports:write" });
    expect((await call(YEAR, server.data.tokens.adminReportsOnly)).status).toBe(200);
  });

  it("the admin page makes a token with the chosen scopes and days, shows its expiry, and refuses a scope the role may not hold", async () => {
    const admin = new HttpSession(server.baseUrl);
    await admin.signIn("admin", TEST_PASSWORD);
    const page = await (await admin.get("/admin/tokens")).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    const managerId = new RegExp(`<option value="(\\d+)">${server.data.world.logins.manager}<`).exec(page)?.[1];
    expect(managerId).toBeTruthy();
    const refused = await admin.request("POST", "/admin/tokens", { csrf, intent: "create", name: "报表", userId: managerId!, days: "30", scopes: "reports:read" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("该用户的角色不能持有所选的权限范围");
    const badDays = await admin.request("POST", "/admin/tokens", { csrf, intent: "create", name: "报表", userId: managerId!, days: "400", scopes: "imports:write" });
    expect(badDays.status).toBe(400);
    expect(await badDays.text()).toContain("有效天数应为 1–365 的整数");

    const made = await admin.request("POST", "/admin/tokens", { csrf, intent: "create", name: "调度平台导入", userId: managerId!, days: "30", scopes: "imports:write" });
    expect(made.status).toBe(200);
    const html = await made.text();
    const token = /data-testid="new-token">([^<]+)</.exec(html)![1].trim();
    const expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    expect(html).toMatch(new RegExp(`data-testid="new-token-detail">到期时间：${expires} \\d\\d:\\d\\d；权限范围：imports:write<`));
    const me = await (await call("/api/v1/me", token)).json();
    expect(me).toMatchObject({ login: server.data.world.logins.manager, scopes: ["imports:write"] });
    // The list shows it with its scope and expiry.
    const list = await (await admin.get("/admin/tokens")).text();
    // Cells carry their column's label (data-label) for the phone card view.
    const start = list.search(/<td[^>]*>调度平台导入<\/td>/);
    expect(start).toBeGreaterThan(-1);
    const row = list.slice(start, list.indexOf("</tr>", start));
    expect(row).toMatch(/<td[^>]*>imports:write<\/td>/);
    expect(row).toMatch(new RegExp(`data-testid="token-expires">${expires} \\d\\d:\\d\\d<`));
  });

  it("answers 400 with a message for bad dates", async () => {
    const cases = ["", "?from=2026-01-01", "?from=2026-02-30&to=2026-03-01", "?from=2026-03-01&to=2026-01-01", "?from=01/01/2026&to=2026-12-31", "?from=2000-01-01&to=2026-12-31"];
    for (const query of cases) {
      const response = await call(`/api/v1/reports/three-batches${query}`, server.data.tokens.leader);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error, query).toMatch(/\w+/);
    }
  });

  it("answers one row per company of the caller's zone, exact decimal strings, the page's own figures", async () => {
    const response = await call(YEAR, server.data.tokens.leader);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["from", "rows", "to", "total"]);
    expect(body.from).toBe("2026-01-01");
    expect(body.rows.length).toBe(18);
    for (const row of body.rows) {
      expect(Object.keys(row).sort()).toEqual(["cluster", "company", "construction", "production", "signed"]);
      for (const m of ["signed", "construction", "production"]) {
        expect(row[m].investmentWan).toMatch(/^\d+\.\d{2}$/);
        expect(Number.isInteger(row[m].count)).toBe(true);
      }
    }
    expect(body.rows.map((r: { company: string }) => r.company)).toContain(server.data.world.companyA.name);
    expect(body.total.signed.count).toBe(body.rows.reduce((n: number, r: { signed: { count: number } }) => n + r.signed.count, 0));
    // The page shows the same totals (same query code).
    const leader = new HttpSession(server.baseUrl);
    await leader.signIn("leader", TEST_PASSWORD);
    const html = await (await leader.get("/reports/three-batches?from=2026-01-01&to=2026-12-31")).text();
    for (const m of ["signed", "construction", "production"]) {
      const cell = new RegExp(`data-testid="total-${m}-wan"><a[^>]*>([^<]+)<`).exec(html);
      expect(cell?.[1], m).toBe(formatWan(body.total[m].investmentWan));
    }
    // An admin's token reads the same figures.
    const admin = await (await call(YEAR, server.data.tokens.admin)).json();
    expect(admin.total).toEqual(body.total);
  });

  it("never shows one zone another's companies or figures", async () => {
    const far = await (await call(YEAR, server.data.tokens.farLeader)).json();
    expect(far.rows.length).toBe(1);
    expect(far.total.signed).toEqual({ count: 1, investmentWan: "4321.09" });
    const near = await (await call(YEAR, server.data.tokens.leader)).json();
    expect(near.rows.map((r: { company: string }) => r.company)).not.toContain(far.rows[0].company);
  });

  it("trends show every figure as a table in the HTML itself, with no inline script of their own", async () => {
    const leader = new HttpSession(server.baseUrl);
    await leader.signIn("leader", TEST_PASSWORD);
    const html = await (await leader.get("/reports/trends?year=2026")).text();
    for (const id of ["monthly", "company-monthly", "funnel", "big", "cycle"]) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain("2026-12");
    // Every script tag carries the response's CSP nonce (the framework's own); the charts add none.
    const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("describes itself in OpenAPI 3.1", async () => {
    const response = await call("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/v1/imports", "/api/v1/me", "/api/v1/reports/three-batches"]);
    expect(doc.paths["/api/v1/reports/three-batches"].get.responses).toHaveProperty("401");
    expect(doc.paths["/api/v1/imports"].post.responses).toHaveProperty("422");
    expect(doc.paths["/api/v1/reports/three-batches"].get.security).toEqual([{ bearerAuth: ["reports:read"] }]);
    expect(doc.paths["/api/v1/imports"].post.security).toEqual([{ bearerAuth: ["imports:write"] }]);
    expect(doc.paths["/api/v1/imports"].post.responses).toHaveProperty("403");
  });
});
