import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { activities, auditLog, handoffs, notifications, projectEvents, projects, savedViews } from "../../db/schema";
import { BOARD_PAGE_SIZE, parseBoardParams } from "../../app/modules/pipeline/pipeline.schema";
import { countChasing, getBoard, getFunnel, getTeam, listChasing, reassignProjects } from "../../app/modules/pipeline/pipeline.server";
import { deleteView, listViews, saveView } from "../../app/modules/pipeline/views.server";
import { sweepReminders } from "../../app/modules/notifications/reminders.server";
import { daysLateSql, listProjects, projectScopeWhere } from "../../app/modules/projects/projects.server";
import type { Viewer } from "../../app/modules/auth/policy";
import { PROJECT_STAGES } from "../../app/lib/domain-values";
import type { ProjectStage } from "../../app/lib/domain-values";
import { decodeCursor, parseProjectListParams } from "../../app/modules/projects/projects.schema";
import { daysLate, projectLight } from "../../app/lib/light";
import { todayInZone } from "../../app/lib/dates";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const TODAY = "2026-11-27";
const board = (viewer: Parameters<typeof getBoard>[0], query = "") => {
  const p = parseBoardParams(new URLSearchParams(query));
  return getBoard(viewer, p.filters, p.cursors, TODAY, p.only);
};

