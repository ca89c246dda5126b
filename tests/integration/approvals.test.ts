// Issue 21: signing creates the checklist of approvals in the same transaction; the 开工 gate waits for the items
// required for construction unless the manager overrides (audited, in the history); two saves of one item at once
// do not silently lose one; escalations and overdue items reach the chasing lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { approvalBlockers, approvalCatalogue, auditLog, projectApprovals, projectEvents, projects, users } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import type { Viewer } from "../../app/modules/auth/policy";
import {
  escalateBlocker,
  logBlocker,
  myApprovalItems,
  openEscalations,
  overdueApprovals,
  setApprovalApplicable,
  workApproval,
} from "../../app/modules/approvals/approvals.server";
import { moveProjectForward } from "../../app/modules/projects/project-stages.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const today = todayInZone();

describe.each(databaseKinds())("approvals worked for the investor (%s)", (kind) => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a } = await createTwoCompanies(db.db, ref);
    const [leader] = await db.db.select().from(users).where(eq(users.id, ref.leaderId));
    return { ref, a, leader: leader as Viewer };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    world = await build();
  });
  afterAll(() => db?.dispose());

  async function evaluatingProject(opts: { type?: "new" | "expansion" | "upgrade" | null; landMu?: string } = {}) {
    const p = await createProject(db.db, {
      zoneId: world.ref.zoneId,
      companyId: world.a.company.id,
      clusterId: world.ref.clusters[0].id,
      ownerId: world.a.staff1.id,
      stage: "evaluating",
      plannedInvestmentWan: "50000.00",
    });
    const [row] = await db.db
      .update(projects)
      .set({ reviewOutcome: "approved", contactedOn: "2026-01-10", investmentType: opts.type ?? null, landMu: opts.landMu ?? "80.00" })
      .where(eq(projects.id, p.id))
      .returning();
    return row;
  }

  const sign = (p: { id: number; version: number }) =>
    moveProjectForward(world.a.manager, p.id, "signed", {
      version: p.version,
      businessOn: addDays(today, -30),
      agreementNo: `XY-${p.id}`,
      contractedInvestmentWan: "52000",
    });

  const items = (projectId: number) =>
    db.db.select().from(projectApprovals).where(eq(projectApprovals.projectId, projectId)).orderBy(asc(projectApprovals.sortOrder));

  const current = async (projectId: number) => (await db.db.select().from(projects).where(eq(projects.id, projectId)))[0];

  it("a new zone's catalogue holds the twelve default items", async () => {
    const rows = await db.db.select().from(approvalCatalogue).where(eq(approvalCatalogue.zoneId, world.ref.zoneId));
    expect(rows.map((r) => r.name)).toContain("施工许可");
    expect(rows).toHaveLength(12);
  });

  it("signing creates the checklist by the project's type and land: 新建 with land gets all twelve, 技改 without land six", async () => {
    const built = await evaluatingProject({ type: null, landMu: "80" });
    expect((await sign(built)).kind).toBe("ok");
    expect((await items(built.id)).map((i) => i.name)).toHaveLength(12);

    const upgrade = await evaluatingProject({ type: "upgrade", landMu: "0" });
    expect((await sign(upgrade)).kind).toBe("ok");
    expect((await items(upgrade.id)).map((i) => i.name)).toEqual(["项目备案/核准", "环评", "能评", "安评", "消防设计审查", "竣工验收"]);

    const expansion = await evaluatingProject({ type: "expansion", landMu: "0" });
    expect((await sign(expansion)).kind).toBe("ok");
    const names = (await items(expansion.id)).map((i) => i.name);
    expect(names).not.toContain("企业设立登记");
    expect(names).not.toContain("用地预审与选址");
    expect(names).toContain("施工许可");
  });

  it("a failure while creating the checklist rolls back the signing too", async () => {
    // A trigger refuses one item: the checklist's insert fails inside the signing's transaction.
    await db.db.execute(
      sql.raw(`create or replace function refuse_approval() returns trigger language plpgsql as $$
        begin if new.name = '环评' then raise exception 'refused by test'; end if; return new; end $$`),
    );
    await db.db.execute(sql.raw(`create trigger refuse_approval before insert on project_approvals for each row execute function refuse_approval()`));
    try {
      const p = await evaluatingProject();
      await expect(sign(p)).rejects.toThrow();
      const after = await current(p.id);
      expect(after).toMatchObject({ stage: "evaluating", version: p.version, signedOn: null, agreementNo: null });
      expect(await items(p.id)).toEqual([]);
      expect(
        await db.db
          .select()
          .from(projectEvents)
          .where(and(eq(projectEvents.projectId, p.id), eq(projectEvents.kind, "stage"))),
      ).toEqual([]);
      expect(
        await db.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, p.id))),
      ).toEqual([]);
    } finally {
      await db.db.execute(sql.raw(`drop trigger refuse_approval on project_approvals`));
    }
  });

  /** A signed and registered project with its checklist. */
  async function registeredProject(type: "new" | "upgrade" = "upgrade") {
    const p = await evaluatingProject({ type, landMu: "0" });
    expect((await sign(p)).kind).toBe("ok");
    await db.db
      .update(projects)
      .set({ stage: "registered", registeredOn: addDays(today, -20) })
      .where(eq(projects.id, p.id));
    return current(p.id);
  }

  const start = (viewer: Viewer, p: { id: number; version: number }, approvalOverride?: string) =>
    moveProjectForward(viewer, p.id, "construction", { version: p.version, businessOn: addDays(today, -1), approvalOverride });

  it("开工 is refused while a required item is open, and goes once each is approved or not applicable", async () => {
    const p = await registeredProject();
    expect(await start(world.a.staff1, p)).toMatchObject({ kind: "invalid", fieldErrors: { _form: "stage.error.approvalsOpen" } });
    // The owner is not the manager: a reason does not let them through.
    expect(await start(world.a.staff1, p, "投资方急于开工")).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "stage.error.overrideManagerOnly" },
    });
    for (const item of (await items(p.id)).filter((i) => i.requiredForConstruction)) {
      const result =
        item.name === "能评"
          ? await setApprovalApplicable(world.a.staff1, p.id, item.id, {
              version: item.version,
              notApplicable: true,
              notApplicableReason: "年耗能低于限额",
            })
          : await workApproval(world.a.staff1, p.id, item.id, {
              version: item.version,
              submittedOn: addDays(today, -10),
              acceptedOn: addDays(today, -9),
              approvedOn: addDays(today, -2),
            });
      expect(result.kind).toBe("ok");
    }
    const moved = await start(world.a.staff1, await current(p.id));
    expect(moved.kind).toBe("ok");
    const [event] = await db.db
      .select()
      .from(projectEvents)
      .where(and(eq(projectEvents.projectId, p.id), eq(projectEvents.toStage, "construction")));
    expect(event.gateOverrideReason).toBeNull();
  });

  it("the manager overrides with a reason: the move goes through, the reason in the history and the audit log", async () => {
    const p = await registeredProject();
    expect(await start(world.a.manager, p)).toMatchObject({ kind: "invalid", fieldErrors: { _form: "stage.error.approvalsOpen" } });
    expect((await start(world.a.manager, p, "环评承诺制，先行开工")).kind).toBe("ok");
    const [event] = await db.db
      .select()
      .from(projectEvents)
      .where(and(eq(projectEvents.projectId, p.id), eq(projectEvents.toStage, "construction")));
    expect(event.gateOverrideReason).toBe("环评承诺制，先行开工");
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, "project"),
          eq(auditLog.entityId, p.id),
          eq(auditLog.action, "stage_forward"),
          sql`${auditLog.after} ? 'approvalOverride'`,
        ),
      );
    expect(audit.after).toMatchObject({ stage: "construction", approvalOverride: "环评承诺制，先行开工" });
    expect((audit.after as { openApprovals: string[] }).openApprovals).toContain("环评");
  });

  it("two people saving the same item at once: the second is refused as a conflict naming the first, nothing lost", async () => {
    const p = await registeredProject();
    const [item] = await items(p.id);
    const first = await workApproval(world.a.staff1, p.id, item.id, { version: item.version, submittedOn: addDays(today, -5) });
    expect(first.kind).toBe("ok");
    const second = await workApproval(world.a.manager, p.id, item.id, { version: item.version, submittedOn: addDays(today, -4), note: "晚一步" });
    expect(second).toMatchObject({ kind: "conflict", detail: { by: world.a.staff1.displayName, version: item.version + 1 } });
    const [after] = await db.db.select().from(projectApprovals).where(eq(projectApprovals.id, item.id));
    expect(after).toMatchObject({ submittedOn: addDays(today, -5), note: null, version: item.version + 1 });
  });

  it("the agent works their item and sees it on the desk; overdue items and escalations reach the chasing lists", async () => {
    const p = await registeredProject();
    const [item] = await items(p.id);
    // The manager names staff2 (not the owner) as agent; the item was submitted more days ago than allowed.
    const long = addDays(today, -(item.allowedDays + 2));
    expect((await workApproval(world.a.manager, p.id, item.id, { version: item.version, agentId: world.a.staff2.id, submittedOn: long })).kind).toBe(
      "ok",
    );
    expect((await myApprovalItems(world.a.staff2)).map((i) => [i.id, i.light])).toEqual([[item.id, "overdue"]]);
    // The agent may not hand the item on to someone else.
    const [now] = await db.db.select().from(projectApprovals).where(eq(projectApprovals.id, item.id));
    expect(await workApproval(world.a.staff2, p.id, item.id, { version: now.version, agentId: world.a.staff1.id, submittedOn: long })).toMatchObject({
      kind: "invalid",
      fieldErrors: { agentId: "approvals.error.agentByEditor" },
    });
    expect((await overdueApprovals(world.a.manager)).map((i) => i.id)).toContain(item.id);
    expect((await overdueApprovals(world.leader)).map((i) => i.id)).toContain(item.id);

    expect((await logBlocker(world.a.staff2, p.id, item.id, "土地证未下发")).kind).toBe("ok");
    const [{ id: blockerId }] = await db.db
      .select({ id: approvalBlockers.id })
      .from(approvalBlockers)
      .where(eq(approvalBlockers.approvalId, item.id));
    // The agent logs, the owner or manager escalates.
    expect((await escalateBlocker(world.a.staff2, p.id, item.id, { blockerId, escalationDueOn: addDays(today, 5) })).kind).toBe("forbidden");
    expect((await escalateBlocker(world.a.staff1, p.id, item.id, { blockerId, escalationDueOn: addDays(today, 5) })).kind).toBe("ok");
    expect((await openEscalations(world.leader)).map((e) => [e.blockerId, e.escalationDueOn, e.overdue])).toContainEqual([
      blockerId,
      addDays(today, 5),
      false,
    ]);
  });
});
