// Issue 18: every number of the funnel opens the projects behind it. The lost numbers (by stage and reason) list
// exactly the projects the funnel counted, in the viewer's scope (a manager never sees another company's), and the
// drill-down pages by keyset past the old 500-row cap, each project once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LostReason, ProjectStage } from "../../app/lib/domain-values";
import type { Viewer } from "../../app/modules/auth/policy";
import type { FunnelNumber } from "../../app/modules/pipeline/funnel.server";
import { funnelAtLeast, funnelProjects } from "../../app/modules/pipeline/funnel.server";
import { parseFunnelDrill } from "../../app/modules/pipeline/pipeline.schema";
import { getFunnel } from "../../app/modules/pipeline/pipeline.server";
import { openCursor, sealCursor } from "../../app/modules/http/sealed-cursor.server";
import { funnelCursorSchema } from "../../app/modules/pipeline/pipeline.schema";
import { insertBulkPipeline } from "../support/bulk-pipeline";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createTwoCompanies } from "../support/factories";

const PERIOD = { from: "2020-01-01", to: "2030-12-31" };

describe.each(databaseKinds())("the funnel's drill-down (%s)", (kind) => {
  let db: TestDatabase;
  let leader: Viewer;
  let managerA: Viewer;
  let companyA: number;
  let companyB: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    companyA = a.company.id;
    companyB = b.company.id;
    leader = { id: ref.leaderId, zoneId: ref.zoneId, companyId: null, role: "leader" };
    managerA = { id: a.manager.id, zoneId: ref.zoneId, companyId: companyA, role: "manager" };
    const clusterIds = [ref.clusters[0].id];
    // 620 projects in A (31 lost, some confidential), 140 in B (7 lost): set-based, a second or two.
    await insertBulkPipeline(
      db,
      { zoneId: ref.zoneId, companyId: companyA, clusterIds, ownerIds: [a.staff1.id, a.staff2.id], managerId: a.manager.id },
      620,
    );
    await db.query(`update projects set code = 'A' || code where company_id = $1`, [companyA]);
    await insertBulkPipeline(db, { zoneId: ref.zoneId, companyId: companyB, clusterIds, ownerIds: [b.staff1.id], managerId: b.manager.id }, 140);
    // Lost without a reason (the funnel's "—" row) and for another reason, in both companies.
    await db.query(`update projects set lost_reason = null where status = 'lost' and id % 3 = 0`);
    await db.query(`update projects set lost_reason = 'failed_review' where status = 'lost' and id % 3 = 1`);
  }, 120_000);
  afterAll(() => db?.dispose());

  /** Every page of a drill-down, following `next` as the page's 下一页 link does. */
  async function allPages(viewer: Viewer, companyId: number | undefined, number: FunnelNumber, size = 100) {
    const ids: number[] = [];
    let after: { on: string; id: number } | undefined;
    let pages = 0;
    let total = -1;
    for (;;) {
      const page = await funnelProjects(viewer, companyId, { ...PERIOD, ...number }, { after, size });
      total = page.total;
      pages++;
      // A cursor that does not move on would page forever.
      expect(pages).toBeLessThan(20);
      expect(page.rows.length).toBeLessThanOrEqual(size);
      ids.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    return { ids, pages, total };
  }

  /** The lost projects of a company counted independently of the app's query. */
  async function lostIds(companyIds: number[], stage?: ProjectStage, reason?: LostReason | "none") {
    const rows = await db.query<{ id: number }>(
      `select p.id from projects p where p.company_id = any($1::int[]) and p.status = 'lost'
         and exists (select 1 from project_events e where e.project_id = p.id and e.kind = 'status' and e.to_status = 'lost'
                     and e.business_on between $2::date and $3::date)
         and ($4::text is null or p.stage::text = $4) and ($5::text is null or coalesce(p.lost_reason::text, 'none') = $5)`,
      [companyIds, PERIOD.from, PERIOD.to, stage ?? null, reason ?? null],
    );
    return rows.map((r) => Number(r.id)).sort((x, y) => x - y);
  }

  const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);

  it("each lost number lists exactly the projects it counts: a manager's own company only, a leader's whole zone", async () => {
    for (const [viewer, companies] of [
      [managerA, [companyA]],
      [leader, [companyA, companyB]],
    ] as const) {
      const funnel = await getFunnel(viewer, undefined, PERIOD.from, PERIOD.to);
      expect(funnel.lost.length).toBeGreaterThan(3);
      for (const row of funnel.lost) {
        const reason = row.reason ?? "none";
        const list = await allPages(viewer, undefined, { status: "lost", stage: row.stage, reason });
        expect(list.total).toBe(row.n);
        expect(sorted(list.ids)).toEqual(await lostIds([...companies], row.stage, reason));
      }
      const all = await allPages(viewer, undefined, { status: "lost" });
      expect(all.total).toBe(funnel.lostTotal);
      expect(sorted(all.ids)).toEqual(await lostIds([...companies]));
    }
    // The manager's list never holds another company's project, whatever company the URL names.
    const others = new Set(await lostIds([companyB]));
    const asManager = await allPages(managerA, companyB, { status: "lost" });
    expect(asManager.ids.some((id) => others.has(id))).toBe(false);
    // A leader picking company B sees B's lost projects and only those.
    expect(sorted((await allPages(leader, companyB, { status: "lost" })).ids)).toEqual(await lostIds([companyB]));
  });

  it("pages past 500 rows by keyset: every project once, the count the funnel's", async () => {
    const funnel = await getFunnel(managerA, undefined, PERIOD.from, PERIOD.to);
    const atLeast = await funnelAtLeast(managerA, undefined, PERIOD.from, PERIOD.to);
    expect(atLeast.lead).toBeGreaterThan(500);
    const list = await allPages(managerA, undefined, { stage: "lead", measure: "atLeast" });
    expect(list.total).toBe(atLeast.lead);
    expect(list.ids.length).toBe(atLeast.lead);
    expect(new Set(list.ids).size).toBe(list.ids.length);
    expect(list.pages).toBe(Math.ceil(atLeast.lead / 100));
    const reached = await allPages(managerA, undefined, { stage: "lead", measure: "reached" }, 97);
    expect(reached.total).toBe(funnel.stages.find((s) => s.stage === "lead")!.reached);
    expect(new Set(reached.ids).size).toBe(reached.total);
  });

  it("reads its filter with zod: an unknown stage, status or reason names no number", () => {
    const parse = (q: string) => parseFunnelDrill(new URLSearchParams(q));
    expect(parse("status=lost&stage=negotiating&reason=none")).toMatchObject({ status: "lost", stage: "negotiating", reason: "none" });
    expect(parse("stage=signed&measure=atLeast")).toMatchObject({ stage: "signed", measure: "atLeast" });
    expect(parse("stage=signed")).toMatchObject({ measure: "reached" });
    expect(parse("status=lost&reason=bribery")).toBeNull();
    expect(parse("status=on_hold&stage=signed")).toBeNull();
    expect(parse("stage=nowhere")).toBeNull();
    expect(parse("measure=reached")).toBeNull();
  });

  it("a sealed cursor opens only unchanged, for the same viewer", () => {
    const sealed = sealCursor("funnel-projects", managerA.id, { on: "2026-01-02", id: 5 });
    expect(openCursor("funnel-projects", managerA.id, funnelCursorSchema, sealed)).toEqual({ on: "2026-01-02", id: 5 });
    expect(openCursor("funnel-projects", leader.id, funnelCursorSchema, sealed)).toBeUndefined();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(openCursor("funnel-projects", managerA.id, funnelCursorSchema, flipped)).toBeUndefined();
    expect(openCursor("funnel-projects", managerA.id, funnelCursorSchema, "eyJvbiI6IjIwMjYtMDEtMDIiLCJpZCI6NX0")).toBeUndefined();
  });
});
