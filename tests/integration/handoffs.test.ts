// Handoffs between companies: transfers move a project in one transaction, assists leave it with its owner,
// the rules refuse with a reason, two managers answering at once get exactly one winner, credit is never doubled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { activities, auditLog, handoffs, notifications, projectEvents, projectHoldings, projects } from "../../db/schema";
import { todayInZone } from "../../app/lib/dates";
import type { Viewer } from "../../app/modules/auth/policy";
import { creditByCompany, creditRecords } from "../../app/modules/handoffs/credit.server";
import { requestHandoffSchema } from "../../app/modules/handoffs/handoffs.schema";
import {
  acceptHandoff,
  cancelHandoff,
  closeAssist,
  countHandoffsByStatus,
  countWaitingHandoffs,
  getHandoffForViewer,
  listHandoffs,
  rejectHandoff,
  requestHandoff,
} from "../../app/modules/handoffs/handoffs.server";
import { logActivity } from "../../app/modules/projects/project-activities.server";
import { activitySchema } from "../../app/modules/projects/activity.schema";
import { getProjectForViewer, listProjects } from "../../app/modules/projects/projects.server";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

describe.each(databaseKinds())("handoffs (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof buildWorld>>;

  async function buildWorld() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const service = ref.companies.find((c) => c.kind === "service")!;
    const platform = ref.companies.find((c) => c.kind === "platform")!;
    const make = (companyId: number, role: "staff" | "manager") => createUser(db.db, { zoneId: ref.zoneId, companyId, role });
    const svc = { staff: await make(service.id, "staff"), manager: await make(service.id, "manager") };
    const plat = { staff: await make(platform.id, "staff"), other: await make(platform.id, "staff"), manager: await make(platform.id, "manager") };
    const leader: Viewer = { id: ref.leaderId, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };
    const project = (over: Partial<Parameters<typeof createProject>[1]> = {}) =>
      createProject(db.db, { zoneId: ref.zoneId, clusterId: ref.clusters[1].id, companyId: service.id, ownerId: svc.staff.id, ...over });
    return { ref, a, b, service, platform, svc, plat, leader, project };
  }

  const transfer = (toCompanyId: number, reason = "属于半导体产业，移交专业公司") =>
    requestHandoffSchema.parse({ kind: "transfer", toCompanyId: String(toCompanyId), reason });
  const assist = (toCompanyId: number) =>
    requestHandoffSchema.parse({
      kind: "assist",
      toCompanyId: String(toCompanyId),
      reason: "需要产业基金对接",
      need: "financing",
      wishedByOn: "2026-12-31",
    });
  const versionOf = async (id: number) => (await db.db.select({ v: handoffs.version }).from(handoffs).where(eq(handoffs.id, id)))[0].v;
  const accept = (viewer: Viewer, id: number, assigneeId: number, version: number) =>
    acceptHandoff(viewer, id, { version, assigneeId, businessOn: todayInZone(), note: undefined });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("refuses a transfer to one's own company, of a lost project, a second open one, and by someone not the owner", async () => {
    const { svc, b, service, a, project } = w;
    const p = await project();
    expect(await requestHandoff(svc.staff, p.id, transfer(service.id))).toMatchObject({
      kind: "invalid",
      fieldErrors: { toCompanyId: "handoffs.error.ownCompany" },
    });
    expect(await requestHandoff(svc.staff, p.id, assist(service.id))).toMatchObject({
      kind: "invalid",
      fieldErrors: { toCompanyId: "handoffs.error.ownCompany" },
    });
    const lost = await project({ status: "lost" });
    expect(await requestHandoff(svc.staff, lost.id, transfer(b.company.id))).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "handoffs.error.lost" },
    });
    const secret = await project({ confidential: true });
    expect(await requestHandoff(svc.staff, secret.id, assist(w.platform.id))).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "handoffs.error.confidentialAssist" },
    });
    const first = await requestHandoff(svc.staff, p.id, transfer(b.company.id));
    expect(first.kind).toBe("ok");
    expect(await requestHandoff(svc.manager, p.id, transfer(a.company.id))).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "handoffs.error.openTransfer" },
    });
    // Another company's staff do not see it at all; a colleague sees it but may not hand it off.
    expect(await requestHandoff(b.staff1, p.id, transfer(a.company.id))).toEqual({ kind: "notFound" });
    const colleague = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: service.id, role: "staff" });
    expect(await requestHandoff(colleague, p.id, transfer(a.company.id))).toEqual({ kind: "forbidden" });
    // The receiving manager was told; nothing changed hands yet.
    const [row] = await db.db.select().from(projects).where(eq(projects.id, p.id));
    expect(row).toMatchObject({ companyId: service.id, ownerId: svc.staff.id });
    expect(await countWaitingHandoffs(b.manager)).toBeGreaterThan(0);
  });

  it("only the receiving company's manager accepts; acceptance moves the project in one step", async () => {
    const { svc, b, a, service, project, leader } = w;
    const p = await project({ name: "晶圆封测线索" });
    const requested = await requestHandoff(svc.staff, p.id, transfer(b.company.id));
    if (requested.kind !== "ok") throw new Error(JSON.stringify(requested));
    const id = requested.value.id;
    const version = await versionOf(id);

    expect(await accept(a.manager, id, a.staff1.id, version)).toEqual({ kind: "notFound" });
    expect(await accept(b.staff1, id, b.staff1.id, version)).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "handoffs.error.notReceivingManager" },
    });
    expect(await accept(svc.manager, id, svc.staff.id, version)).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "handoffs.error.notReceivingManager" },
    });
    expect(await accept(b.manager, id, a.staff1.id, version)).toMatchObject({
      kind: "invalid",
      fieldErrors: { assigneeId: "handoffs.error.assignee" },
    });

    expect(await accept(b.manager, id, b.staff2.id, version)).toEqual({ kind: "ok" });
    const [row] = await db.db.select().from(projects).where(eq(projects.id, p.id));
    expect(row).toMatchObject({ companyId: b.company.id, ownerId: b.staff2.id, firstContactCompanyId: service.id, version: p.version + 1 });
    const holdings = await db.db.select().from(projectHoldings).where(eq(projectHoldings.projectId, p.id)).orderBy(asc(projectHoldings.id));
    expect(holdings.map((h) => [h.companyId, h.untilOn])).toEqual([
      [service.id, todayInZone()],
      [b.company.id, null],
    ]);
    const owners = await db.db
      .select()
      .from(projectEvents)
      .where(and(eq(projectEvents.projectId, p.id), eq(projectEvents.kind, "owner")));
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ fromOwnerId: svc.staff.id, toOwnerId: b.staff2.id, businessOn: todayInZone(), actorId: b.manager.id });
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.actorId, b.manager.id));
    expect(audits.map((x) => `${x.entity}:${x.action}`).sort()).toEqual(["handoff:accept", "project:transfer"]);
    const told = await db.db.select().from(notifications).where(eq(notifications.kind, "handoff_transfer_accepted"));
    expect(told.map((n) => n.userId).sort()).toEqual([svc.staff.id, b.staff2.id].sort());

    // The originating staff still reads it (and its history), read-only; the new owner writes.
    expect((await getProjectForViewer(svc.staff, p.id))?.access).toBe("read");
    expect((await getProjectForViewer(svc.manager, p.id))?.access).toBe("read");
    expect((await getProjectForViewer(b.staff2, p.id))?.access).toBe("write");
    const listed = await listProjects(svc.staff, parseProjectListParams(new URLSearchParams()));
    expect(listed.rows.map((r) => r.id)).toContain(p.id);
    // Both sides and leaders see the handoff; a second answer is told it was already answered.
    expect(await getHandoffForViewer(svc.staff, id)).toBeDefined();
    expect(await getHandoffForViewer(leader, id)).toBeDefined();
    expect(await getHandoffForViewer(a.staff1, id)).toBeUndefined();
    expect(await rejectHandoff(b.manager, id, { version, note: "晚了" })).toMatchObject({ kind: "conflict", detail: { status: "accepted" } });
  });

  it("a rejected or withdrawn transfer changes nothing, and another may then be requested", async () => {
    const { svc, b, a, service, project } = w;
    const p = await project();
    const first = await requestHandoff(svc.staff, p.id, transfer(b.company.id));
    if (first.kind !== "ok") throw new Error("not requested");
    expect(await rejectHandoff(b.manager, first.value.id, { version: await versionOf(first.value.id), note: "不属于本产业" })).toEqual({
      kind: "ok",
    });
    const second = await requestHandoff(svc.staff, p.id, transfer(a.company.id));
    if (second.kind !== "ok") throw new Error("not requested");
    expect(await cancelHandoff(b.manager, second.value.id, { version: await versionOf(second.value.id) })).toEqual({ kind: "notFound" });
    expect(await cancelHandoff(svc.staff, second.value.id, { version: await versionOf(second.value.id) })).toEqual({ kind: "ok" });
    const [row] = await db.db.select().from(projects).where(eq(projects.id, p.id));
    expect(row).toMatchObject({ companyId: service.id, ownerId: svc.staff.id, version: p.version });
    const states = await db.db.select({ status: handoffs.status }).from(handoffs).where(eq(handoffs.projectId, p.id)).orderBy(asc(handoffs.id));
    expect(states.map((s) => s.status)).toEqual(["rejected", "cancelled"]);
  });

  it("two answers at once: exactly one wins and the other is told", async () => {
    const { svc, b, project } = w;
    const secondManager = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: b.company.id, role: "manager" });
    for (let round = 0; round < 5; round++) {
      const p = await project();
      const requested = await requestHandoff(svc.staff, p.id, transfer(b.company.id));
      if (requested.kind !== "ok") throw new Error("not requested");
      const version = await versionOf(requested.value.id);
      const results = await Promise.all([
        accept(b.manager, requested.value.id, b.staff1.id, version),
        rejectHandoff(secondManager, requested.value.id, { version, note: "拒绝" }),
        accept(secondManager, requested.value.id, b.staff2.id, version),
      ]);
      expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
      expect(results.filter((r) => r.kind === "conflict")).toHaveLength(2);
      const [h] = await db.db.select().from(handoffs).where(eq(handoffs.id, requested.value.id));
      expect(h.version).toBe(version + 1);
      const [row] = await db.db.select().from(projects).where(eq(projects.id, p.id));
      const owners = await db.db
        .select()
        .from(projectEvents)
        .where(and(eq(projectEvents.projectId, p.id), eq(projectEvents.kind, "owner")));
      const holdings = await db.db.select().from(projectHoldings).where(eq(projectHoldings.projectId, p.id));
      if (h.status === "accepted") {
        expect(row.companyId).toBe(b.company.id);
        expect(row.ownerId).toBe(h.assigneeId);
        expect(owners).toHaveLength(1);
        expect(holdings.filter((x) => x.untilOn === null)).toHaveLength(1);
      } else {
        expect(h.status).toBe("rejected");
        expect(row.companyId).toBe(w.service.id);
        expect(owners).toHaveLength(0);
      }
      const answers = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "handoff"), eq(auditLog.entityId, requested.value.id)));
      expect(answers.map((x) => x.action).sort()).toEqual(["request", h.status === "accepted" ? "accept" : "reject"].sort());
    }
  });

  it("two transfer requests at once: only one is opened", async () => {
    const { svc, b, a, project } = w;
    const p = await project();
    const results = await Promise.all([
      requestHandoff(svc.staff, p.id, transfer(b.company.id)),
      requestHandoff(svc.manager, p.id, transfer(a.company.id)),
    ]);
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
    const open = await db.db
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.projectId, p.id), eq(handoffs.status, "pending")));
    expect(open).toHaveLength(1);
  });

  it("an assist: the platform reads the project, its helper logs work and closes it; the project stays with its owner", async () => {
    const { svc, plat, platform, service, project } = w;
    const p = await project({ name: "功率芯片项目" });
    expect(await getProjectForViewer(plat.manager, p.id)).toBeUndefined();
    const requested = await requestHandoff(svc.staff, p.id, assist(platform.id));
    if (requested.kind !== "ok") throw new Error("not requested");
    // While it waits the helper company reads the project, so its manager can decide.
    expect((await getProjectForViewer(plat.manager, p.id))?.access).toBe("read");
    expect(await countWaitingHandoffs(plat.manager)).toBe(1);
    expect(await accept(plat.manager, requested.value.id, plat.staff.id, await versionOf(requested.value.id))).toEqual({ kind: "ok" });
    expect(await countWaitingHandoffs(plat.manager)).toBe(0);
    expect(await countWaitingHandoffs(plat.staff)).toBe(1);

    const work = activitySchema.parse({ kind: "visit", occurredOn: todayInZone(), summary: "对接产业基金，约定尽调时间" });
    expect(await logActivity(plat.other, p.id, work)).toEqual({ kind: "notFound" });
    const logged = await logActivity(plat.staff, p.id, work);
    expect(logged.kind).toBe("ok");
    const [act] = await db.db.select().from(activities).where(eq(activities.projectId, p.id));
    expect(act.companyId).toBe(platform.id);
    // Both sides see the work.
    expect((await getProjectForViewer(svc.staff, p.id))?.activities.map((x) => x.summary)).toContain("对接产业基金，约定尽调时间");

    expect(await closeAssist(plat.other, requested.value.id, { version: await versionOf(requested.value.id), outcome: "x" })).toEqual({
      kind: "forbidden",
    });
    expect(await closeAssist(plat.staff, requested.value.id, { version: await versionOf(requested.value.id), outcome: "已完成基金对接" })).toEqual({
      kind: "ok",
    });
    const [row] = await db.db.select().from(projects).where(eq(projects.id, p.id));
    expect(row).toMatchObject({ companyId: service.id, ownerId: svc.staff.id });
    // Closed: the platform no longer reads it nor logs on it.
    expect(await getProjectForViewer(plat.manager, p.id)).toBeUndefined();
    expect(await logActivity(plat.staff, p.id, work)).toEqual({ kind: "notFound" });
    const closedNotice = await db.db.select().from(notifications).where(eq(notifications.kind, "handoff_assist_closed"));
    expect(closedNotice.map((n) => n.userId)).toContain(svc.staff.id);
  });

  it("the inbox lists incoming and outgoing by status and marks what waits more than 3 days", async () => {
    const { svc, b, project, leader } = w;
    const p = await project();
    const requested = await requestHandoff(svc.staff, p.id, transfer(b.company.id));
    if (requested.kind !== "ok") throw new Error("not requested");
    await db.db
      .update(handoffs)
      .set({ createdAt: new Date(Date.now() - 4 * 24 * 3600 * 1000) })
      .where(eq(handoffs.id, requested.value.id));
    const incoming = await listHandoffs(b.manager, { box: "incoming", status: "pending", company: undefined });
    expect(incoming.find((h) => h.id === requested.value.id)?.overdue).toBe(true);
    expect(incoming.every((h) => h.toCompanyId === b.company.id && h.status === "pending")).toBe(true);
    const outgoing = await listHandoffs(svc.manager, { box: "outgoing", status: undefined, company: undefined });
    expect(outgoing.map((h) => h.id)).toContain(requested.value.id);
    expect((await listHandoffs(b.manager, { box: "outgoing", status: undefined, company: undefined })).map((h) => h.id)).not.toContain(
      requested.value.id,
    );
    const zone = await listHandoffs(leader, { box: "all", status: "pending", company: undefined });
    expect(zone[0].overdue).toBe(true);
    expect(await listHandoffs(w.a.staff1, { box: "all", status: undefined, company: undefined })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ id: requested.value.id })]),
    );
  });

  it("a handoff carries its project's zone, held by the foreign key; the inbox and its counts equal plain SQL over the projects", async () => {
    const { svc, b, plat, platform, project, leader, ref } = w;
    const p = await project();
    const requested = await requestHandoff(svc.staff, p.id, assist(platform.id));
    if (requested.kind !== "ok") throw new Error("not requested");
    const [row] = await db.db.select({ zoneId: handoffs.zoneId }).from(handoffs).where(eq(handoffs.id, requested.value.id));
    expect(row.zoneId).toBe(ref.zoneId);
    // Any other zone than the project's is refused, whoever writes.
    const other = await createOtherZone(db.db);
    const base = {
      projectId: p.id,
      kind: "transfer" as const,
      fromCompanyId: w.service.id,
      toCompanyId: b.company.id,
      requestedById: svc.staff.id,
      reason: "跨区",
    };
    await expect(db.db.insert(handoffs).values({ ...base, zoneId: other.zoneId })).rejects.toThrow();
    await expect(db.db.update(handoffs).set({ zoneId: other.zoneId }).where(eq(handoffs.id, requested.value.id))).rejects.toThrow();
    // A handoff of the other zone's project stays out of this zone's inbox.
    const otherStaff = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    const otherProject = await createProject(db.db, {
      zoneId: other.zoneId,
      clusterId: other.clusterId,
      companyId: other.companyId,
      ownerId: otherStaff.id,
    });
    await db.db
      .insert(handoffs)
      .values({ ...base, projectId: otherProject.id, zoneId: other.zoneId, requestedById: otherStaff.id, fromCompanyId: other.companyId });
    await db.db
      .update(handoffs)
      .set({ createdAt: new Date(Date.now() - 5 * 24 * 3600 * 1000) })
      .where(eq(handoffs.id, requested.value.id));

    // Plain SQL: the zone read from the projects, as before the column existed.
    const overdue = sql`(${handoffs.status} = 'pending' and ${handoffs.createdAt} < now() - interval '3 days')`;
    const plain = async (viewer: Viewer, status?: "pending") => {
      const scope = [eq(projects.zoneId, viewer.zoneId)];
      if (viewer.role !== "leader") scope.push(or(eq(handoffs.fromCompanyId, viewer.companyId!), eq(handoffs.toCompanyId, viewer.companyId!))!);
      if (status) scope.push(eq(handoffs.status, status));
      const ids = await db.db
        .select({ id: handoffs.id })
        .from(handoffs)
        .innerJoin(projects, eq(projects.id, handoffs.projectId))
        .where(and(...scope))
        .orderBy(desc(overdue), sql`${handoffs.status} = 'pending' desc`, desc(handoffs.createdAt), desc(handoffs.id));
      const counts = await db.db
        .select({ status: handoffs.status, n: sql<number>`count(*)::int`, overdue: sql<number>`count(*) filter (where ${overdue})::int` })
        .from(handoffs)
        .innerJoin(projects, eq(projects.id, handoffs.projectId))
        .where(and(...scope))
        .groupBy(handoffs.status)
        .orderBy(handoffs.status);
      return { ids: ids.map((r) => r.id), counts };
    };
    for (const viewer of [leader, svc.manager, plat.manager, b.manager, svc.staff]) {
      const expected = await plain(viewer);
      expect((await listHandoffs(viewer, { box: "all", status: undefined, company: undefined })).map((h) => h.id)).toEqual(expected.ids);
      expect((await listHandoffs(viewer, { box: "all", status: "pending", company: undefined })).map((h) => h.id)).toEqual(
        (await plain(viewer, "pending")).ids,
      );
      const counts = (await countHandoffsByStatus(viewer)).map((c) => ({ ...c, n: Number(c.n) })).sort((x, y) => x.status.localeCompare(y.status));
      expect(counts).toEqual([...expected.counts].sort((x, y) => x.status.localeCompare(y.status)));
    }
    expect((await listHandoffs(leader, { box: "all", status: undefined, company: undefined })).map((h) => h.id)).toContain(requested.value.id);
  });

  it("credit: a project transferred twice counts once, for its owner or for its first-contact company", async () => {
    const { svc, a, b, service, project, ref } = w;
    const p = await project({ plannedInvestmentWan: "12345.67" });
    const one = await requestHandoff(svc.staff, p.id, transfer(a.company.id));
    if (one.kind !== "ok") throw new Error("not requested");
    expect(await accept(a.manager, one.value.id, a.staff1.id, await versionOf(one.value.id))).toEqual({ kind: "ok" });
    const two = await requestHandoff(a.staff1, p.id, transfer(b.company.id));
    if (two.kind !== "ok") throw new Error(JSON.stringify(two));
    expect(await accept(b.manager, two.value.id, b.staff1.id, await versionOf(two.value.id))).toEqual({ kind: "ok" });

    const [record] = await creditRecords({ zoneId: ref.zoneId, projectIds: [p.id] });
    expect(record).toMatchObject({ companyId: b.company.id, firstContactCompanyId: service.id });
    expect(record.holdings.map((h) => h.companyId)).toEqual([service.id, a.company.id, b.company.id]);
    expect(record.holdings.filter((h) => h.untilOn === null)).toHaveLength(1);

    const byOwner = await creditByCompany({ zoneId: ref.zoneId, basis: "owner", projectIds: [p.id] });
    expect(byOwner).toEqual([{ companyId: b.company.id, projects: 1, investmentWan: "12345.67" }]);
    const byFirst = await creditByCompany({ zoneId: ref.zoneId, basis: "firstContact", projectIds: [p.id] });
    expect(byFirst).toEqual([{ companyId: service.id, projects: 1, investmentWan: "12345.67" }]);
    // Across the zone: every project counted exactly once under either basis.
    const all = await db.db.select({ id: projects.id }).from(projects).where(eq(projects.zoneId, ref.zoneId));
    for (const basis of ["owner", "firstContact"] as const) {
      const rows = await creditByCompany({ zoneId: ref.zoneId, basis });
      expect(rows.reduce((n, r) => n + r.projects, 0)).toBe(all.length);
    }
    // A period filter by creation date keeps it too.
    const today = todayInZone();
    const inPeriod = await creditByCompany({
      zoneId: ref.zoneId,
      basis: "firstContact",
      projectIds: [p.id],
      period: { from: today, to: today, dateColumn: "createdOn" },
    });
    expect(inPeriod).toHaveLength(1);
  });
});
