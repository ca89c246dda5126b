// API tokens (issue 16): they expire, a disabled user's tokens are revoked for good, and each carries scopes its
// user's role may hold; every API route asks for its scope. The CLI's defaults. On each database.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens } from "../../db/schema";
import { openDatabase } from "../../db/index";
import { clock } from "../../app/lib/clock";
import { createApiToken, issueApiToken, requireApiUser } from "../../app/modules/auth/api-token.server";
import { grantableApiScopes } from "../../app/modules/auth/policy";
import { createTokenForUser, listApiTokens } from "../../app/modules/admin/tokens.server";
import { createTokenSchema } from "../../app/modules/admin/tokens.schema";
import { setUserDisabled } from "../../app/modules/admin/users.server";
import { loader as threeBatchesLoader } from "../../app/routes/api.v1.reports.three-batches";
import { loader as meLoader } from "../../app/routes/api.v1.me";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createTwoCompanies, createUser } from "../support/factories";
import type { ReferenceZone } from "../../db/seed/reference";

const root = path.resolve(__dirname, "../..");
const DAY = 24 * 60 * 60 * 1000;
const requestWith = (token: string, url = "http://localhost/api/v1/me") => new Request(url, { headers: { Authorization: `Bearer ${token}` } });
const YEAR = "http://localhost/api/v1/reports/three-batches?from=2026-01-01&to=2026-12-31";

/** What a route answers: its Response, thrown or returned. */
async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const args = (request: Request) => ({ request, params: {}, context: {} }) as Parameters<typeof meLoader>[0];

describe.each(databaseKinds())("API tokens (%s)", (kind) => {
  let db: TestDatabase;
  let ref: ReferenceZone;
  let admin: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    admin = await createUser(db.db, { zoneId: ref.zoneId, companyId: null, role: "admin" });
  });
  afterEach(() => clock.reset());
  afterAll(() => db?.dispose());

  it("an expired token is refused with 401: 90 days by default, or the days chosen", async () => {
    const leader = await createUser(db.db, { zoneId: ref.zoneId, companyId: null, role: "leader" });
    const token = await createApiToken(db.db, leader.id, "default");
    const week = await createApiToken(db.db, leader.id, "week", { days: 7 });
    expect(await requireApiUser(requestWith(token))).toMatchObject({ id: leader.id });
    clock.advance(7 * DAY + 60_000);
    await expect(requireApiUser(requestWith(week))).rejects.toMatchObject({ status: 401 });
    expect(await requireApiUser(requestWith(token))).toMatchObject({ id: leader.id });
    clock.advance(83 * DAY - 120_000);
    expect(await requireApiUser(requestWith(token))).toMatchObject({ id: leader.id });
    clock.advance(120_000);
    const expired = await answer(() => meLoader(args(requestWith(token))));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: "token expired" });
    await expect(issueApiToken(db.db, leader.id, "too long", { days: 366 })).rejects.toThrow(/1–365 days/);
    await expect(issueApiToken(db.db, leader.id, "too short", { days: 0 })).rejects.toThrow(/1–365 days/);
  });

  it("disabling a user revokes their tokens for good: enabled again, the old token is still 401", async () => {
    const leader = await createUser(db.db, { zoneId: ref.zoneId, companyId: null, role: "leader" });
    const token = await createApiToken(db.db, leader.id, "to be revoked");
    expect((await answer(() => threeBatchesLoader(args(requestWith(token, YEAR))))).status).toBe(200);
    expect(await setUserDisabled(admin, leader.id, true)).toEqual({ kind: "ok" });
    expect(await setUserDisabled(admin, leader.id, false)).toEqual({ kind: "ok" });
    expect((await answer(() => threeBatchesLoader(args(requestWith(token, YEAR))))).status).toBe(401);
    expect((await answer(() => meLoader(args(requestWith(token))))).status).toBe(401);
    const listed = (await listApiTokens(ref.zoneId)).find((t) => t.name === "to be revoked");
    expect(listed).toMatchObject({ revokedReason: "user_disabled" });
    expect(listed?.revokedAt).toBeInstanceOf(Date);
    // A token made after re-enabling works: the user is back, the old tokens are not.
    const fresh = await createApiToken(db.db, leader.id, "after");
    expect((await answer(() => meLoader(args(requestWith(fresh))))).status).toBe(200);
  });

  it("a token without the route's scope gets 403 naming it; /api/v1/me needs only a valid token", async () => {
    const leader = await createUser(db.db, { zoneId: ref.zoneId, companyId: null, role: "leader" });
    const unscoped = await createApiToken(db.db, leader.id, "me only", { scopes: [] });
    const refused = await answer(() => threeBatchesLoader(args(requestWith(unscoped, YEAR))));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/此令牌没有 reports:read 权限范围/), scope: "reports:read" });
    const me = await answer(() => meLoader(args(requestWith(unscoped))));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ login: leader.login, scopes: [] });
  });

  it("grants only scopes the user's role may hold, by the policy's own rules", async () => {
    const { a } = await createTwoCompanies(db.db, ref);
    const leader = await createUser(db.db, { zoneId: ref.zoneId, companyId: null, role: "leader" });
    expect(grantableApiScopes(admin)).toEqual(["reports:read", "imports:write"]);
    expect(grantableApiScopes(leader)).toEqual(["reports:read"]);
    expect(grantableApiScopes(a.manager)).toEqual(["imports:write"]);
    expect(grantableApiScopes(a.staff1)).toEqual([]);
    await expect(issueApiToken(db.db, a.staff1.id, "x", { scopes: ["reports:read"] })).rejects.toThrow(/may not hold reports:read/);
    await expect(issueApiToken(db.db, leader.id, "x", { scopes: ["imports:write"] })).rejects.toThrow(/may not hold imports:write/);
    // The admin page's action: the same refusal, as a field error, and nothing written.
    const before = (await listApiTokens(ref.zoneId)).length;
    const input = createTokenSchema.parse({ userId: String(a.manager.id), name: "报表", days: "30", scopes: "reports:read" });
    expect(await createTokenForUser(admin, input)).toEqual({ kind: "invalid", fieldErrors: { scopes: "tokens.error.scopeRole" } });
    expect((await listApiTokens(ref.zoneId)).length).toBe(before);
    expect(createTokenSchema.safeParse({ userId: "1", name: "x", days: "366" }).success).toBe(false);
    expect(createTokenSchema.safeParse({ userId: "1", name: "x", scopes: "admin:all" }).success).toBe(false);
    const result = await createTokenForUser(
      admin,
      createTokenSchema.parse({ userId: String(a.manager.id), name: "导入", days: "30", scopes: "imports:write" }),
    );
    if (result.kind !== "ok") throw new Error("not made");
    const made = result.value;
    expect(made.scopes).toEqual(["imports:write"]);
    expect(Math.round((made.expiresAt.getTime() - Date.now()) / DAY)).toBe(30);
  });
});

