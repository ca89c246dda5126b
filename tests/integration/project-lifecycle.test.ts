import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, investorContacts, notifications, projectApprovals, projectEvents, projects } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { activitySchema } from "../../app/modules/projects/activity.schema";
import { createProjectSchema, updateProjectSchema } from "../../app/modules/projects/project-form.schema";
import { completeNextAction, logActivity } from "../../app/modules/projects/project-activities.server";
import { createProject, updateProject } from "../../app/modules/projects/project-edits.server";
import { moveProjectBack, moveProjectForward, setProjectStatus } from "../../app/modules/projects/project-stages.server";
import { invalid } from "../../app/lib/result";
import { gateSchemas } from "../../app/modules/projects/stage-gates";
import type { GateStage } from "../../app/modules/projects/stage-gates";
import { todayInZone, addDays } from "../../app/lib/dates";
import { completeUscc } from "../../app/lib/uscc";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createInvestor, createReferenceZone, createTwoCompanies } from "../support/factories";

const today = todayInZone();

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of [v].flat()) f.append(k, x);
  return Object.fromEntries([...new Set(f.keys())].map((k) => [k, f.getAll(k).length > 1 ? f.getAll(k) : f.get(k)]));
}

describe.each(databaseKinds())("a project from first contact to production (%s)", (kind) => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const investor = await createInvestor(db.db, { zoneId: ref.zoneId, name: "山西华恒新材料科技有限公司" });
    const [contact] = await db.db.insert(investorContacts).values({ investorId: investor.id, name: "王总", mobile: "13800000000" }).returning();
    return { ref, a, b, investor, contact, cluster: ref.clusters[0].id, otherCluster: ref.clusters[1].id };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    world = await build();
  });
  afterAll(() => db?.dispose());

  const create = (viewer: Viewer, values: Record<string, string>) =>
    createProject(viewer, createProjectSchema.parse({ investorName: world.investor.name, clusterId: String(world.cluster), ...values }));

  async function forward<S extends GateStage>(viewer: Viewer, id: number, to: S, values: Record<string, string>) {
    const [p] = await db.db.select({ version: projects.version }).from(projects).where(eq(projects.id, id));
    const parsed = gateSchemas[to].safeParse({ version: String(p.version), ...values });
    if (!parsed.success) return invalid(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    return moveProjectForward(viewer, id, to, parsed.data as never);
  }

  it("staff create a project: a code, the creator as owner, history and audit rows", async () => {
    const { a } = world;
    const result = await create(a.staff1, { name: "碳纤维复合材料生产基地项目", plannedInvestmentWan: "12,000.50", landMu: "120" });
    if (result.kind !== "ok") throw new Error("not created");
    expect(result.value.code).toMatch(new RegExp(`^ZS-${today.slice(0, 4)}-\\d{5}$`));
    const [p] = await db.db.select().from(projects).where(eq(projects.id, result.value.id));
    expect(p).toMatchObject({
      ownerId: a.staff1.id,
      companyId: a.company.id,
      stage: "lead",
      plannedInvestmentWan: "12000.50",
      totalInvestmentWan: "12000.50",
    });
    const events = await db.db.select().from(projectEvents).where(eq(projectEvents.projectId, result.value.id));
    expect(events.map((e) => e.kind)).toEqual(["created"]);
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, result.value.id)));
    expect(audit.map((r) => r.action)).toEqual(["create"]);
  });

  it("the same investment is refused for another company, with who follows it; a different one needs confirmation", async () => {
    const { b } = world;
    const dup = await create(b.staff1, { name: "碳纤维复合材料生产基地项目" });
    expect(dup).toMatchObject({ kind: "invalid", fieldErrors: { _form: "projects.duplicate" } });
    if (dup.kind === "invalid") expect(dup.params?._form.company).toBe(world.a.company.name);

    const other = await create(b.staff1, { name: "光伏支架二期项目", clusterId: String(world.otherCluster) });
    expect(other).toEqual({
      kind: "conflict",
      detail: { followers: [{ companyId: world.a.company.id, company: world.a.company.name, owner: world.a.staff1.displayName, ownCompany: false }] },
    });
    // Nothing of the other company's project but company and owner.
    const confirmed = await create(b.staff1, { name: "光伏支架二期项目", clusterId: String(world.otherCluster), confirmedFollowers: "on" });
    expect(confirmed.kind).toBe("ok");

    // The company that follows the investor is told: the owner of its project and its manager.
    const told = await db.db.select().from(notifications).where(eq(notifications.kind, "investor_followed"));
    expect(told.map((n) => n.userId).sort()).toEqual([world.a.manager.id, world.a.staff1.id].sort());
    expect(told[0]).toMatchObject({ params: { investor: world.investor.name, company: b.company.name }, link: `/investors/${world.investor.id}` });
  });

  it("refuses an unknown investor, a bad amount and planned dates out of order, with field messages", async () => {
    const parsed = createProjectSchema.safeParse({
      name: "x",
      investorName: "某某",
      clusterId: String(world.cluster),
      plannedInvestmentWan: "12.345",
      plannedSignOn: "2027-05-01",
      plannedConstructionOn: "2027-01-01",
    });
    expect(parsed.success).toBe(false);
    const fields = Object.fromEntries((parsed.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(fields).toMatchObject({
      name: "validation.required",
      plannedInvestmentWan: "validation.decimal",
      plannedConstructionOn: "projects.error.constructionBeforeSign",
    });
    const unknown = await create(world.a.staff1, { name: "不存在的投资方项目", investorName: "不存在有限公司" });
    expect(unknown).toMatchObject({ kind: "invalid", fieldErrors: { investorName: "projects.investorUnknown" } });
  });

  it("moves through every gate to production, refusing what each gate lacks", async () => {
    const { a, contact } = world;
    const created = await create(a.staff1, {
      name: "高纯石墨负极材料项目",
      clusterId: String(world.cluster),
      plannedInvestmentWan: "50000",
      confirmedFollowers: "on",
    });
    if (created.kind !== "ok") throw new Error("not created");
    const id = created.value.id;
    const day = (n: number) => addDays(today, -100 + n);

    // contacted needs an activity first
    expect(await forward(a.staff1, id, "contacted", { businessOn: day(0) })).toMatchObject({ fieldErrors: { _form: "stage.error.noActivity" } });
    const visit = activitySchema.parse(
      form({
        kind: "visit",
        occurredOn: day(0),
        summary: "拜访投资方总部",
        userIds: [String(a.staff1.id)],
        contactIds: [String(contact.id)],
        nextAction: "安排来区考察",
        nextActionDueOn: day(10),
      }),
    );
    expect(await logActivity(a.staff1, id, visit)).toMatchObject({ kind: "ok" });
    expect(await forward(a.staff1, id, "contacted", { businessOn: day(0) })).toEqual({ kind: "ok", value: { stage: "contacted" } });

    // cannot skip a stage
    expect(await forward(a.staff1, id, "evaluating", { businessOn: day(5), landMu: "10", annualOutputWan: "1" })).toMatchObject({
      fieldErrors: { _form: "stage.error.notNext" },
    });
    // negotiating needs a contact and a planned investment > 0
    expect(await forward(a.staff1, id, "negotiating", { businessOn: day(5), plannedInvestmentWan: "0" })).toMatchObject({ kind: "invalid" });
    expect(
      await forward(a.staff1, id, "negotiating", { businessOn: day(5), investorContactId: String(contact.id), plannedInvestmentWan: "52000" }),
    ).toEqual({ kind: "ok", value: { stage: "negotiating" } });
    // evaluating: land may be 0
    expect(await forward(a.staff1, id, "evaluating", { businessOn: day(20), landMu: "0", annualOutputWan: "80000" })).toEqual({
      kind: "ok",
      value: { stage: "evaluating" },
    });
    // signed needs an approved review
    expect(await forward(a.staff1, id, "signed", { businessOn: day(30), agreementNo: "ZS-XY-001", contractedInvestmentWan: "51000" })).toMatchObject({
      fieldErrors: { _form: "stage.error.notApproved" },
    });
    const review = activitySchema.parse(form({ kind: "review_meeting", occurredOn: day(25), summary: "项目会商评审会", reviewOutcome: "approved" }));
    expect(await logActivity(a.staff1, id, review)).toMatchObject({ kind: "ok" });
    expect(await forward(a.staff1, id, "signed", { businessOn: day(30), agreementNo: "ZS-XY-001", contractedInvestmentWan: "51000" })).toEqual({
      kind: "ok",
      value: { stage: "signed" },
    });
    // registered needs a valid USCC, and the message says which character is wrong
    const bad = await forward(a.staff1, id, "registered", {
      businessOn: day(40),
      projectCompanyName: "华恒（山西）新材料有限公司",
      projectCompanyUscc: "91140100MA0K123450",
    });
    expect(bad.kind).toBe("invalid");
    expect(JSON.stringify(bad)).toContain("uscc.check|expected=");
    expect(
      await forward(a.staff1, id, "registered", {
        businessOn: day(40),
        projectCompanyName: "华恒（山西）新材料有限公司",
        projectCompanyUscc: completeUscc("91140100MA0K12345"),
      }),
    ).toEqual({ kind: "ok", value: { stage: "registered" } });
    // construction not before signing; production not before construction; no future dates
    expect(await forward(a.staff1, id, "construction", { businessOn: day(29) })).toMatchObject({
      fieldErrors: { businessOn: "stage.error.beforeSigning" },
    });
    // Signing made the checklist of approvals (issue 21): 开工 waits until those required for it are approved.
    expect(await forward(a.staff1, id, "construction", { businessOn: day(50) })).toMatchObject({
      fieldErrors: { _form: "stage.error.approvalsOpen" },
    });
    await db.db
      .update(projectApprovals)
      .set({ submittedOn: day(41), approvedOn: day(45) })
      .where(eq(projectApprovals.projectId, id));
    expect(await forward(a.staff1, id, "construction", { businessOn: day(50) })).toEqual({ kind: "ok", value: { stage: "construction" } });
    expect(await forward(a.staff1, id, "production", { businessOn: day(49) })).toMatchObject({
      fieldErrors: { businessOn: "stage.error.beforeConstruction" },
    });
    expect(await forward(a.staff1, id, "production", { businessOn: addDays(today, 1) })).toMatchObject({
      fieldErrors: { businessOn: "stage.error.future" },
    });
    expect(await forward(a.staff1, id, "production", { businessOn: day(90) })).toEqual({ kind: "ok", value: { stage: "production" } });

    const [p] = await db.db.select().from(projects).where(eq(projects.id, id));
    expect(p).toMatchObject({
      stage: "production",
      contactedOn: day(0),
      reviewOn: day(20),
      signedOn: day(30),
      registeredOn: day(40),
      constructionOn: day(50),
      productionOn: day(90),
      firstContactCompanyId: a.company.id,
      contractedInvestmentWan: "51000.00",
      totalInvestmentWan: "51000.00",
      // 投产 closed the open next action (issue 19: no overdue notice from a project in production).
      nextAction: null,
      nextActionOn: null,
      lastActivityOn: day(25),
    });
    const events = await db.db.select().from(projectEvents).where(eq(projectEvents.projectId, id)).orderBy(projectEvents.id);
    expect(events.map((e) => `${e.toStage}@${e.businessOn}`)).toEqual([
      `lead@${today}`,
      `contacted@${day(0)}`,
      `negotiating@${day(5)}`,
      `evaluating@${day(20)}`,
      `signed@${day(30)}`,
      `registered@${day(40)}`,
      `construction@${day(50)}`,
      `production@${day(90)}`,
    ]);
    expect(events.every((e) => e.recordedAt instanceof Date && e.actorId === a.staff1.id)).toBe(true);
  });

  it("the next action is the earliest open one, and marking it done moves to the next", async () => {
    const { a } = world;
    const created = await create(a.staff1, { name: "下一步测试项目", clusterId: String(world.otherCluster), confirmedFollowers: "on" });
    if (created.kind !== "ok") throw new Error(JSON.stringify(created));
    const log = (due: string, action: string) =>
      logActivity(
        a.staff1,
        created.value.id,
        activitySchema.parse(form({ kind: "call", occurredOn: today, summary: "电话沟通", nextAction: action, nextActionDueOn: due })),
      );
    const later = await log(addDays(today, 9), "寄送资料");
    await log(addDays(today, 3), "安排考察");
    const read = async () => (await db.db.select().from(projects).where(eq(projects.id, created.value.id)))[0];
    expect(await read()).toMatchObject({ nextAction: "安排考察", nextActionOn: addDays(today, 3) });
    const [first] = await db.db.select().from(auditLog).where(eq(auditLog.entity, "activity")).limit(1);
    expect(first).toBeDefined();
    const open = await db.query<{ id: number }>(`select id from activities where project_id = $1 and next_action = '安排考察'`, [created.value.id]);
    expect(await completeNextAction(a.staff1, created.value.id, open[0].id)).toMatchObject({ kind: "ok" });
    expect(await read()).toMatchObject({ nextAction: "寄送资料", nextActionOn: addDays(today, 9) });
    if (later.kind === "ok") expect(await completeNextAction(a.staff1, created.value.id, later.value.id)).toMatchObject({ kind: "ok" });
    expect(await read()).toMatchObject({ nextAction: null, nextActionOn: null });
    // A colleague of another company cannot touch it.
    expect(await completeNextAction(world.b.staff1, created.value.id, open[0].id)).toEqual({ kind: "forbidden" });
  });

  it("a manager moves back with a reason and sets on hold / lost / active; staff cannot", async () => {
    const { a } = world;
    const created = await create(a.staff1, { name: "退回测试项目", clusterId: String(world.otherCluster), confirmedFollowers: "on" });
    if (created.kind !== "ok") throw new Error("not created");
    await logActivity(a.staff1, created.value.id, activitySchema.parse(form({ kind: "call", occurredOn: today, summary: "电话" })));
    expect(await forward(a.staff1, created.value.id, "contacted", { businessOn: today })).toMatchObject({ kind: "ok" });
    const version = async () => (await db.db.select({ v: projects.version }).from(projects).where(eq(projects.id, created.value.id)))[0].v;

    expect(await moveProjectBack(a.staff1, created.value.id, { version: await version(), businessOn: today, note: "录入错误" })).toMatchObject({
      fieldErrors: { _form: "projects.managerOnly" },
    });
    expect(await moveProjectBack(a.manager, created.value.id, { version: await version(), businessOn: today, note: "录入错误" })).toEqual({
      kind: "ok",
      value: { stage: "lead" },
    });
    const [p] = await db.db.select().from(projects).where(eq(projects.id, created.value.id));
    expect(p.contactedOn).toBeNull();

    expect(
      await setProjectStatus(a.manager, created.value.id, {
        version: await version(),
        businessOn: today,
        status: "lost",
        lostReason: "other_location",
        note: "投资方选择了外省",
      }),
    ).toEqual({ kind: "ok" });
    expect(await forward(a.staff1, created.value.id, "contacted", { businessOn: today })).toMatchObject({
      fieldErrors: { _form: "projects.notActive" },
    });
    expect(await setProjectStatus(a.manager, created.value.id, { version: await version(), businessOn: today, status: "active" })).toEqual({
      kind: "ok",
    });
    const statuses = await db.db
      .select()
      .from(projectEvents)
      .where(and(eq(projectEvents.projectId, created.value.id), eq(projectEvents.kind, "status")));
    expect(statuses.map((s) => s.toStatus)).toEqual(["lost", "active"]);
  });

  it("an edit from an old version is refused with what changed and by whom; nothing is lost", async () => {
    const { a } = world;
    const created = await create(a.staff1, {
      name: "并发编辑项目",
      clusterId: String(world.otherCluster),
      confirmedFollowers: "on",
      plannedInvestmentWan: "1000",
    });
    if (created.kind !== "ok") throw new Error("not created");
    const base = { name: "并发编辑项目", investorName: world.investor.name, clusterId: String(world.otherCluster), version: "1" };
    const mine = updateProjectSchema.parse({ ...base, plannedInvestmentWan: "2000", note: "经理的修改" });
    const theirs = updateProjectSchema.parse({ ...base, plannedInvestmentWan: "1000", content: "同事的修改" });
    expect(await updateProject(a.manager, created.value.id, mine)).toEqual({ kind: "ok" });
    const refused = await updateProject(a.staff1, created.value.id, theirs);
    if (refused.kind !== "conflict") throw new Error("expected a conflict");
    expect(refused.detail).toMatchObject({ by: a.manager.displayName, version: 2 });
    expect(refused.detail.fields).toEqual([
      { field: "content", theirs: null, yours: "同事的修改" },
      { field: "plannedInvestmentWan", theirs: "2000.00", yours: "1000" },
      { field: "note", theirs: "经理的修改", yours: null },
    ]);
    const [p] = await db.db.select().from(projects).where(eq(projects.id, created.value.id));
    expect(p).toMatchObject({ plannedInvestmentWan: "2000.00", note: "经理的修改", content: null, version: 2 });
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, created.value.id), eq(auditLog.action, "update")));
    expect(audit.before).toEqual({ plannedInvestmentWan: "1000.00", note: null });
    expect(audit.after).toEqual({ plannedInvestmentWan: "2000", note: "经理的修改" });
  });

  it("nobody outside the company edits or moves the project", async () => {
    const { a, b } = world;
    const created = await create(a.staff1, { name: "权限测试项目", clusterId: String(world.otherCluster), confirmedFollowers: "on" });
    if (created.kind !== "ok") throw new Error("not created");
    const input = updateProjectSchema.parse({ name: "改名", investorName: world.investor.name, clusterId: String(world.otherCluster), version: "1" });
    expect(await updateProject(b.manager, created.value.id, input)).toEqual({ kind: "notFound" });
    expect(await updateProject(a.staff2, created.value.id, input)).toEqual({ kind: "notFound" });
    expect(await setProjectStatus(b.manager, created.value.id, { version: 1, businessOn: today, status: "on_hold", note: "x" })).toEqual({
      kind: "notFound",
    });
  });
});
