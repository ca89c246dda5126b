// A production install on an empty embedded database: `NODE_ENV=production npm start` sets up the reference zone
// with ADMIN_PASSWORD and nothing of the demo, whose password is published in the README; without ADMIN_PASSWORD
// it refuses to start and says what to do.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/boot";
import { openDatabase } from "../../db/index";
import { HttpSession } from "../support/server";
import { spawnServer } from "../../scripts/lib/spawn-server";

const children: ChildProcess[] = [];

function startProduction(dataDir: string, extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "0", DATA_DIR: dataDir, COOKIE_SECURE: "0", ...extra };
  delete env.DATABASE_URL;
  delete env.DATABASE_MIGRATE_URL;
  delete env.DEMO;
  if (!extra.ADMIN_PASSWORD) delete env.ADMIN_PASSWORD;
  // The start script itself, as `npm start` runs it.
  const server = spawnServer({ script: "scripts/start.ts", env });
  children.push(server.child);
  return server;
}

describe("a production start on an empty embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-prod-"));
  const dataDir = path.join(dir, "pglite");
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses to start without ADMIN_PASSWORD, saying what to set, and loads no demo", async () => {
    const server = startProduction(dataDir, {});
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/set ADMIN_PASSWORD/);
    expect(server.output()).not.toContain("Demo zone loaded");
    expect(server.output()).not.toMatch(/at .*boot\.ts/); // a message, not a stack trace
  });

  it("sets up the reference zone with ADMIN_PASSWORD, and the demo's users and password do not sign in", async () => {
    const password = "Prod-Install-7f3k-Qz";
    const server = startProduction(dataDir, { ADMIN_PASSWORD: password });
    const baseUrl = await server.listening;
    expect(server.output()).toContain("set up the reference zone");
    expect(server.output()).not.toContain("Demo zone loaded");

    // The demo's password opens nothing: not admin, not leader, not a demo manager or staff member.
    for (const login of ["admin", "leader", "bdt_mgr", "bdt_s1"]) {
      await expect(new HttpSession(baseUrl).signIn(login, DEMO_PASSWORD), login).rejects.toThrow(/sign-in as .* failed: 400 [^]*用户名或密码错误/);
    }
    const admin = new HttpSession(baseUrl);
    await admin.signIn("admin", password);
    const users = await (await admin.get("/admin/users")).text();
    expect(users).toContain("leader");
    expect(users).not.toContain("bdt_mgr");

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const handle = await openDatabase({ dataDir });
    try {
      const logins = await handle.query<{ login: string }>("select login from users order by login");
      expect(logins.map((u) => u.login)).toEqual(["admin", "leader", "province", "province_admin"]);
      const [counts] = await handle.query<{ projects: number; investors: number; companies: number; clusters: number }>(
        "select (select count(*)::int from projects) as projects, (select count(*)::int from investors) as investors, " +
          "(select count(*)::int from companies) as companies, (select count(*)::int from clusters) as clusters",
      );
      expect(counts).toEqual({ projects: 0, investors: 0, companies: 19, clusters: 14 });
    } finally {
      await handle.close();
    }
  });
});