describe("npm run token -- create (embedded database)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-token-cli-"));
  const dataDir = path.join(dir, "pglite");
  const run = promisify(execFile);
  const cli = async (...argv: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", path.join(root, "scripts/token.ts"), "create", ...argv], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  let managerLogin: string;
  beforeAll(async () => {
    const handle = await openDatabase({ dataDir });
    await handle.migrate();
    const ref = await createReferenceZone(handle.db);
    managerLogin = (await createTwoCompanies(handle.db, ref)).a.manager.login;
    await handle.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rowOf = async (token: string) => {
    const { sha256 } = await import("../../app/modules/auth/session.server");
    const handle = await openDatabase({ dataDir });
    try {
      const [row] = await handle.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, sha256(token)));
      return row;
    } finally {
      await handle.close();
    }
  };

  it("gives every scope the user's role may hold for 90 days by default, and prints both", async () => {
    const leader = await cli("--user", "leader");
    expect(leader.code).toBe(0);
    const token = leader.stdout.trim();
    expect(token).toMatch(/^zcrm_[\w-]{40,}$/);
    expect(leader.stderr).toMatch(/Expires \d{4}-\d\d-\d\dT.* \(90 days\)\. Scopes: reports:read\./);
    const row = await rowOf(token);
    expect(row.scopes).toEqual(["reports:read"]);
    expect(Math.round((row.expiresAt.getTime() - Date.now()) / DAY)).toBe(90);

    const admin = await cli("--user", "admin");
    expect((await rowOf(admin.stdout.trim())).scopes).toEqual(["reports:read", "imports:write"]);
    const manager = await cli("--user", managerLogin);
    expect((await rowOf(manager.stdout.trim())).scopes).toEqual(["imports:write"]);
  });

  it("takes --days 1–365 and --scopes the role may hold, and refuses the rest with a message", async () => {
    const chosen = await cli("--user", "admin", "--days", "7", "--scopes", "imports:write");
    expect(chosen.code).toBe(0);
    const row = await rowOf(chosen.stdout.trim());
    expect(row.scopes).toEqual(["imports:write"]);
    expect(Math.round((row.expiresAt.getTime() - Date.now()) / DAY)).toBe(7);
    for (const [argv, message] of [
      [["--days", "366"], /--days must be a whole number from 1 to 365/],
      [["--days", "0"], /--days must be/],
      [["--scopes", "admin:all"], /Unknown scope admin:all/],
      [["--scopes", "imports:write"], /A leader's token may not hold imports:write/],
    ] as const) {
      const refused = await cli("--user", "leader", ...argv);
      expect(refused.code, argv.join(" ")).toBe(2);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(message);
    }
  });
});
