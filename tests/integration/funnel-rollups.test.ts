// project_stage_firsts (migration 0009) is derived data the funnel reads instead of pivoting every stage event of
// the company's projects: it must equal the events pivoted the plain way after every kind of write — single and
// bulk inserts, an earlier or later date, another stage, an event moved to another project, updates that change
// nothing it holds, deletes, owner and status events, a project moved to another company or made confidential, a
// project deleted with its events — and the funnel must give, for every role, what the pivot over the events in
// the project list's scope gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SQL } from "drizzle-orm";
import { and, eq, inArray, sql } from "drizzle-orm";
import { seedDemo } from "~db/seed/demo";
import { getDb } from "~db/index";
import { projectEvents, projects } from "~db/schema";
import { PROJECT_STAGES } from "~/lib/domain-values";
import type { Viewer } from "~/modules/auth/policy";
import { getFunnel } from "~/modules/pipeline/pipeline.server";
import { projectScopeWhere } from "~/modules/projects/projects.server";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createUser } from "../support/factories";

/** Each stage and the one after it in PROJECT_STAGES, as SQL rows (independent of the enum's declared order). */
const NEXT = PROJECT_STAGES.slice(0, -1)
  .map((s, i) => `('${s}'::project_stage, '${PROJECT_STAGES[i + 1]}'::project_stage)`)
  .join(", ");

/** The funnel's figures computed the way they were before the rollup: every stage event pivoted per project. */
async function pivotFunnel(viewer: Viewer, companyId: number | undefined, from: string, to: string) {
  const scope: SQL[] = [projectScopeWhere(viewer)];
  if (viewer.role === "staff" || viewer.role === "manager")
    scope.push(viewer.companyId === null ? sql`false` : eq(projects.companyId, viewer.companyId));
  if (viewer.role === "leader" && companyId) scope.push(eq(projects.companyId, companyId));
  const reachedOn = Object.fromEntries(
    PROJECT_STAGES.map((s) => [
      `s_${s}`,
      sql<string | null>`min(${projectEvents.businessOn}) filter (where ${projectEvents.toStage} = ${s}::project_stage)`.as(`s_${s}`),
    ]),
  );
  const db = getDb();
  const pivot = db
    .select({ projectId: projectEvents.projectId, ...reachedOn })
    .from(projectEvents)
    .innerJoin(projects, eq(projects.id, projectEvents.projectId))
    .where(and(...scope, inArray(projectEvents.kind, ["created", "imported", "stage"]), sql`${projectEvents.toStage} is not null`))
    .groupBy(projectEvents.projectId)
    .as("pivot");
  const col = (s: string) => sql.raw(`"pivot"."s_${s}"`);
  const inPeriod = (c: SQL) => sql`${c} between ${from}::date and ${to}::date`;
  const fields: Record<string, SQL.Aliased> = {};
  PROJECT_STAGES.forEach((s, i) => {
    fields[`reached_${s}`] = sql<number>`(count(*) filter (where ${inPeriod(col(s))}))::int`.as(`reached_${s}`);
    const next = PROJECT_STAGES[i + 1];
    if (next) {
      fields[`advanced_${s}`] = sql<number>`(count(*) filter (where ${inPeriod(col(s))} and ${col(next)} is not null))::int`.as(`advanced_${s}`);
      fields[`median_${s}`] = sql<string | null>`(round((percentile_cont(0.5) within group (order by (${col(next)} - ${col(s)}))
        filter (where ${inPeriod(col(next))} and ${col(s)} is not null))::numeric, 1))::text`.as(`median_${s}`);
    }
  });
  const [row] = (await db.select(fields).from(pivot)) as unknown as Record<string, number | string | null>[];
  return PROJECT_STAGES.map((stage, i) => {
    const next = PROJECT_STAGES[i + 1];
    return {
      stage,
      reached: Number(row[`reached_${stage}`]),
      advanced: next ? Number(row[`advanced_${stage}`]) : null,
      medianDaysToNext: next ? ((row[`median_${stage}`] as string | null) ?? null) : null,
    };
  });
}

