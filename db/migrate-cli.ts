// npm run db:migrate — applies drizzle/ to DATABASE_URL (through DATABASE_MIGRATE_URL when set), or to the
// embedded database.
import { openDatabase } from "./index";
import { MigrationPermissionError, migrateDatabase } from "./migrate";

const handle = await openDatabase({ url: process.env.DATABASE_URL || process.env.DATABASE_MIGRATE_URL || undefined });
try {
  await migrateDatabase(handle, { log: console.log });
  console.log(`Migrations applied to ${handle.kind} ${handle.location}`);
} catch (error) {
  if (!(error instanceof MigrationPermissionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
