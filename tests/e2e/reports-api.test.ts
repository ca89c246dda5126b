// The reporting API against the real server: tokens (401), rights (403), bad dates (400), the answer's shape as
// DOMAIN.md specifies it, the same figures as the page, and one zone never seeing another; the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { apiTokens, clusters, projects, publishedFacts, publishedPeriods } from "../../db/schema";
import { currentFactsSql } from "../../app/modules/reports/three-batches.server";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { formatWan, subtractDecimals } from "../../app/lib/money";
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
    zoneId: far.zoneId,
    clusterId: far.clusterId,
    companyId: far.companyId,
    ownerId: farStaff.id,
    stage: "signed",
    contractedInvestmentWan: "4321.09",
    signedOn: "2026-05-05",
  });
  // September 2026, published with a signing of company A that was corrected afterwards (2000.50 → 2100.75).
  const ref = {
    zoneId: world.zoneId,
    clusterId: (await db.select({ id: clusters.id }).from(clusters).where(eq(clusters.zoneId, world.zoneId)))[0].id,
  };
  const corrected = await createProject(db, {
    ...ref,
    companyId: world.companyA.id,
    ownerId: null,
    stage: "signed",
    contractedInvestmentWan: "2000.50",
    signedOn: "2026-09-15",
  });
  const [september] = await db
    .insert(publishedPeriods)
    .values({
      zoneId: world.zoneId,
      kind: "month",
      startsOn: "2026-09-01",
      endsOn: "2026-09-30",
      publishedById: await login("leader"),
      note: "九月通报",
    })
    .returning({ id: publishedPeriods.id });
  await db.execute(sql`insert into ${publishedFacts} (period_id, project_id, milestone, business_on, investment_wan, owner_company_id,
      first_contact_company_id, has_evidence)
    select ${september.id}, f.project_id, f.milestone, f.business_on, f.investment_wan, f.owner_company_id, f.first_contact_company_id, f.has_evidence
    from (${currentFactsSql(world.zoneId, "2026-09-01", "2026-09-30")}) f`);
  await db.update(projects).set({ contractedInvestmentWan: "2100.75" }).where(eq(projects.id, corrected.id));
  const revoked = await createApiToken(db, await login("leader"), "revoked");
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.label, "revoked"));
  const expired = await createApiToken(db, await login("leader"), "expired", { days: 1 });
  await db
    .update(apiTokens)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(apiTokens.label, "expired"));
  return {
    world,
    corrected: { id: corrected.id, code: corrected.code },
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

  const call = (path: string, token?: string) => fetch(server.baseUrl + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
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
    const managerId = new RegExp(`<option value="(\\d+)"[^>]*>${server.data.world.logins.manager}<`).exec(page)?.[1];
    expect(managerId).toBeTruthy();
    const refused = await admin.request("POST", "/admin/tokens", {
      csrf,
      intent: "create",
      name: "报表",
      userId: managerId!,
      days: "30",
      scopes: "reports:read",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("该用户的角色不能持有所选的权限范围");
    const badDays = await admin.request("POST", "/admin/tokens", {
      csrf,
      intent: "create",
      name: "报表",
      userId: managerId!,
      days: "400",
      scopes: "imports:write",
    });
    expect(badDays.status).toBe(400);
    expect(await badDays.text()).toContain("有效天数应为 1–365 的整数");

    const made = await admin.request("POST", "/admin/tokens", {
      csrf,
      intent: "create",
      name: "调度平台导入",
      userId: managerId!,
      days: "30",
      scopes: "imports:write",
    });
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
    const cases = [
      "",
      "?from=2026-01-01",
      "?from=2026-02-30&to=2026-03-01",
      "?from=2026-03-01&to=2026-01-01",
      "?from=01/01/2026&to=2026-12-31",
      "?from=2000-01-01&to=2026-12-31",
    ];
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
    expect(Object.keys(body).sort()).toEqual(["from", "published", "rows", "to", "total"]);
    expect(body.from).toBe("2026-01-01");
    expect(body.published).toBeNull();
    expect(body.rows.length).toBe(18);
    // The company's id and code beside its name (the reference zone's codes).
    expect(body.rows.find((r: { companyId: number }) => r.companyId === server.data.world.companyA.id)).toMatchObject({
      company: server.data.world.companyA.name,
      code: "xc",
    });
    for (const row of body.rows) {
      expect(Object.keys(row).sort()).toEqual(["cluster", "code", "company", "companyId", "construction", "production", "signed"]);
      expect(Number.isInteger(row.companyId)).toBe(true);
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

  it("says a period is published, by whom and when, and lists each changed project's code and difference", async () => {
    const body = await (await call("/api/v1/reports/three-batches?from=2026-09-01&to=2026-09-30", server.data.tokens.leader)).json();
    expect(body.published).toEqual({ at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), by: "管委会领导" });
    expect(body.changesSincePublished).toContainEqual({
      code: server.data.corrected.code,
      milestone: "signed",
      kind: "changed",
      publishedOn: "2026-09-15",
      currentOn: "2026-09-15",
      publishedWan: "2000.50",
      currentWan: "2100.75",
      differenceWan: "100.25",
    });
    // The figures are the frozen ones: company A's September is today's figure less the correction (today's is
    // read as 1 September – 1 October less 1 October, two ranges that are not published).
    const rowA = (b: { rows: { companyId: number; signed: { count: number; investmentWan: string } }[] }) =>
      b.rows.find((r) => r.companyId === server.data.world.companyA.id)!.signed;
    const wide = rowA(await (await call("/api/v1/reports/three-batches?from=2026-09-01&to=2026-10-01", server.data.tokens.leader)).json());
    const oct1 = rowA(await (await call("/api/v1/reports/three-batches?from=2026-10-01&to=2026-10-01", server.data.tokens.leader)).json());
    expect(rowA(body)).toEqual({
      count: wide.count - oct1.count,
      investmentWan: subtractDecimals(subtractDecimals(wide.investmentWan, oct1.investmentWan), "100.25"),
    });
    // A range that is not the published one has no such fields.
    const other = await (await call("/api/v1/reports/three-batches?from=2026-09-01&to=2026-09-29", server.data.tokens.leader)).json();
    expect(other.published).toBeNull();
    expect(other).not.toHaveProperty("changesSincePublished");
  });

  it("compare=yoy|pop puts the compared period's figure beside each figure; anything else is a 400", async () => {
    const yoy = await (await call("/api/v1/reports/three-batches?from=2026-09-01&to=2026-09-30&compare=yoy", server.data.tokens.leader)).json();
    expect(yoy.compare).toEqual({ kind: "yoy", from: "2025-09-01", to: "2025-09-30" });
    const pop = await (await call("/api/v1/reports/three-batches?from=2026-09-01&to=2026-09-30&compare=pop", server.data.tokens.leader)).json();
    expect(pop.compare).toEqual({ kind: "pop", from: "2026-08-01", to: "2026-08-31" });
    // The previous figures are the compared period's own report.
    const august = await (await call("/api/v1/reports/three-batches?from=2026-08-01&to=2026-08-31", server.data.tokens.leader)).json();
    for (const m of ["signed", "construction", "production"]) {
      expect(pop.total[m].previous).toEqual(august.total[m]);
      for (const [i, row] of pop.rows.entries()) {
        expect(Object.keys(row[m]).sort()).toEqual(["count", "investmentWan", "previous"]);
        expect(row[m].previous).toEqual(august.rows[i][m]);
      }
    }
    const bad = await call("/api/v1/reports/three-batches?from=2026-09-01&to=2026-09-30&compare=mom", server.data.tokens.leader);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "compare" });
  });

  it("publishes only from the confirmation step, which names the period, the frozen totals and that it is final", async () => {
    const leader = new HttpSession(server.baseUrl);
    await leader.signIn("leader", TEST_PASSWORD);
    const OCT = "from=2026-10-01&to=2026-10-31";
    const api = async () => (await call(`/api/v1/reports/three-batches?${OCT}`, server.data.tokens.leader)).json();
    const before = await api();
    const page = await (await leader.get(`/reports/three-batches?${OCT}`)).text();
    expect(page).not.toContain('data-testid="publish-confirm"');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    // A POST that skipped the confirmation publishes nothing.
    const unconfirmed = await leader.request("POST", "/reports/three-batches", { csrf, intent: "publish", from: "2026-10-01", to: "2026-10-31" });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("发布前请先在确认步骤中核对期间和合计");
    expect((await api()).published).toBeNull();
    // The confirmation step: the period, the totals that will be frozen, and that it cannot be undone.
    const confirm = await (await leader.get(`/reports/three-batches?${OCT}&basis=owner&step=confirm&note=十月通报`)).text();
    const section = confirm.slice(confirm.indexOf('data-testid="publish-confirm"'));
    expect(section).toContain("确认发布月度数据：2026-10-01 至 2026-10-31");
    expect(section).toContain("发布不可撤销");
    expect(section).toContain(
      `<td class="num">${before.total.signed.count}</td><td class="num">${formatWan(before.total.signed.investmentWan)}</td>`,
    );
    expect(section).toContain('name="confirmed" value="yes"');
    const published = await leader.request("POST", "/reports/three-batches", {
      csrf,
      intent: "publish",
      from: "2026-10-01",
      to: "2026-10-31",
      note: "十月通报",
      confirmed: "yes",
    });
    expect(published.status).toBe(302);
    const after = await api();
    expect(after.published).toEqual({ at: expect.any(String), by: "管委会领导" });
    expect(after.changesSincePublished).toEqual([]);
    expect(after.total).toEqual(before.total);
    const shown = await (await leader.get(`/reports/three-batches?${OCT}`)).text();
    expect(shown).toMatch(/data-testid="published-banner">本期数据已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 管委会领导 发布/);
    // Twice is refused, and the confirmation is no longer offered.
    const again = await leader.request("POST", "/reports/three-batches", { csrf, from: "2026-10-01", to: "2026-10-31", confirmed: "yes" });
    expect(again.status).toBe(409);
    expect(await (await leader.get(`/reports/three-batches?${OCT}&step=confirm`)).text()).not.toContain('data-testid="publish-confirm"');
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
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/v1/imports", "/api/v1/me", "/api/v1/reports/scorecard", "/api/v1/reports/three-batches"]);
    expect(doc.paths["/api/v1/reports/three-batches"].get.responses).toHaveProperty("401");
    expect(doc.paths["/api/v1/imports"].post.responses).toHaveProperty("422");
    expect(doc.paths["/api/v1/reports/three-batches"].get.security).toEqual([{ bearerAuth: ["reports:read"] }]);
    expect(doc.paths["/api/v1/imports"].post.security).toEqual([{ bearerAuth: ["imports:write"] }]);
    expect(doc.paths["/api/v1/imports"].post.responses).toHaveProperty("403");
    // Issue 18: compare, published, changes since publication, the company's id and code.
    const parameters = doc.paths["/api/v1/reports/three-batches"].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toContain("compare");
    const shape = doc.components.schemas.ThreeBatches;
    expect(shape.required).toContain("published");
    expect(Object.keys(shape.properties)).toEqual(expect.arrayContaining(["compare", "published", "changesSincePublished"]));
    expect(shape.properties.rows.items.required).toEqual(expect.arrayContaining(["companyId", "code"]));
    expect(shape.properties.changesSincePublished.items.required).toEqual(expect.arrayContaining(["code", "differenceWan"]));
    expect(doc.components.schemas.Cell.properties).toHaveProperty("previous");
  });
});
