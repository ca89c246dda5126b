// A limit on the public one-time rating links (/rate/:token, decision 018): per link and per address, counted in
// the sign-in throttle's store under the same advisory locks, so requests arriving at once (or at two processes)
// cannot slip past it. The token is 256 bits and cannot be guessed; the limit keeps anyone from trying, and keeps one
// leaked link from being hammered. Rows are written as succeeded: the sign-in throttle counts only failures.
import crypto from "node:crypto";
import { and, count, eq, gt, like } from "drizzle-orm";
import { getDb } from "~db/index";
import { loginAttempts } from "~db/schema";
import { clock } from "~/lib/clock";
import { lockNames } from "./throttle.server";

export const LINK_WINDOW_MS = 15 * 60_000;
/** Opening, answering and the thank-you page are three requests: twenty leave room for retries. */
export const LINK_HITS_PER_TOKEN = 20;
/** Per address, over every link: an office behind one address rates a handful, never sixty in 15 minutes. */
export const LINK_HITS_PER_ADDRESS = 60;

const PREFIX = "rate-link:";

export type LinkHit = { ok: boolean };

/** Counts this request against the link and the address, or refuses it when either has used its budget. */
export async function reserveLinkHit(token: string, ip: string): Promise<LinkHit> {
  const key = PREFIX + crypto.createHash("sha256").update(token).digest("hex");
  const now = clock.now();
  const since = new Date(now.getTime() - LINK_WINDOW_MS);
  return getDb().transaction(async (tx) => {
    await lockNames(tx, [`link:${key}`, `link-ip:${ip}`]);
    const hits = async (where: ReturnType<typeof and>) => (await tx.select({ n: count() }).from(loginAttempts).where(where))[0].n;
    const [byToken, byAddress] = [
      await hits(and(eq(loginAttempts.login, key), gt(loginAttempts.at, since))),
      await hits(and(eq(loginAttempts.ip, ip), like(loginAttempts.login, `${PREFIX}%`), gt(loginAttempts.at, since))),
    ];
    if (byToken >= LINK_HITS_PER_TOKEN || byAddress >= LINK_HITS_PER_ADDRESS) return { ok: false };
    await tx.insert(loginAttempts).values({ login: key, ip, succeeded: true, at: now });
    return { ok: true };
  });
}
