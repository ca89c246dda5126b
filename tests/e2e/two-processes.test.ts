// Scaling out: several stateless app processes behind a load balancer on one PostgreSQL. Sessions live in the
// database, so a cookie from one process is accepted by another, and signing out on one ends it on all.
// (The embedded PGlite is one process per folder: there a second process is refused instead.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db/index";
import { importRuns } from "../../db/schema";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { createReferenceZone, createUser, TEST_PASSWORD } from "../support/factories";
import { createScratchPostgresDatabase } from "../support/db";
import { HttpSession } from "../support/server";
import { spawnServer } from "../../scripts/lib/spawn-server";

const SHARED_SECRET = "two-processes-shared-secret-0123456789";

function startProcess(env: Record<string, string>) {
  return spawnServer({
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", COOKIE_SECURE: "0", SESSION_SECRET: SHARED_SECRET, ...env },
  });
}

/** A second client that carries the first one's cookies to another process, as a load balancer would. */
function sameBrowserOn(baseUrl: string, from: HttpSession) {
  const other = new HttpSession(baseUrl);
  other.cookies = from.cookies;
  return other;
}

// Only one of the two describes exists in a run, depending on the database it runs against.
if (process.env.DATABASE_URL)
  describe("two app processes on one PostgreSQL database", () => {
    const cleanups: (() => Promise<unknown>)[] = [];
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

    it("a view saved on A is in B's menu on B's next page: the per-process caches follow the database (decision 033)", async () => {
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
      const onA = new HttpSession(urlA);
      await onA.signIn(staff.login, TEST_PASSWORD);
      const onB = sameBrowserOn(urlB, onA);
      // B renders the layout twice (its cache now holds the menu without the view).
      for (let i = 0; i < 2; i++) expect(await (await onB.get("/projects")).text()).not.toContain("跨进程视图");

      const saved = await onA.request("POST", "/views", {
        csrf: await onA.csrfToken(),
        intent: "save",
        list: "projects",
        name: "跨进程视图",
        query: "stage=signed",
        back: "/projects",
      });
      expect(saved.status).toBe(302);
      expect(await (await onB.get("/projects")).text()).toContain("跨进程视图");
    });

    it("follow one import: started on A, polled on B, it ends done with its counts and is never declared failed", async () => {
      const scratch = await createScratchPostgresDatabase();
      cleanups.push(scratch.drop);
      const handle = await openDatabase({ url: scratch.url });
      await handle.migrate();
      const ref = await createReferenceZone(handle.db);
      const company = ref.companies.find((c) => c.clusterId !== null)!;
      const cluster = ref.clusters.find((c) => c.id === company.clusterId)!;
      const manager = await createUser(handle.db, { zoneId: ref.zoneId, companyId: company.id, role: "manager" });
      const token = await createApiToken(handle.db, manager.id);
      await handle.close();

      const a = startProcess({ DATABASE_URL: scratch.url });
      cleanups.push(a.stop);
      const b = startProcess({ DATABASE_URL: scratch.url });
      cleanups.push(b.stop);
      const [urlA, urlB] = await Promise.all([a.listening, b.listening]);
      const onB = new HttpSession(urlB);
      await onB.signIn(manager.login, TEST_PASSWORD);

      const ROWS = 6000;
      const lines = Array.from({ length: ROWS }, (_, i) => `两进程项目${i},两进程投资方${i % 50},${cluster.name}`);
      const posted = fetch(`${urlA}/api/v1/imports`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
        body: `项目名称,投资方,产业集群\n${lines.join("\n")}\n`,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));

      // B learns of the run from the list, then polls its page as the import page does, until it has finished.
      let runId: string | undefined;
      for (let i = 0; i < 200 && !runId; i++) {
        runId = /href="\/imports\/(\d+)"/.exec(await (await onB.get("/imports")).text())?.[1];
        if (!runId) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(runId).toBeDefined();
      const seen: string[] = [];
      for (let i = 0; i < 1200; i++) {
        const html = await (await onB.get(`/imports/${runId}`)).text();
        const line = /<p class="muted">(.*?)<\/p>/s.exec(html)?.[1] ?? html.slice(0, 300);
        const status = /进行中|已完成|有错误未导入|失败/.exec(line)?.[0] ?? `? ${line}`;
        seen.push(status);
        if (status !== "进行中") {
          if (status === "已完成") expect(html).toContain(`新建 ${ROWS.toLocaleString("zh-CN")} 个项目`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(seen[0]).toBe("进行中");
      expect(seen.filter((status) => status === "进行中").length, seen.join(" ")).toBeGreaterThan(1);
      expect(seen.at(-1)).toBe("已完成");
      expect(seen).not.toContain("失败");
      expect(await posted).toEqual({ status: 200, body: { created: ROWS, updated: 0 } });
      const check = await openDatabase({ url: scratch.url });
      try {
        const [run] = await check.db
          .select()
          .from(importRuns)
          .where(eq(importRuns.id, Number(runId)));
        expect(run).toMatchObject({ status: "done", totalRows: ROWS, doneRows: ROWS, createdCount: ROWS, updatedCount: 0, phase: null });
      } finally {
        await check.close();
      }
    }, 180_000);
  });
else
  describe("two app processes on the embedded database", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-two-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("cannot share it: the second process is refused, so scaling out needs DATABASE_URL", async () => {
      // A production start on an empty folder sets up its first accounts with ADMIN_PASSWORD (first-install.test.ts).
      const env = { DATA_DIR: path.join(dir, "pglite"), DATABASE_URL: "", ADMIN_PASSWORD: "Two-Processes-7f3k-Qz" };
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
