import { and, asc, eq, ne } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, users } from "~db/schema";
import type { Viewer } from "~/modules/auth/policy";
import { hashPassword } from "~/modules/auth/password.server";
import { revokeDevices } from "~/modules/auth/device.server";
import { endUserSessions } from "~/modules/auth/session.server";
import { auditAuth } from "~/modules/auth/auth-audit.server";
import { clearMfa } from "~/modules/auth/mfa.server";
import { passwordProblem } from "~/modules/auth/password-policy.server";
import { writeAudit } from "~/modules/audit/audit.server";
import type { CreateUserInput, UpdateUserInput } from "./users.schema";
import { revokeUserApiTokens } from "~/modules/auth/api-token.server";

export async function listZoneUsers(viewer: Viewer) {
  return getDb()
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      companyName: companies.name,
      disabled: users.disabled,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.zoneId, viewer.zoneId))
    .orderBy(asc(companies.sortOrder), asc(users.role), asc(users.login));
}

export async function getZoneUser(viewer: Viewer, id: number) {
  const [row] = await getDb()
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      companyId: users.companyId,
      disabled: users.disabled,
      mfaEnabledAt: users.mfaEnabledAt,
    })
    .from(users)
    .where(and(eq(users.id, id), eq(users.zoneId, viewer.zoneId)));
  return row;
}

/** Companies a user can belong to (not the committee: leaders are placed there by the server). */
export async function listAssignableCompanies(viewer: Viewer) {
  return getDb()
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
    .orderBy(asc(companies.sortOrder));
}

type FieldErrors = Partial<Record<string, string>>;

/** Resolves the company a role belongs to, or says which field is wrong. */
async function resolveCompany(
  viewer: Viewer,
  input: { role: UpdateUserInput["role"]; companyId?: number },
): Promise<{ companyId: number | null } | { errors: FieldErrors }> {
  const db = getDb();
  if (input.role === "admin") return { companyId: null };
  if (input.role === "leader") {
    const [committee] = await db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.zoneId, viewer.zoneId), eq(companies.kind, "committee")));
    return { companyId: committee?.id ?? null };
  }
  const [company] = await db
    .select({ id: companies.id, kind: companies.kind })
    .from(companies)
    .where(and(eq(companies.id, input.companyId ?? 0), eq(companies.zoneId, viewer.zoneId)));
  if (!company || company.kind === "committee") return { errors: { companyId: "validation.companyRequired" } };
  return { companyId: company.id };
}

export async function createZoneUser(viewer: Viewer, input: CreateUserInput) {
  const resolved = await resolveCompany(viewer, input);
  if ("errors" in resolved) return { errors: resolved.errors };
  const weak = passwordProblem(input.password);
  if (weak) return { errors: { password: weak } as FieldErrors };
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, input.login));
    if (taken) return { errors: { login: "validation.loginTaken" } as FieldErrors };
    const [created] = await tx
      .insert(users)
      .values({
        zoneId: viewer.zoneId,
        companyId: resolved.companyId,
        login: input.login,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
      })
      .onConflictDoNothing({ target: users.login })
      .returning({ id: users.id });
    // A concurrent create of the same login lost the race above.
    if (!created) return { errors: { login: "validation.loginTaken" } as FieldErrors };
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "user",
      entityId: created.id,
      action: "create",
      after: { login: input.login, displayName: input.displayName, role: input.role, companyId: resolved.companyId },
    });
    return { id: created.id };
  });
}

export async function updateZoneUser(viewer: Viewer, id: number, input: UpdateUserInput) {
  const before = await getZoneUser(viewer, id);
  if (!before) return { notFound: true as const };
  const resolved = await resolveCompany(viewer, input);
  if ("errors" in resolved) return { errors: resolved.errors };
  await getDb().transaction(async (tx) => {
    const after = { displayName: input.displayName, role: input.role, companyId: resolved.companyId };
    await tx.update(users).set(after).where(eq(users.id, id));
    // A change of role or company changes what the user may see: make them sign in again.
    if (before.role !== input.role || before.companyId !== resolved.companyId) await endUserSessions(id, tx);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "user",
      entityId: id,
      action: "update",
      before: { displayName: before.displayName, role: before.role, companyId: before.companyId },
      after,
    });
  });
  return { ok: true as const };
}

export async function setUserDisabled(viewer: Viewer, id: number, disabled: boolean) {
  const before = await getZoneUser(viewer, id);
  if (!before) return { notFound: true as const };
  if (id === viewer.id && disabled) return { error: "users.self" as const };
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ disabled }).where(eq(users.id, id));
    // A disabled user's API tokens are revoked for good: enabling the user again does not bring them back.
    let tokensRevoked = 0;
    if (disabled) {
      await endUserSessions(id, tx);
      await revokeDevices(id, tx);
      tokensRevoked = await revokeUserApiTokens(tx, id, "user_disabled");
    }
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "user",
      entityId: id,
      action: disabled ? "disable" : "enable",
      before: { disabled: before.disabled },
      after: disabled ? { disabled, tokensRevoked } : { disabled },
    });
  });
  return { ok: true as const };
}

export async function resetUserPassword(viewer: Viewer, id: number, password: string) {
  const before = await getZoneUser(viewer, id);
  if (!before) return { notFound: true as const };
  const weak = passwordProblem(password);
  if (weak) return { errors: { password: weak } };
  const passwordHash = await hashPassword(password);
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, id));
    await endUserSessions(id, tx);
    // A reset password means the old one may be known: its browsers are trusted no longer.
    await revokeDevices(id, tx);
    await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "user", entityId: id, action: "reset_password" });
  });
  return { ok: true as const };
}

/** Signs a user out everywhere (a lost laptop, a departure). */
export async function endSessionsOf(viewer: Viewer, id: number) {
  const target = await getZoneUser(viewer, id);
  if (!target) return { notFound: true as const };
  await getDb().transaction(async (tx) => {
    await endUserSessions(id, tx);
    // Signed out everywhere includes the trusted browsers (device cookies): a lost laptop keeps no standing.
    await revokeDevices(id, tx);
    await auditAuth({ zoneId: viewer.zoneId, actorId: viewer.id, userId: id, action: "sessions_ended_by_admin", login: target.login }, tx);
  });
  return { ok: true as const };
}

/** Removes a user's second factor (a lost phone): they set it up again at the next sign-in; their sessions end. */
export async function resetMfaOf(viewer: Viewer, id: number) {
  const target = await getZoneUser(viewer, id);
  if (!target) return { notFound: true as const };
  await getDb().transaction(async (tx) => {
    await clearMfa(tx, id);
    await endUserSessions(id, tx);
    await auditAuth({ zoneId: viewer.zoneId, actorId: viewer.id, userId: id, action: "mfa_reset_by_admin", login: target.login }, tx);
  });
  return { ok: true as const };
}
