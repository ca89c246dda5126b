// The enterprise's one-time rating link (decision 018) and the settings of rating. The token is an HMAC of the row's
// nonce under the server's key (the MFA key, which never sits in the database); the database keeps the nonce and
// the token's SHA-256 only, so a copy of it opens no link, and the request's page can show the link again.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { serviceRatingLinks } from "~db/schema";
import { clock } from "~/lib/clock";
import { mfaKey } from "~/modules/auth/mfa-crypto.server";

function days(name: string, fallback: number) {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** The settings of rating (environment, read when asked so tests and operators can change them). */
export const ratingConfig = {
  /** A solved request without a rating is listed for 回访 this many days after it was solved. */
  followUpAfterDays: () => days("SERVICE_FOLLOW_UP_DAYS", 3),
  /** The enterprise's link works for this many days after the request was solved. */
  linkValidDays: () => days("SERVICE_RATING_LINK_DAYS", 14),
};

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
const tokenOf = (nonce: string) => crypto.createHmac("sha256", mfaKey()).update(`service-rating-link:${nonce}`).digest("base64url");

/** Made when a request is solved (in the closing transaction); a reopened request's links are removed. */
export async function createRatingLink(tx: Executor, requestId: number) {
  const nonce = crypto.randomBytes(24).toString("base64url");
  const token = tokenOf(nonce);
  const expiresAt = new Date(clock.now().getTime() + ratingConfig.linkValidDays() * 86_400_000);
  await tx.insert(serviceRatingLinks).values({ requestId, nonce, tokenHash: hashToken(token), expiresAt, createdAt: clock.now() });
  return token;
}

export async function removeRatingLinks(tx: Executor, requestId: number) {
  await tx.delete(serviceRatingLinks).where(eq(serviceRatingLinks.requestId, requestId));
}

/** The request's current link as its page shows it: the token (derived again), its expiry, whether it was used. */
export async function currentRatingLink(requestId: number) {
  const [link] = await getDb()
    .select({ nonce: serviceRatingLinks.nonce, expiresAt: serviceRatingLinks.expiresAt, usedAt: serviceRatingLinks.usedAt })
    .from(serviceRatingLinks)
    .where(eq(serviceRatingLinks.requestId, requestId))
    .orderBy(sql`${serviceRatingLinks.id} desc`)
    .limit(1);
  if (!link) return null;
  return {
    token: tokenOf(link.nonce),
    expiresAt: link.expiresAt.toISOString(),
    expired: link.expiresAt.getTime() <= clock.now().getTime(),
    used: link.usedAt !== null,
  };
}
