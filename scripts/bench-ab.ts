// npm run bench:ab -- --base DIR [--rounds 6 --slice 6 --only REGEX --ports 3460,3461]
// A/B on a loaded machine: this checkout's build and another's (DIR: a checkout with its own build/ and
// node_modules, e.g. main's) as two server processes side by side on DATABASE_URL (a bench:seed database, ports
// 3460 and 3461 unless --ports gives the base's and this checkout's). Each page's HTML is fetched from both first and written to /tmp for comparison; then, round after
// round, each page gets `--slice` seconds of load at 20 connections on one server and then the other, in random
// order, and the Node and PostgreSQL CPU milliseconds per request are read from /proc. Prints the medians
// (docs/benchmarks.md, "Speed, round 2").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "../db/index";
import type { RunningServer } from "./bench/run";
import { cpuCounters, forgetSecondFactor, load, signIn, startServer, warm } from "./bench/run";
import { BENCH_PASSWORD } from "./bench/seed";

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    rounds: { type: "string", default: "6" },
    slice: { type: "string", default: "6" },
    only: { type: "string" },
    ports: { type: "string", default: "3460,3461" },
  },
});
const url = process.env.DATABASE_URL;
if (!url || !values.base) throw new Error("bench:ab needs DATABASE_URL (a bench:seed database) and --base DIR");
const base = path.resolve(values.base);
const rounds = Number(values.rounds);
const slice = Number(values.slice);
const database = decodeURIComponent(new URL(url).pathname.slice(1));
const [portA, portB] = values.ports.split(",");
if (!portA || !portB) throw new Error("--ports takes two ports: the base's and this checkout's, e.g. 3460,3461");
const staff = process.env.BENCH_STAFF ?? "xc_s1";
const manager = process.env.BENCH_MANAGER ?? "xc_mgr";

const sql = postgres(url, { max: 1 });
const [project] = await sql<{ id: number }[]>`
  select p.id from projects p join users u on u.company_id = p.company_id and u.login = ${staff}
  where p.owner_id = u.id order by p.updated_at desc limit 1`;
await sql.end();
const handle = await openDatabase({ url });
await forgetSecondFactor(handle.db, "leader");
await handle.close();

// The base build runs under its own checkout's server.ts; a session cookie is good on both (same database and secret).
const baseRun = (await import(path.join(base, "scripts/bench/run.ts"))) as { startServer: typeof startServer };
const servers: Record<"A" | "B", RunningServer> = {
  A: await baseRun.startServer(url, { PORT: portA }),
  B: await startServer(url, { PORT: portB }),
};
const cookies: Record<string, string> = {};
for (const login of [staff, manager, "leader"]) cookies[login] = await signIn(servers.B.baseUrl, login, BENCH_PASSWORD);

const pages = [
  { name: "projects (staff)", login: staff, path: "/projects" },
  { name: "projects (manager)", login: manager, path: "/projects" },
  { name: "projects (leader)", login: "leader", path: "/projects" },
  { name: "project page (staff)", login: staff, path: `/projects/${project?.id}` },
  { name: "investors (staff)", login: staff, path: "/investors" },
  { name: "my desk (staff)", login: staff, path: "/my" },
  { name: "board (manager)", login: manager, path: "/pipeline" },
  { name: "static page /login (floor)", login: null, path: "/login" },
].filter((p) => !values.only || new RegExp(values.only).test(p.name));

type Samples = { node: number[]; postgres: number[]; rps: number[]; bytes: number };
const results = new Map<string, Record<"A" | "B", Samples>>();
const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ab-"));
try {
  for (const page of pages) {
    const headers: Record<string, string> = page.login ? { cookie: cookies[page.login]! } : {};
    const entry = {} as Record<"A" | "B", Samples>;
    for (const k of ["A", "B"] as const) {
      await warm(servers[k].baseUrl, { path: page.path }, headers);
      const html = await (await fetch(servers[k].baseUrl + page.path, { headers, redirect: "manual" })).text();
      fs.writeFileSync(path.join(out, `${page.name.replace(/\W+/g, "_")}.${k}.html`), html);
      entry[k] = { node: [], postgres: [], rps: [], bytes: Buffer.byteLength(html) };
    }
    results.set(page.name, entry);
  }
  console.log(`Both builds' pages: ${out} (A = base, B = this checkout)`);
  for (let round = 1; round <= rounds; round++) {
    for (const page of pages) {
      const headers: Record<string, string> = page.login ? { cookie: cookies[page.login]! } : {};
      const order = Math.random() < 0.5 ? (["A", "B"] as const) : (["B", "A"] as const);
      for (const k of order) {
        const before = cpuCounters(servers[k].child.pid, database);
        const stats = await load(servers[k].baseUrl, { path: page.path }, headers, 20, slice);
        const after = cpuCounters(servers[k].child.pid, database);
        const requests = stats.rps * slice;
        if (!before || !after || requests === 0) continue;
        // Only this slice's load runs, so the database's backends worked for this server.
        const samples = results.get(page.name)![k];
        samples.node.push((after.node - before.node) / requests);
        samples.postgres.push((after.postgres - before.postgres) / requests);
        samples.rps.push(stats.rps);
        if (stats.errors) console.log(`  ${page.name} ${k}: ${stats.errors} errors`);
      }
    }
    console.log(`round ${round}/${rounds}`);
  }
} finally {
  await servers.A.stop();
  await servers.B.stop();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log("\n| page (20 connections) | Node CPU/req A | B | ratio | PostgreSQL CPU/req A | B | rps A | B | HTML bytes A | B |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [name, { A, B }] of results) {
  const cells = [median(A.node), median(B.node)].map((v) => v.toFixed(1));
  console.log(
    `| ${name} | ${cells[0]} | ${cells[1]} | ×${(median(B.node) / median(A.node)).toFixed(2)} | ${median(A.postgres).toFixed(1)} | ${median(B.postgres).toFixed(1)} | ${median(A.rps).toFixed(0)} | ${median(B.rps).toFixed(0)} | ${A.bytes} | ${B.bytes} |`,
  );
}
process.exit(0);
