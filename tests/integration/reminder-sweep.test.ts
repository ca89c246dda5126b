// The incremental reminder sweep (migration 0013): after any writes and any number of days, a sweep that reads only
// the queued projects and the dates passed since the last one makes every reminder a sweep of the whole zone would,
// and a writer still in flight is swept as it leaves the project, never only as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { notifications, projects, reminderQueue, users } from "../../db/schema";
import { sweepReminders } from "../../app/modules/notifications/reminders.server";
import type { SweepResult } from "../../app/modules/notifications/reminders.server";
import { logActivity } from "../../app/modules/projects/project-activities.server";
import { activitySchema } from "../../app/modules/projects/activity.schema";
import { reassignProjects } from "../../app/modules/pipeline/pipeline.server";
import { addDays } from "../../app/lib/dates";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const DAY0 = "2026-11-27";

const setProject = (db: TestDatabase, id: number, values: Partial<typeof projects.$inferInsert>) =>
  db.db.update(projects).set(values).where(eq(projects.id, id));
/** Every reminder made so far, as "user/dedupe key". */
const reminderKeys = async (db: TestDatabase) =>
  (
    await db.db
      .select({ key: notifications.dedupeKey, userId: notifications.userId })
      .from(notifications)
      .where(sql`${notifications.dedupeKey} is not null`)
  )
    .map((n) => `${n.userId}/${n.key}`)
    .sort();

describe.each(databaseKinds())("the reminder sweep (%s)", (kind) => {
  let db: TestDatabase;
  let ref: Awaited<ReturnType<typeof createReferenceZone>>;
  let a: Awaited<ReturnType<typeof createTwoCompanies>>["a"];
  let b: Awaited<ReturnType<typeof createTwoCompanies>>["b"];

  const made = (r: SweepResult) => ("skipped" in r ? -1 : r.made.due + r.made.red + r.made.handoff);
  const set = (id: number, values: Partial<typeof projects.$inferInsert>) => setProject(db, id, values);
  const keys = () => reminderKeys(db);
  /** Sweeps incrementally, then checks a sweep of the whole zone finds nothing more to make. */
  const sweepAndCompare = async (day: string) => {
    const result = await sweepReminders(ref.zoneId, day);
    expect(result).toMatchObject({ full: false });
    const before = await keys();
    expect(made(await sweepReminders(ref.zoneId, day, { full: true }))).toBe(0);
    expect(await keys()).toEqual(before);
    return result as Exclude<SweepResult, { skipped: true }>;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    ({ a, b } = await createTwoCompanies(db.db, ref));
  });
  afterAll(() => db?.dispose());

  it("reads only what changed and the days passed, and still makes what a sweep of the whole zone makes", async () => {
    const project = (opts: Partial<Parameters<typeof createProject>[1]> = {}) =>
      createProject(db.db, { zoneId: ref.zoneId, clusterId: ref.clusters[0].id, companyId: a.company.id, ownerId: a.staff1.id, ...opts });
    // Forty projects with next actions and planned milestones spread from 60 days ago to 60 days ahead.
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const p = await project({ stage: i % 2 ? "negotiating" : "lead" });
      ids.push(p.id);
      await set(p.id, { nextAction: `回访${i}`, nextActionOn: addDays(DAY0, 3 * i - 60), plannedSignOn: addDays(DAY0, 3 * i - 75) });
    }
    const first = await sweepReminders(ref.zoneId, DAY0);
    expect(first).toMatchObject({ full: true });
    expect(made(first)).toBeGreaterThan(20);
    // Nothing written, same day: nothing to read, nothing made.
    expect(await sweepAndCompare(DAY0)).toMatchObject({ queued: 0, made: { due: 0, red: 0 } });

    // Days pass: next actions fall due and milestones turn red with no write at all.
    const day5 = addDays(DAY0, 5);
    const passing = await sweepAndCompare(day5);
    expect(passing.queued).toBe(0);
    expect(passing.made.due).toBeGreaterThan(0);
    expect(passing.made.red).toBeGreaterThan(0);

    // Writes of every kind, each queued by the database whoever writes:
    // a DBA's UPDATE moving a next action into the past,
    await set(ids[35], { nextActionOn: addDays(DAY0, -100) });
    // a stage change back to an earlier milestone already late (a new red reminder per stage),
    await set(ids[1], { stage: "lead" });
    // a project moved to another company (its managers are reminded of its red light),
    await set(ids[3], { companyId: b.company.id, ownerId: b.staff1.id });
    // an activity logged through the app, with a next action due yesterday,
    const logged = await logActivity(
      a.staff1,
      ids[30],
      activitySchema.parse({
        kind: "visit",
        occurredOn: DAY0,
        summary: "现场考察",
        nextAction: "发送投资协议草案",
        nextActionDueOn: addDays(day5, -1),
      }),
    );
    expect(logged.kind).toBe("ok");
    // a reassignment by the manager (the new owner is reminded of what is due),
    const [r] = await db.db.select({ version: projects.version }).from(projects).where(eq(projects.id, ids[2]));
    expect(await reassignProjects(a.manager, { toOwnerId: a.staff2.id, projects: [{ id: ids[2], version: r.version }] }, day5)).toMatchObject({
      kind: "ok",
    });
    // and a new project, already late.
    const late = await project({ stage: "lead" });
    await set(late.id, { nextAction: "补充材料", nextActionOn: addDays(DAY0, -200), plannedSignOn: addDays(DAY0, -200) });
    // A write that changes nothing a reminder depends on is not queued.
    await set(ids[39], { name: "改名不影响提醒" });

    const afterWrites = await sweepAndCompare(day5);
    expect(afterWrites.queued).toBe(6);
    const mine = await keys();
    expect(mine).toContain(`${a.staff1.id}/due:${ids[35]}:${addDays(DAY0, -100)}`);
    expect(mine).toContain(`${a.staff1.id}/due:${ids[30]}:${addDays(day5, -1)}`);
    expect(mine).toContain(`${a.staff2.id}/due:${ids[2]}:${addDays(DAY0, -54)}`);
    expect(mine).toContain(`${a.staff1.id}/red:${ids[1]}:lead`);
    expect(mine).toContain(`${b.manager.id}/red:${ids[3]}:negotiating`);
    expect(mine).toContain(`${a.staff1.id}/due:${late.id}:${addDays(DAY0, -200)}`);
    expect(await db.db.select().from(reminderQueue)).toEqual([]);

    // A long gap (the server was down for a month), then the clock set back: still nothing missed.
    await sweepAndCompare(addDays(day5, 40));
    const back = await sweepReminders(ref.zoneId, day5);
    expect(back).toMatchObject({ full: true });
  });

  it("reminds no disabled user", async () => {
    const p = await createProject(db.db, { zoneId: ref.zoneId, clusterId: ref.clusters[0].id, companyId: b.company.id, ownerId: b.staff2.id });
    await db.db.update(users).set({ disabled: true }).where(eq(users.id, b.staff2.id));
    await set(p.id, { nextAction: "电话", nextActionOn: addDays(DAY0, -1), plannedSignOn: addDays(DAY0, -90) });
    await sweepReminders(ref.zoneId, DAY0);
    const mine = (await keys()).filter((k) => k.includes(`:${p.id}:`));
    expect(mine).toEqual([`${b.manager.id}/red:${p.id}:lead`]);
  });
});

