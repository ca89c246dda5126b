// npm run db:setup [-- --demo] — on an empty database: the reference zone, admin and leader; --demo adds demo data.
import { DEMO_PASSWORD } from "../boot";
import { openDatabase } from "../index";
import { MigrationPermissionError, migrateDatabase } from "../migrate";
import { isDatabaseEmpty } from "./reference";
import { setupDatabase } from "./setup";

const demo = process.argv.includes("--demo");
const password = process.env.ADMIN_PASSWORD;
if (!password && !demo) {
  console.error("Set ADMIN_PASSWORD (10–128 characters) for the admin and leader accounts.");
  process.exit(2);
}
if (password && (password.length < 10 || password.length > 128)) {
  console.error("ADMIN_PASSWORD must be 10–128 characters.");
  process.exit(2);
}
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await migrateDatabase(handle, { log: console.log });
  if (!(await isDatabaseEmpty(handle.db))) {
    console.error("The database already holds a zone: db:setup only runs on an empty database.");
    process.exitCode = 1;
  } else {
    const counts = await setupDatabase(handle.db, { password: password ?? DEMO_PASSWORD, demo });
    console.log(`Set up ${handle.kind} ${handle.location}:`, counts);
    if (!password) console.log(`Demo password: ${DEMO_PASSWORD}`);
  }
} catch (error) {
  if (!(error instanceof MigrationPermissionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
