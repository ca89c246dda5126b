// Isolation between zones as a property (issue 20 item 2): random zones are made the way the province makes them
// (createZone, in random cities, each filled with a user of every zone role and a record of every kind), then
// random requests — a row of the authorization matrix, built against zone A's records, asked by a user of zone
// B ≠ A in a random role — run the route's own loader or action in this process against the database. None may
// answer 5xx, a row that names a record must answer what the matrix derives for another zone (crossZoneOutcomes),
// and no 2xx may carry a text of zone A's records. The exhaustive, deterministic part over HTTP is the matrix's
// "across zones" rows (tests/e2e/authorization-matrix.test.ts).
//
// The seed is random unless given; a failure prints it: ISOLATION_SEED=<seed> npx vitest run <this file>.
// ISOLATION_RUNS sets the number of requests (300 by default).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cities, sessions, users } from "../../db/schema";
import { createUserSession } from "../../app/modules/auth/session.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import type { Check, Outcome, Scope, ZoneRole } from "../support/matrix";
import { casesOf, crossZoneOutcomes, MATRIX, worldOfZone, ZONE_ROLES } from "../support/matrix";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";
import type { ZoneWorld } from "../support/zone-world";
import { makeIsolatedZone } from "../support/zone-world";

const filesDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/zcrm-isolation-files-${process.pid}`;
  process.env.FILES_DIR = dir;
  return dir;
});

const SEED = Number(process.env.ISOLATION_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.ISOLATION_RUNS ?? 300);

/** A small seeded generator (mulberry32) for the zones themselves; fast-check draws the requests from the same seed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type RouteModule = { loader?: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> };
/** Routes about the session itself, not a zone's data. */
const SESSION_ROUTES = new Set(["root", "routes/login", "routes/logout", "routes/login_.mfa", "routes/lang", "routes/rate.$token"]);

/** The URL pattern of a route id of the app's flat routes (`_app.projects.$id_.edit` → `/projects/:id/edit`). */
function patternOf(routeId: string) {
  const segments = routeId
    .slice("routes/".length)
    .replace(/\[\.\]/g, "~dot~")
    .split(".")
    .filter((s) => !s.startsWith("_"))
    .map((s) =>
      s
        .replace(/_$/, "")
        .replace(/~dot~/g, ".")
        .replace(/^\$(\w+)$/, ":$1"),
    );
  return `/${segments.join("/")}`;
}
function paramsOf(pattern: string, pathname: string): Record<string, string> {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace(/:(\w+)/g, (_m, n: string) => (names.push(n), "([^/]+)"))}$`);
  const match = regex.exec(pathname);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match?.[i + 1] ?? "")]));
}

/** The status (or redirect) and the body a loader's or action's result would be sent as. */
async function answerOf(run: () => Promise<unknown>): Promise<{ outcome: Outcome | number; text: string; error?: unknown }> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    // A Response or Remix's data() may be thrown (404s, 403s); anything else is a server error.
    const isData = !!thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit";
    if (!(thrown instanceof Response) && !isData) return { outcome: 500, text: "", error: thrown };
    value = thrown;
  }
  if (value instanceof Response) {
    const location = value.headers.get("location");
    if (value.status >= 300 && value.status < 400 && location)
      return { outcome: `→${location.split("?redirectTo")[0].replace(/\?$/, "")}`, text: "" };
    return { outcome: value.status, text: value.body ? await value.text() : "" };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init?: { status?: number } };
    return { outcome: v.init?.status ?? 200, text: JSON.stringify(v.data) ?? "" };
  }
  return { outcome: 200, text: JSON.stringify(value) ?? "" };
}

