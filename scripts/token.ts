// npm run token -- create --user LOGIN [--label TEXT] [--days N] [--scopes a,b] — prints a new API token acting
// for that user. By default it lasts 90 days and carries every scope the user's role may hold. The token alone
// goes to stdout (for scripts); its expiry and scopes to stderr.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/index";
import { MigrationPermissionError, migrateDatabase } from "../db/migrate";
import { users } from "../db/schema";
import { isApiScope, issueApiToken } from "../app/modules/auth/api-token.server";
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_DAYS_MIN } from "../app/modules/auth/token-limits";
import { API_SCOPES, grantableApiScopes } from "../app/modules/auth/policy";
import type { ApiScope } from "../app/modules/auth/policy";
import { writeAudit } from "../app/modules/audit/audit.server";

const usage = `usage: npm run token -- create --user LOGIN [--label TEXT] [--days ${TOKEN_DAYS_MIN}-${TOKEN_DAYS_MAX}, default ${TOKEN_DAYS_DEFAULT}] [--scopes ${API_SCOPES.join(",")}]`;
function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { user: { type: "string" }, label: { type: "string" }, days: { type: "string" }, scopes: { type: "string" } },
});
if (positionals[0] !== "create" || !values.user) fail("Say which user the token acts for.");
const days = values.days === undefined ? TOKEN_DAYS_DEFAULT : Number(values.days);
if (!Number.isInteger(days) || days < TOKEN_DAYS_MIN || days > TOKEN_DAYS_MAX) {
  fail(`--days must be a whole number from ${TOKEN_DAYS_MIN} to ${TOKEN_DAYS_MAX}.`);
}
let asked: ApiScope[] | undefined;
if (values.scopes !== undefined) {
  const names = values.scopes
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((s) => !isApiScope(s));
  if (unknown.length > 0) fail(`Unknown scope ${unknown.join(", ")}: the scopes are ${API_SCOPES.join(", ")}.`);
  asked = names as ApiScope[];
}

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await migrateDatabase(handle);
  const [user] = await handle.db
    .select({ id: users.id, zoneId: users.zoneId, disabled: users.disabled, role: users.role, companyId: users.companyId })
    .from(users)
    .where(eq(users.login, values.user.toLowerCase()));
  if (!user || user.disabled) {
    console.error(`No active user with login "${values.user}".`);
    process.exitCode = 1;
  } else {
    const grantable = grantableApiScopes(user);
    const refused = (asked ?? []).filter((s) => !grantable.includes(s));
    if (refused.length > 0) {
      console.error(
        `A ${user.role}'s token may not hold ${refused.join(", ")}; "${values.user}" may hold ${grantable.length ? grantable.join(", ") : "no scope (only /api/v1/me)"}.`,
      );
      process.exitCode = 2;
    } else {
      const made = await handle.db.transaction(async (tx) => {
        const issued = await issueApiToken(tx, user.id, values.label, { scopes: asked, days });
        await writeAudit(tx, {
          zoneId: user.zoneId,
          actorId: null,
          entity: "api_token",
          entityId: issued.id,
          action: "create",
          after: { userId: user.id, label: values.label ?? null, scopes: issued.scopes, expiresAt: issued.expiresAt.toISOString(), via: "cli" },
        });
        return issued;
      });
      console.log(made.token);
      console.error(
        `Expires ${made.expiresAt.toISOString()} (${days} days). Scopes: ${made.scopes.length ? made.scopes.join(", ") : "none (only /api/v1/me)"}.`,
      );
    }
  }
} catch (error) {
  if (!(error instanceof MigrationPermissionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
