import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "~db/index";
import type { Executor } from "~db/index";
import { apiTokens, users } from "~db/schema";
import { clock } from "~/lib/clock";
import type { Viewer } from "./policy";
import { randomToken, sha256 } from "./session.server";

const PREFIX = "zcrm_";

/** Makes a token acting with the user's rights. Only its hash is stored; the token is shown once. */
export async function createApiToken(db: Executor, userId: number, label?: string): Promise<string> {
  const token = PREFIX + randomToken();
  await db.insert(apiTokens).values({ userId, tokenHash: sha256(token), label: label ?? null });
  return token;
}

// A Response, not data(): API routes are resource routes, where a thrown data() loses its body and headers.
function unauthorized(message: string) {
  return Response.json({ error: message }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="api"' } });
}

/** For every API route: the token's user, or a 401. Disabled users' and revoked tokens are refused. */
export async function requireApiUser(request: Request): Promise<Viewer & { login: string }> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1].startsWith(PREFIX)) throw unauthorized("missing or malformed bearer token");
  const db = getDb();
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
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
  await db.update(apiTokens).set({ lastUsedAt: clock.now() }).where(eq(apiTokens.id, row.tokenId));
  return { id: row.id, zoneId: row.zoneId, companyId: row.companyId, role: row.role, login: row.login };
}
