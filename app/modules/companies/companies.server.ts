import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { auditLog, clusters, companies, users } from "~db/schema";
import { formatDateTime } from "~/lib/dates";
import { codedMessage } from "~/lib/forms";
import type { Invalid, NotFound, Ok } from "~/lib/result";
import { invalid, notFound, ok } from "~/lib/result";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import type { AddCompanyInput, UpdateCompanyInput } from "./companies.schema";

/** A company's name, for messages and notifications ("" when there is no such company). */
export async function companyName(db: Executor, companyId: number) {
  const [row] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  return row?.name ?? "";
}

/** The zone's active companies in their display order. */
export async function listZoneCompanies(zoneId: number) {
  return getDb()
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.zoneId, zoneId), eq(companies.active, true)))
    .orderBy(asc(companies.sortOrder), asc(companies.id));
}

// A zone's companies as its admin keeps them (issue 20): rename, add, retire. Scoped to the admin's zone: a company
// of another zone is not found.

/** Every company of the viewer's zone but the committee, retired ones included, with its cluster and users. */
export async function listCompaniesForAdmin(viewer: Viewer) {
  const userCounts = getDb()
    .select({ companyId: users.companyId, n: count().as("user_n") })
    .from(users)
    .where(eq(users.zoneId, viewer.zoneId))
    .groupBy(users.companyId)
    .as("user_counts");
  const rows = await getDb()
    .select({
      id: companies.id,
      name: companies.name,
      shortName: companies.shortName,
      code: companies.code,
      kind: companies.kind,
      cluster: clusters.name,
      active: companies.active,
      users: userCounts.n,
    })
    .from(companies)
    .leftJoin(clusters, eq(clusters.id, companies.clusterId))
    .leftJoin(userCounts, eq(userCounts.companyId, companies.id))
    .where(and(eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
    .orderBy(asc(companies.sortOrder), asc(companies.id));
  return rows.map((r) => ({ ...r, users: r.users ?? 0 }));
}

export async function getCompanyForAdmin(viewer: Viewer, id: number) {
  const [row] = await getDb()
    .select({
      id: companies.id,
      zoneId: companies.zoneId,
      name: companies.name,
      shortName: companies.shortName,
      code: companies.code,
      kind: companies.kind,
      active: companies.active,
      version: companies.version,
    })
    .from(companies)
    .where(and(eq(companies.id, id), eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")));
  return row;
}

export async function listZoneClusters(viewer: Viewer) {
  return getDb()
    .select({ id: clusters.id, name: clusters.name })
    .from(clusters)
    .where(eq(clusters.zoneId, viewer.zoneId))
    .orderBy(asc(clusters.sortOrder), asc(clusters.id));
}

/** Another company of the zone already has this name or code: the field to blame. */
async function clashOf(tx: Executor, zoneId: number, input: { name: string; code?: string }, exceptId?: number) {
  const others = (c: SQL) => and(eq(companies.zoneId, zoneId), c, exceptId === undefined ? undefined : ne(companies.id, exceptId));
  const [byName] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(others(eq(companies.name, input.name)));
  if (byName) return invalid({ name: "zones.validation.companyNameTaken" });
  if (input.code) {
    const [byCode] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(others(eq(companies.code, input.code)));
    if (byCode) return invalid({ code: "zones.validation.companyCodeTaken" });
  }
  return null;
}

/** Who last changed a company and when (its audit rows), for the message of a refused stale save. */
async function lastCompanyChange(tx: Executor, companyId: number) {
  const [row] = await tx
    .select({ by: users.displayName, at: auditLog.at })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, "company"), eq(auditLog.entityId, companyId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return { by: row?.by ?? null, at: row ? formatDateTime(row.at) : null };
}

const isUniqueViolation = (error: unknown) => {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: unknown }).code === "23505") return true;
  return false;
};

export async function addCompany(viewer: Viewer, input: AddCompanyInput): Promise<Ok<{ id: number }> | Invalid> {
  // An attraction company is one cluster's (of this zone); the others have none.
  if ((input.kind === "attraction") !== (input.clusterId !== undefined)) return invalid({ clusterId: "zones.validation.cluster" });
  try {
    return await getDb().transaction(async (tx): Promise<Ok<{ id: number }> | Invalid> => {
      if (input.clusterId !== undefined) {
        const [cluster] = await tx
          .select({ id: clusters.id })
          .from(clusters)
          .where(and(eq(clusters.id, input.clusterId), eq(clusters.zoneId, viewer.zoneId)));
        if (!cluster) return invalid({ clusterId: "zones.validation.cluster" });
      }
      const clash = await clashOf(tx, viewer.zoneId, input);
      if (clash) return clash;
      const [{ next }] = await tx
        .select({ next: sql<number>`(coalesce(max(${companies.sortOrder}), 0) + 1)::int` })
        .from(companies)
        .where(eq(companies.zoneId, viewer.zoneId));
      const values = {
        zoneId: viewer.zoneId,
        name: input.name,
        shortName: input.shortName,
        code: input.code ?? null,
        kind: input.kind,
        clusterId: input.clusterId ?? null,
        sortOrder: next,
      };
      const [made] = await tx.insert(companies).values(values).returning({ id: companies.id });
      await writeAudit(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "company", entityId: made.id, action: "create", after: values });
      return ok({ id: made.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return invalid({ name: "zones.validation.companyNameTaken" });
    throw error;
  }
}

/**
 * Renames a company of the viewer's zone, changes its code, retires it (active = false) or brings it back. A save
 * made from an older version than the database's is refused with who saved last, and nothing is written: two
 * admins editing the same company at once never silently overwrite each other.
 */
export async function updateCompany(viewer: Viewer, id: number, input: UpdateCompanyInput): Promise<Ok<undefined> | NotFound | Invalid> {
  try {
    return await getDb().transaction(async (tx): Promise<Ok<undefined> | NotFound | Invalid> => {
      const [before] = await tx
        .select({ name: companies.name, shortName: companies.shortName, code: companies.code, active: companies.active, version: companies.version })
        .from(companies)
        .where(and(eq(companies.id, id), eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
        .for("update");
      if (!before) return notFound();
      if (before.version !== input.version) {
        const last = await lastCompanyChange(tx, id);
        return invalid({ _form: codedMessage("companies.stale", { name: before.name, by: last.by ?? "—", at: last.at ?? "—" }) });
      }
      const clash = await clashOf(tx, viewer.zoneId, input, id);
      if (clash) return clash;
      const after = { name: input.name, shortName: input.shortName, code: input.code ?? null, active: input.active, version: before.version + 1 };
      await tx.update(companies).set(after).where(eq(companies.id, id));
      await auditUpdate(tx, { zoneId: viewer.zoneId, actorId: viewer.id, entity: "company", entityId: id, action: "update", before, after });
      return ok();
    });
  } catch (error) {
    if (isUniqueViolation(error)) return invalid({ name: "zones.validation.companyNameTaken" });
    throw error;
  }
}
