// One to-do list (issue 19 item 2): a new next action replaces the open ones the form showed unless the user keeps
// them; 投产, 搁置 and 流失 close a project's open actions unless kept; 我的工作台 completes an action in place for whoever
// may edit the project and nobody else; the reminders never fire for closed actions or finished/paused projects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { activities, auditLog, notifications, projects } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { activitySchema } from "../../app/modules/projects/activity.schema";
import { completeDeskNextAction, listOpenNextActions, logActivity } from "../../app/modules/projects/project-activities.server";
import { moveProjectForward, setProjectStatus } from "../../app/modules/projects/project-stages.server";
import { endOfWeek, getMyDesk } from "../../app/modules/projects/my-desk.server";
import { sweepReminders } from "../../app/modules/notifications/reminders.server";
import { addDays, todayInZone } from "../../app/lib/dates";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const today = todayInZone();

describe.each(databaseKinds())("one to-do list (%s)", (kind) => {
  let db: TestDatabase;
  let ref: Awaited<ReturnType<typeof createReferenceZone>>;
  let a: Awaited<ReturnType<typeof createTwoCompanies>>["a"];
  let b: Awaited<ReturnType<typeof createTwoCompanies>>["b"];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    ({ a, b } = await createTwoCompanies(db.db, ref));
  });
  afterAll(() => db?.dispose());

  const project = (opts: Partial<Parameters<typeof createProject>[1]> = {}) =>
    createProject(db.db, { zoneId: ref.zoneId, clusterId: ref.clusters[0].id, companyId: a.company.id, ownerId: a.staff1.id, ...opts });

  /** Logs a visit with a next action, as the form posts it. */
  async function log(viewer: Viewer, projectId: number, nextAction: string, dueOn: string, extra: Record<string, unknown> = {}) {
    const result = await logActivity(
      viewer,
      projectId,
      activitySchema.parse({ kind: "visit", occurredOn: today, summary: "上门拜访", nextAction, nextActionDueOn: dueOn, ...extra }),
    );
    if (result.kind !== "ok") throw new Error(`not logged: ${JSON.stringify(result)}`);
    return result.value.id;
  }
  const openActions = async (projectId: number) => (await listOpenNextActions(projectId)).map((o) => o.nextAction);
  const header = async (projectId: number) => {
    const [p] = await db.db.select({ action: projects.nextAction, on: projects.nextActionOn }).from(projects).where(eq(projects.id, projectId));
    return p;
  };
  const version = async (projectId: number) => (await db.db.select({ v: projects.version }).from(projects).where(eq(projects.id, projectId)))[0].v;

  it("a new next action replaces the open one the form showed, in the same save, and the header follows", async () => {
    const p = await project();
    const first = await log(a.staff1, p.id, "发送项目资料", addDays(today, 3));
    expect(await header(p.id)).toEqual({ action: "发送项目资料", on: addDays(today, 3) });

    await log(a.staff1, p.id, "安排现场考察", addDays(today, 10), { replaceIds: String(first) });
    expect(await openActions(p.id)).toEqual(["安排现场考察"]);
    // The header shows the open one, not the earlier (now closed) one.
    expect(await header(p.id)).toEqual({ action: "安排现场考察", on: addDays(today, 10) });
    const [closed] = await db.db.select({ doneAt: activities.nextActionDoneAt }).from(activities).where(eq(activities.id, first));
    expect(closed.doneAt).not.toBeNull();
    const audit = await db.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "activity"), eq(auditLog.entityId, first)));
    expect(audit.map((r) => r.action)).toContain("close_next_action");
  });

  it("keeps the earlier next action when the user ticks 保留原下一步, and the header shows the earliest open one", async () => {
    const p = await project();
    const first = await log(a.staff1, p.id, "电话确认用地需求", addDays(today, 2));
    await log(a.staff1, p.id, "准备会商材料", addDays(today, 20), { replaceIds: String(first), keepNextActions: "on" });
    expect((await openActions(p.id)).sort()).toEqual(["准备会商材料", "电话确认用地需求"].sort());
    expect(await header(p.id)).toEqual({ action: "电话确认用地需求", on: addDays(today, 2) });
  });

  it("closes only the named open actions of this project: another project's id in the form closes nothing there", async () => {
    const mine = await project();
    const other = await project({ companyId: b.company.id, ownerId: b.staff1.id });
    const theirs = await log(b.staff1, other.id, "对方的下一步", addDays(today, 5));
    const kept = await log(a.staff1, mine.id, "旧的下一步", addDays(today, 5));
    await log(a.staff1, mine.id, "新的下一步", addDays(today, 6), { replaceIds: [String(theirs)] });
    expect(await openActions(other.id)).toEqual(["对方的下一步"]);
    // Not shown on the form, so not replaced: nothing is closed behind the user's back.
    expect((await openActions(mine.id)).sort()).toEqual(["新的下一步", "旧的下一步"].sort());
    expect(kept).toBeGreaterThan(0);
  });

  it("an activity without a next action replaces nothing", async () => {
    const p = await project();
    const first = await log(a.staff1, p.id, "寄送样品", addDays(today, 4));
    const r = await logActivity(
      a.staff1,
      p.id,
      activitySchema.parse({ kind: "call", occurredOn: today, summary: "电话沟通", replaceIds: String(first) }),
    );
    expect(r.kind).toBe("ok");
    expect(await openActions(p.id)).toEqual(["寄送样品"]);
  });

  it("moving to 投产 closes the open next actions, or keeps them when asked", async () => {
    for (const keep of [false, true]) {
      const p = await project({ stage: "construction", signedOn: addDays(today, -200), constructionOn: addDays(today, -100) });
      await log(a.staff1, p.id, "组织投产仪式", addDays(today, 7));
      const moved = await moveProjectForward(
        a.staff1,
        p.id,
        "production",
        { version: await version(p.id), businessOn: today },
        { keepNextActions: keep },
      );
      expect(moved.kind).toBe("ok");
      expect(await openActions(p.id)).toEqual(keep ? ["组织投产仪式"] : []);
      expect((await header(p.id)).action).toBe(keep ? "组织投产仪式" : null);
    }
  });

  it("搁置 and 流失 close the open next actions unless kept", async () => {
    const held = await project();
    await log(a.staff1, held.id, "等待对方董事会决策", addDays(today, 9));
    const hold = await setProjectStatus(a.manager, held.id, {
      version: await version(held.id),
      businessOn: today,
      status: "on_hold",
      note: "对方暂停投资",
    });
    expect(hold.kind).toBe("ok");
    expect(await openActions(held.id)).toEqual([]);
    expect((await header(held.id)).action).toBeNull();

    const lost = await project();
    await log(a.staff1, lost.id, "最后一次回访", addDays(today, 9));
    const lose = await setProjectStatus(
      a.manager,
      lost.id,
      { version: await version(lost.id), businessOn: today, status: "lost", lostReason: "other", note: "去了外省" },
      { keepNextActions: true },
    );
    expect(lose.kind).toBe("ok");
    expect(await openActions(lost.id)).toEqual(["最后一次回访"]);
  });

  it("我的工作台 lists overdue, today's and this week's actions and completes one in place for the owner only", async () => {
    const p = await project({ name: "工作台测试项目" });
    const overdue = await log(a.staff1, p.id, "逾期的回访", addDays(today, -2), { keepNextActions: "on" });
    const due = await log(a.staff1, p.id, "今天的电话", today, { keepNextActions: "on" });
    const later = await log(a.staff1, p.id, "下月的会商", addDays(endOfWeek(today), 20), { keepNextActions: "on" });
    const desk = await getMyDesk(a.staff1, today);
    const row = (id: number) => desk.actions.find((x) => x.activityId === id);
    expect(row(overdue)).toMatchObject({ bucket: "overdue", overdueDays: 2, projectName: "工作台测试项目" });
    expect(row(due)).toMatchObject({ bucket: "today" });
    expect(row(later)).toBeUndefined();
    // The agenda: today's day holds the call.
    expect(desk.agenda).toHaveLength(7);
    expect(desk.agenda[0]).toMatchObject({ on: today });
    expect(desk.agenda[0].items.map((i) => i.text)).toContain("今天的电话");

    // Another company's staff and manager, and a colleague who may only read it: not found, nothing written.
    for (const viewer of [b.staff1, b.manager, a.staff2]) {
      expect(await completeDeskNextAction(viewer, due)).toMatchObject({ kind: "notFound" });
    }
    expect(await openActions(p.id)).toContain("今天的电话");

    expect(await completeDeskNextAction(a.staff1, due)).toMatchObject({ kind: "ok", value: { action: "今天的电话", projectId: p.id } });
    expect((await getMyDesk(a.staff1, today)).actions.map((x) => x.activityId)).not.toContain(due);
    // Done once: a second post finds nothing open.
    expect(await completeDeskNextAction(a.staff1, due)).toMatchObject({ kind: "notFound" });
    // The company's manager may complete the owner's action.
    expect(await completeDeskNextAction(a.manager, overdue)).toMatchObject({ kind: "ok" });
  });

  it("the desk leaves out actions of projects in 投产, 搁置 or 流失", async () => {
    const p = await project({ status: "on_hold", name: "搁置的项目" });
    await db.db.insert(activities).values({
      projectId: p.id,
      companyId: a.company.id,
      kind: "visit",
      occurredOn: today,
      summary: "旧记录",
      nextAction: "搁置前的下一步",
      nextActionDueOn: today,
      createdById: a.staff1.id,
    });
    expect((await getMyDesk(a.staff1, today)).actions.map((x) => x.projectName)).not.toContain("搁置的项目");
  });

  it("the reminder sweep does not fire for a closed action nor for projects in 投产, 搁置 or 流失", async () => {
    const due = addDays(today, -1);
    const closed = await project();
    const first = await log(a.staff1, closed.id, "被替换的下一步", due);
    await log(a.staff1, closed.id, "新的下一步", addDays(today, 30), { replaceIds: String(first) });
    const live = await project();
    await log(a.staff1, live.id, "仍需跟进", due);
    const paused = [
      await project({ stage: "production", productionOn: addDays(today, -3) }),
      await project({ status: "on_hold" }),
      await project({ status: "lost" }),
    ];
    // A next action left on them as older data has it (the mirror set directly).
    for (const p of paused) await db.db.update(projects).set({ nextAction: "遗留下一步", nextActionOn: due }).where(eq(projects.id, p.id));
    await sweepReminders(ref.zoneId, today, { full: true });
    const keys = (
      await db.db
        .select({ key: notifications.dedupeKey })
        .from(notifications)
        .where(sql`${notifications.kind} = 'next_action_due'`)
    ).map((n) => n.key);
    expect(keys).toContain(`due:${live.id}:${due}`);
    expect(keys.filter((k) => k?.startsWith(`due:${closed.id}:`))).toEqual([]);
    for (const p of paused) expect(keys.filter((k) => k?.startsWith(`due:${p.id}:`))).toEqual([]);
  });
});
