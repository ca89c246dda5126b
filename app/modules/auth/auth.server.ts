import { eq } from "drizzle-orm";
import { getDb } from "~db/index";
import { users } from "~db/schema";
import type { UserRole } from "~/lib/domain-values";
import { auditAuth } from "./auth-audit.server";
import { verifyDummyPassword, verifyPassword } from "./password.server";
import { isLoginThrottled, recordLoginAttempt } from "./throttle.server";

export type LoginResult =
  | { ok: true; userId: number; role: UserRole; mfaEnabled: boolean }
  | { ok: false; reason: "failed" | "throttled" };

/**
 * Checks a login and password. Unknown logins, wrong passwords and disabled users all answer "failed" after
 * the same argon2 work, so neither the message nor the timing tells which. Every outcome is audited (login name
 * and address, never the password).
 */
export async function authenticate(loginInput: string, password: string, ip: string): Promise<LoginResult> {
  const login = loginInput.trim().toLowerCase();
  const [user] = await getDb()
    .select({ id: users.id, zoneId: users.zoneId, role: users.role, passwordHash: users.passwordHash, disabled: users.disabled, mfaEnabledAt: users.mfaEnabledAt })
    .from(users)
    .where(eq(users.login, login));
  const who = { zoneId: user?.zoneId ?? null, actorId: null, userId: user?.id ?? null, login, ip };
  if (await isLoginThrottled(login, ip)) {
    // The same argon2 work as any other answer: a locked login is not told apart by timing either.
    await verifyDummyPassword(password);
    await auditAuth({ ...who, action: "login_throttled" });
    return { ok: false, reason: "throttled" };
  }
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password);
  const ok = valid && !!user && !user.disabled;
  await recordLoginAttempt(login, ip, ok);
  await auditAuth({ ...who, actorId: ok ? user.id : null, action: ok ? "login_succeeded" : "login_failed" });
  return ok ? { ok: true, userId: user.id, role: user.role, mfaEnabled: user.mfaEnabledAt !== null } : { ok: false, reason: "failed" };
}