describe.each(databaseKinds())("the first date of each stage per project (%s)", (kind) => {
  let db: TestDatabase;
  let zoneId: number;
  let companyId: number;
  let otherCompanyId: number;
  let viewers: Record<"leader" | "manager" | "staff" | "admin", Viewer>;
  let other: Awaited<ReturnType<typeof createOtherZone>>;
  let otherProjectId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    zoneId = ref.zoneId;
    await seedDemo(db.db, ref, { passwordHash: "x", today: "2026-11-27", projects: 120 });
    const [big, second] = await db.query<{ company_id: number }>(
      `select company_id from projects where zone_id = $1 group by company_id order by count(*) desc, company_id limit 2`,
      [zoneId],
    );
    companyId = Number(big.company_id);
    otherCompanyId = Number(second.company_id);
    const manager = await createUser(db.db, { zoneId, companyId, role: "manager" });
    const staff = await createUser(db.db, { zoneId, companyId, role: "staff" });
    viewers = {
      leader: { id: ref.leaderId, zoneId, companyId: null, role: "leader" },
      admin: { id: ref.adminId, zoneId, companyId: null, role: "admin" },
      manager: { id: manager.id, zoneId, companyId, role: "manager" },
      staff: { id: staff.id, zoneId, companyId, role: "staff" },
    };
    // Confidential projects of the company: one the staff member owns (theirs to see), one they do not.
    const [mine, notMine] = await db.query<{ id: number }>(`select id from projects where company_id = $1 order by id limit 2`, [companyId]);
    await db.query(`update projects set confidential = true, owner_id = $2 where id = $1`, [mine.id, staff.id]);
    await db.query(`update projects set confidential = true, owner_id = $2 where id = $1`, [notMine.id, manager.id]);
    // Another zone's project with stage events on the same days: never in this zone's funnel.
    other = await createOtherZone(db.db);
    const otherStaff = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    const p = await createProject(db.db, { zoneId: other.zoneId, clusterId: other.clusterId, companyId: other.companyId, ownerId: otherStaff.id });
    otherProjectId = p.id;
    await db.query(
      `insert into project_events (project_id, kind, from_stage, to_stage, business_on)
       values ($1, 'stage', 'lead', 'contacted', '2026-02-01'), ($1, 'stage', 'contacted', 'negotiating', '2026-03-01')`,
      [otherProjectId],
    );
  });
  afterAll(() => db.dispose());

  /** Rows where the rollup and the events pivoted directly disagree. */
  const drift = () =>
    db.query(
      `with firsts as (
         select project_id, to_stage as stage, min(business_on) as reached_on from project_events
         where kind in ('created', 'imported', 'stage') and to_stage is not null group by 1, 2),
       plain as (
         select f.project_id, f.stage, p.zone_id, p.company_id, p.confidential, f.reached_on, n.reached_on as next_on
         from firsts f join projects p on p.id = f.project_id
         left join (values ${NEXT}) as nx(stage, next) on nx.stage = f.stage
         left join firsts n on n.project_id = f.project_id and n.stage = nx.next)
       select * from plain full join project_stage_firsts r using (project_id, stage)
       where (plain.zone_id, plain.company_id, plain.confidential, plain.reached_on, plain.next_on)
         is distinct from (r.zone_id, r.company_id, r.confidential, r.reached_on, r.next_on)`,
    );

  const expectFunnelExact = async () => {
    const cases: [Viewer, number | undefined, string, string][] = [
      [viewers.leader, undefined, "2026-01-01", "2026-12-31"],
      [viewers.leader, companyId, "2026-01-01", "2026-11-27"],
      [viewers.leader, otherCompanyId, "2025-01-01", "2026-12-31"],
      [viewers.manager, undefined, "2026-01-01", "2026-12-31"],
      [viewers.manager, undefined, "2025-07-01", "2025-09-30"],
      [viewers.staff, undefined, "2024-01-01", "2026-12-31"],
      [viewers.admin, undefined, "2026-01-01", "2026-12-31"],
    ];
    let reached = 0;
    for (const [viewer, picked, from, to] of cases) {
      const f = await getFunnel(viewer, picked, from, to);
      const plain = await pivotFunnel(viewer, picked, from, to);
      expect(
        f.stages.map(({ stage, reached, advanced, medianDaysToNext }) => ({ stage, reached, advanced, medianDaysToNext })),
        `${viewer.role} ${picked ?? ""} ${from}..${to}`,
      ).toEqual(plain);
      reached += plain.reduce((s, x) => s + x.reached, 0);
    }
    expect(reached).toBeGreaterThan(0);
  };

  const someProjects = (n: number) =>
    db.query<{ id: number }>(`select id from projects where zone_id = $1 and company_id = $2 order by id desc limit $3`, [zoneId, companyId, n]);

  it("is exact after the demo seed (written through the triggers) and gives the funnel the pivot's figures for every role", async () => {
    expect(await drift()).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from project_stage_firsts where zone_id = $1`, [zoneId]);
    expect(n).toBeGreaterThan(120);
    await expectFunnelExact();
    const otherZone = await getFunnel({ ...viewers.leader, zoneId: other.zoneId }, undefined, "2026-01-01", "2026-12-31");
    expect(otherZone.stages.find((s) => s.stage === "contacted")!.reached).toBe(1);
  });

  it("stays exact through inserts, bulk inserts, other dates and stages, moved events, no-op updates and deletes", async () => {
    const [a, b, c] = await someProjects(3);
    // An earlier first date, and a stage reached again later (the first date stays).
    await db.query(
      `insert into project_events (project_id, kind, from_stage, to_stage, business_on) values ($1, 'stage', 'lead', 'contacted', '2020-01-05')`,
      [a.id],
    );
    await db.query(
      `insert into project_events (project_id, kind, from_stage, to_stage, business_on) values ($1, 'stage', 'lead', 'contacted', '2026-06-05')`,
      [a.id],
    );
    expect(await drift()).toEqual([]);
    // A bulk insert over many projects, stages skipped and reached out of order.
    await db.query(
      `insert into project_events (project_id, kind, from_stage, to_stage, business_on)
       select id, 'stage', 'negotiating', (array['signed', 'evaluating', 'registered']::project_stage[])[1 + id % 3], date '2026-02-01' + (id % 200)
       from projects where zone_id = $1`,
      [zoneId],
    );
    expect(await drift()).toEqual([]);
    // Another date, another stage, an event moved to another project.
    await db.query(`update project_events set business_on = business_on - 400 where project_id = $1 and kind = 'stage'`, [b.id]);
    await db.query(`update project_events set to_stage = 'construction' where id = (select max(id) from project_events where project_id = $1)`, [
      b.id,
    ]);
    await db.query(
      `update project_events set project_id = $2 where id = (select min(id) from project_events where project_id = $1 and to_stage is not null)`,
      [c.id, a.id],
    );
    expect(await drift()).toEqual([]);
    // Updates that change nothing the rollup holds; owner and status events.
    await db.query(`update project_events set note = 'checked' where project_id in ($1, $2)`, [a.id, b.id]);
    await db.query(
      `insert into project_events (project_id, kind, from_status, to_status, business_on) values ($1, 'status', 'active', 'on_hold', '2026-04-01')`,
      [c.id],
    );
    expect(await drift()).toEqual([]);
    // Deletes: one event, then every stage event of a project.
    await db.query(`delete from project_events where id = (select max(id) from project_events where project_id = $1 and to_stage is not null)`, [
      a.id,
    ]);
    await db.query(`delete from project_events where project_id = $1 and to_stage is not null`, [c.id]);
    expect(await drift()).toEqual([]);
    await expectFunnelExact();
  });

  it("follows a project to another company, into confidentiality and out of the database", async () => {
    const [a, b, c] = await someProjects(3);
    await db.query(`update projects set company_id = $2 where id = $1`, [a.id, otherCompanyId]);
    await db.query(`update projects set confidential = true where id = $1`, [b.id]);
    // An update of the projects that moves nothing (the rollup's columns unchanged).
    await db.query(`update projects set next_action = 'call back' where zone_id = $1`, [zoneId]);
    expect(await drift()).toEqual([]);
    await expectFunnelExact();
    await db.query(`delete from projects where id = $1`, [c.id]);
    await db.query(`delete from projects where id = $1`, [otherProjectId]);
    expect(await drift()).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from project_stage_firsts where project_id in ($1, $2)`, [
      c.id,
      otherProjectId,
    ]);
    expect(n).toBe(0);
    await expectFunnelExact();
  });
});
