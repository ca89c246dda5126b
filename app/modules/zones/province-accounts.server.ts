// The province's own accounts (decision 020): its leaders (省级领导) and the cities' leaders (市级领导), made by the
// province admin in the province's pseudo-zone. They sign in, set a second factor, and change the password the
// admin chose before anything else (must_change_password).
import { and, asc, eq, inArray } from "drizzle-orm";
import { isUniqueViolation } from "~db/errors";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { cities, users } from "~db/schema";
import type { Invalid, Ok, Result } from "~/lib/result";
import { invalid, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/auth/password.server";
import { endUserSessions } from "~/modules/auth/session.server";
import { passwordProblem } from "~/modules/auth/password-policy.server";
import type { Viewer } from "~/modules/auth/policy";
import { isProvinceRole, managedProvinceAccountRoles, readsOneCity } from "~/modules/auth/policy";
import type { CreateProvinceAccountInput, UpdateProvinceAccountInput } from "./province-accounts.schema";
import { accountFingerprint } from "./province-accounts.schema";
import { ensureProvinceZone } from "./zones.server";

/** Every account of the province's pseudo-zone: the admin, the leaders, the cities' leaders, with their city. */
export async function listProvinceAccounts(db: Executor = getDb()) {
  const zoneId = await ensureProvinceZone(db);
  return db
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      cityId: users.cityId,
      city: cities.name,
      disabled: users.disabled,
      mfa: users.mfaEnabledAt,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(cities, eq(cities.id, users.cityId))
    .where(eq(users.zoneId, zoneId))
    .orderBy(asc(users.role), asc(cities.sortOrder), asc(users.login))
    .then((rows) => rows.filter(isProvinceRole));
}

/**
 * Makes a province or city leader in the province's pseudo-zone. A taken login, an unknown city or a weak password
 * is refused with nothing written; a concurrent request for the same login is caught by the unique index.
 */
export async function createProvinceAccount(
  viewer: Pick<Viewer, "id" | "zoneId">,
  input: CreateProvinceAccountInput,
  db: Executor = getDb(),
): Promise<Ok<{ id: number }> | Invalid> {
  const weak = passwordProblem(input.password);
  if (weak) return invalid({ password: weak });
  const cityId = readsOneCity(input) ? (input.cityId ?? null) : null;
  if (readsOneCity(input) && cityId === null) return invalid({ cityId: "province.accounts.cityRequired" });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx): Promise<Ok<{ id: number }> | Invalid> => {
      if (cityId !== null) {
        const [city] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.id, cityId));
        if (!city) return invalid({ cityId: "zones.validation.city" });
      }
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, input.login));
      if (taken) return invalid({ login: "validation.loginTaken" });
      const zoneId = await ensureProvinceZone(tx);
      const values = { zoneId, login: input.login, displayName: input.displayName, role: input.role, cityId, mustChangePassword: true };
      const [made] = await tx
        .insert(users)
        .values({ ...values, passwordHash })
        .returning({ id: users.id });
      await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "user", entityId: made.id, action: "create", after: values });
      return ok({ id: made.id });
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_login_uq")) return invalid({ login: "validation.loginTaken" });
    throw error;
  }
}

/**
 * One leader's account for the province admin's edit page: a province or city leader of the province's pseudo-zone.
 * Another zone's user, and the province admin's own kind of account, are not found.
 */
export async function getProvinceAccount(id: number, db: Executor = getDb()) {
  const zoneId = await ensureProvinceZone(db);
  const [row] = await db
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      cityId: users.cityId,
      disabled: users.disabled,
      mfaEnabledAt: users.mfaEnabledAt,
    })
    .from(users)
    .where(and(eq(users.id, id), eq(users.zoneId, zoneId), inArray(users.role, managedProvinceAccountRoles())));
  return row;
}

/**
 * Renames a leader, or moves them: a city leader to another city (交流任职), or between the province's and a city's
 * leadership. What they may read changes with the role or the city, so their sessions end. A save from a form filled
 * before someone else's save is refused (nothing written), as is an unknown city.
 */
export async function updateProvinceAccount(
  viewer: Pick<Viewer, "id" | "zoneId">,
  id: number,
  input: UpdateProvinceAccountInput,
  db: Executor = getDb(),
): Promise<Result> {
  const cityId = readsOneCity(input) ? (input.cityId ?? null) : null;
  if (readsOneCity(input) && cityId === null) return invalid({ cityId: "province.accounts.cityRequired" });
  return db.transaction(async (tx): Promise<Result> => {
    const zoneId = await ensureProvinceZone(tx);
    const [before] = await tx
      .select({ role: users.role, cityId: users.cityId, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.id, id), eq(users.zoneId, zoneId), inArray(users.role, managedProvinceAccountRoles())))
      .for("update");
    if (!before) return notFound();
    if (accountFingerprint(before) !== input.seen) return invalid({ _form: "province.accounts.stale" });
    if (cityId !== null) {
      const [city] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.id, cityId));
      if (!city) return invalid({ cityId: "zones.validation.city" });
    }
    const after = { displayName: input.displayName, role: input.role, cityId };
    await tx.update(users).set(after).where(eq(users.id, id));
    // Another city or role is another set of figures: the leader signs in again and reads only the new ones.
    if (before.role !== after.role || before.cityId !== after.cityId) await endUserSessions(id, tx);
    await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "user", entityId: id, action: "update", before, after });
    return ok();
  });
}