describe.each(databaseKinds())("isolation between random zones, as a property (%s)", (kind) => {
  let db: TestDatabase;
  /** Each zone: the world its records build paths in, its users by role, and the texts only it carries. */
  let zones: { name: string; world: World; logins: Record<ZoneRole, string>; markers: string[] }[] = [];
  const modules = new Map<string, RouteModule>();
  const sessionsOf = new Map<string, { cookie: string; token: string }>();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    fs.mkdirSync(filesDir, { recursive: true });
    // The matrix's world (its first zone and two zones made by createZone), and two to three more random ones.
    const w = await prepareWorld(db.db, { demoProjects: 10, filesDir });
    const random = seeded(SEED);
    const allCities = await db.db.select({ id: cities.id }).from(cities);
    const extra: ZoneWorld[] = [];
    for (let i = 0, n = 2 + Math.floor(random() * 2); i < n; i++) {
      const city = allCities[Math.floor(random() * allCities.length)];
      const code = `r${Math.floor(random() * 1e6)}z${i}`;
      extra.push(await makeIsolatedZone(db.db, { code, name: `随机开发区${i}`, cityId: city.id, tag: `随机${i}号`, filesDir }));
    }
    zones = [
      {
        name: "first",
        world: w,
        logins: { staff: w.logins.staff, manager: w.logins.manager, leader: w.logins.leader, admin: w.logins.admin },
        markers: w.markers,
      },
      ...[w.zones.second, w.zones.third, ...extra].map((z) => ({
        name: `zone ${z.zoneId}`,
        world: worldOfZone(w, z),
        logins: z.logins,
        markers: z.markers,
      })),
    ];
    // Admins and leaders hold their second factor (its steps are tested elsewhere): their sessions open fully.
    await db.db
      .update(users)
      .set({ mfaEnabledAt: new Date() })
      .where(
        inArray(
          users.login,
          zones.flatMap((z) => Object.values(z.logins)),
        ),
      );
    for (const routeId of Object.keys(MATRIX)) {
      if (SESSION_ROUTES.has(routeId)) continue;
      modules.set(routeId, (await import(path.resolve("app/routes", `${routeId.slice("routes/".length)}.tsx`))) as RouteModule);
    }
  });
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  async function sessionOf(login: string) {
    const known = sessionsOf.get(login);
    if (known) return known;
    const [user] = await db.db.select({ id: users.id }).from(users).where(eq(users.login, login));
    const response = await createUserSession({
      userId: user.id,
      request: new Request("http://localhost/login"),
      clientIp: "10.98.0.1",
      redirectTo: "/",
    });
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0];
    const [row] = await db.db.select({ token: sessions.csrfToken }).from(sessions).where(eq(sessions.userId, user.id));
    const made = { cookie, token: row.token };
    sessionsOf.set(login, made);
    return made;
  }

  it("no user of one zone reads or writes another's records (random requests; a failure prints its ISOLATION_SEED)", async () => {
    const rows: { routeId: string; check: Check }[] = Object.entries(MATRIX).flatMap(([routeId, checks]) =>
      checks
        .filter((check) => {
          const module = modules.get(routeId);
          return module && typeof (check.method === "GET" ? module.loader : module.action) === "function";
        })
        .map((check) => ({ routeId, check })),
    );
    const request = fc.record({
      row: fc.constantFrom(...rows),
      zoneA: fc.nat({ max: zones.length - 1 }),
      offsetB: fc.integer({ min: 1, max: zones.length - 1 }),
      role: fc.constantFrom(...ZONE_ROLES),
      scopeIndex: fc.nat({ max: 6 }),
    });
    const property = fc.asyncProperty(request, async ({ row, zoneA, offsetB, role, scopeIndex }) => {
      const a = zones[zoneA];
      const b = zones[(zoneA + offsetB) % zones.length];
      const { routeId, check } = row;
      const cases = casesOf(check);
      const [scope, perRole] = cases[scopeIndex % cases.length] as [Scope | undefined, Record<string, Outcome>];
      const pathname = check.path(a.world, scope);
      const body = check.body?.(a.world);
      // A row that names no record asks for B's own page: what the role gets at home, with nothing of A in it.
      const atHome = pathname === check.path(b.world, scope) && JSON.stringify(body) === JSON.stringify(check.body?.(b.world));
      const expected = atHome ? [perRole[role]] : crossZoneOutcomes(check, scope, role);
      const session = await sessionOf(b.logins[role]);
      const url = new URL(`http://localhost${pathname}`);
      const module = modules.get(routeId)!;
      const init: RequestInit = { method: check.method, headers: { Cookie: session.cookie, Origin: "http://localhost" } };
      if (body) {
        init.headers = { ...init.headers, "Content-Type": "application/x-www-form-urlencoded" };
        init.body = new URLSearchParams({ ...body, csrf: session.token });
      }
      const args = {
        request: new Request(url, init),
        params: paramsOf(patternOf(routeId), url.pathname),
        context: { nonce: "iso", clientIp: "10.98.0.2" },
      };
      const answer = await answerOf(() => (check.method === "GET" ? module.loader! : module.action!)(args));
      const label = `${b.name} ${role} → ${a.name}'s ${scope ?? "page"}: ${check.method} ${pathname}`;
      if (answer.error) throw new Error(`${label}: ${(answer.error as Error).stack ?? JSON.stringify(answer.error)}`);
      expect(expected, `${label} answered ${answer.outcome}`).toContain(answer.outcome);
      const leaked = a.markers.filter((m) => answer.text.includes(m));
      expect(leaked, `${label} carried ${a.name}'s records`).toEqual([]);
    });
    const result = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
    if (result.failed) {
      throw new Error(
        `ISOLATION_SEED=${SEED} (path ${result.counterexamplePath}): ${String(result.errorInstance).slice(0, 2000)}\n` +
          `counterexample: ${JSON.stringify(result.counterexample, (k, v) => (k === "check" ? undefined : v)).slice(0, 600)}`,
      );
    }
  });
});
