// npm run db:roles -- --app-role NAME — as the owner of the tables (DATABASE_MIGRATE_URL, else DATABASE_URL):
// creates the app's PostgreSQL role if missing and grants it exactly what the app needs (db/roles.ts). The
// role's password, if it signs in with one, is read from APP_DB_PASSWORD (never from the command line).
import { parseArgs } from "node:util";
import { grantAppRole } from "./roles";

const { values } = parseArgs({ options: { "app-role": { type: "string" } } });
const ownerUrl = process.env.DATABASE_MIGRATE_URL || process.env.DATABASE_URL;
if (!values["app-role"] || !ownerUrl) {
  console.error(
    "usage: DATABASE_MIGRATE_URL=postgres://OWNER@HOST/DB [APP_DB_PASSWORD=…] npm run db:roles -- --app-role zcrm_app\n" +
      "Run it after npm run db:migrate, as the role that owns the tables; then set DATABASE_URL to connect as the app role.",
  );
  process.exit(2);
}
try {
  await grantAppRole(ownerUrl, values["app-role"], { password: process.env.APP_DB_PASSWORD || undefined });
  console.log(
    `Role ${values["app-role"]}: may read and write the app's tables, only read and append audit_log, owns nothing. ` +
      `Connect the app as it (DATABASE_URL) and keep DATABASE_MIGRATE_URL for migrations.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
