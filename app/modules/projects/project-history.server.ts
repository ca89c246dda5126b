// A project's change history as its page shows it: the audit rows of the project, its activities and its evidence,
// with the ids they keep (owners, companies, clusters, contacts, investors) replaced by names.
import { desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "~db/index";
import { auditLog, clusters, companies, investorContacts, investors, users } from "~db/schema";

/** The project's change history: its own audit rows and those of its activities and evidence. */
export async function listProjectChanges(projectId: number, limit = 100) {
  const actor = alias(users, "actor");
  const rows = await getDb()
    .select({
      id: auditLog.id,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      at: auditLog.at,
      by: actor.displayName,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(
      sql`(${auditLog.entity} = 'project' and ${auditLog.entityId} = ${projectId})
        or (${auditLog.entity} in ('activity', 'attachment') and ${auditLog.after} ->> 'projectId' = ${String(projectId)})`,
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return nameReferences(foldActivitySaves(rows));
}

/**
 * One save is one event. An activity logged together with the stage move it marks (issue 19) shows as the move: the
 * move's audit row names the activity, whose own "create" row is left out. The files sent with an activity (photos,
 * minutes, cards; their rows name the activity) are part of that activity's save: their "create" rows are left out
 * too, and the files show under the activity on the timeline. The audit log keeps every row.
 */
export function foldActivitySaves<T extends { entity: string; entityId: number; action: string; after: unknown }>(rows: T[]) {
  const folded = new Set<number>();
  for (const r of rows) {
    const activityId = (r.after as Snapshot)?.activityId;
    if (r.entity === "project" && r.action === "activity_stage_forward" && typeof activityId === "number") folded.add(activityId);
  }
  return rows.filter((r) => {
    if (r.entity === "activity" && r.action === "create") return !folded.has(r.entityId);
    if (r.entity === "attachment" && r.action === "create") return typeof (r.after as Snapshot)?.activityId !== "number";
    return true;
  });
}

type Snapshot = Record<string, unknown> | null;

/** Audit rows keep ids; people read names. Replaces the ids of owners, companies, clusters and contacts. */
async function nameReferences<T extends { before: unknown; after: unknown }>(rows: T[]) {
  const ids = (fields: string[]) => {
    const found = new Set<number>();
    for (const r of rows) {
      for (const snap of [r.before as Snapshot, r.after as Snapshot]) {
        for (const f of fields) if (typeof snap?.[f] === "number") found.add(snap[f] as number);
      }
    }
    return [...found];
  };
  const db = getDb();
  const [userRows, companyRows, clusterRows, contactRows, investorRows] = await Promise.all([
    lookup(ids(["ownerId"]), (list) => db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list))),
    lookup(ids(["companyId", "firstContactCompanyId"]), (list) =>
      db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, list)),
    ),
    lookup(ids(["clusterId"]), (list) => db.select({ id: clusters.id, name: clusters.name }).from(clusters).where(inArray(clusters.id, list))),
    lookup(ids(["investorContactId"]), (list) =>
      db.select({ id: investorContacts.id, name: investorContacts.name }).from(investorContacts).where(inArray(investorContacts.id, list)),
    ),
    lookup(ids(["investorId"]), (list) => db.select({ id: investors.id, name: investors.name }).from(investors).where(inArray(investors.id, list))),
  ]);
  const names: Record<string, Map<number, string>> = {
    ownerId: userRows,
    companyId: companyRows,
    firstContactCompanyId: companyRows,
    clusterId: clusterRows,
    investorContactId: contactRows,
    investorId: investorRows,
  };
  const rename = (snap: Snapshot) =>
    snap && Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, typeof v === "number" && names[k]?.has(v) ? names[k].get(v) : v]));
  return rows.map((r) => ({ ...r, before: rename(r.before as Snapshot), after: rename(r.after as Snapshot) }));
}

async function lookup(list: number[], query: (list: number[]) => Promise<{ id: number; name: string }[]>) {
  return new Map(list.length ? (await query(list)).map((r) => [r.id, r.name] as const) : []);
}
