import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { activities, auditLog, projectEvents, projects } from "../../db/schema";
import { activitySchema } from "../../app/modules/projects/activity.schema";
import { latestMilestoneActivity, logActivityAndMoveStage } from "../../app/modules/projects/milestone-activities.server";
import { milestoneMoveSchema } from "../../app/modules/projects/milestones";
import { logActivity } from "../../app/modules/projects/project-activities.server";
import { listProjectChanges } from "../../app/modules/projects/project-history.server";
import { addDays, todayInZone } from "../../app/lib/dates";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const today = todayInZone();
const yesterday = addDays(today, -1);

describe.each(databaseKinds())("logging a milestone moves the project in the same save (%s)", (kind) => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a } = await createTwoCompanies(db.db, ref);
    return { ref, a };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    world = await build();
  });
  afterAll(() => db?.dispose());

  /** A project under review whose review meeting passed, contacted on `contactedOn`, owned by staff1. */
  async function evaluatingProject(opts: { reviewOutcome?: "approved" | "another_round"; contactedOn?: string } = {}) {
    const p = await createProject(db.db, {
      zoneId: world.ref.zoneId,
      companyId: world.a.company.id,
      clusterId: world.ref.clusters[0].id,
      ownerId: world.a.staff1.id,
      stage: "evaluating",
      plannedInvestmentWan: "50000.00",
    });
    await db.db
      .update(projects)
      .set({ reviewOutcome: opts.reviewOutcome ?? "approved", contactedOn: opts.contactedOn ?? "2026-01-10" })
      .where(eq(projects.id, p.id));
    return p;
  }

  /** What the activity form sends: a signing ceremony, the box ticked, the gate's fields as given. */
  function signingForm(p: { version: number }, values: Record<string, string> = {}) {
    const raw = {
      kind: "signing",
      occurredOn: yesterday,
      summary: "投资协议签约仪式",
      userIds: [],
      contactIds: [],
      advanceStage: "on",
      advanceTo: "signed",
      version: String(p.version),
      businessOn: "",
      agreementNo: "HX-2026-07",
      contractedInvestmentWan: "52,000.5",
      ...values,
    };
    const move = milestoneMoveSchema.parse(raw);
    if (!move) throw new Error("the box is ticked");
    return { activity: activitySchema.parse(raw), move };
  }

  async function trace(projectId: number) {
    const [p] = await db.db.select().from(projects).where(eq(projects.id, projectId));
    const acts = await db.db.select().from(activities).where(eq(activities.projectId, projectId));
    const events = await db.db
      .select()
      .from(projectEvents)
      .where(and(eq(projectEvents.projectId, projectId), eq(projectEvents.kind, "stage")));
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(
        sql`(${auditLog.entity} = 'project' and ${auditLog.entityId} = ${projectId}) or (${auditLog.entity} = 'activity' and ${auditLog.after} ->> 'projectId' = ${String(projectId)})`,
      );
    return { p, acts, events, audits };
  }

  it("a signing ceremony signs the project: the activity, the stage, its date and figures, in one save", async () => {
    const p = await evaluatingProject();
    const { activity, move } = signingForm(p);
    const result = await logActivityAndMoveStage(world.a.staff1, p.id, activity, move);
    expect(result).toMatchObject({ kind: "ok", value: { stage: "signed" } });
    const { p: after, acts, events } = await trace(p.id);
    expect(after).toMatchObject({
      stage: "signed",
      signedOn: yesterday, // the activity's date: the stage's date was left blank
      agreementNo: "HX-2026-07",
      contractedInvestmentWan: "52000.50",
      totalInvestmentWan: "52000.50",
      lastActivityOn: yesterday,
      version: p.version + 1,
    });
    expect(acts.map((a) => [a.kind, a.occurredOn])).toEqual([["signing", yesterday]]);
    expect(events.map((e) => [e.fromStage, e.toStage, e.businessOn, e.note])).toEqual([["evaluating", "signed", yesterday, "投资协议签约仪式"]]);
  });

  it("the change history shows the pair as one event naming the activity; the audit log keeps both rows", async () => {
    const p = await evaluatingProject();
    const { activity, move } = signingForm(p);
    const result = await logActivityAndMoveStage(world.a.staff1, p.id, activity, move);
    if (result.kind !== "ok") throw new Error(result.kind);
    const changes = await listProjectChanges(p.id);
    expect(changes.map((c) => [c.entity, c.action])).toEqual([["project", "activity_stage_forward"]]);
    expect(changes[0].after).toMatchObject({ stage: "signed", activityId: result.value.activityId, activityKind: "signing" });
    const { audits } = await trace(p.id);
    expect(audits.map((a) => `${a.entity}.${a.action}`).sort()).toEqual(["activity.create", "project.activity_stage_forward"]);
  });

  it("a signing ceremony logged without the box stays an activity of its own, the project unmoved", async () => {
    const p = await evaluatingProject();
    const { activity } = signingForm(p);
    expect((await logActivity(world.a.staff1, p.id, activity)).kind).toBe("ok");
    const changes = await listProjectChanges(p.id);
    expect(changes.map((c) => [c.entity, c.action])).toEqual([["activity", "create"]]);
    expect((await trace(p.id)).p.stage).toBe("evaluating");
  });

  it("a gate failure writes nothing: no activity, no stage, no history, no audit", async () => {
    // The review meeting has not passed: 签约 is refused, and the signing ceremony is not logged either.
    const notApproved = await evaluatingProject({ reviewOutcome: "another_round" });
    const first = signingForm(notApproved);
    expect(await logActivityAndMoveStage(world.a.staff1, notApproved.id, first.activity, first.move)).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "stage.error.notApproved" },
    });
    // A signing date before the first contact: refused next to the date field.
    const early = await evaluatingProject({ contactedOn: yesterday });
    const second = signingForm(early, { occurredOn: yesterday, businessOn: addDays(yesterday, -3) });
    expect(await logActivityAndMoveStage(world.a.staff1, early.id, second.activity, second.move)).toMatchObject({
      kind: "invalid",
      fieldErrors: { businessOn: "stage.error.beforeContact" },
    });
    for (const p of [notApproved, early]) {
      const { p: after, acts, events, audits } = await trace(p.id);
      expect(after).toMatchObject({ stage: "evaluating", version: p.version, signedOn: null, agreementNo: null, lastActivityOn: null });
      expect(acts).toEqual([]);
      expect(events).toEqual([]);
      expect(audits).toEqual([]);
    }
  });

  it("someone saved the project first: refused as a conflict, nothing written", async () => {
    const p = await evaluatingProject();
    const { activity, move } = signingForm(p);
    await db.db
      .update(projects)
      .set({ version: sql`${projects.version} + 1` })
      .where(eq(projects.id, p.id));
    const result = await logActivityAndMoveStage(world.a.staff1, p.id, activity, move);
    expect(result.kind).toBe("conflict");
    const { acts, events } = await trace(p.id);
    expect(acts).toEqual([]);
    expect(events).toEqual([]);
  });

  it("a colleague who may log but not move the project is told so, and nothing is written", async () => {
    const p = await evaluatingProject();
    const { activity, move } = signingForm(p);
    expect(await logActivityAndMoveStage(world.a.staff2, p.id, activity, move)).toMatchObject({
      kind: "invalid",
      fieldErrors: { advanceStage: "milestone.error.cannotMove" },
    });
    expect((await trace(p.id)).acts).toEqual([]);
  });

  it("the stage form's date is the latest logged milestone of that stage", async () => {
    const p = await evaluatingProject();
    expect(await latestMilestoneActivity(p.id, "signed")).toBeUndefined();
    const base = { userIds: [], contactIds: [], summary: "签约", nextAction: null, nextActionDueOn: null, reviewOutcome: null, terms: [] };
    await db.db.insert(activities).values([
      { ...base, projectId: p.id, companyId: world.a.company.id, kind: "signing", occurredOn: "2026-03-01", createdById: world.a.staff1.id },
      { ...base, projectId: p.id, companyId: world.a.company.id, kind: "signing", occurredOn: "2026-03-05", createdById: world.a.staff1.id },
      { ...base, projectId: p.id, companyId: world.a.company.id, kind: "visit", occurredOn: "2026-03-09", createdById: world.a.staff1.id },
    ]);
    expect(await latestMilestoneActivity(p.id, "signed")).toEqual({ occurredOn: "2026-03-05", kind: "signing" });
    // A review meeting counts for 会商评审 only when it passed.
    await db.db.insert(activities).values([
      {
        ...base,
        projectId: p.id,
        companyId: world.a.company.id,
        kind: "review_meeting",
        reviewOutcome: "approved",
        occurredOn: "2026-02-01",
        createdById: world.a.staff1.id,
      },
      {
        ...base,
        projectId: p.id,
        companyId: world.a.company.id,
        kind: "review_meeting",
        reviewOutcome: "another_round",
        occurredOn: "2026-02-20",
        createdById: world.a.staff1.id,
      },
    ]);
    expect((await latestMilestoneActivity(p.id, "evaluating"))?.occurredOn).toBe("2026-02-01");
    expect(await latestMilestoneActivity(p.id, "negotiating")).toBeUndefined();
  });
});
