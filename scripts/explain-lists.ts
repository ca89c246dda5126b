// npm run explain:lists — what each list query costs PostgreSQL: the statements the list pages and the layout send
// (captured from the real module functions, as the bench's roles), each run under EXPLAIN (ANALYZE, BUFFERS) and
// summed up: planning and execution time, shared buffers hit and read, and whether the page walks an index only.
// pg_stat_statements would give the same per statement, but it must be preloaded at the server's start.
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

const url = process.env.DATABASE_URL;
if (!url) throw new Error("explain:lists needs DATABASE_URL (a database seeded by npm run bench:seed)");
const captured: { query: string; params: unknown[] }[] = [];
const client = postgres(url, {
  max: 1,
  onnotice: () => {},
  connection: { plan_cache_mode: "force_custom_plan" },
  debug: (_conn, query, params) => captured.push({ query, params: params as unknown[] }),
});
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
  for (const { query, params: values } of statements) {
    if (/^\s*select version\b/i.test(query)) continue;
    const plan = (await client.unsafe(`explain (analyze, buffers, format json) ${query}`, values as never[]))[0]["QUERY PLAN"][0];
    const text = JSON.stringify(plan.Plan);
    const hit = plan.Plan["Shared Hit Blocks"] ?? 0;
    const read = plan.Plan["Shared Read Blocks"] ?? 0;
    const nodes = [...new Set([...text.matchAll(/"Node Type":"([^"]+)"/g)].map((m) => m[1]))].filter((n) => /Scan/.test(n));
    planning += plan["Planning Time"];
    execution += plan["Execution Time"];
    console.log(
      `- ${plan["Planning Time"].toFixed(2)} ms planning, ${plan["Execution Time"].toFixed(2)} ms execution, buffers ${hit} hit / ${read} read; ${nodes.join(", ")}: ${query.replace(/\s+/g, " ").slice(0, 110)}…`,
    );
  }
  console.log(`total: ${planning.toFixed(1)} ms planning + ${execution.toFixed(1)} ms execution`);
}
await client.end();
