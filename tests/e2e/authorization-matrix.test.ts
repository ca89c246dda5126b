// Every route of the app × every role × every scope → the status the real server must answer (the table is
// tests/support/matrix.ts). A route, loader or action that exists in the build but not in the table fails the suite;
// every POST of the table is also forged (no token, a wrong token, another site's Origin) and must be refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/factories";
import { databaseKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";
import type { Outcome, Role, Scope } from "../support/matrix";
import { casesOf, MATRIX, outcomeOf, postChecks, ROLES, routeIdsOfBuild, routeModulesOfBuild, TOKENLESS_ROUTES } from "../support/matrix";

describe.each(databaseKinds())("authorization matrix against the real server (%s)", (kind) => {
  let server: TestServer<World>;
  const sessions = {} as Record<Role, HttpSession>;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    server = await startTestServer(kind, worldTemplate({ files: true }));
    for (const role of ROLES) {
      const session = new HttpSession(server.baseUrl);
      if (role !== "anonymous") {
        // Admins and leaders enrol their second factor at this first sign-in (the helper scans and types the code).
        await session.signIn(server.data.logins[role], TEST_PASSWORD);
        tokens[role] = await session.csrfToken();
      }
      sessions[role] = session;
    }
  });
  afterAll(() => server?.stop());

  it("lists every route of the build", async () => {
    const missing = (await routeIdsOfBuild()).filter((id) => !(id in MATRIX));
    expect(missing, "routes missing from the authorization matrix").toEqual([]);
  });

  it("has a GET row for every loader and a POST row for every action", async () => {
    const uncovered: string[] = [];
    for (const route of await routeModulesOfBuild()) {
      const checks = MATRIX[route.id] ?? [];
      if (route.loader && route.id !== "root" && !checks.some((c) => c.method === "GET")) uncovered.push(`${route.id} loader`);
      if (route.action && !checks.some((c) => c.method === "POST")) uncovered.push(`${route.id} action`);
    }
    expect(uncovered, "loaders and actions without a row").toEqual([]);
  });

  for (const [routeId, checks] of Object.entries(MATRIX)) {
    checks.forEach((check, index) => {
      it(`${routeId} #${index + 1} ${check.method}`, async () => {
        const w = server.data;
        const cases: [Scope | undefined, Record<Role, Outcome>][] = casesOf(check);
        const actual: Record<string, Outcome> = {};
        const expected: Record<string, Outcome> = {};
        for (const [scope, perRole] of cases) {
          for (const role of ROLES) {
            const session = sessions[role];
            const body = check.body
              ? { ...check.body(w), ...(tokens[role] && routeId !== "routes/logout" ? { csrf: tokens[role] } : {}) }
              : undefined;
            const response = await session.request(check.method, check.path(w, scope), body);
            const key = `${scope ?? "-"} ${role}`;
            actual[key] = outcomeOf(response, server.baseUrl);
            expected[key] = perRole[role];
          }
        }
        expect(actual).toEqual(expected);
      });
    });
  }

  // Cross-site request forgery, for every POST of the matrix and every signed-in role and scope: without the
  // session's token or with a wrong one the action refuses (403, or the 404/405 the route gives before reading a
  // form); with the right token but another site's Origin, or a cross-site fetch without Origin, the server
  // refuses before Remix (403). Nothing forged may get the answer the real form gets.
  for (const { routeId, check, index } of postChecks()) {
    it(`forged posts to ${routeId} #${index + 1} are refused`, async () => {
      const w = server.data;
      const refusals: Record<string, number> = {};
      // The API takes a bearer token, never the session cookie: a forged post there meets a 401 whatever it carries.
      const api = routeId.startsWith("routes/api.");
      const allowed = new Set(api ? [401] : [403, 404, 405]);
      const refused = api ? 401 : 403;
      for (const [scope] of casesOf(check)) {
        for (const role of ROLES) {
          const session = sessions[role];
          const path = check.path(w, scope);
          const body = check.body!(w);
          const label = `${scope ?? "-"} ${role}`;
          if (role !== "anonymous" && !TOKENLESS_ROUTES.has(routeId)) {
            const none = await session.request("POST", path, body);
            if (!allowed.has(none.status)) refusals[`${label} without token`] = none.status;
            const wrong = await session.request("POST", path, { ...body, csrf: "forged-token-0000000000000000000000000000" });
            if (!allowed.has(wrong.status)) refusals[`${label} wrong token`] = wrong.status;
          }
          const withToken = tokens[role] ? { ...body, csrf: tokens[role] } : body;
          const foreign = await session.request("POST", path, withToken, { Origin: "https://evil.example" });
          if (foreign.status !== refused) refusals[`${label} foreign Origin`] = foreign.status;
          const crossSite = await session.request("POST", path, withToken, { Origin: "", "Sec-Fetch-Site": "cross-site" });
          if (crossSite.status !== refused) refusals[`${label} cross-site fetch`] = crossSite.status;
        }
      }
      expect(refusals, "forged requests that were not refused").toEqual({});
    });
  }

  it("a project list never shows another company's or zone's project, whatever the search", async () => {
    const w = server.data;
    for (const scope of ["otherCompany", "confidential", "otherZone"] as const) {
      const html = await (await sessions.staff.get(`/projects?q=${encodeURIComponent(w.records[scope].name)}`)).text();
      // The search box echoes the query, so look for the project's row link, not its name.
      expect(html, scope).not.toContain(`href="/projects/${w.records[scope].id}"`);
    }
    const own = await (await sessions.staff.get(`/projects?q=${encodeURIComponent(w.records.own.name)}`)).text();
    expect(own).toContain(`href="/projects/${w.records.own.id}"`);
    const leader = await (await sessions.leader.get(`/projects?q=${encodeURIComponent(w.records.otherZone.name)}`)).text();
    expect(leader).not.toContain(`href="/projects/${w.records.otherZone.id}"`);
  });

  it("refuses a cross-site form post before it reaches the action", async () => {
    const response = await sessions.admin.request(
      "POST",
      "/admin/users/new",
      { csrf: tokens.admin, intent: "create", login: "forged_user", displayName: "x", role: "admin", password: "long-enough-password" },
      { Origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
  });

  it("sends the security headers", async () => {
    const response = await sessions.anonymous.get("/login");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toContain("unsafe-inline' 'nonce");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("signs out with the session's token and the old cookie no longer works", async () => {
    const session = new HttpSession(server.baseUrl);
    await session.signIn(server.data.logins.manager, TEST_PASSWORD);
    const stolen = new Map(session.cookies);
    const token = await session.csrfToken();
    expect(outcomeOf(await session.request("POST", "/logout", { csrf: token }), server.baseUrl)).toBe("→/login");
    const replay = new HttpSession(server.baseUrl);
    replay.cookies = stolen;
    expect(outcomeOf(await replay.get("/projects"), server.baseUrl)).toBe("→/login");
  });
});
