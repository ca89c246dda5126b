// Applying the migrations. On PostgreSQL in production the app connects (DATABASE_URL) as a role that owns
// nothing and may not change the schema; migrations then run through DATABASE_MIGRATE_URL, a connection of the
// role that owns the tables (see `npm run db:roles` and docs/security.md). Without it an app role that cannot
// migrate starts when nothing is pending, and otherwise stops with what to do instead of a driver error.
import fs from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "./index";
import { migrationsFolder, openDatabase } from "./index";

/** A start that cannot go on: the message says what to do; server.ts prints it and exits without a stack. */
export class BootError extends Error {}

export class MigrationPermissionError extends BootError {}

export async function migrateDatabase(handle: DatabaseHandle, opts: { log?: (message: string) => void; migrateUrl?: string } = {}): Promise<void> {
  const migrateUrl = opts.migrateUrl ?? (process.env.DATABASE_MIGRATE_URL || undefined);
  if (handle.kind === "postgres" && migrateUrl) {
    // A migrate URL left over from another database would migrate that one and leave this one behind.
    const [app] = await handle.query<{ name: string }>("select current_database() as name");
    const named = decodeURIComponent(new URL(migrateUrl).pathname.replace(/^\//, ""));
    if (named && named !== app.name) {
      throw new BootError(
        `DATABASE_MIGRATE_URL names the database "${named}", but DATABASE_URL connects to "${app.name}": point both at the same database.`,
      );
    }
    const owner = await openDatabase({ url: migrateUrl });
    try {
      await owner.migrate();
    } finally {
      await owner.close();
    }
    return;
  }
  try {
    await handle.migrate();
  } catch (error) {
    if (handle.kind !== "postgres" || !isPermissionError(error)) throw error;
    if (await migrationsUpToDate(handle)) {
      opts.log?.(`Migrations are up to date; ${handle.location} may not migrate itself (an app role), and need not.`);
      return;
    }
    const [who] = await handle.query<{ role: string }>("select current_user as role").catch(() => [{ role: "?" }]);
    throw new MigrationPermissionError(
      `Cannot apply the migrations: DATABASE_URL connects as "${who.role}", which may not change the schema ` +
        `(${reasonOf(error)}). Set DATABASE_MIGRATE_URL to a connection of the role that owns the tables ` +
        `(npm start and npm run db:migrate then migrate through it), or run ` +
        `"DATABASE_URL=<owner's URL> npm run db:migrate" first. See README, "Database roles".`,
    );
  }
}

function reasonOf(error: unknown) {
  const { message, cause } = error as { message?: string; cause?: { message?: string } };
  return cause?.message ?? message ?? String(error);
}

function isPermissionError(error: unknown) {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === "42501" || /permission denied|must be owner/i.test(String((error as Error)?.message));
}

/** Whether every migration of drizzle/ is recorded as applied (readable by the app role: db:roles grants it). */
export async function migrationsUpToDate(handle: DatabaseHandle): Promise<boolean> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  const last = Math.max(...journal.entries.map((e) => e.when));
  try {
    const [row] = await handle.query<{ last: string | null }>("select max(created_at)::text as last from drizzle.__drizzle_migrations");
    return row?.last != null && Number(row.last) >= last;
  } catch {
    return false;
  }
}
