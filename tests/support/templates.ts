// Prepared-database templates. Migrating a database costs seconds, seeding the matrix world more; each test file
// used to do both for itself. Now the global setup (tests/support/global-setup.ts) migrates one database per kind
// per run, and a named preparation (startTestServer with fromTemplate) is seeded once per run and kind; every
// file then gets a copy: PostgreSQL `create database … template …`, a copied PGlite folder, or an in-memory PGlite
// loaded from a `dumpDataDir()` tarball. Templates live for one run only (the global setup's teardown removes
// them), so a changed migration or seed can never be served stale.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import type { DatabaseHandle } from "../../db/index";
import { openDatabase } from "../../db/index";
import type { DbKind } from "./db";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's templates: `run` names its PostgreSQL databases, `dir` holds its PGlite ones. */
    templates: { run: string; dir: string } | null;
  }
}

/** .ci/run's cleanup drops `zcrm_test_%` databases: templates are named so that it drops them too. */
export const TEMPLATE_PREFIX = "zcrm_test_tmpl_";

export type TemplateRun = { run: string; dir: string };

/** The run's templates, or null when the file runs without the global setup (then nothing is copied). */
export function templateRun(): TemplateRun | null {
  try {
    return inject("templates") ?? null;
  } catch {
    return null;
  }
}

export function postgresUrlOf(name: string) {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

export const migratedPostgresName = (t: TemplateRun) => `${TEMPLATE_PREFIX}${t.run}_migrated`;
const migratedDumpFile = (t: TemplateRun) => path.join(t.dir, "migrated.tar");
const migratedDataDir = (t: TemplateRun) => path.join(t.dir, "migrated", "pglite");

/** Global setup: migrates this run's templates (the in-memory dump, the PGlite folder, PostgreSQL's database). */
export async function buildMigratedTemplates(t: TemplateRun, want: { dump: boolean; dataDir: boolean }) {
  if (want.dump) {
    const handle = await openDatabase({ inMemory: true });
    await handle.migrate();
    const tarball = await clientOf(handle).dumpDataDir("none");
    fs.writeFileSync(migratedDumpFile(t), Buffer.from(await tarball.arrayBuffer()));
    await handle.close();
  }
  if (want.dataDir) {
    const handle = await openDatabase({ dataDir: migratedDataDir(t) });
    await handle.migrate();
    await handle.close();
  }
  if (process.env.DATABASE_URL) {
    const name = migratedPostgresName(t);
    await withAdmin((sql) => sql.unsafe(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`));
    const handle = await openDatabase({ url: postgresUrlOf(name) });
    await handle.migrate();
    await handle.close();
  }
}

/** Global teardown: drops the run's PostgreSQL templates (after every file has copied them) and its folder. */
export async function removeTemplates(t: TemplateRun) {
  if (process.env.DATABASE_URL) {
    await withAdmin(async (sql) => {
      const rows = await sql<{ name: string }[]>`select datname as name from pg_database where datname like ${`${TEMPLATE_PREFIX}${t.run}_%`}`;
      for (const { name } of rows) await sql.unsafe(`drop database if exists ${name} with (force)`);
    });
  }
  fs.rmSync(t.dir, { recursive: true, force: true });
}

function clientOf(handle: DatabaseHandle) {
  return (handle.db as unknown as { $client: PGlite }).$client;
}

/** The run's migrated in-memory PGlite, as a tarball to open with `loadDataDir`, or undefined without templates. */
export function migratedPgliteDump(): Blob | undefined {
  const t = templateRun();
  if (!t || !fs.existsSync(migratedDumpFile(t))) return undefined;
  return new Blob([fs.readFileSync(migratedDumpFile(t))]);
}

/** Copies the run's migrated PGlite folder to `dataDir`; false without templates (the caller migrates). */
export function copyMigratedDataDir(dataDir: string): boolean {
  const t = templateRun();
  if (!t || !fs.existsSync(migratedDataDir(t))) return false;
  fs.cpSync(migratedDataDir(t), dataDir, { recursive: true });
  return true;
}

/** The name of the run's migrated PostgreSQL template, or undefined without templates. */
export function migratedPostgresTemplate(): string | undefined {
  const t = templateRun();
  return t && process.env.DATABASE_URL ? migratedPostgresName(t) : undefined;
}

/** Creates a PostgreSQL database as a copy of `template` (a file copy: no migration, no seed). */
export async function createPostgresCopy(template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zcrm_test_${crypto.randomBytes(6).toString("hex")}`;
  await withAdmin((sql) => sql.unsafe(`create database ${name} template ${template}`));
  return {
    url: postgresUrlOf(name),
    drop: () => withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/** Where a prepared template of this run lives: its folder (data.json, files/, pglite/) and PostgreSQL name. */
export function preparedTemplatePlace(t: TemplateRun, kind: DbKind, key: string) {
  const hash = crypto.createHash("sha256").update(key).digest("hex").slice(0, 12);
  return { dir: path.join(t.dir, `${kind}-${hash}`), postgresName: `${TEMPLATE_PREFIX}${t.run}_${hash}` };
}

/**
 * The data a preparation returns must survive JSON unchanged, since later files read it back from the template;
 * and it must not name the template's own files folder (a file gets its own copy: `then` is given its path).
 */
export function storableData<T>(data: T, filesDir: string): string {
  const json = JSON.stringify(data);
  if (!isDeepStrictEqual(JSON.parse(json), data)) {
    throw new Error("A templated preparation must return plain JSON data (no Date, Map, undefined or class).");
  }
  if (json.includes(filesDir)) throw new Error("A templated preparation must not return its files folder: use `then`.");
  return json;
}
