import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export { schema };
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database or an open transaction: domain functions accept either. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives: the folder for PGlite, the URL without password for PostgreSQL. */
  location: string;
  migrate(): Promise<void>;
  /** Runs raw SQL and returns its rows, the same shape on both drivers. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

export const migrationsFolder = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../drizzle");

/** `loadDataDir`: an in-memory PGlite starts from this `dumpDataDir()` tarball (tests copy a migrated template). */
export type OpenOptions = {
  url?: string;
  dataDir?: string;
  inMemory?: boolean;
  loadDataDir?: Blob;
  /** PostgreSQL: seconds to wait for a connection (postgres.js waits 30 by default; a replica gives up sooner). */
  connectTimeout?: number;
};

/** PostgreSQL when a URL is given, otherwise PGlite on disk (or in memory, for tests). */
export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.connectTimeout);
  return openPglite(options.inMemory ? undefined : (options.dataDir ?? defaultDataDir()), options.loadDataDir);
}

export function defaultDataDir() {
  return path.resolve(process.env.DATA_DIR ?? "./data/pglite");
}

async function openPostgres(url: string, connectTimeout?: number): Promise<DatabaseHandle> {
  // Prepared statements (below) are planned for their parameters every time: a generic plan, which PostgreSQL
  // would otherwise adopt after five runs where it looks as cheap, cannot know how selective a stage or a company is
  // (the leader's list filtered by stage went from 10 to 27 ms on one); parsing once is the saving kept.
  // DB_PREPARE=0 behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
  // DB_PIPELINE=0 behind one that loses pipelined queries (PgBouncer 1.18, decision 040): see `clientOptions`.
  const { prepare, pipeline } = poolerSettings();
  const client = postgres(url, {
    ...clientOptions({ pipeline }),
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    // Also the client's default, which a transaction's queries use (they do not pass the proxy below): a named
    // statement there meets another server connection in the pooler's next transaction, fails, and postgres.js's
    // retry inside the aborted transaction made its COMMIT a silent ROLLBACK — saves answered 302 and were lost
    // (found by tests/e2e/cluster.test.ts behind PgBouncer 1.18).
    prepare,
    onnotice: () => {},
    // Parallel workers only where they pay for their start (DB_PARALLEL_SETUP_COST, PostgreSQL's default 1,000):
    // on the 88-zone seed the province's year read (~4,500 rollup rows, planned at ~4,200) took 62 ms with two
    // workers and 28 ms without; the projects' text search (far costlier) is faster with them. See
    // docs/benchmarks.md, 2026-12-07. Behind a pooler the server's own setting applies.
    connection: { plan_cache_mode: "force_custom_plan", parallel_setup_cost: parallelSetupCost() },
    ...(connectTimeout ? { connect_timeout: connectTimeout } : {}),
  });
  const wrapped = preparing(client, { prepare, pipeline });
  const db = drizzlePostgres(wrapped, { schema, casing: "snake_case" }) as unknown as Database;
  const safe = url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
  return {
    db,
    kind: "postgres",
    location: safe,
    // The migrator's transaction needs `beginReserved` too without pipelining (it runs at every boot).
    migrate: () => migratePostgres(drizzlePostgres(wrapped, { casing: "snake_case" }), { migrationsFolder }),
    query: async <T>(text: string, params: unknown[] = []) => (await client.unsafe(text, params as never[])) as unknown as T[],
    close: () => client.end({ timeout: 5 }),
  };
}

/** DB_PARALLEL_SETUP_COST: PostgreSQL's parallel_setup_cost for the app's connections (default 10000). */
export function parallelSetupCost(env: Record<string, string | undefined> = process.env): string {
  const n = Number(env.DB_PARALLEL_SETUP_COST ?? 10000);
  return Number.isFinite(n) && n >= 0 ? String(n) : "10000";
}

/** DB_PREPARE=0 and DB_PIPELINE=0: what a pooler in front of the database cannot carry (decisions 035 and 040). */
export function poolerSettings(env: Record<string, string | undefined> = process.env) {
  return { prepare: env.DB_PREPARE !== "0", pipeline: env.DB_PIPELINE !== "0" };
}

/**
 * postgres.js sends a query on a connection that is still answering another (up to `max_pipeline`, 100, behind
 * it). PgBouncer 1.18 in transaction mode gives the server back to its pool at the first query's ReadyForQuery
 * and drops the answers to the one behind it ("got packet '1' from server when not linked"): that query waits
 * for ever. `max_pipeline: 0` sends nothing while a query is in flight (1 still lets one query follow the
 * running one, and hangs as well — scripts/pgbouncer-pipeline.ts). postgres.js's own `begin()` cannot run with
 * 0 (it marks the connection as the transaction's only after its pipeline check, and the BEGIN then fails with
 * UNSAFE_TRANSACTION), so without pipelining the transactions run on a reserved connection (`beginReserved`).
 */
export function clientOptions({ pipeline }: { pipeline: boolean }): { max_pipeline?: number } {
  return pipeline ? {} : { max_pipeline: 0 };
}

/**
 * The client as drizzle sees it, with every query outside a transaction sent as a named prepared statement
 * (drizzle asks postgres.js for unnamed ones unless a query is given a name): PostgreSQL parses each distinct
 * query once per connection instead of on every run. Statements are cached per connection, which postgres.js
 * replaces every 30–60 minutes. Without pipelining its `begin` is `beginReserved`.
 */
