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
import type { Check, Outcome, Role, Scope, ZoneRole } from "../support/matrix";
import {
  casesOf,
  crossZoneOutcomes,
  MATRIX,
  outcomeOf,
  postChecks,
  ROLES,
  routeIdsOfBuild,
  routeModulesOfBuild,
  TOKENLESS_ROUTES,
  worldOfZone,
  ZONE_ROLES,
} from "../support/matrix";

describe.each(databaseKinds())("authorization matrix against the real server (%s)", (kind) => {
  let server: TestServer<World>;
  const sessions = {} as Record<Role, HttpSession>;
  const tokens = {} as Record<Role, string>;

  /** The users of the second and third zones, signed in once each (the second zone's admin is zoneAdmin's session). */
  const zoneUsers: { zone: "second" | "third"; role: ZoneRole; session: HttpSession; token: string }[] = [];

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
    for (const zone of ["second", "third"] as const) {
      for (const role of ZONE_ROLES) {
        if (zone === "second" && role === "admin") {
          zoneUsers.push({ zone, role, session: sessions.zoneAdmin, token: tokens.zoneAdmin });
          continue;
        }
        const session = new HttpSession(server.baseUrl);
        await session.signIn(server.data.zones[zone].logins[role], TEST_PASSWORD);
        zoneUsers.push({ zone, role, session, token: await session.csrfToken() });
      }
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

  // Across zones (issue 20 item 2): every row again, asked by each role of the second and the third zone about the
  // first zone's records and about each other's (the row's path and body built against that zone, worldOfZone).
  // The outcome must be the one crossZoneOutcomes derives from the row (the otherZone outcome, 404 or the row's
  // refusal), and no 2xx may carry a text of the other zone's records. A request that names no record is the
  // viewer's own page: it must answer as the row says for the role at home, and carry nothing of any other zone.
  // (Routes answered before anyone is asked who they are — sign-in, language, the rating link — are no zone's.)
  for (const [routeId, checks] of Object.entries(MATRIX).filter(([id]) => !TOKENLESS_ROUTES.has(id))) {
    it(`${routeId} across zones`, async () => {
      const w = server.data;
      const zoneWorlds = { first: w, second: worldOfZone(w, w.zones.second), third: worldOfZone(w, w.zones.third) };
      const foreignMarkers = (zone: "second" | "third") =>
        (Object.keys(zoneWorlds) as (keyof typeof zoneWorlds)[]).filter((z) => z !== zone).flatMap((z) => zoneWorlds[z].markers);
      type Case = {
        label: string;
        viewer: (typeof zoneUsers)[number];
        check: Check;
        path: string;
        body?: Record<string, string>;
        expected: Outcome[];
        markers: string[];
      };
      const cases = new Map<string, Case>();
      for (const check of checks) {
        for (const [scope, perRole] of casesOf(check)) {
          for (const viewer of zoneUsers) {
            const home = zoneWorlds[viewer.zone];
            const homeRequest = JSON.stringify([check.method, check.path(home, scope), check.body?.(home)]);
            for (const target of (["first", "second", "third"] as const).filter((z) => z !== viewer.zone)) {
              const there = zoneWorlds[target];
              const path = check.path(there, scope);
              const body = check.body?.(there);
              const request = JSON.stringify([check.method, path, body]);
              const key = `${viewer.zone} ${viewer.role} ${request}`;
              if (cases.has(key)) continue;
              const atHome = request === homeRequest;
              cases.set(key, {
                label: `${viewer.zone}-zone ${viewer.role} → ${atHome ? "own page" : `${target} zone's ${scope ?? "record"}`}: ${check.method} ${path}`,
                viewer,
                check,
                path,
                body,
                expected: atHome ? [perRole[viewer.role]] : crossZoneOutcomes(check, scope, viewer.role),
                markers: atHome ? foreignMarkers(viewer.zone) : there.markers,
              });
            }
          }
        }
      }
      const wrong: Record<string, string> = {};
      // Several at once, as many browsers would ask: the server is one process, the database one connection.
      const queue = [...cases.values()];
      const worker = async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const body = c.body ? { ...c.body, ...(routeId !== "routes/logout" ? { csrf: c.viewer.token } : {}) } : undefined;
          const response = await c.viewer.session.request(c.check.method, c.path, body);
          const outcome = outcomeOf(response, server.baseUrl);
          // Every body is searched, refusals' too: a 404 page or a form sent back must not name the record either.
          const text = response.status < 300 || response.status >= 400 ? await response.text() : "";
          if (!text) await response.body?.cancel();
          const leaked = c.markers.filter((m) => text.includes(m));
          if (!c.expected.includes(outcome)) wrong[c.label] = `${outcome}, expected ${c.expected.join(" or ")}`;
          if (leaked.length > 0) wrong[c.label] = `${outcome} carrying ${leaked.join(", ")}`;
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      expect(wrong, "cross-zone requests answered wrongly").toEqual({});
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

  // The doors beside the pages (issue 20 item 3), for the third zone's users against the first zone's data: the
  // reporting API with the zone's token, exports, file downloads, the search box, the duplicate check and notices.
  // Each has a positive control (the zone's own record is there), so a check that could never fail would show.
  it("the third zone's users find nothing of the first zone behind the API, exports, files, search and notices", async () => {
    const w = server.data;
    const z3 = w.zones.third;
    const third = (role: ZoneRole) => zoneUsers.find((u) => u.zone === "third" && u.role === role)!;
    const others = [...w.markers, ...w.zones.second.markers];
    const leaks = (text: string, except: string[] = []) => others.filter((m) => !except.includes(m) && text.includes(m));
    const api = (pathname: string, token: string, init: RequestInit = {}) =>
      fetch(server.baseUrl + pathname, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

    // The reporting API: the zone's admin's token reports the zone's own companies and figures, nothing more.
    const batches = await api("/api/v1/reports/three-batches?from=2026-01-01&to=2026-12-31", z3.tokens.reports);
    expect(batches.status).toBe(200);
    const figures = (await batches.json()) as { total: { signed: { count: number; investmentWan: string } } };
    expect(figures.total.signed).toEqual({ count: 1, investmentWan: "4321.09" });
    const scorecard = await api("/api/v1/reports/scorecard?from=2026-01-01&to=2026-12-31", z3.tokens.reports);
    expect(scorecard.status).toBe(200);
    expect(leaks(await scorecard.text())).toEqual([]);
    // An import through the API naming the first zone's project code: the zone's own register, never the other's.
    const csv = `项目编号,项目名称,投资方,产业集群\n${w.records.own.code},隔离三区-借用编号项目,隔离三区借用投资有限公司,${z3.clusterName}\n`;
    const imported = await api("/api/v1/imports", z3.tokens.imports, { method: "POST", body: csv, headers: { "Content-Type": "text/csv" } });
    expect([200, 422]).toContain(imported.status);
    const importAnswer = await imported.text();
    expect(leaks(importAnswer, [w.records.own.code])).toEqual([]);
    if (imported.status === 200) expect(JSON.parse(importAnswer)).toMatchObject({ updated: 0 });
    const ownProject = await (await sessions.staff.get(`/projects/${w.records.own.id}`)).text();
    expect(ownProject).toContain(w.records.own.name);
    expect(ownProject).not.toContain("隔离三区-借用编号项目");

    // Exports: the zone's own rows only.
    const projectsCsv = await (await third("staff").session.get("/projects/export?stage=lead&export=csv")).text();
    expect(projectsCsv).toContain(z3.records.project.name);
    expect(leaks(projectsCsv)).toEqual([]);
    const batchesCsv = await third("leader").session.get("/reports/export/three-batches-projects?from=2026-01-01&to=2026-12-31&export=csv");
    expect(batchesCsv.status).toBe(200);
    const batchesText = await batchesCsv.text();
    expect(batchesText).toContain(z3.records.signed.name);
    expect(leaks(batchesText)).toEqual([]);

    // File downloads: the first zone's evidence and import errors are not found; the zone's own are.
    for (const role of ["staff", "manager", "leader", "admin"] as const) {
      const { session } = third(role);
      expect(outcomeOf(await session.get(`/evidence/${w.evidence.own.id}`), server.baseUrl), role).toBe(404);
    }
    for (const role of ["manager", "admin"] as const) {
      const { session } = third(role);
      expect(outcomeOf(await session.get(`/imports/${w.importRun.id}`), server.baseUrl), role).toBe(404);
      expect(outcomeOf(await session.get(`/imports/${w.importRun.id}/errors?export=csv`), server.baseUrl), role).toBe(404);
    }
    expect((await third("staff").session.get(`/evidence/${z3.evidence.id}`)).status).toBe(200);
    const ownErrors = await third("manager").session.get(`/imports/${z3.importRun.id}/errors?export=csv`);
    expect(await ownErrors.text()).toContain("隔离三区-导入错误");

    // The search box and its quick list: the first zone's project, investor and enterprise are found by nobody.
    for (const role of ["staff", "manager", "leader", "admin"] as const) {
      const { session } = third(role);
      for (const q of [w.records.own.name, w.records.own.code, w.followedByB.name, "晋中恒润电子有限公司"]) {
        for (const box of ["", "box=1&"]) {
          const text = await (await session.get(`/search?${box}q=${encodeURIComponent(q)}`)).text();
          // The box echoes the query: look for the records' links and every other text.
          expect(text, `${role} searching ${q}`).not.toContain(`/projects/${w.records.own.id}"`);
          expect(text, `${role} searching ${q}`).not.toContain(`/investors/${w.followedByB.id}"`);
          expect(leaks(text, [q]), `${role} searching ${q}`).toEqual([]);
        }
      }
    }
    const found = await (await third("staff").session.get(`/search?q=${encodeURIComponent(z3.records.project.name)}`)).text();
    expect(found).toContain(`/projects/${z3.records.project.id}"`);

    // The duplicate check: no owner, company project or record of the first zone's follower.
    const uscc = w.followedByB.uscc;
    const matches = await (
      await third("staff").session.get(`/api/investor-matches?name=${encodeURIComponent(w.followedByB.name)}&uscc=${uscc}`)
    ).text();
    expect(matches).not.toContain(w.followedByB.owner);
    expect(leaks(matches, [w.followedByB.name, uscc])).toEqual([]);
    const ownMatch = await (await third("manager").session.get(`/api/investor-matches?name=${encodeURIComponent(z3.investor.name)}`)).text();
    expect(ownMatch).toContain(z3.investor.name);

    // Notices: another zone's notice cannot be opened (nor marked read); one's own leads to its link.
    const staff3 = third("staff");
    const open = (id: number) => staff3.session.request("POST", "/notifications", { csrf: staff3.token, intent: "open", id: String(id) });
    expect(outcomeOf(await open(w.notification.id), server.baseUrl)).toBe(404);
    expect(outcomeOf(await open(z3.notification.id), server.baseUrl)).toBe(`→/projects/${z3.records.project.id}`);
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
