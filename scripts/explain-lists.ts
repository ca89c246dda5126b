// npm run explain:lists — what each list query costs PostgreSQL: the statements the list pages and the layout send
// (captured from the real module functions, as the bench's roles), each run under EXPLAIN (ANALYZE, BUFFERS) and
// summed up: planning and execution time, shared buffers hit and read, and whether the page walks an index only.
// pg_stat_statements would give the same per statement, but it must be preloaded at the server's start. With
// `--cpu N` each statement is also run N times as a named prepared statement on a connection of its own (as the app
// sends them: prepared, and planned for their parameters on every run, db/index.ts), and that backend's CPU per run is printed (/proc).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { setDatabase } from "../db/index";
import type { Database, DatabaseHandle } from "../db/index";
import * as schema from "../db/schema";
import type { Viewer } from "../app/modules/auth/policy";
import { loadLayoutFacts } from "../app/modules/layout/layout-facts.server";
import { listFilterOptions, listProjects } from "../app/modules/projects/projects.server";
import { parseProjectListParams } from "../app/modules/projects/projects.schema";

const { values: flags } = parseArgs({ options: { cpu: { type: "string", default: "0" } } });
const cpuRuns = Number(flags.cpu);
const url = process.env.DATABASE_URL;
if (!url) throw new Error("explain:lists needs DATABASE_URL (a database seeded by npm run bench:seed)");
const captured: { query: string; params: unknown[] }[] = [];
const client = postgres(url, {
  max: 1,
  onnotice: () => {},
  connection: { plan_cache_mode: "force_custom_plan" },
  debug: (_conn, query, params) => captured.push({ query, params: params as unknown[] }),
});
// The statements run as the app runs them (prepared, planned for their parameters every time), for their CPU.
const runner = postgres(url, { max: 1, onnotice: () => {}, connection: { plan_cache_mode: "force_custom_plan" } });
const [{ pid: runnerPid }] = await runner<{ pid: number }[]>`select pg_backend_pid() as pid`;
const backendMs = () => {
  const fields = fs.readFileSync(`/proc/${runnerPid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 10 ms ticks
};
const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Database;
const handle = { db, kind: "postgres", location: url, migrate: async () => {}, query: async () => [], close: () => client.end() };
setDatabase(handle as unknown as DatabaseHandle);

const logins = { staff: process.env.BENCH_STAFF ?? "xc_s1", manager: process.env.BENCH_MANAGER ?? "xc_mgr", leader: "leader" };
const rows = await db
  .select({ id: schema.users.id, zoneId: schema.users.zoneId, companyId: schema.users.companyId, role: schema.users.role, login: schema.users.login })
  .from(schema.users)
  .where(inArray(schema.users.login, Object.values(logins)));

for (const [role, login] of Object.entries(logins)) {
  const viewer = rows.find((r) => r.login === login) as Viewer | undefined;
  if (!viewer) throw new Error(`no user ${login}`);
  const params = parseProjectListParams(new URLSearchParams());
  captured.length = 0;
  // Without a session's version: no cache (the version query is one of the statements below).
  await listProjects(viewer, params);
  await listFilterOptions({ ...viewer, cacheVersion: null }, undefined);
  await loadLayoutFacts({ ...viewer, cacheVersion: null });
  const statements = [...captured];
  console.log(`\n## projects default (${role}): ${statements.length} statements`);
  let planning = 0;
  let execution = 0;
  let cpu = 0;
  for (const { query, params: values } of statements) {
    if (/^\s*select version\b/i.test(query)) continue;
    const plan = (await client.unsafe(`explain (analyze, buffers, format json) ${query}`, values as never[]))[0]["QUERY PLAN"][0];
    const text = JSON.stringify(plan.Plan);
    const hit = plan.Plan["Shared Hit Blocks"] ?? 0;
    const read = plan.Plan["Shared Read Blocks"] ?? 0;
    const nodes = [...new Set([...text.matchAll(/"Node Type":"([^"]+)"/g)].map((m) => m[1]))].filter((n) => /Scan/.test(n));
    planning += plan["Planning Time"];
    execution += plan["Execution Time"];
    let cpuText = "";
    if (cpuRuns > 0 && fs.existsSync(`/proc/${runnerPid}/stat`)) {
      for (let i = 0; i < 6; i++) await runner.unsafe(query, values as never[], { prepare: true });
      const before = backendMs();
      for (let i = 0; i < cpuRuns; i++) await runner.unsafe(query, values as never[], { prepare: true });
      const perRun = (backendMs() - before) / cpuRuns;
      cpu += perRun;
      cpuText = `${perRun.toFixed(2)} ms CPU prepared, `;
    }
    console.log(
      `- ${cpuText}${plan["Planning Time"].toFixed(2)} ms planning, ${plan["Execution Time"].toFixed(2)} ms execution, buffers ${hit} hit / ${read} read; ${nodes.join(", ")}: ${query.replace(/\s+/g, " ").slice(0, 110)}…`,
    );
  }
  console.log(
    `total: ${planning.toFixed(1)} ms planning + ${execution.toFixed(1)} ms execution` +
      (cpuRuns > 0 ? `; ${cpu.toFixed(1)} ms of the backend's CPU per page, prepared (${cpuRuns} runs each)` : ""),
  );
}
await client.end();
await runner.end();