export function preparing(client: postgres.Sql, { prepare, pipeline }: { prepare: boolean; pipeline: boolean }): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        // With DB_PREPARE=0 never, not even for the queries the app prepares by name (`.prepare()`).
        return (query: string, params?: never[], options?: postgres.UnsafeQueryOptions) => target.unsafe(query, params, { ...options, prepare });
      }
      if (property === "begin" && !pipeline)
        return (options: string | TransactionBody, body?: TransactionBody) => beginReserved(target, options, body);
      return Reflect.get(target, property, receiver);
    },
  });
}

type TransactionBody = (sql: postgres.TransactionSql) => unknown;

/** postgres.js's connection errors: the connection is gone, nothing more can be sent on it. */
function connectionLost(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("CONNECTION_");
}

/**
 * `sql.begin(options?, body)` as postgres.js runs it (BEGIN, the body, COMMIT; ROLLBACK when the body throws;
 * `savepoint` for nested transactions), on a connection reserved for it: the one way to run a transaction with
 * `max_pipeline: 0` (see `clientOptions`). A connection that was lost is not rolled back or handed back.
 */
export async function beginReserved(client: postgres.Sql, options: string | TransactionBody, body?: TransactionBody): Promise<unknown> {
  const [mode, fn] = typeof options === "function" ? ["", options] : [options, body!];
  const reserved = await client.reserve();
  let lost = false;
  const run = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      if (connectionLost(error)) lost = true;
      throw error;
    }
  };
  let savepoints = 0;
  const sql = Object.assign(reserved, {
    savepoint: async (name: string | TransactionBody, inner?: TransactionBody) => {
      const [label, innerFn] = typeof name === "function" ? ["", name] : [name, inner!];
      const id = `s${savepoints++}${label ? `_${label.replace(/[^a-z0-9_]/gi, "")}` : ""}`;
      await run(() => reserved.unsafe(`savepoint ${id}`).execute());
      try {
        return await run(async () => innerFn(sql));
      } catch (error) {
        if (!lost) await run(() => reserved.unsafe(`rollback to ${id}`).execute());
        throw error;
      }
    },
  }) as unknown as postgres.TransactionSql;
  try {
    await run(() => reserved.unsafe(`begin ${mode.replace(/[^a-z ]/gi, "")}`).execute());
    let result: unknown;
    try {
      result = await run(async () => fn(sql));
    } catch (error) {
      if (!lost) await run(() => reserved.unsafe("rollback").execute());
      throw error;
    }
    await run(() => reserved.unsafe("commit").execute());
    return result;
  } finally {
    if (!lost) reserved.release();
  }
}

async function openPglite(dir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let releaseLock = () => {};
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = lockDataDir(dir);
  }
  const client = await PGlite.create(dir ?? "memory://", { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    location: dir ?? "memory://",
    migrate: () => migratePglite(drizzlePglite(client, { casing: "snake_case" }), { migrationsFolder }),
    query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

// PGlite is single-process: a second server on the same folder would corrupt it, so refuse clearly.
function lockDataDir(dir: string) {
  const lockFile = path.join(dir, "..", `${path.basename(dir)}.lock`);
  try {
    const pid = Number(fs.readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The embedded database ${dir} is in use by process ${pid}. Stop it first, or set DATA_DIR to another folder.`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Trigram search on Chinese names needs a UTF-8 LC_CTYPE; under "C" every Chinese character is a separator. */
export async function checkCollation(handle: DatabaseHandle): Promise<{ ok: boolean; ctype: string }> {
  const [row] = await handle.query<{ ctype: string }>("select datctype as ctype from pg_database where datname = current_database()");
  const ctype = row?.ctype ?? "";
  return { ok: /utf-?8/i.test(ctype), ctype };
}

// The process-wide database, opened once at boot (server, CLI) or per test file. Kept on globalThis because the
// server build bundles its own copy of this module beside the one server.ts imports.
const globalKey = Symbol.for("zone-crm.database");
type Holder = { [globalKey]?: DatabaseHandle };

export function setDatabase(handle: DatabaseHandle | undefined) {
  (globalThis as Holder)[globalKey] = handle;
}

export function getDatabase(): DatabaseHandle {
  const current = (globalThis as Holder)[globalKey];
  if (!current) throw new Error("The database is not open: call openDatabase() and setDatabase() at boot.");
  return current;
}

/**
 * The database of the code running now: the process's database (the primary), or inside `withDb(replica, …)`
 * the read replica (db/replica.ts: the leaders' report loaders). Writers and the per-process caches ask for
 * `getPrimaryDb()` where they must never see a replica.
 */
export function getDb(): Database {
  return scopes().getStore() ?? getDatabase().db;
}

/** The process's own database, whatever scope the caller runs in. */
export function getPrimaryDb(): Database {
  return getDatabase().db;
}

/** Runs `fn` with `getDb()` answering `db` (undefined: the primary) in it and everything it awaits. */
export function withDb<T>(db: Database | undefined, fn: () => T): T {
  if (db) return scopes().run(db, fn);
  // Back to the primary: only inside a scope (the store is left untouched, and its hooks off, in a process that
  // never opened one).
  return scopes().getStore() ? scopes().run(null, fn) : fn();
}

// One store per process, like the database above (the server build bundles its own copy of this module).
const scopeKey = Symbol.for("zone-crm.database-scope");
type ScopeHolder = { [scopeKey]?: AsyncLocalStorage<Database | null> };

function scopes(): AsyncLocalStorage<Database | null> {
  const holder = globalThis as ScopeHolder;
  return (holder[scopeKey] ??= new AsyncLocalStorage<Database | null>());
}
