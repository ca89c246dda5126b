// The layout's badge counts and saved views and the list filters' choices are cached per process (decision 033):
// after any committed write — through the app, another process's connection or plain SQL — the next request shows
// the new number; nothing is ever shown stale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../../db/index";
import { clusters, handoffs, notifications, savedViews, users } from "../../db/schema";
import { createUserSession, getSessionUser } from "../../app/modules/auth/session.server";
import { loadLayoutFacts } from "../../app/modules/layout/layout-facts.server";
import { readCacheVersion } from "../../app/modules/cache/company-cache.server";
import { markRead } from "../../app/modules/notifications/notifications.server";
import { listFilterOptions } from "../../app/modules/projects/projects.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

describe.each(databaseKinds())("cached layout counts and filter options (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const two = await createTwoCompanies(db.db, ref);
    const [a, b] = [two.a.company, two.b.company];
    const manager = two.a.manager;
    const staff = two.b.staff1;
    const project = await createProject(db.db, { zoneId: ref.zoneId, companyId: b.id, clusterId: ref.clusters[0].id, ownerId: staff.id });
    return { ref, a, b, manager, staff, project };
  }

  /** The user as a page request sees them: from the session, with the zone's cache version. */
  async function signedIn(userId: number) {
    const login = await createUserSession({ userId, request: new Request("http://x/login"), clientIp: "127.0.0.1", redirectTo: "/" });
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0];
    return async () => (await getSessionUser(new Request("http://x/projects", { headers: { Cookie: cookie } })))!;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("a new notice and a read one change the manager's unread badge on the next page", async () => {
    const asManager = await signedIn(w.manager.id);
    const before = (await loadLayoutFacts(await asManager())).unread;
    // Asked again with nothing written: the same (from the cache).
    expect((await loadLayoutFacts(await asManager())).unread).toBe(before);
    const [notice] = await db.db
      .insert(notifications)
      .values({ zoneId: w.ref.zoneId, userId: w.manager.id, kind: "handoff.requested", params: {} })
      .returning();
    expect((await loadLayoutFacts(await asManager())).unread).toBe(before + 1);
    await markRead(w.manager, notice.id);
    expect((await loadLayoutFacts(await asManager())).unread).toBe(before);
  });

  it("a transfer addressed to the company raises the manager's waiting badge; answering it lowers it", async () => {
    const asManager = await signedIn(w.manager.id);
    const before = (await loadLayoutFacts(await asManager())).waiting;
    const [handoff] = await db.db
      .insert(handoffs)
      .values({
        projectId: w.project.id,
        zoneId: w.ref.zoneId,
        kind: "transfer",
        fromCompanyId: w.b.id,
        toCompanyId: w.a.id,
        requestedById: w.staff.id,
        reason: "更适合甲公司",
      })
      .returning();
    expect((await loadLayoutFacts(await asManager())).waiting).toBe(before + 1);
    await db.db.update(handoffs).set({ status: "rejected" }).where(eq(handoffs.id, handoff.id));
    expect((await loadLayoutFacts(await asManager())).waiting).toBe(before);
  });

  it("a saved company view appears in a colleague's menu at once", async () => {
    const asStaff = await signedIn(w.staff.id);
    expect((await loadLayoutFacts(await asStaff())).views.map((v) => v.name)).not.toContain("本周重点");
    const bManager = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: w.b.id, role: "manager" });
    // Reading again after the new manager's row (a write too) fills the cache at this version.
    expect((await loadLayoutFacts(await asStaff())).views.map((v) => v.name)).not.toContain("本周重点");
    await db.db
      .insert(savedViews)
      .values({ zoneId: w.ref.zoneId, companyId: w.b.id, ownerId: bManager.id, list: "projects", name: "本周重点", query: "stage=signed" });
    expect((await loadLayoutFacts(await asStaff())).views.map((v) => v.name)).toContain("本周重点");
  });

  it("a new colleague, a renamed one and a renamed cluster show in the list's filters at once", async () => {
    const asManager = await signedIn(w.manager.id);
    const owners = async () => (await listFilterOptions(await asManager(), undefined)).owners.map((o) => o.name);
    const before = await owners();
    const colleague = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: w.a.id, role: "staff", displayName: "新同事李四" });
    expect(await owners()).toEqual([...before, "新同事李四"].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    await db.db.update(users).set({ displayName: "新同事李五" }).where(eq(users.id, colleague.id));
    expect(await owners()).toContain("新同事李五");
    expect(await owners()).not.toContain("新同事李四");
    // A sign-in's write to the user (the last accepted code) keeps the cache: it is no column the filters read.
    await db.db.update(users).set({ mfaLastStep: 1 }).where(eq(users.id, colleague.id));
    const [cluster] = w.ref.clusters;
    await db.db.update(clusters).set({ name: "半导体（更名）" }).where(eq(clusters.id, cluster.id));
    const asLeader = await signedIn((await createUser(db.db, { zoneId: w.ref.zoneId, companyId: null, role: "leader" })).id);
    expect((await listFilterOptions(await asLeader(), undefined)).clusters.map((c) => c.name)).toContain("半导体（更名）");
    expect((await listFilterOptions(await asManager(), undefined)).clusters.map((c) => c.name)).toContain("半导体（更名）");
  });

  it("a write another process makes (its own connection, plain SQL) is seen by this one's next page", async () => {
    const asManager = await signedIn(w.manager.id);
    const before = (await loadLayoutFacts(await asManager())).unread;
    const insert = `insert into notifications (zone_id, user_id, kind) values (${w.ref.zoneId}, ${w.manager.id}, 'handoff.requested')`;
    if (kind === "postgres") {
      // Another process: a connection of its own, outside this process's client and caches.
      const other = postgres(db.location, { max: 1, onnotice: () => {} });
      await other.begin(async (tx) => {
        await tx.unsafe(insert);
        await tx.unsafe(insert);
      });
      await other.end();
    } else {
      // PGlite has one process: plain SQL, past drizzle and the app's modules.
      await db.query(insert);
      await db.query(insert);
    }
    expect((await loadLayoutFacts(await asManager())).unread).toBe(before + 2);
  });

  it("the numbers do come from the cache: a write that skips the triggers is not seen until the next real one", async () => {
    const asManager = await signedIn(w.manager.id);
    const before = (await loadLayoutFacts(await asManager())).unread;
    // session_replication_role = replica turns ordinary triggers off: a write the version does not see.
    await db.db.transaction(async (tx) => {
      await tx.execute("set local session_replication_role = replica" as never);
      await tx.insert(notifications).values({ zoneId: w.ref.zoneId, userId: w.manager.id, kind: "handoff.requested" });
    });
    expect((await loadLayoutFacts(await asManager())).unread).toBe(before);
    await db.db.insert(notifications).values({ zoneId: w.ref.zoneId, userId: w.manager.id, kind: "handoff.requested" });
    expect((await loadLayoutFacts(await asManager())).unread).toBe(before + 2);
  });
});

