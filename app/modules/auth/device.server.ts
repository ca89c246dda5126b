// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that signed in as a
// user gets a cookie naming the login with a random token, signed with the session secret; the database keeps only
// the token's SHA-256 with the user, so a device can be revoked and a dump hands out nothing. Sign-ins from such a
// browser are throttled by the device's own budget, not by what strangers did to the login or the address
// (throttle.server.ts). One cookie holds the devices of up to five logins (a shared office computer).
import { createCookie } from "@remix-run/node";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { trustedDevices, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { authConfig } from "./config.server";
import { randomToken, sha256 } from "./session.server";

const DEVICE_LIFETIME_MS = 180 * 24 * 3_600_000;
const MAX_LOGINS_PER_COOKIE = 5;

export type DeviceEntry = { l: string; t: string };

const deviceCookie = createCookie("zcrm_device", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: authConfig.secureCookies,
  secrets: [authConfig.sessionSecret],
  maxAge: DEVICE_LIFETIME_MS / 1000,
});

/** The device entries of the request's cookie; a missing, forged or malformed cookie gives none. */
export async function readDeviceEntries(request: Request): Promise<DeviceEntry[]> {
  let value: unknown;
  try {
    value = await deviceCookie.parse(request.headers.get("Cookie"));
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (e): e is DeviceEntry =>
        !!e && typeof e === "object" && typeof e.l === "string" && typeof e.t === "string" && e.t.length >= 40 && e.t.length <= 64,
    )
    .slice(0, MAX_LOGINS_PER_COOKIE);
}

/** The live trusted device this browser holds for the login, or null. */
export async function findTrustedDevice(login: string, entries: DeviceEntry[]): Promise<{ id: number; userId: number } | null> {
  const entry = entries.find((e) => e.l === login);
  if (!entry) return null;
  const [row] = await getDb()
    .select({ id: trustedDevices.id, userId: trustedDevices.userId })
    .from(trustedDevices)
    .innerJoin(users, eq(users.id, trustedDevices.userId))
    .where(
      and(
        eq(trustedDevices.tokenHash, sha256(entry.t)),
        eq(users.login, login),
        isNull(trustedDevices.revokedAt),
        gt(trustedDevices.expiresAt, clock.now()),
      ),
    );
  return row ?? null;
}

/**
 * After a full sign-in: a new token for this browser and login (the same device row, rotated, when it had one), and
 * the cookie that carries it beside the browser's other logins. Returns the Set-Cookie value.
 */
export async function issueDevice(opts: {
  userId: number;
  login: string;
  request: Request;
  entries: DeviceEntry[];
  deviceId: number | null;
}): Promise<string> {
  const token = randomToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + DEVICE_LIFETIME_MS);
  const db = getDb();
  const rotated = opts.deviceId
    ? await db
        .update(trustedDevices)
        .set({ tokenHash: sha256(token), lastUsedAt: now, expiresAt })
        .where(and(eq(trustedDevices.id, opts.deviceId), eq(trustedDevices.userId, opts.userId), isNull(trustedDevices.revokedAt)))
        .returning({ id: trustedDevices.id })
    : [];
  if (rotated.length === 0) {
    await db.insert(trustedDevices).values({
      userId: opts.userId,
      tokenHash: sha256(token),
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
      userAgent: opts.request.headers.get("user-agent")?.slice(0, 300) ?? null,
    });
  }
  const entries = [{ l: opts.login, t: token }, ...opts.entries.filter((e) => e.l !== opts.login)].slice(0, MAX_LOGINS_PER_COOKIE);
  return deviceCookie.serialize(entries);
}

/** How many live trusted devices the user has. */
export async function countTrustedDevices(userId: number): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), isNull(trustedDevices.revokedAt), gt(trustedDevices.expiresAt, clock.now())));
  return row.n;
}

/** Revokes every trusted device of a user (admin ends their sessions, resets their password or disables them). */
export async function revokeDevices(userId: number, db: Executor = getDb()) {
  await db
    .update(trustedDevices)
    .set({ revokedAt: clock.now() })
    .where(and(eq(trustedDevices.userId, userId), isNull(trustedDevices.revokedAt)));
}
