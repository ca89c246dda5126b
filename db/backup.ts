// Backup and restore of either database (issue 9): pg_dump/pg_restore for PostgreSQL, PGlite's own data-folder
// dump (a gzip'd tar of the cluster) for the embedded database. A restore never replaces a database that holds
// tables unless forced; a forced PGlite restore keeps the old folder beside the new one.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { openDatabase } from "./index";

const run = promisify(execFile);

export type Target = { url?: string; dataDir: string };

async function tableCount(target: Target): Promise<number> {
  const handle = await openDatabase({ url: target.url, dataDir: target.dataDir });
  try {
    const [row] = await handle.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname = 'public'");
    return Number(row.n);
  } finally {
    await handle.close();
  }
}

export async function backup(target: Target, outFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  if (target.url) {
    // Custom format: compressed, restored table by table with its triggers and indexes after the data.
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${outFile}`, `--dbname=${target.url}`]);
    return;
  }
  // Opening takes the folder's lock: a running server on it is refused with a clear message.
  const handle = await openDatabase({ dataDir: target.dataDir });
  try {
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir("gzip");
    fs.writeFileSync(outFile, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
}

export class NotEmptyError extends Error {}

export async function restore(target: Target, inFile: string, opts: { force?: boolean } = {}): Promise<{ movedAside?: string }> {
  if (!fs.existsSync(inFile)) throw new Error(`No backup at ${inFile}`);
  const tables = await tableCount(target);
  if (tables > 0 && !opts.force) {
    throw new NotEmptyError(`The target database already holds ${tables} tables. Restoring would replace them: add --force to do so.`);
  }
  if (target.url) {
    const args = ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${target.url}`];
    if (tables > 0) {
      // Forced over existing data: drop what the backup holds first (the audit log's triggers go with its table).
      args.push("--clean", "--if-exists");
    }
    await run("pg_restore", [...args, inFile]);
    return {};
  }
  let movedAside: string | undefined;
  if (fs.existsSync(target.dataDir)) {
    movedAside = `${target.dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(target.dataDir, movedAside);
    if (tables === 0) {
      fs.rmSync(movedAside, { recursive: true, force: true });
      movedAside = undefined;
    }
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const client = await PGlite.create(target.dataDir, {
    loadDataDir: new Blob([fs.readFileSync(inFile)]),
    extensions: { pg_trgm },
  });
  await client.close();
  return { movedAside };
}
