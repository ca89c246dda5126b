// API tokens for the users of the admin's zone: made with a name, scopes and a lifetime, listed, revoked; the token
// itself is shown once (only its hash is stored, see api-token.server.ts), every step audited. The CLI
// (scripts/token.ts) makes them too.
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "~db/index";
import { apiTokens, users } from "~db/schema";
import { clock } from "~/lib/clock";
import type { Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { forbidden, invalid, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import { issueApiToken } from "~/modules/auth/api-token.server";
import type { ApiScope, Viewer } from "~/modules/auth/policy";
import { canManageApiTokens, grantableApiScopes } from "~/modules/auth/policy";
import type { CreateTokenInput } from "./tokens.schema";

export async function listApiTokens(zoneId: number) {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.label,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      revokedReason: apiTokens.revokedReason,
      expiresAt: apiTokens.expiresAt,
      scopes: apiTokens.scopes,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(users.zoneId, zoneId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Active users of the zone a token may act as, with the scopes their role may hold. */
export async function tokenUsers(zoneId: number) {
  const rows = await getDb()
    .select({ id: users.id, login: users.login, displayName: users.displayName, role: users.role, companyId: users.companyId })
    .from(users)
    .where(and(eq(users.zoneId, zoneId), eq(users.disabled, false)))
    .orderBy(users.login);
  return rows.map(({ companyId, ...u }) => ({ ...u, scopes: grantableApiScopes({ role: u.role, companyId }) }));
}

export type CreateTokenResult = Ok<{ token: string; expiresAt: Date; scopes: ApiScope[] }> | Invalid | Forbidden;

/**
 * Makes a token for an active user of the admin's zone with the chosen scopes and lifetime; refused when there is
 * no such user or a scope is one the user's role may not hold.
 */
export async function createTokenForUser(viewer: Viewer, input: CreateTokenInput): Promise<CreateTokenResult> {
  if (!canManageApiTokens(viewer)) return forbidden();
  return getDb().transaction(async (tx): Promise<CreateTokenResult> => {
    const [user] = await tx
      .select({ id: users.id, role: users.role, companyId: users.companyId })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.zoneId, viewer.zoneId), eq(users.disabled, false)));
    if (!user) return invalid({ userId: "tokens.error.user" });
    const grantable = grantableApiScopes(user);
    if (input.scopes.some((scope) => !grantable.includes(scope))) {
      return invalid({ scopes: "tokens.error.scopeRole" });
    }
    const made = await issueApiToken(tx, user.id, input.name, { scopes: input.scopes, days: input.days });
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "api_token",
      entityId: made.id,
      action: "create",
      after: { userId: user.id, name: input.name, scopes: made.scopes, expiresAt: made.expiresAt.toISOString() },
    });
    return ok({ token: made.token, expiresAt: made.expiresAt, scopes: made.scopes });
  });
}

/** Revokes a token of the admin's zone; not found when there is none (or it was revoked already). */
export async function revokeApiToken(viewer: Viewer, tokenId: number): Promise<Ok<{ name: string | null }> | NotFound | Forbidden> {
  if (!canManageApiTokens(viewer)) return forbidden();
  return getDb().transaction(async (tx) => {
    const [token] = await tx
      .select({ id: apiTokens.id, name: apiTokens.label, userId: apiTokens.userId })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.id, tokenId), eq(users.zoneId, viewer.zoneId), isNull(apiTokens.revokedAt)));
    if (!token) return notFound();
    await tx.update(apiTokens).set({ revokedAt: clock.now(), revokedReason: "admin" }).where(eq(apiTokens.id, token.id));
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "api_token",
      entityId: token.id,
      action: "revoke",
      before: { name: token.name, userId: token.userId },
    });
    return ok({ name: token.name });
  });
}
