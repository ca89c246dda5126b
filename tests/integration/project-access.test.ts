import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { handoffs, projects } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { canEditProject } from "../../app/modules/auth/policy";
import { getProjectForViewer, listProjects, projectScopeWhere } from "../../app/modules/projects/projects.server";
import type { ProjectSort } from "../../app/modules/projects/projects.schema";
import { parseProjectListParams, PROJECT_SORTS } from "../../app/modules/projects/projects.schema";
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
        zoneId: ref.zoneId,
        companyId: a.company.id,
        clusterId: cluster,
        ownerId: a.staff2.id,
        confidential: true,
      }),
      companyB: await createProject(db.db, { zoneId: ref.zoneId, companyId: b.company.id, clusterId: cluster, ownerId: b.staff1.id }),
      // Handed over from A (where staff1 owned it) to B.
      handedAtoB: await createProject(db.db, {
        zoneId: ref.zoneId,
        companyId: b.company.id,
        clusterId: cluster,
        ownerId: b.staff2.id,
        formerCompanyId: a.company.id,
        formerOwnerId: a.staff1.id,
      }),
      otherZone: await createProject(db.db, { zoneId: other.zoneId, companyId: other.companyId, clusterId: other.clusterId, ownerId: otherStaff.id }),
      // A's projects with an assist request to B: B reads the open one, never the confidential one.
      assistedByB: await createProject(db.db, { zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff2.id }),
      confidentialAssisted: await createProject(db.db, {
        zoneId: ref.zoneId,
        companyId: a.company.id,
        clusterId: cluster,
        ownerId: a.staff2.id,
        confidential: true,
      }),
      assistClosed: await createProject(db.db, { zoneId: ref.zoneId, companyId: a.company.id, clusterId: cluster, ownerId: a.staff2.id }),
    };
    const assist = (projectId: number, status: "pending" | "accepted" | "closed") => ({
      zoneId: ref.zoneId,
      projectId,
      kind: "assist" as const,
      status,
      fromCompanyId: a.company.id,
      toCompanyId: b.company.id,
      requestedById: a.staff2.id,
      reason: "协办",
      need: "financing" as const,
      assigneeId: status === "pending" ? null : b.staff1.id,
    });
    await db.db
      .insert(handoffs)
      .values([assist(p.assistedByB.id, "pending"), assist(p.confidentialAssisted.id, "accepted"), assist(p.assistClosed.id, "closed")]);
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
    const [row] = await db.db
      .select()
      .from(projects)
      .where(and(eq(projects.id, p.handedAtoB.id)));
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

  // Runs last: it adds projects. Staff and managers' lists are two branches (own company, the few others); every
  // sort, both directions, paged forward and back, must give the scope's rows in the scope's order.
  it("the list pages through exactly the scope in every sort and direction, forward and back", async () => {
    const { ref, a, b, p } = world;
    const cluster = ref.clusters[0].id;
    const days = (i: number) => `2025-0${1 + (i % 9)}-1${i % 10}`;
    for (let i = 0; i < 30; i++) {
      const project = await createProject(db.db, {
        zoneId: ref.zoneId,
        companyId: a.company.id,
        clusterId: cluster,
        ownerId: i % 2 ? a.staff1.id : a.staff2.id,
        name: `排序项目${i % 7}`,
        stage: (["lead", "negotiating", "signed"] as const)[i % 3],
        confidential: i % 5 === 0,
        plannedInvestmentWan: i % 4 ? String(1000 + (i % 6) * 250) : undefined,
        signedOn: i % 3 ? days(i) : undefined,
      });
      // Ties on the sort keys and NULLs, so the id order and the NULL tail are exercised.
      await db.db
        .update(projects)
        .set({
          updatedAt: new Date(Date.UTC(2025, 0, 1 + (i % 4))),
          lastActivityOn: i % 4 ? days(i + 1) : null,
          nextActionOn: i % 3 ? days(i + 2) : null,
        })
        .where(eq(projects.id, project.id));
    }
    // A confidential project of another company that staff1 owns, and a former holding of B's at A's.
    await createProject(db.db, {
      zoneId: ref.zoneId,
      companyId: b.company.id,
      clusterId: cluster,
      ownerId: a.staff1.id,
      confidential: true,
      name: "借调项目",
    });
    await createProject(db.db, {
      zoneId: ref.zoneId,
      companyId: a.company.id,
      clusterId: cluster,
      ownerId: a.staff2.id,
      formerCompanyId: b.company.id,
      name: "曾属项目",
    });
    const keys: Record<ProjectSort, unknown> = {
      updated: projects.updatedAt,
      code: projects.code,
      name: projects.name,
      stage: projects.stage,
      investment: projects.totalInvestmentWan,
      lastActivity: projects.lastActivityOn,
      nextAction: projects.nextActionOn,
      signed: projects.signedOn,
    };
    for (const viewer of [a.staff1, a.staff2, a.manager, b.staff1, b.staff2, b.manager, world.leader, world.admin]) {
      for (const sort of PROJECT_SORTS) {
        for (const dir of ["asc", "desc"] as const) {
          const order = sql.raw(dir);
          const expected = (
            await db.db
              .select({ id: projects.id })
              .from(projects)
              .where(projectScopeWhere(viewer))
              .orderBy(sql`${keys[sort]} ${order} nulls last`, sql`${projects.id} ${order}`)
          ).map((r) => r.id);
          const label = `viewer ${viewer.id} ${sort} ${dir}`;
          const forward: number[] = [];
          let page = await listProjects(viewer, parseProjectListParams(new URLSearchParams({ sort, dir, size: "25" })));
          expect(page.total, label).toBe(expected.length);
          forward.push(...page.rows.map((r) => r.id));
          const pages = [page];
          while (page.nextCursor) {
            page = await listProjects(viewer, parseProjectListParams(new URLSearchParams({ sort, dir, size: "25", after: page.nextCursor })));
            forward.push(...page.rows.map((r) => r.id));
            pages.push(page);
          }
          expect(forward, label).toEqual(expected);
          // Back from the last page with its "previous" links.
          const backward: number[][] = [page.rows.map((r) => r.id)];
          while (page.prevCursor) {
            page = await listProjects(viewer, parseProjectListParams(new URLSearchParams({ sort, dir, size: "25", before: page.prevCursor })));
            backward.unshift(page.rows.map((r) => r.id));
          }
          expect(backward.flat(), label).toEqual(expected);
        }
      }
    }
    expect((await visibleIds(a.staff1)).length).toBeGreaterThan(25);
    expect(await visibleIds(b.manager)).toContain(p.assistedByB.id);
  });
});
