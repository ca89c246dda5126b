// Integration tests run on PGlite always, and on PostgreSQL too when DATABASE_URL is set: each test file gets
// its own in-memory PGlite or its own freshly created PostgreSQL database.
import crypto from "node:crypto";
import postgres from "postgres";
import type { DatabaseHandle } from "../../db/index";
import { openDatabase, setDatabase } from "../../db/index";
import { createPostgresCopy, migratedPgliteDump, migratedPostgresTemplate } from "./templates";

export type DbKind = "pglite" | "postgres";

/** The database kinds this run covers. */
export function databaseKinds(): DbKind[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * The kinds a browser test (`*.browser.test.ts`) runs on: PGlite only, the embedded default `npm start` uses.
 * A browser test's subject is the page; the database layer is covered on both kinds by the integration suite,
 * the authorization matrix and the HTTP e2e files, and a second run of every browser test doubled the CI time.
 */
export function browserKinds(): DbKind[] {
  return ["pglite"];
}

/** Creates an empty PostgreSQL database with a UTF-8 ctype next to the one DATABASE_URL names. */
export async function createScratchPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const name = `zcrm_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const conn = postgres(base, { max: 1, onnotice: () => {} });
      await conn.unsafe(`drop database if exists ${name} with (force)`);
      await conn.end();
    },
  };
}

export type TestDatabase = DatabaseHandle & { reset(): Promise<void>; dispose(): Promise<void> };

/** Opens a migrated, empty database of the given kind and makes it the process's database. */
export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  let drop = async () => {};
  let handle: DatabaseHandle;
  // A copy of the run's migrated template when there is one (tests/support/templates.ts); migrate() then finds
  // nothing to do.
  if (kind === "postgres") {
    const template = migratedPostgresTemplate();
    const scratch = template ? await createPostgresCopy(template) : await createScratchPostgresDatabase();
    drop = scratch.drop;
    handle = await openDatabase({ url: scratch.url });
  } else {
    handle = await openDatabase({ inMemory: true, loadDataDir: migratedPgliteDump() });
  }
  await handle.migrate();
  setDatabase(handle);
  return {
    ...handle,
    // A fresh PGlite costs seconds; emptying the tables costs milliseconds.
    async reset() {
      // The cities are reference data the migration loaded: they stay.
      const tables = await handle.query<{ name: string }>(
        "select quote_ident(tablename) as name from pg_tables where schemaname = 'public' and tablename <> 'cities'",
      );
      // The audit log refuses TRUNCATE (append-only trigger); a test database lifts that for its own reset only.
      await handle.query("alter table audit_log disable trigger audit_log_no_truncate");
      await handle.query(`truncate ${tables.map((t) => t.name).join(", ")} restart identity cascade`);
      await handle.query("alter table audit_log enable trigger audit_log_no_truncate");
    },
    async dispose() {
      setDatabase(undefined);
      await handle.close();
      await drop();
    },
  };
}
