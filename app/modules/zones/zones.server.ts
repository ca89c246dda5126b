// Zones as data (issue 20, decision 019): the province's list of zones and the one way a zone is made — by the
// province admin's page and by `npm run zone -- create` alike.
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { Database, Executor } from "~db/index";
import { getDb } from "~db/index";
import { cities, companies, users, zones } from "~db/schema";
import {
  fillZoneFromTemplate,
  PROVINCE_ADMIN_DISPLAY_NAME,
  PROVINCE_LEADER_DISPLAY_NAME,
  PROVINCE_ZONE,
  withoutCitySuffix,
  zoneAdminDisplayName,
} from "~db/seed/reference";
import type { Invalid, Ok } from "~/lib/result";
import { invalid, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/auth/password.server";
import { passwordProblem } from "~/modules/auth/password-policy.server";

/** The login of a zone's first admin. */
export function zoneAdminLogin(code: string) {
  return `${code}_admin`;
}

export async function listCities(db: Executor = getDb()) {
  return db.select({ id: cities.id, code: cities.code, name: cities.name }).from(cities).orderBy(asc(cities.sortOrder));
}

/** A city by its id, its code (`taiyuan`) or its name (`太原`, also `太原市`). */
export async function findCity(db: Executor, text: string) {
  const wanted = withoutCitySuffix(text);
  const all = await listCities(db);
  return all.find((c) => c.code === wanted.toLowerCase() || c.name === wanted || String(c.id) === wanted);
}

/**
 * Every zone of the province (not the province's own pseudo-zone): its city, how many companies (the committee
 * not counted) and users it has, when it was made, and its admins' logins — nothing inside the zone.
 */
export async function listZones(db: Executor = getDb()) {
  const companyCounts = db
    .select({ zoneId: companies.zoneId, n: count().as("company_n") })
    .from(companies)
    .where(ne(companies.kind, "committee"))
    .groupBy(companies.zoneId)
    .as("company_counts");
  const userCounts = db
    .select({
      zoneId: users.zoneId,
      n: count().as("user_n"),
      admins: sql<string[]>`array_agg(${users.login} order by ${users.login}) filter (where ${users.role} = 'admin' and not ${users.disabled})`.as(
        "admins",
      ),
    })
    .from(users)
    .groupBy(users.zoneId)
    .as("user_counts");
  const rows = await db
    .select({
      id: zones.id,
      code: zones.code,
      name: zones.name,
      city: cities.name,
      createdAt: zones.createdAt,
      companies: companyCounts.n,
      users: userCounts.n,
      admins: userCounts.admins,
    })
    .from(zones)
    .leftJoin(cities, eq(cities.id, zones.cityId))
    .leftJoin(companyCounts, eq(companyCounts.zoneId, zones.id))
    .leftJoin(userCounts, eq(userCounts.zoneId, zones.id))
    .where(eq(zones.province, false))
    .orderBy(asc(cities.sortOrder), asc(zones.code));
  return rows.map((r) => ({ ...r, companies: r.companies ?? 0, users: r.users ?? 0, admins: r.admins ?? [] }));
}

export type CreateZoneRequest = {
  code: string;
  name: string;
  cityId?: number | null;
  /** The first password of `CODE_admin`, checked by the app's password rules. */
  password: string;
};

export type CreatedZone = { zoneId: number; code: string; adminId: number; adminLogin: string; companies: number };

const PG_UNIQUE_VIOLATION = "23505";

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === PG_UNIQUE_VIOLATION) return true;
  }
  return false;
}

/**
 * Makes a zone in one transaction: the zone (in its city), its committee, clusters and companies and settings from
 * the reference template (db/seed/reference.ts), and its admin `CODE_admin`. An existing code (or admin login) is
 * refused with nothing written; so is a password the app's rules refuse. `actorId` is who asked (null from the CLI).
 */