describe.each(databaseKinds())("the company pipeline (%s)", (kind) => {
  let db: TestDatabase;
  let ref: Awaited<ReturnType<typeof createReferenceZone>>;
  let a: Awaited<ReturnType<typeof createTwoCompanies>>["a"];
  let b: Awaited<ReturnType<typeof createTwoCompanies>>["b"];
  let clusterId: number;
  let leader: { id: number; zoneId: number; companyId: number | null; role: "leader" };

  const project = (opts: Partial<Parameters<typeof createProject>[1]> & { companyId?: number } = {}) =>
    createProject(db.db, { zoneId: ref.zoneId, clusterId, companyId: a.company.id, ownerId: a.staff1.id, ...opts });
  const set = (id: number, values: Partial<typeof projects.$inferInsert>) => db.db.update(projects).set(values).where(eq(projects.id, id));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    ({ a, b } = await createTwoCompanies(db.db, ref));
    clusterId = ref.clusters[0].id;
    leader = { id: 0, zoneId: ref.zoneId, companyId: null, role: "leader" };
  });
  afterAll(() => db?.dispose());

  describe("the board", () => {
    beforeAll(async () => {
      // Company A: 120 negotiating (staff1 and staff2), 3 signed, 1 confidential lead of staff2; company B: 5 leads.
      const values = (n: number, stage: "negotiating" | "signed", base: number) =>
        Array.from({ length: n }, (_, i) => ({ stage, wan: `${base + i}.25`, owner: i % 2 ? a.staff1.id : a.staff2.id }));
      for (const v of [...values(120, "negotiating", 100), ...values(3, "signed", 5000)]) {
        await project({ stage: v.stage, plannedInvestmentWan: v.wan, ownerId: v.owner });
      }
      await project({ stage: "lead", ownerId: a.staff2.id, confidential: true, plannedInvestmentWan: "99999.00" });
      for (let i = 0; i < 5; i++) await project({ companyId: b.company.id, ownerId: b.staff1.id, plannedInvestmentWan: "1.00" });
    });

    it("counts and sums each column exactly in SQL, for the manager's company only", async () => {
      const columns = await board(a.manager);
      const byStage = Object.fromEntries(columns.map((c) => [c.stage, c]));
      // 100.25 + … + 219.25 = 120 × 159.75 = 19170.00
      expect(byStage.negotiating).toMatchObject({ count: 120, investmentWan: "19170.00" });
      expect(byStage.signed).toMatchObject({ count: 3, investmentWan: "15003.75" });
      expect(byStage.lead).toMatchObject({ count: 1, investmentWan: "99999.00" });
      expect(byStage.production).toMatchObject({ count: 0, investmentWan: "0.00" });
      expect(byStage.negotiating.cards).toHaveLength(BOARD_PAGE_SIZE);
    });

    it("hides another owner's confidential project from staff, as the list does", async () => {
      const columns = await board(a.staff1);
      expect(columns.find((c) => c.stage === "lead")!.count).toBe(0);
      const list = await listProjects(a.staff1, parseProjectListParams(new URLSearchParams("stage=lead")));
      expect(list.total).toBe(0);
    });

    it("pages each column with its own cursor until every card was shown once", async () => {
      const seen: number[] = [];
      let query = "";
      for (let page = 0; page < Math.ceil(120 / BOARD_PAGE_SIZE) + 1; page++) {
        const [col] = await board(a.manager, `${query}&column=negotiating`);
        seen.push(...col.cards.map((c) => c.id));
        if (!col.nextCursor) break;
        query = `c_negotiating=${col.nextCursor}`;
      }
      expect(seen).toHaveLength(120);
      expect(new Set(seen).size).toBe(120);
      // Another column's cursor does not move this one.
      const [first] = await board(a.manager, "c_signed=1&column=negotiating");
      expect(first.cards[0].id).toBe(Math.max(...seen));
    });

    it("reads every column's cards in one statement, each column as its own query would: order, page, cursor, scope", async () => {
      // The cards of one column, queried on their own with the list's scope (what each column ran before).
      const plain = async (viewer: Viewer, stage: ProjectStage, after?: number) => {
        const where = [projectScopeWhere(viewer), eq(projects.stage, stage)];
        if (viewer.role !== "leader") where.push(eq(projects.companyId, viewer.companyId!));
        if (after) where.push(lt(projects.id, after));
        const rows = await db.db
          .select({ id: projects.id })
          .from(projects)
          .where(and(...where))
          .orderBy(desc(projects.id))
          .limit(BOARD_PAGE_SIZE + 1);
        return rows.map((r) => r.id);
      };
      const [negotiating] = await board(a.manager, "column=negotiating");
      const cursor = negotiating.nextCursor!;
      for (const [viewer, query] of [
        [a.manager, ""],
        [a.staff1, ""],
        [a.staff2, `c_negotiating=${cursor}`],
        [leader, `c_negotiating=${cursor}&c_lead=999999999`],
      ] as const) {
        const columns = await board(viewer, query);
        expect(columns.map((c) => c.stage)).toEqual([...PROJECT_STAGES]);
        for (const column of columns) {
          const after = parseBoardParams(new URLSearchParams(query)).cursors[column.stage];
          const expected = await plain(viewer, column.stage, after);
          expect(column.cards.map((c) => c.id)).toEqual(expected.slice(0, BOARD_PAGE_SIZE));
          expect(column.nextCursor).toBe(expected.length > BOARD_PAGE_SIZE ? expected[BOARD_PAGE_SIZE - 1] : null);
          expect(column.cards.every((c) => c.stage === column.stage)).toBe(true);
        }
      }
      const card = (await board(a.manager)).find((c) => c.stage === "lead")!.cards[0];
      expect(card).toMatchObject({ confidential: true, ownerName: a.staff2.displayName, ownerId: a.staff2.id, companyId: a.company.id });
      expect(typeof card.investorName).toBe("string");
    });

    it("filters with the list's own parameters (owner, text)", async () => {
      const columns = await board(a.manager, `owner=${a.staff1.id}`);
      expect(columns.find((c) => c.stage === "negotiating")!.count).toBe(60);
      const list = await listProjects(a.manager, parseProjectListParams(new URLSearchParams(`owner=${a.staff1.id}&stage=negotiating`)));
      expect(list.total).toBe(60);
    });

    it("lets a leader pick a company and never shows another zone", async () => {
      const columns = await board(leader, `company=${b.company.id}`);
      expect(columns.find((c) => c.stage === "lead")).toMatchObject({ count: 5, investmentWan: "5.00" });
      const other = await createOtherZone(db.db);
      const stranger = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "manager" });
      const theirs = await board(stranger);
      expect(theirs.reduce((n, c) => n + c.count, 0)).toBe(0);
    });
  });

  describe("the funnel", () => {
    let c: Awaited<ReturnType<typeof createTwoCompanies>>["a"]["company"];
    let manager: Awaited<ReturnType<typeof createUser>>;
    beforeAll(async () => {
      // A company of its own: 4 leads created in 2026; 3 contacted (after 10, 20, 30 days); 2 negotiating (after 4
      // and 8 more days); 1 lost while negotiating (investor withdrew), 1 lost as a lead (other location) in 2025.
      c = ref.companies.filter((x) => x.kind === "attraction")[2];
      manager = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "manager" });
      const make = async () => {
        const p = await project({ companyId: c.id, ownerId: manager.id });
        await db.db.delete(projectEvents).where(eq(projectEvents.projectId, p.id));
        return p;
      };
      const event = (projectId: number, v: Partial<typeof projectEvents.$inferInsert>) =>
        db.db.insert(projectEvents).values({ projectId, kind: "stage", businessOn: "2026-01-01", ...v });
      const ps = [await make(), await make(), await make(), await make()];
      for (const p of ps) await event(p.id, { kind: "created", toStage: "lead", businessOn: "2026-03-01" });
      const contacted = ["2026-03-11", "2026-03-21", "2026-03-31"];
      for (let i = 0; i < 3; i++) await event(ps[i].id, { fromStage: "lead", toStage: "contacted", businessOn: contacted[i] });
      await event(ps[0].id, { fromStage: "contacted", toStage: "negotiating", businessOn: "2026-03-15" });
      await event(ps[1].id, { fromStage: "contacted", toStage: "negotiating", businessOn: "2026-03-29" });
      await set(ps[1].id, { stage: "negotiating", status: "lost", lostReason: "investor_withdrew" });
      await event(ps[1].id, { kind: "status", fromStatus: "active", toStatus: "lost", businessOn: "2026-05-01" });
      const old = await make();
      await event(old.id, { kind: "created", toStage: "lead", businessOn: "2025-02-01" });
      await set(old.id, { status: "lost", lostReason: "other_location" });
      await event(old.id, { kind: "status", fromStatus: "active", toStatus: "lost", businessOn: "2025-03-01" });
    });

    it("counts projects reaching each stage, conversion, median days and losses in the period", async () => {
      const f = await getFunnel(manager, undefined, "2026-01-01", "2026-12-31");
      const s = Object.fromEntries(f.stages.map((x) => [x.stage, x]));
      expect(s.lead).toMatchObject({ reached: 4, advanced: 3, conversionPct: 75, medianDaysToNext: "20.0" });
      expect(s.contacted).toMatchObject({ reached: 3, advanced: 2, conversionPct: 66.7, medianDaysToNext: "6.0" });
      expect(s.negotiating).toMatchObject({ reached: 2, advanced: 0, conversionPct: 0, medianDaysToNext: null });
      expect(f.lost).toEqual([{ stage: "negotiating", reason: "investor_withdrew", n: 1 }]);
      const older = await getFunnel(manager, undefined, "2025-01-01", "2025-12-31");
      expect(older.stages[0].reached).toBe(1);
      expect(older.lost).toEqual([{ stage: "lead", reason: "other_location", n: 1 }]);
      // A leader sees the same for that company, and nothing of it when picking another.
      const forLeader = await getFunnel(leader, c.id, "2026-01-01", "2026-12-31");
      expect(forLeader.stages[0].reached).toBe(4);
    });
  });

  describe("what needs chasing, the team, reassigning and reminders", () => {
    let c: (typeof ref.companies)[number];
    let manager: Awaited<ReturnType<typeof createUser>>;
    let s1: typeof manager;
    let s2: typeof manager;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      c = ref.companies.filter((x) => x.kind === "attraction")[3];
      manager = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "manager" });
      s1 = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "staff" });
      s2 = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "staff" });
      const mk = async (key: string, values: Partial<typeof projects.$inferInsert>, owner = s1.id) => {
        const p = await project({ companyId: c.id, ownerId: owner, plannedInvestmentWan: "300.50" });
        await set(p.id, { lastActivityOn: "2026-11-20", ...values });
        ids[key] = p.id;
      };
      await mk("stale", { lastActivityOn: "2026-10-01" });
      await mk("staleOnHold", { lastActivityOn: "2026-10-01", status: "on_hold" });
      await mk("overdue", { nextAction: "回访", nextActionOn: "2026-11-20" });
      await mk("dueToday", { nextAction: "签约", nextActionOn: TODAY });
      await mk("red", { plannedSignOn: "2026-09-01", stage: "negotiating" });
      await mk("yellow", { plannedSignOn: "2026-11-10", stage: "negotiating" }, s2.id);
      await mk("signedOnTime", { plannedSignOn: "2026-09-01", stage: "signed", signedOn: "2026-08-30", contractedInvestmentWan: "1000.00" }, s2.id);
      const other = await project({ companyId: a.company.id });
      await db.db.insert(handoffs).values({
        kind: "transfer",
        status: "pending",
        zoneId: other.zoneId,
        projectId: other.id,
        fromCompanyId: a.company.id,
        toCompanyId: c.id,
        requestedById: a.staff1.id,
        reason: "属于贵公司产业",
        createdAt: new Date("2026-11-01T00:00:00Z"),
      } as typeof handoffs.$inferInsert);
      await db.db
        .insert(activities)
        .values({ projectId: ids.overdue, companyId: c.id, kind: "visit", occurredOn: "2026-11-03", summary: "拜访", createdById: s1.id });
    });

    it("lists stale, overdue, red, yellow and overdue handoffs, sortable", async () => {
      const filters = parseBoardParams(new URLSearchParams()).filters;
      const names = async (tab: "stale" | "overdue" | "red" | "yellow" | "handoffs") =>
        (await listChasing(manager, filters, tab, "days", "desc", TODAY)).rows.map((r) => r.id);
      expect(await names("stale")).toEqual([ids.stale]);
      expect(await names("overdue")).toEqual([ids.overdue]);
      expect(await names("red")).toEqual([ids.red]);
      expect(await names("yellow")).toEqual([ids.yellow]);
      const handoffRows = (await listChasing(manager, filters, "handoffs", "days", "desc", TODAY)).rows;
      expect(handoffRows).toHaveLength(1);
      expect(handoffRows[0].days).toBe(26);
      const red = (await listChasing(manager, filters, "red", "days", "desc", TODAY)).rows[0];
      expect(red).toMatchObject({ days: 87, ownerName: s1.displayName });
      expect(await countChasing(manager, filters, TODAY)).toEqual({ stale: 1, overdue: 1, red: 1, yellow: 1, handoffs: 1 });
      // The light filter of the list is the same rule.
      const list = await listProjects(manager, parseProjectListParams(new URLSearchParams("light=red")));
      expect(list.rows.map((r) => r.id)).toEqual([ids.red]);
      // By owner, ascending: s1's before s2's.
      const byOwner = await listChasing(manager, parseBoardParams(new URLSearchParams("light=")).filters, "yellow", "owner", "asc", TODAY);
      expect(byOwner.rows.map((r) => r.ownerName)).toEqual([s2.displayName]);
    });

    it("sums each member's load in SQL", async () => {
      const team = await getTeam(manager, c.id, TODAY);
      const one = team.find((m) => m.id === s1.id)!;
      expect(one).toMatchObject({ active: 4, activeWan: "1202.00", overdue: 1, red: 1, signed: 0, activitiesThisMonth: 1 });
      const two = team.find((m) => m.id === s2.id)!;
      expect(two).toMatchObject({ active: 2, activeWan: "1300.50", signed: 1, signedWan: "1000.00" });
    });

    it("reassigns many projects in one action with events, audit rows and a notice; a changed one is reported", async () => {
      const [x, y] = await db.db
        .select({ id: projects.id, version: projects.version })
        .from(projects)
        .where(inArray(projects.id, [ids.stale, ids.overdue]));
      // Someone saved ids.overdue after the page was loaded.
      await set(ids.overdue, { version: y.version + 1 });
      const result = await reassignProjects(manager, { toOwnerId: s2.id, projects: [x, y] }, TODAY);
      expect(result).toMatchObject({ kind: "ok", value: { moved: 1, conflicts: [{ id: ids.overdue }] } });
      const after = await db.db
        .select({ id: projects.id, ownerId: projects.ownerId, version: projects.version })
        .from(projects)
        .where(inArray(projects.id, [ids.stale, ids.overdue]));
      expect(after.find((p) => p.id === ids.stale)).toMatchObject({ ownerId: s2.id, version: x.version + 1 });
      expect(after.find((p) => p.id === ids.overdue)).toMatchObject({ ownerId: s1.id, version: y.version + 1 });
      const events = await db.db
        .select()
        .from(projectEvents)
        .where(and(eq(projectEvents.projectId, ids.stale), eq(projectEvents.kind, "owner")));
      expect(events).toMatchObject([{ fromOwnerId: s1.id, toOwnerId: s2.id, actorId: manager.id }]);
      const audits = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, ids.stale), eq(auditLog.action, "reassign")));
      expect(audits).toHaveLength(1);
      const notices = await db.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, s2.id), eq(notifications.kind, "project_assigned")));
      expect(notices).toHaveLength(1);
      // Staff cannot reassign; another company's project is not found and nothing is written.
      expect(await reassignProjects(s1, { toOwnerId: s1.id, projects: [{ id: ids.red, version: 1 }] }, TODAY)).toEqual({ kind: "notFound" });
      const foreign = await project({ companyId: a.company.id });
      const [red] = await db.db.select({ version: projects.version }).from(projects).where(eq(projects.id, ids.red));
      expect(
        await reassignProjects(
          manager,
          {
            toOwnerId: s2.id,
            projects: [
              { id: ids.red, version: red.version },
              { id: foreign.id, version: 1 },
            ],
          },
          TODAY,
        ),
      ).toEqual({ kind: "notFound" });
      const [stillRed] = await db.db.select({ ownerId: projects.ownerId }).from(projects).where(eq(projects.id, ids.red));
      expect(stillRed.ownerId).toBe(s1.id);
      // The new owner must be of the company.
      expect(await reassignProjects(manager, { toOwnerId: a.staff1.id, projects: [{ id: ids.red, version: red.version }] }, TODAY)).toMatchObject({
        kind: "invalid",
        fieldErrors: { toOwnerId: "pipeline.ownerInvalid" },
      });
    });

    it("makes due, red and handoff reminders once however often the sweep runs", async () => {
      await sweepReminders(ref.zoneId, TODAY);
      const count = async () =>
        await db.db
          .select({ kind: notifications.kind, userId: notifications.userId, key: notifications.dedupeKey })
          .from(notifications)
          .where(sql`${notifications.dedupeKey} is not null`);
      const first = await count();
      await sweepReminders(ref.zoneId, TODAY);
      expect(await count()).toHaveLength(first.length);
      const mine = first.filter((n) => n.userId === s1.id || n.userId === s2.id || n.userId === manager.id);
      // s2 now owns the stale one (no due date); s1 the overdue and due-today next actions and the red project.
      expect(
        mine
          .filter((n) => n.kind === "next_action_due")
          .map((n) => n.key)
          .sort(),
      ).toEqual([`due:${ids.dueToday}:${TODAY}`, `due:${ids.overdue}:2026-11-20`].sort());
      expect(
        mine
          .filter((n) => n.kind === "project_red")
          .map((n) => n.userId)
          .sort(),
      ).toEqual([s1.id, manager.id].sort());
      expect(mine.filter((n) => n.kind === "handoff_overdue").map((n) => n.userId)).toEqual([manager.id]);
      // A new due date is a new reminder.
      await set(ids.dueToday, { nextActionOn: "2026-11-26" });
      await sweepReminders(ref.zoneId, TODAY);
      expect(await count()).toHaveLength(first.length + 1);
    });
  });

  describe("the light in SQL", () => {
    it("agrees with light.ts on every combination of stage, status and planned dates", async () => {
      const c = ref.companies.filter((x) => x.kind === "attraction")[4];
      const owner = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "manager" });
      const dates = [null, "2026-06-01", "2026-10-28", "2026-10-27", "2026-11-26", "2026-11-27", "2027-01-01"];
      const stages = ["lead", "negotiating", "signed", "construction", "production"] as const;
      const statuses = ["active", "on_hold", "lost"] as const;
      const made: { id: number; input: Parameters<typeof projectLight>[0] }[] = [];
      let n = 0;
      for (const stage of stages)
        for (const status of statuses)
          for (let i = 0; i < 6; i++) {
            n++;
            const input = {
              stage,
              status,
              plannedSignOn: dates[(i + n) % dates.length],
              plannedConstructionOn: dates[(i * 3 + n) % dates.length],
              plannedProductionOn: dates[(i * 5 + n * 2) % dates.length],
            };
            const p = await project({ companyId: c.id, ownerId: owner.id });
            await set(p.id, input);
            made.push({ id: p.id, input });
          }
      for (const light of ["red", "yellow", "green", "none"] as const) {
        const list = await listProjects(owner, parseProjectListParams(new URLSearchParams(`light=${light}&size=100`)));
        // The list uses the real today; so does the expectation (the dates around 2026-11-27 test the edges then).
        const expected = made.filter((m) => projectLight(m.input, todayInZone()) === light).map((m) => m.id);
        const all: number[] = list.rows.map((r) => r.id);
        let next = list.nextCursor;
        while (next) {
          const more = await listProjects(owner, parseProjectListParams(new URLSearchParams(`light=${light}&size=100&after=${next}`)));
          all.push(...more.rows.map((r) => r.id));
          next = more.nextCursor;
        }
        expect(
          all.sort((x, y) => x - y),
          light,
        ).toEqual(expected.sort((x, y) => x - y));
      }
      // Days late from the stored milestone_due_on, lost projects included, after a move changed what is reached.
      await set(made[0].id, { stage: "signed" });
      made[0].input = { ...made[0].input, stage: "signed" };
      const today = todayInZone();
      const rows = await db.db
        .select({ id: projects.id, late: sql<number>`(${daysLateSql(today)})::int` })
        .from(projects)
        .where(
          inArray(
            projects.id,
            made.map((m) => m.id),
          ),
        );
      for (const m of made) expect(rows.find((r) => r.id === m.id)!.late, String(m.id)).toBe(daysLate(m.input, today));
    });
  });

  describe("the board's totals from the rollups", () => {
    it("equal plain SQL over the projects after moves, losses, investment changes and transfers, with filters", async () => {
      const c = ref.companies.filter((x) => x.kind === "attraction")[5];
      const d = ref.companies.filter((x) => x.kind === "attraction")[6];
      const manager = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "manager" });
      const made = [];
      for (let i = 0; i < 6; i++) made.push(await project({ companyId: c.id, ownerId: manager.id, plannedInvestmentWan: `${i}.35` }));
      await project({ companyId: c.id, ownerId: manager.id, confidential: true, plannedInvestmentWan: "7.00" });
      await set(made[0].id, { stage: "negotiating" });
      await set(made[1].id, { status: "lost" });
      await set(made[2].id, { stage: "signed", contractedInvestmentWan: "1234.56" });
      await set(made[3].id, { companyId: d.id });
      await set(made[4].id, { plannedInvestmentWan: null });
      const plain = async (companyId: number | undefined, status?: "open" | "lost") => {
        const rows = await db.db
          .select({
            stage: projects.stage,
            n: sql<number>`count(*)::int`,
            wan: sql<string>`coalesce(sum(${projects.totalInvestmentWan}), 0)::numeric(18,2)::text`,
          })
          .from(projects)
          .where(
            and(
              eq(projects.zoneId, ref.zoneId),
              companyId ? eq(projects.companyId, companyId) : undefined,
              status === "open" ? sql`${projects.status} <> 'lost'` : status ? eq(projects.status, status) : undefined,
            ),
          )
          .groupBy(projects.stage);
        return Object.fromEntries(rows.map((r) => [r.stage, { count: r.n, investmentWan: r.wan }]));
      };
      const shown = (columns: Awaited<ReturnType<typeof board>>) =>
        Object.fromEntries(columns.filter((x) => x.count > 0).map((x) => [x.stage, { count: x.count, investmentWan: x.investmentWan }]));
      expect(shown(await board(manager))).toEqual(await plain(c.id));
      expect(shown(await board(manager, "status=open"))).toEqual(await plain(c.id, "open"));
      expect(shown(await board(manager, "status=lost&stage=lead"))).toEqual({ lead: (await plain(c.id, "lost")).lead });
      expect(shown(await board(leader, `company=${d.id}`))).toEqual(await plain(d.id));
      expect(shown(await board(leader))).toEqual(await plain(undefined));
      // A filter the rollups do not hold still counts the projects: the owner's.
      expect(shown(await board(manager, `owner=${manager.id}&status=open`))).toEqual(await plain(c.id, "open"));
    });
  });

  describe("saved views", () => {
    it("saves personal and company views, refuses company views from staff, and hides others' views", async () => {
      const personal = await saveView(a.staff1, { list: "board", name: "我的洽谈", query: "stage=negotiating&c_lead=5&export=csv", shared: false });
      expect(personal.kind).toBe("ok");
      expect(await saveView(a.staff1, { list: "board", name: "公司", query: "", shared: true })).toEqual({ kind: "forbidden" });
      const shared = await saveView(a.manager, { list: "chasing", name: "红灯督办", query: "tab=red&sort=owner", shared: true });
      const staffViews = await listViews(a.staff1);
      expect(staffViews.map((v) => [v.name, v.href, v.deletable])).toEqual([
        ["我的洽谈", "/pipeline?stage=negotiating", true],
        ["红灯督办", "/pipeline/chasing?tab=red&sort=owner", false],
      ]);
      expect(await listViews(a.staff2)).toHaveLength(1);
      expect(await listViews(b.manager)).toHaveLength(0);
      if (shared.kind !== "ok" || personal.kind !== "ok") throw new Error("not saved");
      expect(await deleteView(a.staff1, shared.value.id)).toEqual({ kind: "forbidden" });
      expect(await deleteView(b.manager, shared.value.id)).toEqual({ kind: "notFound" });
      expect(await deleteView(a.staff2, personal.value.id)).toEqual({ kind: "notFound" });
      const other = await createOtherZone(db.db);
      const stranger = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "manager" });
      expect(await deleteView(stranger, shared.value.id)).toEqual({ kind: "notFound" });
      expect(await deleteView(a.manager, shared.value.id)).toEqual({ kind: "ok" });
      expect(await deleteView(a.staff1, personal.value.id)).toEqual({ kind: "ok" });
      expect(await db.db.select().from(savedViews)).toHaveLength(0);
    });
  });

  describe("chasing lists in keyset pages", () => {
    it("pages every tab in every sort and direction through exactly the whole list, each row once, ties and empty values included", async () => {
      const c = ref.companies.filter((x) => x.kind === "attraction")[5];
      const manager = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "manager" });
      const staff = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "staff" });
      const others = await createUser(db.db, { zoneId: ref.zoneId, companyId: c.id, role: "staff" });
      for (let i = 0; i < 23; i++) {
        const p = await project({ companyId: c.id, ownerId: i % 5 === 0 ? null : i % 2 ? staff.id : others.id, name: `督办项目${i % 4}` });
        // Ties on the dates, the names and the investment; a missing investment and owner now and then.
        await set(p.id, {
          stage: "negotiating",
          plannedSignOn: `2026-0${1 + (i % 3)}-15`,
          lastActivityOn: `2026-0${1 + (i % 4)}-10`,
          plannedInvestmentWan: i % 6 === 0 ? null : String(100 + (i % 3) * 50),
        });
      }
      const from = await project({ companyId: a.company.id });
      for (let i = 0; i < 9; i++) {
        const p = i === 0 ? from : await project({ companyId: a.company.id, name: `移交项目${i % 3}` });
        await db.db.insert(handoffs).values({
          kind: i % 2 ? "assist" : "transfer",
          status: "pending",
          zoneId: ref.zoneId,
          projectId: p.id,
          fromCompanyId: a.company.id,
          toCompanyId: c.id,
          requestedById: a.staff1.id,
          reason: "协助",
          createdAt: new Date(`2026-11-0${1 + (i % 3)}T00:00:00Z`),
        } as typeof handoffs.$inferInsert);
      }
      const filters = parseBoardParams(new URLSearchParams()).filters;
      for (const tab of ["stale", "red", "handoffs"] as const) {
        for (const sort of ["days", "name", "owner", "investment"] as const) {
          for (const dir of ["asc", "desc"] as const) {
            const key = (r: { id: number; handoffId?: number }) => r.handoffId ?? r.id;
            const whole = await listChasing(manager, filters, tab, sort, dir, TODAY, 1000);
            expect(whole.rows.length, tab).toBeGreaterThan(8);
            expect(whole.nextCursor).toBeUndefined();
            const paged: number[] = [];
            let after: string | undefined;
            for (let n = 0; n < 20; n++) {
              const page = await listChasing(manager, filters, tab, sort, dir, TODAY, 4, decodeCursor(after));
              expect(page.total).toBe(whole.total);
              paged.push(...page.rows.map(key));
              after = page.nextCursor;
              if (!after) break;
            }
            expect(paged, `${tab} ${sort} ${dir}`).toEqual(whole.rows.map(key));
          }
        }
      }
    });
  });
});
