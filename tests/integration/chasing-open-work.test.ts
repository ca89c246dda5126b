// 督办 (issue 19): a next action kept on a project in 投产, 搁置 or 流失 is past day-to-day work. The manager's
// "下一步逾期" list, its count and the team's overdue figure leave it out, as the reminders and the group robot do;
// the project itself still shows it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { projects } from "../../db/schema";
import { parseBoardParams } from "../../app/modules/pipeline/pipeline.schema";
import { countChasing, getTeam, listChasing } from "../../app/modules/pipeline/pipeline.server";
import { sweepReminders } from "../../app/modules/notifications/reminders.server";
import { getProjectForViewer } from "../../app/modules/projects/projects.server";
import type { ProjectStage } from "../../app/lib/domain-values";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createUser } from "../support/factories";

const TODAY = "2026-11-27";

describe.each(databaseKinds())("the chasing list counts only open work (%s)", (kind) => {
  let db: TestDatabase;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let staff: typeof manager;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    const company = ref.companies.filter((c) => c.kind === "attraction")[5];
    manager = await createUser(db.db, { zoneId: ref.zoneId, companyId: company.id, role: "manager" });
    staff = await createUser(db.db, { zoneId: ref.zoneId, companyId: company.id, role: "staff" });
    // Each project keeps an open next action that fell due a week ago.
    const mk = async (key: string, stage: ProjectStage, status: "active" | "on_hold" | "lost" = "active") => {
      const p = await createProject(db.db, {
        zoneId: ref.zoneId,
        clusterId: ref.clusters[0].id,
        companyId: company.id,
        ownerId: staff.id,
        stage,
        status,
      });
      await db.db
        .update(projects)
        .set({ nextAction: `准备会商材料-${key}`, nextActionOn: "2026-11-20", lastActivityOn: "2026-11-20" })
        .where(eq(projects.id, p.id));
      ids[key] = p.id;
    };
    await mk("negotiating", "negotiating");
    await mk("construction", "construction");
    await mk("production", "production");
    await mk("onHold", "negotiating", "on_hold");
    await mk("lost", "evaluating", "lost");
  });
  afterAll(() => db?.dispose());

  it("下一步逾期 lists and counts the active projects before 投产 only", async () => {
    const filters = parseBoardParams(new URLSearchParams()).filters;
    const listed = await listChasing(manager, filters, "overdue", "days", "desc", TODAY);
    expect(listed.rows.map((r) => r.id).sort()).toEqual([ids.negotiating, ids.construction].sort());
    expect(listed.total).toBe(2);
    expect((await countChasing(manager, filters, TODAY)).overdue).toBe(2);
    // The same rule as the reminders: exactly these two owners' reminders are made.
    const swept = await sweepReminders(manager.zoneId, TODAY);
    expect("made" in swept && swept.made.due).toBe(2);
  });

  it("the team's overdue figure counts the same projects", async () => {
    const team = await getTeam(manager, staff.companyId!, TODAY);
    expect(team.find((m) => m.id === staff.id)).toMatchObject({ overdue: 2 });
  });

  it("the kept next action stays visible on the project in 投产", async () => {
    const page = await getProjectForViewer(manager, ids.production);
    expect(page?.project).toMatchObject({ nextAction: "准备会商材料-production", nextActionOn: "2026-11-20" });
  });
});
