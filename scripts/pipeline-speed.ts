// Measures the pipeline queries with 25,000 projects in one company: node --import tsx scripts/pipeline-speed.ts
// Uses a scratch PostgreSQL database next to DATABASE_URL (dropped afterwards), or in-memory PGlite without it.
// Prints the median of 7 runs per query, after one warm-up run.
import { openDatabase, setDatabase } from "../db/index";
import { setupReferenceZone } from "../db/seed/reference";
import { users } from "../db/schema";
import type { Viewer } from "../app/modules/auth/policy";
import { countChasing, getBoard, getFunnel, getTeam, listChasing } from "../app/modules/pipeline/pipeline.server";
import { parseBoardParams } from "../app/modules/pipeline/pipeline.schema";
import { listProjects } from "../app/modules/projects/projects.server";
import { parseProjectListParams } from "../app/modules/projects/projects.schema";
import { sweepReminders } from "../app/modules/notifications/reminders.server";
import { createScratchPostgresDatabase } from "../tests/support/db";
import { insertBulkPipeline } from "../tests/support/bulk-pipeline";

const N = Number(process.env.PROJECTS ?? 25_000);
const TODAY = "2026-11-27";
const scratch = process.env.DATABASE_URL ? await createScratchPostgresDatabase() : null;
const handle = await openDatabase(scratch ? { url: scratch.url } : { inMemory: true });
try {
  await handle.migrate();
  setDatabase(handle);
  const ref = await setupReferenceZone(handle.db, { passwordHash: "x" });
  const company = ref.companies.find((c) => c.kind === "attraction")!;
  const made = await handle.db
    .insert(users)
    .values([
      { zoneId: ref.zoneId, companyId: company.id, role: "manager", login: "bulk_mgr", displayName: "负责人", passwordHash: "x" },
      ...Array.from({ length: 12 }, (_, i) => ({
        zoneId: ref.zoneId,
        companyId: company.id,
        role: "staff" as const,
        login: `bulk_s${i}`,
        displayName: `专员${i}`,
        passwordHash: "x",
      })),
    ])
    .returning({ id: users.id, role: users.role });
  const manager: Viewer = { id: made[0].id, zoneId: ref.zoneId, companyId: company.id, role: "manager" };
  const started = performance.now();
  await insertBulkPipeline(
    handle,
    {
      zoneId: ref.zoneId,
      companyId: company.id,
      clusterIds: ref.clusters.slice(0, 3).map((c) => c.id),
      ownerIds: made.map((u) => u.id),
      managerId: manager.id,
    },
    N,
    TODAY,
  );
  console.log(`${handle.kind}: ${N} projects inserted in ${Math.round(performance.now() - started)} ms`);
  const none = parseBoardParams(new URLSearchParams()).filters;
  const owner = parseBoardParams(new URLSearchParams(`owner=${made[3].id}`)).filters;
  const cases: [string, () => Promise<unknown>][] = [
    ["board (8 columns + aggregate)", () => getBoard(manager, none, {}, TODAY)],
    ["board filtered by owner", () => getBoard(manager, owner, {}, TODAY)],
    ["board, one column page 2", () => getBoard(manager, none, { negotiating: 20_000 }, TODAY, "negotiating")],
    ["list (default sort, first page)", () => listProjects(manager, parseProjectListParams(new URLSearchParams()))],
    ["list light=red by investment", () => listProjects(manager, parseProjectListParams(new URLSearchParams("light=red&sort=investment")))],
    ["chasing: stale", () => listChasing(manager, none, "stale", "days", "desc", TODAY)],
    ["chasing: overdue", () => listChasing(manager, none, "overdue", "days", "desc", TODAY)],
    ["chasing: red", () => listChasing(manager, none, "red", "days", "desc", TODAY)],
    ["chasing: yellow by owner", () => listChasing(manager, none, "yellow", "owner", "asc", TODAY)],
    ["chasing: tab counts", () => countChasing(manager, none, TODAY)],
    ["team", () => getTeam(manager, company.id, TODAY)],
    ["funnel (this year)", () => getFunnel(manager, undefined, "2026-01-01", TODAY)],
    ["reminder sweep (repeat, nothing new)", () => sweepReminders(ref.zoneId, TODAY)],
  ];
  await sweepReminders(ref.zoneId, TODAY);
  for (const [name, run] of cases) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(40)} median ${times[3].toFixed(1).padStart(7)} ms   (min ${times[0].toFixed(1)}, max ${times[6].toFixed(1)})`);
  }
} finally {
  setDatabase(undefined);
  await handle.close();
  await scratch?.drop();
}
