// Many people saving the same few projects at once: every accepted save is kept, every refused one is told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { activities, auditLog, projects } from "../../db/schema";
import { todayInZone } from "../../app/lib/dates";
import { createProjectSchema, updateProjectSchema } from "../../app/modules/projects/project-form.schema";
import { createProject, updateProject } from "../../app/modules/projects/project-edits.server";
import { moveProjectForward } from "../../app/modules/projects/project-stages.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createInvestor, createReferenceZone, createTwoCompanies } from "../support/factories";

describe.each(databaseKinds())("concurrent writers (%s)", (kind) => {
  let db: TestDatabase;
  let ref: Awaited<ReturnType<typeof createReferenceZone>>;
  let a: Awaited<ReturnType<typeof createTwoCompanies>>["a"];
  let investor: Awaited<ReturnType<typeof createInvestor>>;
  const ids: number[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    a = (await createTwoCompanies(db.db, ref)).a;
    investor = await createInvestor(db.db, { zoneId: ref.zoneId });
    // Owned by staff1; staff1 (the owner) and the manager may both edit them.
    for (let i = 0; i < 4; i++) {
      const created = await createProject(
        a.manager,
        createProjectSchema.parse({
          name: `并发项目${i}号基地`,
          investorName: investor.name,
          clusterId: String(ref.clusters[i].id),
          ownerId: String(a.staff1.id),
        }),
      );
      if (created.kind !== "ok") throw new Error(`not created: ${JSON.stringify(created)}`);
      ids.push(created.value.id);
    }
  });
  afterAll(() => db?.dispose());

  it("loses no accepted update and tells every refused writer", async () => {
    const edited = ids.slice(0, 3);

    const WRITERS = 36;
    type Outcome = { writer: string; projectId: number; result: "ok" | "conflict"; attempts: number };
    // Each writer opens the form (reads the version), then saves; on a conflict it reloads and saves once more,
    // as a person would after seeing the conflict screen.
    const writer = async (n: number): Promise<Outcome[]> => {
      const projectId = edited[n % edited.length];
      const viewer = n % 2 ? a.manager : a.staff1;
      const outcomes: Outcome[] = [];
      for (let attempt = 1; attempt <= 2; attempt++) {
        const [{ version }] = await db.db.select({ version: projects.version }).from(projects).where(eq(projects.id, projectId));
        const input = updateProjectSchema.parse({
          name: `并发项目${ids.indexOf(projectId)}号基地`,
          investorName: investor.name,
          clusterId: String(ref.clusters[ids.indexOf(projectId)].id),
          note: `writer-${n}-try-${attempt}`,
          plannedInvestmentWan: `${1000 + n}.${attempt}0`,
          version: String(version),
        });
        const result = await updateProject(viewer, projectId, input);
        if (result.kind !== "ok" && result.kind !== "conflict") throw new Error(`unexpected refusal: ${JSON.stringify(result)}`);
        outcomes.push({ writer: `writer-${n}-try-${attempt}`, projectId, result: result.kind === "ok" ? "ok" : "conflict", attempts: attempt });
        if (result.kind === "ok") break;
      }
      return outcomes;
    };
    const outcomes = (await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)))).flat();

    expect(outcomes.every((o) => o.result === "ok" || o.result === "conflict")).toBe(true);
    for (const projectId of edited) {
      const accepted = outcomes.filter((o) => o.projectId === projectId && o.result === "ok").map((o) => o.writer);
      const refused = outcomes.filter((o) => o.projectId === projectId && o.result === "conflict").map((o) => o.writer);
      const [p] = await db.db.select().from(projects).where(eq(projects.id, projectId));
      // Every accepted save advanced the version by exactly one …
      expect(p.version).toBe(1 + accepted.length);
      // … and left exactly one audit row, in the order they were applied; no refused save left a trace.
      const rows = await db.db
        .select({ after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, projectId), eq(auditLog.action, "update")))
        .orderBy(asc(auditLog.id));
      const notes = rows.map((r) => (r.after as { note?: string }).note);
      expect([...notes].sort()).toEqual([...accepted].sort());
      for (const writerNote of refused) expect(notes).not.toContain(writerNote);
      // The saved note is the last accepted one.
      expect(p.note).toBe(notes.at(-1));
    }
    if (kind === "postgres") {
      // Real concurrency happened: some first attempts were refused.
      expect(outcomes.filter((o) => o.result === "conflict").length).toBeGreaterThan(0);
    }
  });

  it("two people moving the same project forward at once: exactly one wins", async () => {
    const projectId = ids[3];
    await db.db
      .insert(activities)
      .values({ projectId, companyId: a.company.id, kind: "call", occurredOn: todayInZone(), summary: "电话", createdById: a.staff1.id });
    const [{ version }] = await db.db.select({ version: projects.version }).from(projects).where(eq(projects.id, projectId));
    const move = (viewer: typeof a.staff1) =>
      moveProjectForward(viewer, projectId, "contacted", { version, businessOn: todayInZone(), note: undefined });
    const results = await Promise.all([move(a.staff1), move(a.manager), move(a.staff1)]);
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "conflict")).toHaveLength(2);
    const events = await db.query<{ n: number }>("select count(*)::int as n from project_events where project_id = $1 and kind = 'stage'", [
      projectId,
    ]);
    expect(events[0].n).toBe(1);
  });
});
