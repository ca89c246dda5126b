// A user moved to another company keeps nothing of the old one (issue 16): the company decides scope first, a row
// still naming them as owner grants nothing elsewhere, and the admin's move reassigns their open projects in the
// same transaction (audited, the new owners notified) or is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import { auditLog, notifications, projectEvents, projects, users } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { canEditProject, canRequestHandoff } from "../../app/modules/auth/policy";
import { getProjectForViewer, listProjects, loadProjectFacts, projectScopeWhere } from "../../app/modules/projects/projects.server";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import { getMyDesk } from "../../app/modules/projects/my-desk.server";
import { requestHandoff } from "../../app/modules/handoffs/handoffs.server";
import { listOpenProjectsOf, updateZoneUser } from "../../app/modules/admin/users.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createMovedUser, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

type Expect = { sees: boolean; access: "none" | "read" | "write" };

describe.each(databaseKinds())("a user who changed company (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const [, , c] = ref.companies.filter((x) => x.kind === "attraction");
    const admin: Viewer = { id: ref.adminId, zoneId: ref.zoneId, companyId: null, role: "admin" };
    const cluster = ref.clusters[0].id;
    const base = { zoneId: ref.zoneId, clusterId: cluster };
    // Owner moved: projects of A still naming the user as owner after the user went to B (as the bug left them).
    const mover = await createMovedUser(db.db, { zoneId: ref.zoneId, fromCompanyId: a.company.id, toCompanyId: b.company.id });
    const moverOpen = await createProject(db.db, { ...base, companyId: a.company.id, ownerId: mover.id, name: "调走者的项目" });
    const moverSecret = await createProject(db.db, {
      ...base,
      companyId: a.company.id,
      ownerId: mover.id,
      confidential: true,
      name: "调走者的保密项目",
    });
    // Owner lost ownership by reassignment inside A: a.staff1 owned these, a.staff2 owns them now.
    const reassigned = await createProject(db.db, {
      ...base,
      companyId: a.company.id,
      ownerId: a.staff2.id,
      formerOwnerId: a.staff1.id,
      name: "改派项目",
    });
    const reassignedSecret = await createProject(db.db, {
      ...base,
      companyId: a.company.id,
      ownerId: a.staff2.id,
      formerOwnerId: a.staff1.id,
      confidential: true,
      name: "改派保密项目",
    });
    // Handed over from A (a.staff1 owned it) to B; and the same for a user of A who then moved to C.
    const handed = await createProject(db.db, {
      ...base,
      companyId: b.company.id,
      ownerId: b.staff1.id,
      formerCompanyId: a.company.id,
      formerOwnerId: a.staff1.id,
      name: "移交项目",
    });
    const leaver = await createMovedUser(db.db, { zoneId: ref.zoneId, fromCompanyId: a.company.id, toCompanyId: c.id });
    const handedByLeaver = await createProject(db.db, {
      ...base,
      companyId: b.company.id,
      ownerId: b.staff2.id,
      formerCompanyId: a.company.id,
      formerOwnerId: leaver.id,
      name: "调走者移交的项目",
    });
    return { ref, a, b, c, admin, base, mover, leaver, p: { moverOpen, moverSecret, reassigned, reassignedSecret, handed, handedByLeaver } };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  const scopeIds = async (viewer: Viewer) =>
    (await db.db.select({ id: projects.id }).from(projects).where(projectScopeWhere(viewer))).map((r) => r.id);

  const cases: [string, () => Viewer, () => { id: number }, Expect][] = [
    ["owner moved: their old company's project", () => w.mover, () => w.p.moverOpen, { sees: false, access: "none" }],
    ["owner moved: their old company's confidential project", () => w.mover, () => w.p.moverSecret, { sees: false, access: "none" }],
    ["owner lost ownership by reassignment: reads it as one of the company", () => w.a.staff1, () => w.p.reassigned, { sees: true, access: "read" }],
    [
      "owner lost ownership by reassignment: a confidential one is gone",
      () => w.a.staff1,
      () => w.p.reassignedSecret,
      { sees: false, access: "none" },
    ],
    ["handed over from my company: read-only through the company", () => w.a.staff1, () => w.p.handed, { sees: true, access: "read" }],
    ["handed over from my company, then I moved: nothing", () => w.leaver, () => w.p.handedByLeaver, { sees: false, access: "none" }],
    ["the old company's manager still writes the moved owner's project", () => w.a.manager, () => w.p.moverSecret, { sees: true, access: "write" }],
  ];

  it.each(cases)("%s", async (_label, viewerOf, projectOf, want) => {
    const viewer = viewerOf();
    const project = projectOf();
    // Lists and counts.
    expect((await scopeIds(viewer)).includes(project.id)).toBe(want.sees);
    const list = await listProjects(viewer, parseProjectListParams(new URLSearchParams({ size: "100" })));
    expect(list.rows.some((r) => r.id === project.id)).toBe(want.sees);
    expect(list.total).toBe((await scopeIds(viewer)).length);
    // The project page, edit and handoff.
    const page = await getProjectForViewer(viewer, project.id);
    expect(page?.access ?? "none").toBe(want.access);
    const facts = (await loadProjectFacts(project.id))!;
    expect(canEditProject(viewer, facts)).toBe(want.access === "write");
    expect(canRequestHandoff(viewer, facts)).toBe(want.access === "write" && viewer.role !== "admin");
    if (want.access !== "write") {
      const asked = await requestHandoff(viewer, project.id, { kind: "transfer", toCompanyId: w.b.company.id, reason: "试图移交" } as never);
      expect(asked.kind).not.toBe("ok");
    }
  });

  it("the moved user's desk and lists hold nothing of the old company", async () => {
    const desk = await getMyDesk(w.mover, "2026-11-27");
    expect(desk.counts.all).toBe(0);
    const all = await listProjects(w.mover, parseProjectListParams(new URLSearchParams({ size: "100" })));
    const [{ n: oldCompany }] = await db.db
      .select({ n: count() })
      .from(projects)
      .where(and(eq(projects.companyId, w.a.company.id), inArray(projects.id, all.rows.map((r) => r.id).concat(-1))));
    expect(oldCompany).toBe(0);
  });

  it("an admin's move with open projects and no reassignment is refused, nothing written", async () => {
    const x = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: w.a.company.id, role: "staff" });
    const p1 = await createProject(db.db, { ...w.base, companyId: w.a.company.id, ownerId: x.id, name: "待改派一" });
    const p2 = await createProject(db.db, { ...w.base, companyId: w.a.company.id, ownerId: x.id, confidential: true, name: "待改派二" });
    const lost = await createProject(db.db, { ...w.base, companyId: w.a.company.id, ownerId: x.id, status: "lost", name: "已终止" });
    expect((await listOpenProjectsOf(w.admin, x.id)).map((p) => p.id)).toEqual([p1.id, p2.id]);
    const move = { displayName: x.displayName, role: "staff" as const, companyId: w.b.company.id };
    const auditBefore = (await db.db.select({ n: count() }).from(auditLog))[0].n;

    const none = await updateZoneUser(w.admin, x.id, move);
    expect(none).toMatchObject({
      kind: "invalid",
      fieldErrors: { [`reassign-${p1.id}`]: "users.reassignRequired", [`reassign-${p2.id}`]: "users.reassignRequired" },
    });
    // Only one of the two, or a new owner of the company the user goes to: refused as well.
    const half = await updateZoneUser(w.admin, x.id, move, new Map([[p1.id, w.a.staff2.id]]));
    expect(half).toMatchObject({ kind: "invalid", fieldErrors: { [`reassign-${p2.id}`]: "users.reassignRequired" } });
    const wrong = await updateZoneUser(
      w.admin,
      x.id,
      move,
      new Map([
        [p1.id, w.a.staff2.id],
        [p2.id, w.b.staff1.id],
      ]),
    );
    expect(wrong).toMatchObject({ kind: "invalid", fieldErrors: { [`reassign-${p2.id}`]: "users.reassignInvalid" } });
    const [still] = await db.db.select({ companyId: users.companyId }).from(users).where(eq(users.id, x.id));
    expect(still.companyId).toBe(w.a.company.id);
    const owners = await db.db
      .select({ id: projects.id, ownerId: projects.ownerId })
      .from(projects)
      .where(inArray(projects.id, [p1.id, p2.id]));
    expect(owners.every((o) => o.ownerId === x.id)).toBe(true);
    expect((await db.db.select({ n: count() }).from(auditLog))[0].n).toBe(auditBefore);

    // With a new owner of A for each: the move, the reassignments, their audit rows and notices, in one go.
    const done = await updateZoneUser(
      w.admin,
      x.id,
      move,
      new Map([
        [p1.id, w.a.staff2.id],
        [p2.id, w.a.manager.id],
      ]),
    );
    expect(done).toEqual({ kind: "ok", value: { reassigned: 2 } });
    const [moved] = await db.db.select({ companyId: users.companyId }).from(users).where(eq(users.id, x.id));
    expect(moved.companyId).toBe(w.b.company.id);
    const after = await db.db
      .select({ id: projects.id, ownerId: projects.ownerId })
      .from(projects)
      .where(inArray(projects.id, [p1.id, p2.id, lost.id]));
    expect(Object.fromEntries(after.map((r) => [r.id, r.ownerId]))).toEqual({ [p1.id]: w.a.staff2.id, [p2.id]: w.a.manager.id, [lost.id]: x.id });
    const audits = await db.db
      .select({ entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.action, "reassign"), inArray(auditLog.entityId, [p1.id, p2.id])));
    expect(audits).toHaveLength(2);
    expect(audits.find((r) => r.entityId === p1.id)).toMatchObject({ before: { ownerId: x.id }, after: { ownerId: w.a.staff2.id } });
    const events = await db.db
      .select()
      .from(projectEvents)
      .where(and(eq(projectEvents.kind, "owner"), eq(projectEvents.fromOwnerId, x.id)));
    expect(events.map((e) => e.toOwnerId).sort()).toEqual([w.a.staff2.id, w.a.manager.id].sort());
    const notices = await db.db
      .select({ userId: notifications.userId, link: notifications.link })
      .from(notifications)
      .where(eq(notifications.kind, "project_assigned"));
    expect(notices).toEqual(
      expect.arrayContaining([
        { userId: w.a.staff2.id, link: `/projects/${p1.id}` },
        { userId: w.a.manager.id, link: `/projects/${p2.id}` },
      ]),
    );
    // And the moved user sees neither project any more.
    const viewer: Viewer = { id: x.id, zoneId: w.ref.zoneId, companyId: w.b.company.id, role: "staff" };
    expect(await getProjectForViewer(viewer, p1.id)).toBeUndefined();
    expect(await getProjectForViewer(viewer, p2.id)).toBeUndefined();
  });
});