if (process.env.DATABASE_URL)
  describe("prepared queries and a transaction-mode pooler (postgres)", () => {
    it("DB_PREPARE=0 sends even the queries the app prepares by name unnamed; by default they are kept", async () => {
      const db = await openTestDatabase("postgres");
      const saved = { prepare: process.env.DB_PREPARE, pool: process.env.DB_POOL_SIZE };
      try {
        const zoneId = (await createReferenceZone(db.db)).zoneId;
        const kept = async (env: string | undefined) => {
          process.env.DB_POOL_SIZE = "1";
          if (env === undefined) delete process.env.DB_PREPARE;
          else process.env.DB_PREPARE = env;
          const handle = await openDatabase({ url: db.location });
          try {
            expect(await readCacheVersion(zoneId, handle.db)).not.toBeNull();
            const [{ n }] = await handle.query<{ n: number }>(
              "select count(*)::int as n from pg_prepared_statements where statement like '%zone_cache_versions%'",
            );
            return n;
          } finally {
            await handle.close();
          }
        };
        expect(await kept("0")).toBe(0);
        expect(await kept(undefined)).toBeGreaterThan(0);
      } finally {
        if (saved.prepare === undefined) delete process.env.DB_PREPARE;
        else process.env.DB_PREPARE = saved.prepare;
        if (saved.pool === undefined) delete process.env.DB_POOL_SIZE;
        else process.env.DB_POOL_SIZE = saved.pool;
        await db.dispose();
      }
    });
  });
