// When guessing locks a login, a trusted device, the code step or an address: an audit row for the admins and, for
// a real user, a notice, so the person whose login is under attack hears of it.
import { and, eq } from "drizzle-orm";
import { getDb } from "~db/index";
import { users } from "~db/schema";
import { notify } from "~/modules/notifications/notify.server";
import { auditAuth } from "./auth-audit.server";
import type { LockKind } from "./throttle.server";
import { lockMinutesAfter } from "./throttle.server";

export async function reportLock(opts: {
  lock: LockKind;
  /** The code step (`mfa:<login>`), not the password. */
  mfa: boolean;
  user: { id: number; zoneId: number } | null;
  login: string;
  ip: string;
  /** Failures of the locked key, this one included. */
  failures: number;
}) {
  const minutes = lockMinutesAfter(opts.lock, opts.failures);
  const action = opts.lock === "address" ? "address_locked" : opts.mfa ? "mfa_locked" : opts.lock === "device" ? "device_locked" : "login_locked";
  const db = getDb();
  await db.transaction(async (tx) => {
    await auditAuth(
      {
        zoneId: opts.user?.zoneId ?? null,
        actorId: null,
        userId: opts.user?.id ?? null,
        login: opts.login,
        ip: opts.ip,
        action,
        detail: { lock: opts.lock, failures: opts.failures, minutes },
      },
      tx,
    );
    // An address lock concerns whoever is behind it, not one user.
    if (!opts.user || opts.lock === "address") return;
    await notify(tx, {
      zoneId: opts.user.zoneId,
      userIds: [opts.user.id],
      kind: opts.mfa ? "mfa_locked" : opts.lock === "device" ? "login_device_locked" : "login_locked",
      params: { ip: opts.ip, minutes: String(minutes) },
      link: "/account",
    });
    // The zone's admins hear of it too: they are the ones a locked-out user will call, and the ones to act on an attack.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.zoneId, opts.user.zoneId), eq(users.role, "admin"), eq(users.disabled, false)));
    await notify(tx, {
      zoneId: opts.user.zoneId,
      userIds: admins.map((a) => a.id).filter((id) => id !== opts.user?.id),
      kind: "login_locked_admin",
      params: { login: opts.login, ip: opts.ip, minutes: String(minutes), lock: action },
      link: `/admin/users/${opts.user.id}`,
    });
  });
}
