// GET /api/v1/reports/scorecard (issue 18) against the real server: tokens and scopes (401/403), bad input (400),
// the shape and keys, no data as null (never "0"), the strict rule, the page's own figures, the OpenAPI entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { annualTargets } from "../../db/schema";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { MEASURE_KEYS } from "../../app/lib/scorecard";
import { databaseKinds } from "../support/db";
import { createOtherZone, createUser, TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import { prepareWorld } from "../support/world";

async function prepare(db: Parameters<Parameters<typeof startTestServer>[1]>[0], ctx: { filesDir: string }) {
  const world = await prepareWorld(db, { filesDir: ctx.filesDir, demoProjects: 60 });
  const { users } = await import("../../db/schema");
  const login = async (name: string) => (await db.select({ id: users.id }).from(users).where(eq(users.login, name)))[0].id;
  // No annual target anywhere: target completion is missing for every company.
  await db.delete(annualTargets);
  const far = await createOtherZone(db);
  const farLeader = await createUser(db, { zoneId: far.zoneId, companyId: null, role: "leader" });
  return {
    world,
    tokens: {
      leader: await createApiToken(db, await login("leader"), "dispatch platform"),
      admin: await createApiToken(db, await login("admin"), "admin"),
      manager: await createApiToken(db, await login(world.logins.manager), "manager"),
      leaderMeOnly: await createApiToken(db, await login("leader"), "me only", { scopes: [] }),
      farLeader: await createApiToken(db, farLeader.id, "far"),
    },
  };
}

type Measure = { value: string | null; score: number | null; weight: number };
type Row = {
  companyId: number;
  company: string;
  rank: number | null;
  total: number | null;
  rescaled: boolean;
  weightCovered: number;
  measures: Record<string, Measure>;
};

describe.each(databaseKinds())("scorecard API (%s)", (kind) => {
  let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
  beforeAll(async () => {
    server = await startTestServer(kind, prepare);
  }, 180_000);
  afterAll(() => server?.stop());

  const call = (path: string, token?: string) => fetch(server.baseUrl + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const YEAR = "/api/v1/reports/scorecard?from=2026-01-01&to=2026-12-31";

  it("401 without a valid token, 403 without the scope or the right", async () => {
    for (const token of [undefined, "zcrm_not-a-token"]) {
      const response = await call(YEAR, token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
    const manager = await call(YEAR, server.data.tokens.manager);
    expect(manager.status).toBe(403);
    expect(await (await call(YEAR, server.data.tokens.leaderMeOnly)).json()).toMatchObject({ scope: "reports:read" });
  });

  it("400 with a message for bad dates and a bad rule or scope", async () => {
    for (const query of [
      "",
      "?from=2026-01-01",
      "?from=2026-03-01&to=2026-01-01",
      "?from=2026-01-01&to=2026-12-31&missing=none",
      "?from=2026-01-01&to=2026-12-31&scope=x",
    ]) {
      const response = await call(`/api/v1/reports/scorecard${query}`, server.data.tokens.leader);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error, query).toMatch(/\w+/);
    }
  });

  it('answers the page\'s keys; a measure without data is null, never "0", and the total is rescaled', async () => {
    const response = await call(YEAR, server.data.tokens.leader);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { from: string; to: string; missing: string; weightsVersion: number; rows: Row[] };
    expect(body).toMatchObject({ from: "2026-01-01", to: "2026-12-31", missing: "rescale", weightsVersion: 0 });
    expect(body.rows.length).toBe(14);
    for (const row of body.rows) {
      expect(Object.keys(row.measures).sort()).toEqual([...MEASURE_KEYS].sort());
      expect(Object.keys(row.measures)).toEqual(expect.arrayContaining(["targetCompletion", "onTimeRate", "satisfaction"]));
      for (const [key, m] of Object.entries(row.measures)) {
        expect(typeof m.weight, key).toBe("number");
        expect(m.value === null || typeof m.value === "string", key).toBe(true);
        if (m.value === null) expect(m.score, `${row.company} ${key}`).toBeNull();
        else expect(typeof m.score, key).toBe("number");
      }
      // No target set anywhere: missing for all, with its weight out of every total.
      expect(row.measures.targetCompletion).toEqual({ value: null, score: null, weight: 10 });
      expect(row.rescaled).toBe(true);
      expect(row.weightCovered).toBeLessThanOrEqual(90);
    }
    expect(body.rows.map((r) => r.company)).toContain(server.data.world.companyA.name);
    // Ranked best first; counts are text too.
    expect(body.rows[0].rank).toBe(1);
    expect(body.rows[0].measures.signedCount.value).toMatch(/^\d+$/);
    // The page shows the same totals.
    const leader = new HttpSession(server.baseUrl);
    await leader.signIn("leader", TEST_PASSWORD);
    const html = await (await leader.get("/reports/scorecard?from=2026-01-01&to=2026-12-31")).text();
    const totals = [...html.matchAll(/data-testid="total">([^<]+)</g)].map((m) => m[1]);
    expect(totals).toEqual(body.rows.map((r) => (r.total === null ? "—" : r.total.toFixed(2))));
    // An admin's token reads the same.
    expect((await (await call(YEAR, server.data.tokens.admin)).json()).rows).toEqual(body.rows);
  });

  it("missing=zero: the missing measures score 0 and no total is rescaled", async () => {
    const body = (await (await call(`${YEAR}&missing=zero`, server.data.tokens.leader)).json()) as { missing: string; rows: Row[] };
    expect(body.missing).toBe("zero");
    for (const row of body.rows) {
      expect(row.measures.targetCompletion).toEqual({ value: null, score: 0, weight: 10 });
      expect(row.rescaled).toBe(false);
    }
    const fair = (await (await call(YEAR, server.data.tokens.leader)).json()) as { rows: Row[] };
    const fairBy = new Map(fair.rows.map((r) => [r.companyId, r.total!]));
    for (const row of body.rows) expect(row.total!).toBeLessThanOrEqual(fairBy.get(row.companyId)!);
  });

  it("one zone never sees another's companies", async () => {
    const far = (await (await call(YEAR, server.data.tokens.farLeader)).json()) as { rows: Row[] };
    const near = (await (await call(YEAR, server.data.tokens.leader)).json()) as { rows: Row[] };
    expect(far.rows.length).toBeGreaterThan(0);
    const nearIds = new Set(near.rows.map((r) => r.companyId));
    for (const row of far.rows) expect(nearIds.has(row.companyId)).toBe(false);
  });

  it("is described in OpenAPI with its scope and the null/score rules", async () => {
    const doc = await (await call("/api/v1/openapi.json")).json();
    const op = doc.paths["/api/v1/reports/scorecard"].get;
    expect(op.security).toEqual([{ bearerAuth: ["reports:read"] }]);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(["from", "to", "missing", "scope", "basis"]);
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "403"]);
    const measure = doc.components.schemas.ScorecardMeasure;
    expect(measure.properties.value.type).toEqual(["string", "null"]);
    expect(measure.properties.score.type).toEqual(["number", "null"]);
    const row = doc.components.schemas.Scorecard.properties.rows.items;
    expect(row.required).toEqual(["companyId", "company", "rank", "total", "measures"]);
    expect(row.properties.measures.required).toEqual(expect.arrayContaining(["targetCompletion", "onTimeRate", "satisfaction"]));
  });
});