// Two connections at once: PostgreSQL only (PGlite has one).
describe.each(databaseKinds().filter((k) => k === "postgres"))("the reminder sweep beside other transactions (%s)", (kind) => {
  let db: TestDatabase;
  let ref: Awaited<ReturnType<typeof createReferenceZone>>;
  let a: Awaited<ReturnType<typeof createTwoCompanies>>["a"];
  const set = (id: number, values: Partial<typeof projects.$inferInsert>) => setProject(db, id, values);
  const keys = () => reminderKeys(db);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    ({ a } = await createTwoCompanies(db.db, ref));
  });
  afterAll(() => db?.dispose());

  it("sweeps a project as a writer still in flight leaves it, and skips a zone another sweep holds", async () => {
    const p = await createProject(db.db, { zoneId: ref.zoneId, clusterId: ref.clusters[0].id, companyId: a.company.id, ownerId: a.staff2.id });
    await set(p.id, { nextAction: "约谈", nextActionOn: addDays(DAY0, 30) });
    await sweepReminders(ref.zoneId, DAY0);
    await set(p.id, { nextAction: "约谈", nextActionOn: addDays(DAY0, 20) }); // queued, committed

    // A writer moves the next action into the past and has not committed when the sweep runs.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const writer = db.db.transaction(async (tx) => {
      await tx
        .update(projects)
        .set({ nextActionOn: addDays(DAY0, -2) })
        .where(eq(projects.id, p.id));
      written();
      await held;
    });
    await wrote;
    const during = await sweepReminders(ref.zoneId, DAY0);
    expect(during).toMatchObject({ full: false, queued: 0 });
    release();
    await writer;
    const after = await sweepReminders(ref.zoneId, DAY0);
    expect(after).toMatchObject({ queued: 1, made: { due: 1 } });
    expect(await keys()).toContain(`${a.staff2.id}/due:${p.id}:${addDays(DAY0, -2)}`);

    // Another process sweeping the zone: this one does not wait for it.
    let unlock!: () => void;
    const locked = new Promise<void>((resolve) => (unlock = resolve));
    let holding!: () => void;
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const other = db.db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from reminder_sweeps where zone_id = ${ref.zoneId} for update`);
      holding();
      await locked;
    });
    await holds;
    expect(await sweepReminders(ref.zoneId, DAY0)).toEqual({ skipped: true });
    unlock();
    await other;
  });
});
