// The province's API (issue 20 item 6) against the real server: `by=zone` with a province leader's token answers
// every zone, a city leader's its city's zones, with figures that are the projects' own (counted in the prepare
// step from the projects' dates and investments) — a zone's published month in place of its live figures, the
// live ones beside —; a zone's token keeps its own view and is refused the province's; the OpenAPI document says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { prepareProvince } from "../support/province-world";

type Cell = { count: number; investmentWan: string };
type Row = { zoneCode: string; zone: string; city: string | null; published: { at: string } | null; live: Record<string, Cell> } & Record<
  string,
  Cell
>;

describe("the province's 三个一批 API (pglite)", () => {
  let server: TestServer<Awaited<ReturnType<typeof prepareProvince>>>;
  beforeAll(async () => {
    server = await startTestServer("pglite", (db) => prepareProvince(db));
  });
  afterAll(() => server?.stop());

  const get = (token: string, query: string) =>
    fetch(`${server.baseUrl}/api/v1/reports/three-batches?${query}`, { headers: { Authorization: `Bearer ${token}` } });

  it("a province leader's token: one row per zone, published figures where published, exact decimals as strings", async () => {
    const { tokens, zoneIds, expected } = server.data;
    const response = await get(tokens.province, "from=2026-03-01&to=2026-03-31&by=zone");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      from: string;
      to: string;
      rows: Row[];
      total: Record<string, Cell>;
      totalLive: Record<string, Cell>;
      totalPublished: { zones: number } & Record<string, Cell>;
    };
    expect(body.from).toBe("2026-03-01");
    expect(body.rows.map((r) => r.zoneCode)).toEqual(["demo", "tyjk", "dtjk"]);
    const demo = body.rows.find((r) => r.zoneCode === "demo")!;
    expect(demo.city).toBe("太原");
    expect(demo.published).not.toBeNull();
    expect({ signed: demo.signed, construction: demo.construction, production: demo.production }).toEqual(expected.publishedMarch);
    expect(demo.live).toEqual(expected.liveMarch[zoneIds.demo]);
    expect(demo.signed.investmentWan).toBe("13145.77"); // 12345.67 + 800.10, as published
    expect(demo.live.signed.investmentWan).toBe("13245.77"); // corrected since
    for (const code of ["tyjk", "dtjk"] as const) {
      const row = body.rows.find((r) => r.zoneCode === code)!;
      expect(row.published, code).toBeNull();
      expect({ signed: row.signed, construction: row.construction, production: row.production }, code).toEqual(expected.liveMarch[zoneIds[code]]);
    }
    // The confidential project is counted in 大同's figures, and never named anywhere in the answer.
    expect(body.rows.find((r) => r.zoneCode === "dtjk")!.signed).toEqual({ count: 2, investmentWan: "31450.45" });
    expect(JSON.stringify(body)).not.toContain("机密");
    expect(body.totalLive.signed).toEqual({ count: 5, investmentWan: "46696.27" });
    expect(body.total.signed).toEqual({ count: 5, investmentWan: "46596.27" });
    expect(body.totalPublished.zones).toBe(1);
    expect(body.totalPublished.signed).toEqual(expected.publishedMarch.signed);
  });

  it("a city leader's token answers only the zones of their city", async () => {
    const body = (await (await get(server.data.tokens.city, "from=2026-03-01&to=2026-03-31&by=zone")).json()) as { rows: Row[] };
    expect(body.rows.map((r) => r.zoneCode)).toEqual(["demo", "tyjk"]);
    expect(JSON.stringify(body)).not.toContain("大同");
  });

  it("a zone's token keeps its own view and is refused the province's; the province's token is refused a zone's", async () => {
    const { tokens } = server.data;
    const own = await get(tokens.zoneLeader, "from=2026-03-01&to=2026-03-31");
    expect(own.status).toBe(200);
    expect(((await own.json()) as { rows: { companyId: number }[] }).rows.length).toBe(18);
    for (const token of [tokens.zoneLeader, tokens.zoneAdmin]) {
      const refused = await get(token, "from=2026-03-01&to=2026-03-31&by=zone");
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toMatch(/province or city leader/);
    }
    const byCompany = await get(tokens.province, "from=2026-03-01&to=2026-03-31");
    expect(byCompany.status).toBe(403);
    expect((await get(tokens.province, "from=2026-03-01&to=2026-03-31&by=city")).status).toBe(400);
    expect((await get(tokens.province, "from=2026-03-31&to=2026-03-01&by=zone")).status).toBe(400);
    expect((await get(tokens.province, "from=2026-03-01&to=2026-03-31&by=zone&compare=yoy")).status).toBe(400);
    expect((await fetch(`${server.baseUrl}/api/v1/reports/three-batches?from=2026-03-01&to=2026-03-31&by=zone`)).status).toBe(401);
  });

  it("the OpenAPI document describes by=zone and its answer", async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
      components: { schemas: Record<string, { required: string[]; properties: Record<string, { items?: { required: string[] } }> }> };
    };
    const by = doc.paths["/api/v1/reports/three-batches"].get.parameters.find((p) => p.name === "by");
    expect(by?.schema.enum).toEqual(["company", "zone"]);
    const schema = doc.components.schemas.ThreeBatchesByZone;
    expect(schema.required).toEqual(expect.arrayContaining(["from", "to", "rows", "total"]));
    expect(schema.properties.rows.items?.required).toEqual(
      expect.arrayContaining(["zoneCode", "zone", "city", "signed", "construction", "production"]),
    );
  });
});
