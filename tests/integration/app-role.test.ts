// The app's own PostgreSQL role (issue 16): connected as it, the app writes what it always wrote, but the audit
// log cannot be changed, emptied or unprotected — not by UPDATE/DELETE/TRUNCATE (no privilege), not by disabling
// its triggers (not the owner), not by session_replication_role = replica (superuser only). PostgreSQL only: the
// embedded PGlite has one user, where the control is the triggers (auth-hardening.test.ts).
import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/index";
import { openDatabase, setDatabase } from "../../db/index";
import { MigrationPermissionError, migrateDatabase } from "../../db/migrate";
import { grantAppRole } from "../../db/roles";
import { auditLog } from "../../db/schema";
import { createProject } from "../../app/modules/projects/project-edits.server";
import { createProjectSchema } from "../../app/modules/projects/project-form.schema";
import { createScratchPostgresDatabase } from "../support/db";
import { createInvestor, createReferenceZone, createTwoCompanies } from "../support/factories";

const asRole = (url: string, role: string) => {
  const u = new URL(url);
  u.username = role;
  u.password = "";
  return u.toString();
};

describe.skipIf(!process.env.DATABASE_URL)("the app connected as its own PostgreSQL role", () => {
  const role = `zcrm_test_app_${crypto.randomBytes(4).toString("hex")}`;
  const scratches: { url: string; drop: () => Promise<void> }[] = [];
  let ownerUrl: string;
  let owner: DatabaseHandle;
  let app: DatabaseHandle;

  beforeAll(async () => {
    delete process.env.DATABASE_MIGRATE_URL;
    const scratch = await createScratchPostgresDatabase();
    scratches.push(scratch);
    ownerUrl = scratch.url;
    owner = await openDatabase({ url: ownerUrl });
    await owner.migrate();
    await grantAppRole(ownerUrl, role);
    app = await openDatabase({ url: asRole(ownerUrl, role) });
    setDatabase(app);
  });

  afterAll(async () => {
    setDatabase(undefined);
    await app?.close();
    await owner?.close();
    for (const s of scratches) await s.drop();
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop role if exists ${role}`);
    await admin.end();
  });

  it("is no superuser and owns nothing", async () => {
    const [me] = await app.query<{ role: string; superuser: boolean; owned: number }>(
      `select current_user as role, rolsuper as superuser,
              (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
         from pg_roles r where rolname = current_user`,
    );
    expect(me).toEqual({ role, superuser: false, owned: 0 });
  });

  it("writes as the app does: creates a project through the domain module, and its audit row appears", async () => {
    const ref = await createReferenceZone(app.db);
    const { a } = await createTwoCompanies(app.db, ref);
    const investor = await createInvestor(app.db, { zoneId: ref.zoneId });
    const created = await createProject(
      a.manager,
      createProjectSchema.parse({
        name: "角色测试项目基地",
        investorName: investor.name,
        clusterId: String(ref.clusters[0].id),
        ownerId: String(a.staff1.id),
      }),
    );
    if (created.kind !== "ok") throw new Error(`not created: ${JSON.stringify(created)}`);
    const rows = await app.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, created.value.id)));
    expect(rows).toEqual([{ action: "create", actorId: a.manager.id }]);
  });

  it("cannot UPDATE, DELETE or TRUNCATE the audit log: no privilege, before any trigger", async () => {
    await expect(app.query("update audit_log set action = 'x'")).rejects.toThrow(/permission denied for table audit_log/);
    await expect(app.query("delete from audit_log")).rejects.toThrow(/permission denied for table audit_log/);
    await expect(app.query("truncate audit_log")).rejects.toThrow(/permission denied for table audit_log/);
    const [{ n }] = await app.query<{ n: number }>("select count(*)::int as n from audit_log");
    expect(n).toBeGreaterThan(0);
  });

  it("cannot disable the audit log's triggers nor set session_replication_role = replica", async () => {
    for (const statement of [
      "alter table audit_log disable trigger audit_log_no_update_delete",
      "alter table audit_log disable trigger audit_log_no_truncate",
      "alter table audit_log disable trigger all",
      "drop trigger audit_log_no_update_delete on audit_log",
    ]) {
      await expect(app.query(statement), statement).rejects.toThrow(/must be owner of (table|relation) audit_log/);
    }
    await expect(app.query("set session_replication_role = replica")).rejects.toThrow(
      /permission denied to set parameter "session_replication_role"/,
    );
    const [{ enabled }] = await owner.query<{ enabled: string }>(
      "select string_agg(tgenabled::text, '' order by tgname) as enabled from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal",
    );
    expect(enabled).toBe("OO");
    // The same statements as the tables' owner — how the app used to connect — go through: the probe can fail.
    const probe = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    await expect(
      probe.begin(async (tx) => {
        await tx.unsafe("alter table audit_log disable trigger all");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await probe.end();
  });

  it("can neither create tables nor read more than it was granted on audit_log", async () => {
    await expect(app.query("create table mine (id int)")).rejects.toThrow(/permission denied for schema public/);
    const [grants] = await owner.query<Record<string, boolean>>(
      `select has_table_privilege($1, 'audit_log', 'SELECT') as sel, has_table_privilege($1, 'audit_log', 'INSERT') as ins,
              has_table_privilege($1, 'audit_log', 'UPDATE') as upd, has_table_privilege($1, 'audit_log', 'DELETE') as del,
              has_table_privilege($1, 'audit_log', 'TRUNCATE') as trunc, has_table_privilege($1, 'audit_log', 'TRIGGER') as trig,
              has_table_privilege($1, 'projects', 'UPDATE') as projects_upd, has_table_privilege($1, 'projects', 'TRUNCATE') as projects_trunc`,
      [role],
    );
    expect(grants).toEqual({ sel: true, ins: true, upd: false, del: false, trunc: false, trig: false, projects_upd: true, projects_trunc: false });
  });

  it("is granted the tables of later migrations by default, and granting again changes nothing", async () => {
    await owner.query("create table later_table (id integer generated always as identity primary key, note text)");
    await app.query("insert into later_table (note) values ('ok')");
    expect(await app.query("select note from later_table")).toEqual([{ note: "ok" }]);
    await owner.query("drop table later_table");
    await grantAppRole(ownerUrl, role);
    await grantAppRole(ownerUrl, role);
    await expect(app.query("delete from audit_log")).rejects.toThrow(/permission denied/);
    await app.query("update projects set note = note");
  });

  it("starts without DATABASE_MIGRATE_URL when nothing is pending, and otherwise says what to set; with it, migrates", async () => {
    await expect(migrateDatabase(app)).resolves.toBeUndefined();

    const fresh = await createScratchPostgresDatabase();
    scratches.push(fresh);
    const appOnFresh = await openDatabase({ url: asRole(fresh.url, role) });
    try {
      const refused = migrateDatabase(appOnFresh);
      await expect(refused).rejects.toBeInstanceOf(MigrationPermissionError);
      await expect(refused).rejects.toThrow(/DATABASE_MIGRATE_URL/);
      // A migrate URL of another database is refused rather than migrating the wrong one.
      await expect(migrateDatabase(appOnFresh, { migrateUrl: ownerUrl })).rejects.toThrow(/point both at the same database/);
      await migrateDatabase(appOnFresh, { migrateUrl: fresh.url });
    } finally {
      await appOnFresh.close();
    }
    const check = await openDatabase({ url: fresh.url });
    const [{ tables }] = await check.query<{ tables: number }>("select count(*)::int as tables from pg_tables where schemaname = 'public'");
    await check.close();
    expect(tables).toBeGreaterThan(20);
  });
});
