// Opening the database the way the server and the CLI do: open, migrate, check the locale, and on a fresh
// embedded database set up a zone: the demo zone where it was asked for (development, `DEMO=1`), else — in
// production — the reference zone only, with `admin` and `leader` on the password in ADMIN_PASSWORD. A
// production install never ships the demo's known password.
import { checkCollation, openDatabase } from "./index";
import type { DatabaseHandle } from "./index";
import { passwordProblem } from "../app/modules/auth/password-policy.server";
import { isDatabaseEmpty } from "./seed/reference";
import { setupDatabase } from "./seed/setup";
import { BootError, migrateDatabase } from "./migrate";
import { fillMissingSearchKeys } from "../app/modules/search/search-keys.server";

export { BootError };

export const DEMO_PASSWORD = "Demo-Zone-2026";

/** The demo is loaded when asked for: `DEMO=1`, or NODE_ENV other than production (unless `DEMO=0`). */
export function demoWanted(env: NodeJS.ProcessEnv = process.env) {
  if (env.DEMO === "1") return true;
  if (env.DEMO === "0") return false;
  return env.NODE_ENV !== "production";
}

export async function bootDatabase(opts: { log: (message: string) => void; seedEmptyEmbedded?: boolean }): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
  try {
    await migrateDatabase(handle, { log: opts.log });
    const collation = await checkCollation(handle);
    if (!collation.ok) {
      console.warn(
        `\n*** WARNING: the database's LC_CTYPE is "${collation.ctype}", not UTF-8. Similar-name search (pg_trgm) treats every ` +
          `Chinese character as a separator and will not find duplicates. Create the database with ` +
          `LC_CTYPE 'C.UTF-8' (e.g. createdb --template=template0 --locale=C.UTF-8).\n`,
      );
    }
    if (handle.kind === "pglite" && (opts.seedEmptyEmbedded ?? true) && (await isDatabaseEmpty(handle.db))) {
      await setUpEmptyEmbedded(handle, opts.log);
    }
    // The search keys hold pinyin, which only the app computes: the rows written without them (a migration's
    // existing rows, a seed, an import) get theirs here, in the background — at 100,000 projects the first fill
    // rewrites every row (minutes), and the server must answer meanwhile. Each search fills a batch too.
    const started = Date.now();
    void fillMissingSearchKeys(Infinity, handle.db).then(
      async (filled) => {
        if (filled > 0) opts.log(`Search keys computed for ${filled} records in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        // The fill rewrote those rows: their pages are no longer all-visible, and until autovacuum comes by (minutes
        // on a busy machine) the lists' capped counts cannot walk an index only — a staff list's count read the
        // company's heap, 70–100 ms instead of ~3 (issue 23). Vacuumed at once after a big fill.
        if (filled >= VACUUM_AFTER_FILLED) {
          await handle.query("vacuum (analyze) projects, investors, investor_contacts").catch((error: unknown) => {
            console.warn("Vacuuming after the search keys' fill failed; autovacuum will:", error);
          });
        }
      },
      (error: unknown) => console.warn("Computing the search keys failed; each search fills a batch:", error),
    );
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  return handle;
}

/** Records filled at boot after which the filled tables are vacuumed (a migration's or a seed's rows, not a few). */
const VACUUM_AFTER_FILLED = 10_000;

async function setUpEmptyEmbedded(handle: DatabaseHandle, log: (message: string) => void) {
  const adminPassword = process.env.ADMIN_PASSWORD || undefined;
  if (adminPassword) {
    const problem = passwordProblem(adminPassword);
    if (problem) {
      throw new BootError(
        problem === "validation.passwordLength"
          ? "ADMIN_PASSWORD must be 10–128 characters."
          : "ADMIN_PASSWORD is a common password: choose another (10–128 characters).",
      );
    }
  }
  const started = Date.now();
  if (demoWanted()) {
    log("Empty embedded database: loading the demo zone (one moment)…");
    const counts = await setupDatabase(handle.db, { password: adminPassword ?? DEMO_PASSWORD, demo: true });
    log(
      `Demo zone loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.projects} projects, ` +
        `${counts.investors} investors, ${counts.users} users. Sign in as admin / leader / bdt_mgr / bdt_s1 with the password ${
          adminPassword ? "in ADMIN_PASSWORD" : DEMO_PASSWORD
        }.`,
    );
    return;
  }
  if (!adminPassword) {
    throw new BootError(
      "Empty embedded database in production: set ADMIN_PASSWORD (10–128 characters) for the first accounts " +
        "`admin` and `leader`, then start again. (For the demo zone with its published password instead, start with DEMO=1.)",
    );
  }
  await setupDatabase(handle.db, { password: adminPassword, demo: false });
  log(
    `Empty embedded database: set up the reference zone (clusters, companies) and the users admin and leader with ` +
      `the password in ADMIN_PASSWORD in ${((Date.now() - started) / 1000).toFixed(1)} s. No demo data was loaded.`,
  );
}
