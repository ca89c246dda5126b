// A user's own account: change the password (ends the other sessions), turn the second factor off.
import { eq } from "drizzle-orm";
import { getDb } from "~db/index";
import { users } from "~db/schema";
import { clock } from "~/lib/clock";
import { auditAuth } from "./auth-audit.server";
import { countTrustedDevices, revokeDevices } from "./device.server";
import { clearMfa, mfaRequired, remainingRecoveryCodes, verifySecondFactor } from "./mfa.server";
import { hashPassword, verifyPassword } from "./password.server";
import { passwordProblem } from "./password-policy.server";
import type { SessionUser } from "./session.server";
import { endUserSessions } from "./session.server";
import { recordAttemptSucceeded, reserveAttempt } from "./throttle.server";

export async function accountOverview(user: SessionUser) {
  const [row] = await getDb()
    .select({ mfaEnabledAt: users.mfaEnabledAt, passwordChangedAt: users.passwordChangedAt })
    .from(users)
    .where(eq(users.id, user.id));
  return {
    login: user.login,
    displayName: user.displayName,
    mfaEnabledAt: row?.mfaEnabledAt?.toISOString() ?? null,
    passwordChangedAt: row?.passwordChangedAt.toISOString() ?? null,
    mfaRequired: mfaRequired(user),
    recoveryCodesLeft: row?.mfaEnabledAt ? await remainingRecoveryCodes(user.id) : 0,
    trustedDevices: await countTrustedDevices(user.id),
    mustChangePassword: user.mustChangePassword,
  };
}

/** The user revokes every browser trusted for their login (device cookies): a lost laptop keeps no standing. */
export async function revokeOwnDevices(user: SessionUser, ip: string) {
  await getDb().transaction(async (tx) => {
    await revokeDevices(user.id, tx);
    await auditAuth({ zoneId: user.zoneId, actorId: user.id, userId: user.id, action: "devices_revoked", login: user.login, ip }, tx);
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; errors: Partial<Record<"current" | "password", string>>; status: 400 | 429 };

/**
 * Checks the current password (wrong ones count towards the login's throttle), applies the password rules, stores
 * the new hash and ends every session of the user; the caller starts a fresh one for this browser.
 */
export async function changeOwnPassword(user: SessionUser, current: string, next: string, ip: string): Promise<ChangePasswordResult> {
  // Counted before the check, like a sign-in (throttle.server.ts): a stolen session cannot guess the password fast.
  const reservation = await reserveAttempt({ key: user.login, ip, deviceId: null });
  if (!reservation.ok) return { ok: false, status: 429, errors: { current: "login.throttledShort" } };
  const [row] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  const valid = row ? await verifyPassword(row.passwordHash, current) : false;
  const who = { zoneId: user.zoneId, actorId: user.id, userId: user.id, login: user.login, ip };
  if (valid) await recordAttemptSucceeded(reservation.attemptId);
  if (!valid) {
    await auditAuth({ ...who, action: "password_change_failed" });
    return { ok: false, status: 400, errors: { current: "account.currentWrong" } };
  }
  const problem = passwordProblem(next);
  if (problem) return { ok: false, status: 400, errors: { password: problem } };
  if (next === current) return { ok: false, status: 400, errors: { password: "account.samePassword" } };
  const passwordHash = await hashPassword(next);
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: clock.now(), mustChangePassword: false }).where(eq(users.id, user.id));
    await endUserSessions(user.id, tx);
    await auditAuth({ ...who, action: "password_changed", ...(user.mustChangePassword ? { detail: { afterReset: true } } : {}) }, tx);
  });
  return { ok: true };
}

/** Turns MFA off for a user who is not required to have it, after a valid code. */
export async function disableOwnMfa(user: SessionUser, code: string, ip: string): Promise<{ ok: true } | { ok: false; error: string }> {
  if (mfaRequired(user)) return { ok: false, error: "mfa.required" };
  const throttleKey = `mfa:${user.login}`;
  const reservation = await reserveAttempt({ key: throttleKey, ip, deviceId: null });
  if (!reservation.ok) return { ok: false, error: "login.throttledShort" };
  const result = await verifySecondFactor(user, code);
  if (result.ok) await recordAttemptSucceeded(reservation.attemptId);
  if (!result.ok) return { ok: false, error: "mfa.codeWrong" };
  await getDb().transaction(async (tx) => {
    await clearMfa(tx, user.id);
    await auditAuth({ zoneId: user.zoneId, actorId: user.id, userId: user.id, action: "mfa_disabled", login: user.login, ip }, tx);
  });
  return { ok: true };
}
