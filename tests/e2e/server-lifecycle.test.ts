// What `npm start` promises on a fresh machine (a developer's quick start, NODE_ENV unset): migrations, the demo
// zone on an empty embedded database, one process per data folder, and a prompt exit on SIGTERM. A production
// start (NODE_ENV=production) loads no demo: tests/e2e/first-install.test.ts.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/boot";
import { HttpSession } from "../support/server";
import { spawnServer } from "../../scripts/lib/spawn-server";

const root = path.resolve(__dirname, "../..");

function startServer(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", DATA_DIR: dataDir, COOKIE_SECURE: "0" };
  delete (env as Record<string, string | undefined>).NODE_ENV;
  delete env.DEMO;
  delete env.DATABASE_URL;
  delete env.DATABASE_MIGRATE_URL;
  delete env.ADMIN_PASSWORD;
  return spawnServer({ script: "scripts/start.ts", env });
}

describe("the server on a fresh embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-fresh-"));
  const dataDir = path.join(dir, "pglite");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates the folder, loads the demo zone, refuses a second server on the folder, and exits on SIGTERM", async () => {
    const first = startServer(dataDir);
    const baseUrl = await first.listening;
    expect(fs.existsSync(dataDir)).toBe(true);
    expect(first.output()).toContain("Demo zone loaded");

    // Every role can sign in with the demo password and land on a page with real figures.
    const leader = new HttpSession(baseUrl);
    await leader.signIn("leader", DEMO_PASSWORD);
    const overview = await (await leader.get("/overview")).text();
    expect(overview).toContain("半导体产业招商服务公司");
    const manager = new HttpSession(baseUrl);
    await manager.signIn("bdt_mgr", DEMO_PASSWORD);
    expect((await manager.get("/projects")).status).toBe(200);

    // PGlite is one process per folder: a second server says so and stops.
    const second = startServer(dataDir);
    await expect(second.listening).rejects.toThrow(/in use by process/);

    // It exits, and cleanly; one that hung on SIGTERM would run into the test's timeout.
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    // While it is stopped: an API token for the leader, from the command line.
    const token = execFileSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/token.ts"), "create", "--user", "leader"], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
    }).trim();
    expect(token).toMatch(/^zcrm_[\w-]{40,}$/);

    // The data survives a restart and is not seeded twice; the token acts as the leader.
    const again = startServer(dataDir);
    const url = await again.listening;
    expect(again.output()).not.toContain("Demo zone loaded");
    const admin = new HttpSession(url);
    await admin.signIn("admin", DEMO_PASSWORD);
    expect((await admin.get("/admin/users")).status).toBe(200);
    const me = await fetch(`${url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ login: "leader", role: "leader" });
    expect((await fetch(`${url}/api/v1/me`, { headers: { Authorization: "Bearer zcrm_wrong" } })).status).toBe(401);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  });
});
