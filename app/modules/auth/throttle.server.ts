// Sign-in throttling (docs/security.md). Two rules keep guessing slow without handing strangers a way to lock the
// real user out (OWASP's device cookies, device.server.ts):
// - an attempt from a trusted device (a browser that signed in as that user before) counts only against that
//   device: 5 failures lock the device, and every further 5 double the wait;
// - a stranger's attempt (no valid device cookie) counts against the login for all strangers, with the same growing
//   lock, and against the address: 30 failures in 15 minutes from one address stop its strangers for a while.
//
// An attempt is recorded *before* the password or code is checked, as a failure, in the same transaction that counts
// the earlier ones under an advisory lock per login / address / device; a success turns it into one afterwards. So
// attempts in flight count, and however many arrive at once, at most the limit are ever checked — across processes
// too, since the lock and the count live in the database.
import crypto from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { loginAttempts } from "~db/schema";
import { clock } from "~/lib/clock";
import { authConfig } from "./config.server";

export type LockKind = "login" | "address" | "device";

export type Reservation =
  /** Go ahead and check; `startsLock` says which lock this attempt completes if it fails. */
  { ok: true; attemptId: number; startsLock: LockKind | null; failuresBefore: number } | { ok: false; lock: LockKind; retryAfterMs: number };

const HISTORY_MS = 24 * 3_600_000;

/** A 64-bit advisory lock key for a name, the same in every process. */
function lockKey(name: string) {
  return BigInt.asIntN(64, BigInt(`0x${crypto.createHash("sha256").update(name).digest("hex").slice(0, 16)}`)).toString();
}

/**
 * Takes the transaction's advisory locks in one global order, so two attempts never wait on each other in a cycle.
 * The counts after it see the previous holder's insert because the transaction is READ COMMITTED (each statement
 * takes a new snapshot); under REPEATABLE READ the snapshot would predate the wait.
 */
export async function lockNames(tx: Executor, names: string[]) {
  const keys = [...new Set(names.map(lockKey))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(${key}::bigint)`);
}

/**
 * When a growing lock ends, from the failures newest first: after every `limit`-th failure the key is locked for
 * the base window, doubled at each further `limit` (15, 30, 60 minutes …, at most a day). Null when not locked.
 */
export function growingLockUntil(failuresNewestFirst: Date[], now: Date, limit: number, baseMs: number): number | null {
  const n = failuresNewestFirst.length;
  if (n === 0 || n % limit !== 0) return null;
  const duration = Math.min(baseMs * 2 ** (n / limit - 1), HISTORY_MS);
  const until = failuresNewestFirst[0].getTime() + duration;
  return until > now.getTime() ? until : null;
}

/** Minutes of a lock, as shown to people (at least one). */
export const minutesOf = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

async function failuresOf(tx: Executor, where: ReturnType<typeof and>) {
  const rows = await tx.select({ at: loginAttempts.at }).from(loginAttempts).where(where).orderBy(desc(loginAttempts.at)).limit(1000);
  return rows.map((r) => r.at);
}

/**
 * Counts the key's earlier failures and, when it is not locked, records this attempt as a failure — one step under
 * the key's locks. `key` is the login (or `mfa:<login>` for codes); `deviceId` the trusted device, if any.
 */
export async function reserveAttempt(scope: { key: string; ip: string; deviceId: number | null }): Promise<Reservation> {
  const now = clock.now();
  const { maxFailuresPerLogin: limit, maxFailuresPerIp: ipLimit, throttleWindowMs: windowMs } = authConfig;
  return getDb().transaction(async (tx) => {
    const historySince = new Date(now.getTime() - HISTORY_MS);
    let startsLock: LockKind | null = null;
    let failuresBefore: number;
    if (scope.deviceId !== null) {
      await lockNames(tx, [`device:${scope.deviceId}:${scope.key}`]);
      const failures = await failuresOf(
        tx,
        and(
          eq(loginAttempts.deviceId, scope.deviceId),
          eq(loginAttempts.login, scope.key),
          eq(loginAttempts.succeeded, false),
          gt(loginAttempts.at, historySince),
        ),
      );
      const until = growingLockUntil(failures, now, limit, windowMs);
      if (until !== null) return { ok: false as const, lock: "device" as const, retryAfterMs: until - now.getTime() };
      failuresBefore = failures.length;
      if ((failures.length + 1) % limit === 0) startsLock = "device";
    } else {
      await lockNames(tx, [`login:${scope.key}`, `ip:${scope.ip}`]);
      const failures = await failuresOf(
        tx,
        and(
          eq(loginAttempts.login, scope.key),
          isNull(loginAttempts.deviceId),
          eq(loginAttempts.succeeded, false),
          gt(loginAttempts.at, historySince),
        ),
      );
      const until = growingLockUntil(failures, now, limit, windowMs);
      if (until !== null) return { ok: false as const, lock: "login" as const, retryAfterMs: until - now.getTime() };
      const byAddress = await failuresOf(
        tx,
        and(
          eq(loginAttempts.ip, scope.ip),
          isNull(loginAttempts.deviceId),
          eq(loginAttempts.succeeded, false),
          gt(loginAttempts.at, new Date(now.getTime() - windowMs)),
        ),
      );
      if (byAddress.length >= ipLimit) {
        // Open again when the oldest of the last `ipLimit` failures leaves the window.
        const until = byAddress[ipLimit - 1].getTime() + windowMs;
        return { ok: false as const, lock: "address" as const, retryAfterMs: until - now.getTime() };
      }
      failuresBefore = failures.length;
      if ((failures.length + 1) % limit === 0) startsLock = "login";
      else if (byAddress.length + 1 === ipLimit) startsLock = "address";
    }
    const [row] = await tx
      .insert(loginAttempts)
      .values({ login: scope.key, ip: scope.ip, succeeded: false, at: now, deviceId: scope.deviceId })
      .returning({ id: loginAttempts.id });
    return { ok: true as const, attemptId: row.id, startsLock, failuresBefore };
  });
}

/** The checked attempt succeeded: it no longer counts as a failure. */
export async function recordAttemptSucceeded(attemptId: number) {
  await getDb().update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}

/** How long a lock that starts now lasts, for the notice and the audit row. */
export function lockMinutesAfter(kind: LockKind, failuresIncludingThis: number) {
  if (kind === "address") return minutesOf(authConfig.throttleWindowMs);
  const k = Math.max(1, Math.floor(failuresIncludingThis / authConfig.maxFailuresPerLogin));
  return minutesOf(Math.min(authConfig.throttleWindowMs * 2 ** (k - 1), HISTORY_MS));
}
