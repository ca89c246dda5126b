import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { handoffs, projects } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { canEditProject } from "../../app/modules/auth/policy";
import { getProjectForViewer, listProjects, projectScopeWhere } from "../../app/modules/projects/projects.server";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

describe.each(databaseKinds())("who sees which project (%s)", (kind) => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  async function buildWorld() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const other = await createOtherZone(db.db);
    const otherStaff = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    const cluster = ref.clusters[0].id;
    const leader: Viewer = { id: ref.leaderId, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };
    const admin: Viewer = { id: ref.adminId, zoneId: ref.zoneId, companyId: null, role: "admin" };
    const p = {
      ownA1: await createProject(db.db, { zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff1.id }),
      ownA2: await createProject(db.db, { zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff2.id }),
      confidentialA2: await createProject(db.db, {
        zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff2.id, confidential: true,
      }),
      companyB: await createProject(db.db, { zoneId: ref.zoneId, companyId: b.company.id, clusterId: cluster, ownerId: b.staff1.id }),
      // Handed over from A (where staff1 owned it) to B.
      handedAtoB: await createProject(db.db, {
        zoneId: ref.zoneId, companyId: b.company.id, clusterId: cluster, ownerId: b.staff2.id,
        formerCompanyId: a.company.id, formerOwnerId: a.staff1.id,
      }),
      otherZone: await createProject(db.db, { zoneId: other.zoneId, companyId: other.companyId, clusterId: other.clusterId, ownerId: otherStaff.id }),
      // A's projects with an assist request to B: B reads the open one, never the confidential one.
      assistedByB: await createProject(db.db, { zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff2.id }),
      confidentialAssisted: await createProject(db.db, {
        zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff2.id, confidential: true,
      }),
      assistClosed: await createProject(db.db, { zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff2.id }),
    };
    const assist = (projectId: number, status: "pending" | "accepted" | "closed") => ({
      zoneId: ref.zoneId, projectId, kind: "assist" as const, status, fromCompanyId: a.company.id, toCompanyId: b.company.id, requestedById: a.staff2.id,
      reason: "协办", need: "financing" as const, assigneeId: status === "pending" ? null : b.staff1.id,
    });
    await db.db.insert(handoffs).values([
      assist(p.assistedByB.id, "pending"),
      assist(p.confidentialAssisted.id, "accepted"),
      assist(p.assistClosed.id, "closed"),
    ]);
    return { ref, a, b, leader, admin, otherStaff, p };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    world = await buildWorld();
  });
  afterAll(() => db?.dispose());

  const visibleIds = async (viewer: Viewer) => {
    const rows = await db.db.select({ id: projects.id }).from(projects).where(projectScopeWhere(viewer));
    return rows.map((r) => r.id).sort((x, y) => x - y);
  };

  it("staff see their company's projects and the ones they handed over, not confidential ones of colleagues", async () => {
    const { a, p } = world;
    const ids = await visibleIds(a.staff1);
    expect(ids).toEqual([p.ownA1.id, p.ownA2.id, p.handedAtoB.id, p.assistedByB.id, p.assistClosed.id].sort((x, y) => x - y));
    expect(ids).not.toContain(p.confidentialA2.id);
    expect(ids).not.toContain(p.companyB.id);
    expect(ids).not.toContain(p.otherZone.id);
  });

  it("the owner of a confidential project and their manager see it", async () => {
    const { a, p } = world;
    expect(await visibleIds(a.staff2)).toContain(p.confidentialA2.id);
    expect(await visibleIds(a.manager)).toContain(p.confidentialA2.id);
  });

  it("leaders see the whole zone and nothing of another; admins all but confidential", async () => {
    const { leader, admin, p } = world;
    const leaderIds = await visibleIds(leader);
    expect(leaderIds).toContain(p.confidentialA2.id);
    expect(leaderIds).not.toContain(p.otherZone.id);
    const adminIds = await visibleIds(admin);
    expect(adminIds).not.toContain(p.confidentialA2.id);
    expect(adminIds).toContain(p.companyB.id);
  });

  it("another zone's user sees only their own zone", async () => {
    const { otherStaff, p } = world;
    expect(await visibleIds(otherStaff)).toEqual([p.otherZone.id]);
  });

  it("the SQL scope and the policy agree for every viewer and project", async () => {
    const { a, b, leader, admin, otherStaff, p } = world;
    const viewers: Viewer[] = [a.staff1, a.staff2, a.manager, b.staff1, b.staff2, b.manager, leader, admin, otherStaff];
    for (const viewer of viewers) {
      const inScope = new Set(await visibleIds(viewer));
      for (const project of Object.values(p)) {
        const found = await getProjectForViewer(viewer, project.id);
        expect({ viewer: viewer.id, project: project.name, visible: !!found }).toEqual({
          viewer: viewer.id,
          project: project.name,
          visible: inScope.has(project.id),
        });
      }
    }
  });

  it("the helper company of an open assist reads the project, not a confidential one, and not after it closed", async () => {
    const { b, p } = world;
    expect((await getProjectForViewer(b.staff2, p.assistedByB.id))?.access).toBe("read");
    expect((await getProjectForViewer(b.manager, p.assistedByB.id))?.access).toBe("read");
    expect(await getProjectForViewer(b.staff1, p.confidentialAssisted.id)).toBeUndefined();
    expect(await getProjectForViewer(b.manager, p.assistClosed.id)).toBeUndefined();
    expect(await visibleIds(b.staff1)).toContain(p.assistedByB.id);
  });

  it("a handed-over project is read-only for the company that handed it over", async () => {
    const { a, b, p } = world;
    const forA = await getProjectForViewer(a.manager, p.handedAtoB.id);
    expect(forA?.access).toBe("read");
    const forB = await getProjectForViewer(b.staff2, p.handedAtoB.id);
    expect(forB?.access).toBe("write");
    const [row] = await db.db.select().from(projects).where(and(eq(projects.id, p.handedAtoB.id)));
    expect(canEditProject(a.staff1, { ...row, formerCompanyIds: [a.company.id], formerOwnerIds: [a.staff1.id] })).toBe(false);
  });

  it("the list only ever returns projects in scope, even when filtering by another company", async () => {
    const { a, b, p } = world;
    const params = parseProjectListParams(new URLSearchParams({ company: String(b.company.id) }));
    const result = await listProjects(a.staff1, params);
    // Staff cannot filter by company: the parameter is ignored and the scope still applies.
    expect(result.rows.map((r) => r.id)).not.toContain(p.companyB.id);
    expect(result.total).toBe(5);
  });
});