export async function createZone(
  request: CreateZoneRequest,
  opts: { actorId: number | null; actorZoneId?: number | null; db?: Database },
): Promise<Ok<CreatedZone> | Invalid> {
  const db = opts.db ?? getDb();
  const code = request.code.trim().toLowerCase();
  const name = request.name.trim();
  if (!/^[a-z0-9]{2,16}$/.test(code)) return invalid({ code: "zones.validation.code" });
  if (name.length < 2 || name.length > 40) return invalid({ name: "zones.validation.name" });
  const weak = passwordProblem(request.password);
  if (weak) return invalid({ password: weak });
  const passwordHash = await hashPassword(request.password);
  const adminLogin = zoneAdminLogin(code);
  try {
    return await db.transaction(async (tx): Promise<Ok<CreatedZone> | Invalid> => {
      if (request.cityId != null) {
        const [city] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.id, request.cityId));
        if (!city) return invalid({ cityId: "zones.validation.city" });
      }
      const [taken] = await tx.select({ id: zones.id }).from(zones).where(eq(zones.code, code));
      if (taken) return invalid({ code: "zones.validation.codeTaken" });
      const [loginTaken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, adminLogin));
      if (loginTaken) return invalid({ code: "zones.validation.adminTaken" });

      const [zone] = await tx
        .insert(zones)
        .values({ code, name, cityId: request.cityId ?? null })
        .returning({ id: zones.id });
      const template = await fillZoneFromTemplate(tx, zone.id);
      const [admin] = await tx
        .insert(users)
        // The province admin (or the CLI's operator) chose this password for someone else: changed at first sign-in.
        .values({
          zoneId: zone.id,
          login: adminLogin,
          displayName: zoneAdminDisplayName(name),
          role: "admin",
          passwordHash,
          mustChangePassword: true,
        })
        .returning({ id: users.id });
      const after = { code, name, cityId: request.cityId ?? null, adminLogin, companies: template.companies.length };
      // In the province's record (who made it) and in the new zone's own (how it began).
      if (opts.actorZoneId != null) {
        await writeAudit(tx, { zoneId: opts.actorZoneId, actorId: opts.actorId, entity: "zone", entityId: zone.id, action: "create", after });
      }
      await writeAudit(tx, { zoneId: zone.id, actorId: opts.actorId, entity: "zone", entityId: zone.id, action: "create", after });
      return ok({ zoneId: zone.id, code, adminId: admin.id, adminLogin, companies: template.companies.length });
    });
  } catch (error) {
    // Another request made the same code (or login) between the check and the insert: the same refusal.
    if (isUniqueViolation(error)) return invalid({ code: "zones.validation.codeTaken" });
    throw error;
  }
}

/** The province's pseudo-zone, made on first use (decision 019): the home of province accounts, holding no data. */
export async function ensureProvinceZone(tx: Executor) {
  const [existing] = await tx.select({ id: zones.id }).from(zones).where(eq(zones.province, true));
  if (existing) return existing.id;
  const [made] = await tx
    .insert(zones)
    .values({ ...PROVINCE_ZONE, province: true })
    .returning({ id: zones.id });
  return made.id;
}

/** Creates the province admin (省级管理员) in the province's pseudo-zone unless that login exists. */
export async function ensureProvinceAdmin(db: Executor, opts: { passwordHash: string; login?: string }) {
  const login = opts.login ?? "province_admin";
  const [existing] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.login, login));
  if (existing) return { id: existing.id, created: false };
  const zoneId = await ensureProvinceZone(db);
  const [made] = await db
    .insert(users)
    .values({ zoneId, login, displayName: PROVINCE_ADMIN_DISPLAY_NAME, role: "province_admin", passwordHash: opts.passwordHash })
    .returning({ id: users.id });
  return { id: made.id, created: true };
}

/** Creates the province leader (省级领导, login `province`) in the province's pseudo-zone unless that login exists. */
export async function ensureProvinceLeader(db: Executor, opts: { passwordHash: string; login?: string }) {
  const login = opts.login ?? "province";
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  if (existing) return { id: existing.id, created: false };
  const zoneId = await ensureProvinceZone(db);
  const [made] = await db
    .insert(users)
    .values({ zoneId, login, displayName: PROVINCE_LEADER_DISPLAY_NAME, role: "province_leader", passwordHash: opts.passwordHash })
    .returning({ id: users.id });
  return { id: made.id, created: true };
}

/** Whether a zone id is a real zone (not the province's pseudo-zone). */
export async function isRealZone(db: Executor, zoneId: number) {
  const [row] = await db
    .select({ id: zones.id })
    .from(zones)
    .where(and(eq(zones.id, zoneId), eq(zones.province, false)));
  return Boolean(row);
}
