import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  auditLog,
  companyWebhooks,
  notifications,
  projects,
  serviceRequestEvents,
  serviceRequestRatings,
  serviceRequests,
  users,
  webhookDeliveries,
} from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { addDays, todayInZone } from "../../app/lib/dates";
import {
  closeServiceRequestSchema,
  logServiceRequestSchema,
  serviceDeadlinesSchema,
  serviceListParamsSchema,
} from "../../app/modules/service/service-requests.schema";
import {
  addServiceRequestNote,
  assignServiceRequest,
  closeServiceRequest,
  getServiceRequestForViewer,
  listProjectServiceRequests,
  listServiceRequests,
  loggableProjects,
  logServiceRequest,
  reopenServiceRequest,
  updateServiceDeadlines,
} from "../../app/modules/service/service-requests.server";
import { serviceMeasures, serviceMeasuresByCompany } from "../../app/modules/service/service-measures.server";
import { logFollowUp } from "../../app/modules/service/service-ratings.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const today = todayInZone();
const asViewer = (u: { id: number; zoneId: number; companyId: number | null; role: Viewer["role"] }): Viewer => ({
  id: u.id,
  zoneId: u.zoneId,
  companyId: u.companyId,
  role: u.role,
});

describe.each(databaseKinds())("enterprise requests routed, worked and rated (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const hotlineCompany = ref.companies.find((c) => c.code === "zh")!;
    const platform = ref.companies.find((c) => c.code === "kfjs")!;
    const hotlineStaff = await createUser(db.db, { zoneId: ref.zoneId, companyId: hotlineCompany.id, role: "staff" });
    const platformManager = await createUser(db.db, { zoneId: ref.zoneId, companyId: platform.id, role: "manager" });
    const handler = await createUser(db.db, { zoneId: ref.zoneId, companyId: platform.id, role: "staff" });
    const [leader] = await db.db.select().from(users).where(eq(users.id, ref.leaderId));
    const base = { zoneId: ref.zoneId, clusterId: ref.clusters[0].id, companyId: a.company.id, ownerId: a.staff1.id };
    const landed = await createProject(db.db, { ...base, stage: "registered", name: "晋阳精密铸造项目" });
    const signed = await createProject(db.db, { ...base, stage: "signed", name: "尚未落地项目" });
    return {
      ref,
      a,
      b,
      platform,
      landed,
      signed,
      hotlineStaff: asViewer(hotlineStaff),
      platformManager: asViewer(platformManager),
      handler: asViewer(handler),
      leader: asViewer(leader),
      ownerStaff: asViewer(a.staff1),
      ownerManager: asViewer(a.manager),
      otherStaff: asViewer(b.staff1),
    };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  const log = (viewer: Viewer, values: Record<string, string>) =>
    logServiceRequest(
      viewer,
      logServiceRequestSchema.parse({
        projectId: String(w.landed.id),
        channel: "hotline",
        type: "utilities",
        description: "厂区双回路供电迟迟未接入，影响设备调试",
        handlingCompanyId: String(w.platform.id),
        receivedOn: today,
        ...values,
      }),
    );
  const version = async (id: number) =>
    (await db.db.select({ v: serviceRequests.version }).from(serviceRequests).where(eq(serviceRequests.id, id)))[0].v;
  const close = async (viewer: Viewer, id: number, values: Record<string, string>) =>
    closeServiceRequest(viewer, id, closeServiceRequestSchema.parse({ version: String(await version(id)), solvedOn: today, ...values }));

  it("hotline staff log a power-supply request for a landed enterprise; the deadline follows from the type", async () => {
    const result = await log(w.hotlineStaff, {});
    expect(result.kind).toBe("ok");
    const id = (result as { value: { id: number } }).value.id;
    const [row] = await db.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(row).toMatchObject({
      status: "open",
      handlingCompanyId: w.platform.id,
      dueOn: addDays(today, 7),
      loggedByCompanyId: w.hotlineStaff.companyId,
    });
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "service_request"), eq(auditLog.entityId, id)));
    expect(audits.map((a) => a.action)).toEqual(["create"]);
  });

  it("refuses a request for an enterprise not yet landed, a handler that is neither the owner nor a platform, and outsiders", async () => {
    expect(await log(w.hotlineStaff, { projectId: String(w.signed.id) })).toMatchObject({
      kind: "invalid",
      fieldErrors: { projectId: "service.error.project" },
    });
    expect(await log(w.ownerStaff, { handlingCompanyId: String(w.b.company.id) })).toMatchObject({
      kind: "invalid",
      fieldErrors: { handlingCompanyId: "service.error.handlingCompany" },
    });
    expect(await log(w.otherStaff, {})).toMatchObject({ kind: "invalid", fieldErrors: { projectId: "service.error.project" } });
    expect(await log(w.ownerStaff, { receivedOn: addDays(today, 1) })).toMatchObject({
      kind: "invalid",
      fieldErrors: { receivedOn: "stage.error.future" },
    });
    // The owner's company routes to itself with "project".
    const own = await log(w.ownerStaff, { channel: "owner", type: "permits", handlingCompanyId: "project" });
    expect(own.kind).toBe("ok");
    const [row] = await db.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.id, (own as { value: { id: number } }).value.id));
    expect(row.handlingCompanyId).toBe(w.a.company.id);
  });

  it("only the handling company works a request: its manager assigns, the handler notes and closes with what was done", async () => {
    const { id } = ((await log(w.hotlineStaff, {})) as { value: { id: number } }).value;
    expect(await assignServiceRequest(w.ownerManager, id, { handlerId: w.handler.id, version: await version(id) })).toEqual({ kind: "forbidden" });
    expect(await assignServiceRequest(w.otherStaff, id, { handlerId: w.handler.id, version: await version(id) })).toEqual({ kind: "notFound" });
    expect(await assignServiceRequest(w.platformManager, id, { handlerId: w.ownerStaff.id, version: await version(id) })).toMatchObject({
      kind: "invalid",
      fieldErrors: { handlerId: "service.error.handler" },
    });
    expect(await assignServiceRequest(w.platformManager, id, { handlerId: w.handler.id, version: await version(id) })).toEqual({ kind: "ok" });
    // A form shown before the assignment is stale.
    expect(await addServiceRequestNote(w.handler, id, { text: "已联系供电公司", version: 1 })).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "service.error.stale" },
    });
    expect(await addServiceRequestNote(w.handler, id, { text: "已联系供电公司，约定周三现场踏勘", version: await version(id) })).toEqual({
      kind: "ok",
    });
    expect(await addServiceRequestNote(w.ownerStaff, id, { text: "催办", version: await version(id) })).toEqual({ kind: "forbidden" });
    // Closing asks for no rating: the handler never enters one (decision 018); a sent one is ignored.
    expect(closeServiceRequestSchema.parse({ resolution: "已接入", satisfaction: "5", solvedOn: today, version: "1" })).not.toHaveProperty(
      "satisfaction",
    );
    expect(await close(w.handler, id, { resolution: "双回路已接入并送电" })).toEqual({ kind: "ok" });
    const [row] = await db.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(row).toMatchObject({ status: "solved", solvedOn: today, resolution: "双回路已接入并送电" });
    expect(await db.db.select().from(serviceRequestRatings).where(eq(serviceRequestRatings.requestId, id))).toEqual([]);
    const audits = await db.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "service_request"), eq(auditLog.entityId, id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["assign", "close", "create", "note"]);
  });

  it("the handler is told when a request is assigned to them, and so is the company's group robot", async () => {
    // A stand-in for 企业微信 on the loopback (WEBHOOK_HOSTS lets the robot post there).
    const received: { msgtype: string; markdown: { content: string } }[] = [];
    const server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        received.push(JSON.parse(raw));
        res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.WEBHOOK_HOSTS = host;
    try {
      const { id } = ((await log(w.hotlineStaff, {})) as { value: { id: number } }).value;
      const noticesOf = async (userId: number) =>
        (await db.db.select().from(notifications).where(eq(notifications.userId, userId))).filter(
          (n) => n.kind === "service_request_assigned" && n.link === `/service-requests/${id}`,
        );
      // No robot yet: the notice only.
      expect(await assignServiceRequest(w.platformManager, id, { handlerId: w.handler.id, version: await version(id) })).toEqual({ kind: "ok" });
      const notices = await noticesOf(w.handler.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ link: `/service-requests/${id}`, params: { enterprise: "晋阳精密铸造项目", due: addDays(today, 7) } });
      expect(await db.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.companyId, w.platform.id))).toEqual([]);

      // A manager who takes a request on himself gets no notice; the group robot hears of every assignment.
      await db.db.insert(companyWebhooks).values({
        companyId: w.platform.id,
        zoneId: w.ref.zoneId,
        kind: "wecom",
        url: `http://${host}/cgi-bin/webhook/send?key=k`,
      });
      expect(await assignServiceRequest(w.platformManager, id, { handlerId: w.platformManager.id, version: await version(id) })).toEqual({
        kind: "ok",
      });
      expect(await noticesOf(w.platformManager.id)).toEqual([]);
      // Posted after the commit, without the page waiting for it.
      const sent = async () =>
        (await db.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.companyId, w.platform.id))).map((d) => d.status);
      for (let i = 0; i < 100 && (await sent()).join() !== "sent"; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await sent()).toEqual(["sent"]);
      expect(received).toHaveLength(1);
      expect(received[0].msgtype).toBe("markdown");
      expect(received[0].markdown.content).toContain("受理了一件企业诉求（水电气暖）");
      // The group chat is not told the enterprise's name.
      expect(received[0].markdown.content).not.toContain("晋阳精密铸造项目");
    } finally {
      delete process.env.WEBHOOK_HOSTS;
      await db.db.delete(companyWebhooks).where(eq(companyWebhooks.companyId, w.platform.id));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a reopened request keeps its earlier resolution in its history; its rating goes (kept in the audit)", async () => {
    const { id } = ((await log(w.hotlineStaff, { type: "permits" })) as { value: { id: number } }).value;
    await assignServiceRequest(w.platformManager, id, { handlerId: w.handler.id, version: await version(id) });
    await close(w.handler, id, { resolution: "已办理施工许可" });
    expect(await logFollowUp(w.hotlineStaff, id, { score: 2 })).toEqual({ kind: "ok" });
    expect(await reopenServiceRequest(w.handler, id, { reason: "x", version: await version(id) })).toEqual({ kind: "forbidden" });
    expect(await reopenServiceRequest(w.ownerStaff, id, { reason: "企业反映许可范围有误", version: await version(id) })).toEqual({ kind: "ok" });
    const [row] = await db.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(row).toMatchObject({ status: "reopened", solvedOn: null, handlerId: w.handler.id });
    expect(await db.db.select().from(serviceRequestRatings).where(eq(serviceRequestRatings.requestId, id))).toEqual([]);
    const [reopened] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "service_request"), eq(auditLog.entityId, id), eq(auditLog.action, "reopen")));
    expect(reopened.before).toMatchObject({ rating: { source: "hotline", score: 2 } });
    await close(w.handler, id, { resolution: "已变更许可范围" });
    const events = await db.db.select().from(serviceRequestEvents).where(eq(serviceRequestEvents.requestId, id)).orderBy(serviceRequestEvents.id);
    expect(events.map((e) => e.kind)).toEqual(["logged", "assigned", "solved", "rated", "reopened", "solved"]);
    expect(events[2]).toMatchObject({ text: "已办理施工许可" });
    expect(events[3]).toMatchObject({ details: { source: "hotline", score: 2 } });
    expect(events[4].text).toBe("企业反映许可范围有误");
  });

  it("the owner's company and leaders see a request, another company does not; overdue ones are listed", async () => {
    const { id } = ((await log(w.hotlineStaff, { type: "land", receivedOn: addDays(today, -40) })) as { value: { id: number } }).value;
    expect(await getServiceRequestForViewer(w.otherStaff, id)).toBeUndefined();
    const forOwner = await getServiceRequestForViewer(w.ownerStaff, id);
    expect(forOwner?.may).toEqual({ assign: false, work: false, reopen: false });
    expect((await getServiceRequestForViewer(w.platformManager, id))?.may.assign).toBe(true);
    const overdue = serviceListParamsSchema.parse({ view: "overdue" });
    for (const viewer of [w.leader, w.platformManager, w.ownerManager]) {
      const rows = await listServiceRequests(viewer, overdue);
      expect(rows.map((r) => r.id)).toContain(id);
      expect(rows.every((r) => r.overdue)).toBe(true);
    }
    expect(await listServiceRequests(w.otherStaff, serviceListParamsSchema.parse({ view: "all" }))).toEqual([]);
    expect((await listProjectServiceRequests(w.ownerStaff, w.landed.id)).map((r) => r.id)).toContain(id);
    expect(await listProjectServiceRequests(w.otherStaff, w.landed.id)).toEqual([]);
  });

  it("measures a period exactly: received, solved, on time, median days, the enterprises' average rating and how many rated", async () => {
    const period = { from: "2025-03-01", to: "2025-03-31" };
    const empty = await serviceMeasures(w.ref.zoneId, period, w.platform.id);
    expect(empty).toEqual({
      received: 0,
      solved: 0,
      solvedOnTime: 0,
      onTimePercent: null,
      medianDaysToSolve: null,
      averageSatisfaction: null,
      rated: 0,
    });
    // utilities: 7 days. Solved after 2 (on time), 10 (late), 5 (on time) and 6 days (on time, never rated); a fifth stays open.
    for (const [days, rating] of [
      [2, 5],
      [10, 4],
      [5, 4],
      [6, null],
    ] as const) {
      const { id } = ((await log(w.hotlineStaff, { receivedOn: "2025-03-03" })) as { value: { id: number } }).value;
      await close(w.platformManager, id, { resolution: "已解决", solvedOn: addDays("2025-03-03", days) });
      if (rating !== null) expect(await logFollowUp(w.hotlineStaff, id, { score: rating })).toEqual({ kind: "ok" });
    }
    await log(w.hotlineStaff, { receivedOn: "2025-03-20" });
    const m = await serviceMeasures(w.ref.zoneId, period, w.platform.id);
    // The unrated request counts as solved but not in the average: it is missing, not a zero.
    expect(m).toEqual({
      received: 5,
      solved: 4,
      solvedOnTime: 3,
      onTimePercent: "75.0",
      medianDaysToSolve: "5.5",
      averageSatisfaction: "4.33",
      rated: 3,
    });
    expect(await serviceMeasures(w.ref.zoneId, period)).toEqual(m);
    const byCompany = await serviceMeasuresByCompany(w.ref.zoneId, period);
    expect(byCompany.find((r) => r.companyId === w.platform.id)).toMatchObject(m);
    expect(byCompany.find((r) => r.companyId === w.b.company.id)).toMatchObject({ received: 0, solved: 0, averageSatisfaction: null });
  });

  it("the hotline picks a confidential enterprise by its registered name; the project's name stays hidden", async () => {
    const secret = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.a.company.id,
      ownerId: w.ownerStaff.id,
      stage: "production",
      confidential: true,
      name: "保密扩产项目",
    });
    await db.db.update(projects).set({ projectCompanyName: "晋中保密科技有限公司" }).where(eq(projects.id, secret.id));
    const choices = await loggableProjects(w.hotlineStaff, { kind: "service", hotline: true });
    expect(choices.find((c) => c.id === secret.id)).toMatchObject({ name: "", enterprise: "晋中保密科技有限公司" });
    expect(choices.map((c) => c.id)).not.toContain(w.signed.id);
    const { id } = ((await log(w.hotlineStaff, { projectId: String(secret.id) })) as { value: { id: number } }).value;
    const rows = await listServiceRequests(w.hotlineStaff, serviceListParamsSchema.parse({ view: "all" }));
    expect(rows.find((r) => r.id === id)).toMatchObject({ projectName: "晋中保密科技有限公司", projectCode: "" });
    expect((await getServiceRequestForViewer(w.hotlineStaff, id))?.projectVisible).toBe(false);
    // Colleagues of the owner who may not see the confidential project do not see its requests either.
    expect(await getServiceRequestForViewer(asViewer(w.a.staff2), id)).toBeUndefined();
  });

  it("leaders change the deadline of a type; later requests take it, with an audit row", async () => {
    const input = serviceDeadlinesSchema.parse({
      permits: "10",
      utilities: "3",
      land: "30",
      policy_funds: "20",
      hiring: "15",
      finance: "20",
      other: "15",
    });
    expect(await updateServiceDeadlines(w.platformManager, input)).toEqual({ kind: "forbidden" });
    expect(await updateServiceDeadlines(w.leader, input)).toEqual({ kind: "ok" });
    const { id } = ((await log(w.hotlineStaff, {})) as { value: { id: number } }).value;
    const [row] = await db.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(row.dueOn).toBe(addDays(today, 3));
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.entity, "service_deadline"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ before: { type: "utilities", days: 7 }, after: { type: "utilities", days: 3 } });
  });
});
