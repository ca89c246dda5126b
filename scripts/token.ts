// npm run token -- create --user LOGIN [--label TEXT] — prints a new API token acting with that user's rights.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/index";
import { users } from "../db/schema";
import { createApiToken } from "../app/modules/auth/api-token.server";
import { writeAudit } from "../app/modules/audit/audit.server";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { user: { type: "string" }, label: { type: "string" } },
});
if (positionals[0] !== "create" || !values.user) {
  console.error("usage: npm run token -- create --user LOGIN [--label TEXT]");
  process.exit(2);
}
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await handle.migrate();
  const [user] = await handle.db
    .select({ id: users.id, zoneId: users.zoneId, disabled: users.disabled })
    .from(users)
    .where(eq(users.login, values.user.toLowerCase()));
  if (!user || user.disabled) {
    console.error(`No active user with login "${values.user}".`);
    process.exitCode = 1;
  } else {
    const token = await handle.db.transaction(async (tx) => {
      const created = await createApiToken(tx, user.id, values.label);
      await writeAudit(tx, { zoneId: user.zoneId, actorId: null, entity: "api_token", entityId: user.id, action: "create", after: { label: values.label ?? null } });
      return created;
    });
    console.log(token);
  }
} finally {
  await handle.close();
}
