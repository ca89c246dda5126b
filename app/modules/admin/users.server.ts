import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { companies, projectEvents, projects, users } from "~db/schema";
import { todayInZone } from "~/lib/dates";
import type { Result } from "~/lib/result";
import { invalid, notFound, ok } from "~/lib/result";
import { notify } from "~/modules/notifications/notify.server";
import type { Viewer } from "~/modules/auth/policy";
import { companyOfRole, companyRoles } from "~/modules/auth/policy";
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

/**
 * Companies a user can belong to (not the committee: leaders are placed there by the server): the active ones,
 * plus the retired company the edited user still belongs to, so that their form shows where they are.
 */
export async function listAssignableCompanies(viewer: Viewer, currentCompanyId: number | null = null) {
  return getDb()
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(
      and(
        eq(companies.zoneId, viewer.zoneId),
        ne(companies.kind, "committee"),
        currentCompanyId === null ? eq(companies.active, true) : or(eq(companies.active, true), eq(companies.id, currentCompanyId)),
      ),
    )
    .orderBy(asc(companies.sortOrder));
}

type FieldErrors = Partial<Record<string, string>>;

/** Resolves the company a role belongs to, or says which field is wrong. */
async function resolveCompany(
  viewer: Viewer,
  input: { role: UpdateUserInput["role"]; companyId?: number },
  currentCompanyId: number | null = null,
): Promise<{ companyId: number | null } | { errors: FieldErrors }> {
  const db = getDb();
  const belongs = companyOfRole(input);
  if (belongs === "none") return { companyId: null };
  if (belongs === "committee") {
    const [committee] = await db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.zoneId, viewer.zoneId), eq(companies.kind, "committee")));
    return { companyId: committee?.id ?? null };
  }
  const [company] = await db
    .select({ id: companies.id, kind: companies.kind, active: companies.active })
    .from(companies)
    .where(and(eq(companies.id, input.companyId ?? 0), eq(companies.zoneId, viewer.zoneId)));
  if (!company || company.kind === "committee") return { errors: { companyId: "validation.companyRequired" } };
  // A retired company takes no one new; who is still in it may stay while the admin moves them.
  if (!company.active && company.id !== currentCompanyId) return { errors: { companyId: "validation.companyRetired" } };
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
        // The admin chose this password, as with a reset: the user replaces it before anything else.
        mustChangePassword: true,
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
      after: { login: input.login, displayName: input.displayName, role: input.role, companyId: resolved.companyId, mustChangePassword: true },
    });
    return { id: created.id };
  });
}

/**
 * The user's open projects (not lost) in the zone: while they stay at their company these are theirs; a move to
 * another company (or to the committee or no company) must give each one a new owner of the project's company.
 */
export async function listOpenProjectsOf(viewer: Viewer, userId: number) {
  const rows = await getDb()
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      companyId: projects.companyId,
      companyName: companies.name,
      version: projects.version,
    })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .where(and(eq(projects.zoneId, viewer.zoneId), eq(projects.ownerId, userId), ne(projects.status, "lost")))
    .orderBy(asc(projects.id));
  const companyIds = [...new Set(rows.map((r) => r.companyId))];
  // Who can take each one over: the active staff and managers of the project's company, not the user leaving.
  const candidates = companyIds.length
    ? await getDb()
        .select({ id: users.id, displayName: users.displayName, login: users.login, companyId: users.companyId })
        .from(users)
        .where(and(inArray(users.companyId, companyIds), inArray(users.role, companyRoles()), eq(users.disabled, false), ne(users.id, userId)))
        .orderBy(asc(users.role), asc(users.login))
    : [];
  return rows.map((r) => ({ ...r, candidates: candidates.filter((c) => c.companyId === r.companyId).map(({ companyId: _c, ...c }) => c) }));
}

/** The reassignments a move form sends: field `reassign-<projectId>` = the new owner's id. */
export function reassignmentsOf(form: FormData): Map<number, number> {
  const out = new Map<number, number>();
  for (const [key, value] of form) {
    const m = /^reassign-(\d{1,10})$/.exec(key);
    if (!m || typeof value !== "string" || !/^\d{1,10}$/.test(value)) continue;
    out.set(Number(m[1]), Number(value));
  }
  return out;
}

