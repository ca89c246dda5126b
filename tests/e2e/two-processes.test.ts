// Scaling out: several stateless app processes behind a load balancer on one PostgreSQL. Sessions live in the
// database, so a cookie from one process is accepted by another, and signing out on one ends it on all.
// (The embedded PGlite is one process per folder: there a second process is refused instead.)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/index";
import { createReferenceZone, createUser, TEST_PASSWORD } from "../support/factories";
import { createScratchPostgresDatabase } from "../support/db";
import { HttpSession } from "../support/server";

const root = path.resolve(__dirname, "../..");
const SHARED_SECRET = "two-processes-shared-secret-0123456789";

function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", COOKIE_SECURE: "0", SESSION_SECRET: SHARED_SECRET, ...env },
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(output));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  return { listening, stop };
}

/** A second client that carries the first one's cookies to another process, as a load balancer would. */
function sameBrowserOn(baseUrl: string, from: HttpSession) {
  const other = new HttpSession(baseUrl);
  other.cookies = from.cookies;
  return other;
}

// Only one of the two describes exists in a run, depending on the database it runs against.
if (process.env.DATABASE_URL) describe("two app processes on one PostgreSQL database", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("accept each other's session cookie, and signing out on one ends the session on the other", async () => {
    const scratch = await createScratchPostgresDatabase();
    cleanups.push(scratch.drop);
    const handle = await openDatabase({ url: scratch.url });
    await handle.migrate();
    const ref = await createReferenceZone(handle.db);
    const staff = await createUser(handle.db, { zoneId: ref.zoneId, companyId: ref.companies[0].id, role: "staff" });
    await handle.close();

    const a = startProcess({ DATABASE_URL: scratch.url });
    cleanups.push(a.stop);
    const b = startProcess({ DATABASE_URL: scratch.url });
    cleanups.push(b.stop);
    const [urlA, urlB] = await Promise.all([a.listening, b.listening]);
    expect(urlA).not.toBe(urlB);

    const onA = new HttpSession(urlA);
    await onA.signIn(staff.login, TEST_PASSWORD);
    const onB = sameBrowserOn(urlB, onA);
    const page = await onB.get("/projects");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(staff.displayName);

    // Signing out on B (a form post with the session's CSRF token) ends the session for A too.
    const cookie = `zcrm_session=${onA.cookies.get("zcrm_session")}`;
    const csrf = await onB.csrfToken();
    const out = await onB.request("POST", "/logout", { csrf });
    expect(out.status).toBe(302);
    const after = await new HttpSession(urlA).request("GET", "/projects", undefined, { Cookie: cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });
});

else describe("two app processes on the embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-two-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("cannot share it: the second process is refused, so scaling out needs DATABASE_URL", async () => {
    const env = { DATA_DIR: path.join(dir, "pglite"), DATABASE_URL: "" };
    const first = startProcess(env);
    try {
      await first.listening;
      const second = startProcess(env);
      await expect(second.listening).rejects.toThrow(/in use by process/);
    } finally {
      await first.stop();
    }
  });
});
