import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "~db/index";
import type { Executor } from "~db/index";
import { apiTokens, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { translator } from "~/lib/i18n";
import type { ApiScope, Viewer } from "./policy";
import { API_SCOPES, grantableApiScopes } from "./policy";
import { randomToken, sha256 } from "./session.server";
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_DAYS_MIN } from "./token-limits";

const PREFIX = "zcrm_";
export { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_DAYS_MIN };
const DAY_MS = 24 * 60 * 60 * 1000;

export type NewApiToken = { token: string; id: number; expiresAt: Date; scopes: ApiScope[] };

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/**
 * Makes a token acting for the user with the given scopes (by default every scope the user's role may hold) for
 * `days` days (90). Only its hash is stored; the token is shown once. A scope the role may not hold is refused.
 */
export async function createApiToken(
  db: Executor,
  userId: number,
  label?: string | null,
  opts: { scopes?: readonly ApiScope[]; days?: number } = {},
): Promise<string> {
  return (await issueApiToken(db, userId, label, opts)).token;
}

export async function issueApiToken(
  db: Executor,
  userId: number,
  label?: string | null,
  opts: { scopes?: readonly ApiScope[]; days?: number } = {},
): Promise<NewApiToken> {
  const days = opts.days ?? TOKEN_DAYS_DEFAULT;
  if (!Number.isInteger(days) || days < TOKEN_DAYS_MIN || days > TOKEN_DAYS_MAX) {
    throw new RangeError(`a token lasts ${TOKEN_DAYS_MIN}–${TOKEN_DAYS_MAX} days`);
  }
  const [user] = await db.select({ role: users.role, companyId: users.companyId }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error("no such user");
  const grantable = grantableApiScopes(user);
  const scopes = opts.scopes ? [...new Set(opts.scopes)] : grantable;
  const refused = scopes.filter((s) => !grantable.includes(s));
  if (refused.length > 0) throw new RangeError(`the user's role may not hold ${refused.join(", ")}`);
  const token = PREFIX + randomToken();
  const expiresAt = new Date(clock.now().getTime() + days * DAY_MS);
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, tokenHash: sha256(token), label: label ?? null, expiresAt, scopes })
    .returning({ id: apiTokens.id });
  return { token, id: row.id, expiresAt, scopes };
}

/** Revokes every live token of a user, for good (in the caller's transaction): disabling a user calls it. */
export async function revokeUserApiTokens(db: Executor, userId: number, reason: "user_disabled" | "admin") {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: clock.now(), revokedReason: reason })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}

// A Response, not data(): API routes are resource routes, where a thrown data() loses its body and headers.
function unauthorized(message: string) {
  return Response.json({ error: message }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="api"' } });
}

function missingScope(scope: ApiScope) {
  return Response.json(
    { error: `${translator("zh")("api.error.scope", { scope })} (${translator("en")("api.error.scope", { scope })})`, scope },
    { status: 403, headers: { "WWW-Authenticate": `Bearer realm="api", error="insufficient_scope", scope="${scope}"` } },
  );
}

export type ApiUser = Viewer & { login: string; scopes: ApiScope[] };

/**
 * For every API route: the token's user, or a 401 (no token, unknown, revoked, expired, disabled user); with a
 * scope, a 403 when the token does not carry it. The route still asks the policy about its user.
 */
export async function requireApiUser(request: Request, scope?: ApiScope): Promise<ApiUser> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1].startsWith(PREFIX)) throw unauthorized("missing or malformed bearer token");
  const db = getDb();
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      expiresAt: apiTokens.expiresAt,
      scopes: apiTokens.scopes,
      id: users.id,
      zoneId: users.zoneId,
      companyId: users.companyId,
      role: users.role,
      login: users.login,
      disabled: users.disabled,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(match[1])), isNull(apiTokens.revokedAt)));
  if (!row || row.disabled) throw unauthorized("invalid token");
  const now = clock.now();
  if (row.expiresAt.getTime() <= now.getTime()) throw unauthorized("token expired");
  const scopes = row.scopes.filter(isApiScope);
  if (scope && !scopes.includes(scope)) throw missingScope(scope);
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  return { id: row.id, zoneId: row.zoneId, companyId: row.companyId, role: row.role, login: row.login, scopes };
}