export async function updateZoneUser(
  viewer: Viewer,
  id: number,
  input: UpdateUserInput,
  reassign: Map<number, number> = new Map(),
): Promise<Result<{ reassigned: number }>> {
  const before = await getZoneUser(viewer, id);
  if (!before) return notFound();
  const resolved = await resolveCompany(viewer, input, before.companyId);
  if ("errors" in resolved) return invalid(resolved.errors);
  const moves = before.companyId !== resolved.companyId;
  const today = todayInZone();
  return getDb().transaction(async (tx): Promise<Result<{ reassigned: number }>> => {
    // A move to another company: every open project the user owns elsewhere than the new company gets a new owner
    // of its own company here, in this transaction, or nothing is written (issue 16: a moved user kept them).
    const reassigned: { id: number; name: string; ownerId: number }[] = [];
    if (moves) {
      const open = await tx
        .select({ id: projects.id, name: projects.name, companyId: projects.companyId })
        .from(projects)
        .where(
          and(
            eq(projects.zoneId, viewer.zoneId),
            eq(projects.ownerId, id),
            ne(projects.status, "lost"),
            resolved.companyId === null ? undefined : ne(projects.companyId, resolved.companyId),
          ),
        )
        .orderBy(asc(projects.id))
        .for("update");
      const errors: FieldErrors = {};
      const chosen = [...new Set(open.map((p) => reassign.get(p.id)).filter((v): v is number => v !== undefined))];
      const owners = chosen.length
        ? await tx
            .select({ id: users.id, companyId: users.companyId })
            .from(users)
            .where(and(inArray(users.id, chosen), eq(users.zoneId, viewer.zoneId), inArray(users.role, companyRoles()), eq(users.disabled, false)))
        : [];
      for (const p of open) {
        const to = reassign.get(p.id);
        const owner = owners.find((o) => o.id === to);
        if (to === undefined) errors[`reassign-${p.id}`] = "users.reassignRequired";
        else if (!owner || owner.id === id || owner.companyId !== p.companyId) errors[`reassign-${p.id}`] = "users.reassignInvalid";
        else reassigned.push({ id: p.id, name: p.name, ownerId: owner.id });
      }
      if (Object.keys(errors).length > 0) return invalid({ ...errors, _reassign: "users.reassignRequired" });
      for (const p of reassigned) {
        await tx
          .update(projects)
          .set({ ownerId: p.ownerId, version: sql`${projects.version} + 1`, updatedAt: new Date() })
          .where(eq(projects.id, p.id));
        await tx
          .insert(projectEvents)
          .values({ projectId: p.id, kind: "owner", fromOwnerId: id, toOwnerId: p.ownerId, businessOn: today, actorId: viewer.id });
        await writeAudit(tx, {
          zoneId: viewer.zoneId,
          actorId: viewer.id,
          entity: "project",
          entityId: p.id,
          action: "reassign",
          before: { ownerId: id },
          after: { ownerId: p.ownerId },
        });
        await notify(tx, {
          zoneId: viewer.zoneId,
          userIds: [p.ownerId],
          kind: "project_assigned",
          params: { project: p.name },
          link: `/projects/${p.id}`,
        });
      }
    }
    const after = { displayName: input.displayName, role: input.role, companyId: resolved.companyId };
    await tx.update(users).set(after).where(eq(users.id, id));
    // A change of role or company changes what the user may see: make them sign in again.
    if (before.role !== input.role || moves) await endUserSessions(id, tx);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "user",
      entityId: id,
      action: "update",
      before: { displayName: before.displayName, role: before.role, companyId: before.companyId },
      after: moves ? { ...after, reassignedProjects: reassigned.length } : after,
    });
    return ok({ reassigned: reassigned.length });
  });
}

export async function setUserDisabled(viewer: Viewer, id: number, disabled: boolean): Promise<Result> {
  const before = await getZoneUser(viewer, id);
  if (!before) return notFound();
  if (id === viewer.id && disabled) return invalid({ _form: "users.self" });
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
  return ok();
}

export async function resetUserPassword(viewer: Viewer, id: number, password: string): Promise<Result> {
  const before = await getZoneUser(viewer, id);
  if (!before) return notFound();
  const weak = passwordProblem(password);
  if (weak) return invalid({ password: weak });
  const passwordHash = await hashPassword(password);
  await getDb().transaction(async (tx) => {
    // The admin knows the new password: the user sets their own at the next sign-in before anything else.
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: true }).where(eq(users.id, id));
    await endUserSessions(id, tx);
    // A reset password means the old one may be known: its browsers are trusted no longer.
    await revokeDevices(id, tx);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "user",
      entityId: id,
      action: "reset_password",
      after: { mustChangePassword: true },
    });
  });
  return ok();
}

/** Signs a user out everywhere (a lost laptop, a departure). */
export async function endSessionsOf(viewer: Viewer, id: number): Promise<Result> {
  const target = await getZoneUser(viewer, id);
  if (!target) return notFound();
  await getDb().transaction(async (tx) => {
    await endUserSessions(id, tx);
    // Signed out everywhere includes the trusted browsers (device cookies): a lost laptop keeps no standing.
    await revokeDevices(id, tx);
    await auditAuth({ zoneId: viewer.zoneId, actorId: viewer.id, userId: id, action: "sessions_ended_by_admin", login: target.login }, tx);
  });
  return ok();
}

/** Removes a user's second factor (a lost phone): they set it up again at the next sign-in; their sessions end. */
export async function resetMfaOf(viewer: Viewer, id: number): Promise<Result> {
  const target = await getZoneUser(viewer, id);
  if (!target) return notFound();
  await getDb().transaction(async (tx) => {
    await clearMfa(tx, id);
    await endUserSessions(id, tx);
    await auditAuth({ zoneId: viewer.zoneId, actorId: viewer.id, userId: id, action: "mfa_reset_by_admin", login: target.login }, tx);
  });
  return ok();
}
