import { eq } from "drizzle-orm";
import { getDb } from "~db/index";
import { users } from "~db/schema";
import type { UserRole } from "~/lib/domain-values";
import { auditAuth } from "./auth-audit.server";
import type { DeviceEntry } from "./device.server";
import { findTrustedDevice } from "./device.server";
import { reportLock } from "./lockout.server";
import { verifyDummyPassword, verifyPassword } from "./password.server";
import type { LockKind } from "./throttle.server";
import { recordAttemptSucceeded, reserveAttempt } from "./throttle.server";

export type LoginResult =
  | { ok: true; userId: number; login: string; role: UserRole; mfaEnabled: boolean; deviceId: number | null }
  | { ok: false; reason: "failed" }
  | { ok: false; reason: "throttled"; lock: LockKind; retryAfterMs: number };

/**
 * Checks a login and password. Unknown logins, wrong passwords, disabled users and locked logins all cost the same
 * argon2 work, and the first three answer "failed", so neither the message nor the timing tells which. The attempt
 * is counted before the password is checked (throttle.server.ts); a browser holding a device cookie for the login
 * is throttled by its own budget only. Every outcome is audited (login name and address, never the password).
 */
export async function authenticate(loginInput: string, password: string, ip: string, devices: DeviceEntry[] = []): Promise<LoginResult> {
  const login = loginInput.trim().toLowerCase();
  const [user] = await getDb()
    .select({
      id: users.id,
      zoneId: users.zoneId,
      role: users.role,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      mfaEnabledAt: users.mfaEnabledAt,
    })
    .from(users)
    .where(eq(users.login, login));
  const device = devices.length > 0 ? await findTrustedDevice(login, devices) : null;
  const who = { zoneId: user?.zoneId ?? null, actorId: null, userId: user?.id ?? null, login, ip };
  const reservation = await reserveAttempt({ key: login, ip, deviceId: device?.id ?? null });
  if (!reservation.ok) {
    // The same argon2 work as any other answer: a locked login is not told apart by timing either.
    await verifyDummyPassword(password);
    await auditAuth({ ...who, action: "login_throttled", detail: { lock: reservation.lock, device: device !== null } });
    return { ok: false, reason: "throttled", lock: reservation.lock, retryAfterMs: reservation.retryAfterMs };
  }
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password);
  const ok = valid && !!user && !user.disabled;
  if (ok) await recordAttemptSucceeded(reservation.attemptId);
  await auditAuth({ ...who, actorId: ok ? user.id : null, action: ok ? "login_succeeded" : "login_failed", detail: { device: device !== null } });
  if (!ok && reservation.startsLock) {
    const failures = reservation.startsLock === "address" ? 0 : reservation.failuresBefore + 1;
    await reportLock({ lock: reservation.startsLock, mfa: false, user: user ?? null, login, ip, failures });
  }
  return ok
    ? { ok: true, userId: user.id, login, role: user.role, mfaEnabled: user.mfaEnabledAt !== null, deviceId: device?.id ?? null }
    : { ok: false, reason: "failed" };
}
