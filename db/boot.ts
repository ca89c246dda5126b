// Opening the database the way the server and the CLI do: open, migrate, check the locale, and on a fresh
// embedded database load the demo zone so that `npm start` shows something real on first run.
import { checkCollation, openDatabase } from "./index";
import type { DatabaseHandle } from "./index";
import { isDatabaseEmpty } from "./seed/reference";
import { setupDatabase } from "./seed/setup";

export const DEMO_PASSWORD = "Demo-Zone-2026";

export async function bootDatabase(opts: { log: (message: string) => void; seedEmptyEmbedded?: boolean }): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
  await handle.migrate();
  const collation = await checkCollation(handle);
  if (!collation.ok) {
    console.warn(
      `\n*** WARNING: the database's LC_CTYPE is "${collation.ctype}", not UTF-8. Similar-name search (pg_trgm) treats every ` +
        `Chinese character as a separator and will not find duplicates. Create the database with ` +
        `LC_CTYPE 'C.UTF-8' (e.g. createdb --template=template0 --locale=C.UTF-8).\n`,
    );
  }
  if (handle.kind === "pglite" && (opts.seedEmptyEmbedded ?? true) && (await isDatabaseEmpty(handle.db))) {
    const password = process.env.ADMIN_PASSWORD || DEMO_PASSWORD;
    opts.log("Empty embedded database: loading the demo zone (one moment)…");
    const started = Date.now();
    const counts = await setupDatabase(handle.db, { password, demo: true });
    opts.log(
      `Demo zone loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.projects} projects, ` +
        `${counts.investors} investors, ${counts.users} users. Sign in as admin / leader / bdt_mgr / bdt_s1 with the password ${
          process.env.ADMIN_PASSWORD ? "in ADMIN_PASSWORD" : DEMO_PASSWORD
        }.`,
    );
  }
  return handle;
}
