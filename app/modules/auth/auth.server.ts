import { eq } from "drizzle-orm";
import { getDb } from "~db/index";
import { users } from "~db/schema";
import type { UserRole } from "~/lib/domain-values";
import { verifyDummyPassword, verifyPassword } from "./password.server";
import { isLoginThrottled, recordLoginAttempt } from "./throttle.server";

export type LoginResult = { ok: true; userId: number; role: UserRole } | { ok: false; reason: "failed" | "throttled" };

/**
 * Checks a login and password. Unknown logins, wrong passwords and disabled users all answer "failed" after
 * the same argon2 work, so neither the message nor the timing tells which.
 */
export async function authenticate(loginInput: string, password: string, ip: string): Promise<LoginResult> {
  const login = loginInput.trim().toLowerCase();
  if (await isLoginThrottled(login, ip)) return { ok: false, reason: "throttled" };
  const [user] = await getDb()
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(eq(users.login, login));
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password);
  const ok = valid && !!user && !user.disabled;
  await recordLoginAttempt(login, ip, ok);
  return ok ? { ok: true, userId: user.id, role: user.role } : { ok: false, reason: "failed" };
}
