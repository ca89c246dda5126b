// Choices the project forms offer, each scoped to the viewer's zone and company.
import { listLinkOptions } from "~/modules/chains/chains.server";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { getDb } from "~db/index";
import { clusters, investorContacts, investors, projects, users } from "~db/schema";
import { searchKey } from "~/lib/search-key";
import type { Viewer } from "~/modules/auth/policy";
import { companyRoles } from "~/modules/auth/policy";

export async function projectFormOptions(viewer: Viewer, opts: { companyId: number | null; investorId?: number | null }) {
  const db = getDb();
  const [clusterRows, ownerRows, investorRows, contactRows] = await Promise.all([
    db.select({ id: clusters.id, name: clusters.name }).from(clusters).where(eq(clusters.zoneId, viewer.zoneId)).orderBy(asc(clusters.sortOrder)),
    opts.companyId
      ? db
          .select({ id: users.id, name: users.displayName, login: users.login })
          .from(users)
          .where(and(eq(users.companyId, opts.companyId), eq(users.disabled, false), inArray(users.role, companyRoles())))
          .orderBy(asc(users.displayName))
      : Promise.resolve([]),
    // Suggestions for the investor field: the investors this company follows or registered, newest first.
    db
      .selectDistinct({ name: investors.name, key: sql<string>`coalesce(${investors.searchKey}, '')`, updatedAt: investors.updatedAt })
      .from(investors)
      .leftJoin(projects, eq(projects.investorId, investors.id))
      .where(
        and(
          eq(investors.zoneId, viewer.zoneId),
          or(opts.companyId ? eq(projects.companyId, opts.companyId) : sql`false`, eq(investors.createdById, viewer.id)),
        ),
      )
      .orderBy(sql`${investors.updatedAt} desc`)
      .limit(300),
    opts.investorId
      ? db
          .select({ id: investorContacts.id, name: investorContacts.name, title: investorContacts.title })
          .from(investorContacts)
          .where(eq(investorContacts.investorId, opts.investorId))
          .orderBy(asc(investorContacts.id))
      : Promise.resolve([]),
  ]);
  const links = await listLinkOptions(viewer.zoneId, db);
  return {
    clusters: clusterRows,
    // The picker of industry-chain links shows those of the chosen cluster (issue 22).
    chainLinks: links.map((l) => ({
      id: l.id,
      clusterId: l.clusterId,
      parentId: l.parentId,
      name: l.name,
      segment: l.segment,
      products: l.products,
    })),
    // The owner picker is searchable by name, login and the name's pinyin.
    owners: ownerRows.map((o) => ({ id: o.id, name: o.name, key: searchKey([o.name], [o.login]) })),
    // The investor field suggests these, searchable by their stored key (pinyin initials too).
    investors: investorRows.map((r) => ({ name: r.name, key: r.key })),
    contacts: contactRows,
  };
}

export async function investorById(viewer: Viewer, id: number) {
  const [row] = await getDb()
    .select({ id: investors.id, name: investors.name })
    .from(investors)
    .where(and(eq(investors.id, id), eq(investors.zoneId, viewer.zoneId)));
  return row;
}
