// API tokens for the users of the admin's zone: made with a name, listed, revoked; the token itself is shown once
// (only its hash is stored, see api-token.server.ts), every step audited. The CLI (scripts/token.ts) makes them too.
import { and, desc, eq, isNull } from "drizzle-orm";
import * as z from "zod";
import { getDb } from "~db/index";
import { apiTokens, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { idField, requiredText } from "~/lib/form-fields";
import { writeAudit } from "~/modules/audit/audit.server";
import { createApiToken } from "~/modules/auth/api-token.server";
import type { Viewer } from "~/modules/auth/policy";
import { canManageApiTokens } from "~/modules/auth/policy";

export const createTokenSchema = z.object({ userId: idField, name: requiredText(1, 100) });
export type CreateTokenInput = z.output<typeof createTokenSchema>;

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
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(users.zoneId, zoneId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Active users of the zone a token may act as. */
export async function tokenUsers(zoneId: number) {
  return getDb()
    .select({ id: users.id, login: users.login, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.zoneId, zoneId), eq(users.disabled, false)))
    .orderBy(users.login);
}

/** Makes a token for an active user of the admin's zone; null when there is no such user. */
export async function createTokenForUser(viewer: Viewer, input: CreateTokenInput): Promise<string | null> {
  if (!canManageApiTokens(viewer)) throw new Error("not allowed");
  return getDb().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.zoneId, viewer.zoneId), eq(users.disabled, false)));
    if (!user) return null;
    const token = await createApiToken(tx, user.id, input.name);
    const [row] = await tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, user.id)).orderBy(desc(apiTokens.id)).limit(1);
    await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "api_token", entityId: row.id, action: "create", after: { userId: user.id, name: input.name } });
    return token;
  });
}

/** Revokes a token of the admin's zone; false when there is none (or it was revoked already). */
export async function revokeApiToken(viewer: Viewer, tokenId: number): Promise<{ name: string | null } | null> {
  if (!canManageApiTokens(viewer)) throw new Error("not allowed");
  return getDb().transaction(async (tx) => {
    const [token] = await tx
      .select({ id: apiTokens.id, name: apiTokens.label, userId: apiTokens.userId })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.id, tokenId), eq(users.zoneId, viewer.zoneId), isNull(apiTokens.revokedAt)));
    if (!token) return null;
    await tx.update(apiTokens).set({ revokedAt: clock.now() }).where(eq(apiTokens.id, token.id));
    await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "api_token", entityId: token.id, action: "revoke", before: { name: token.name, userId: token.userId } });
    return { name: token.name };
  });
}
