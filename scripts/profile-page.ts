// npm run profile:page -- --path /projects [--login leader --seconds 10 --connections 20 --top 25]
// Where one page's Node time goes: starts the production server on DATABASE_URL (a bench:seed database) under V8's
// CPU profiler, signs in, drives the page with autocannon, and prints the share of the server's busy time by package
// and by function over the load's window (start-up and shutdown left out), with the Node and PostgreSQL CPU
// milliseconds per request. The .cpuprofile is kept (its path is printed) for Chrome DevTools.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/index";
import { buildIfStale } from "./build-if-stale";
import { cpuCounters, forgetSecondFactor, load, signIn, startServer, warm } from "./bench/run";
import { BENCH_PASSWORD } from "./bench/seed";

const { values } = parseArgs({
  options: {
    path: { type: "string", default: "/projects" },
    login: { type: "string", default: "leader" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    top: { type: "string", default: "25" },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL must name a database seeded by npm run bench:seed");
const seconds = Number(values.seconds);

buildIfStale();
// Leaders and admins need a second factor: signIn enrols this one afresh, as the benchmark does.
const handle = await openDatabase({ url });
if (!(await forgetSecondFactor(handle.db, values.login))) throw new Error(`no user ${values.login}`);
await handle.close();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-profile-"));
const server = await startServer(url, {}, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
const database = decodeURIComponent(new URL(url).pathname.slice(1));
let requests = 0;
let cpu: { node: number; postgres: number } | undefined;
try {
  const headers = { cookie: await signIn(server.baseUrl, values.login, BENCH_PASSWORD) };
  const req = { path: values.path };
  await warm(server.baseUrl, req, headers);
  await load(server.baseUrl, req, headers, 1, 2);
  const before = cpuCounters(server.child.pid, database);
  const stats = await load(server.baseUrl, req, headers, Number(values.connections), seconds);
  const after = cpuCounters(server.child.pid, database);
  requests = stats.requests;
  if (before && after) cpu = { node: (after.node - before.node) / requests, postgres: (after.postgres - before.postgres) / requests };
  console.log(
    `${values.path} as ${values.login}: ${stats.rps.toFixed(1)} requests/s, p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, ${stats.errors} errors`,
  );
} finally {
  await server.stop();
}
if (cpu) console.log(`CPU per request: Node ${cpu.node.toFixed(1)} ms, PostgreSQL ${cpu.postgres.toFixed(1)} ms`);

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error(`no profile written in ${dir}`);
const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const at: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) at.push((t += d));
// The load ended just before the server was stopped: its window is the last `seconds` before the shutdown.
const end = at[at.length - 1] - 100_000;
const start = end - seconds * 1_000_000;
const owner = (u: string) =>
  !u
    ? "(V8 and native)"
    : (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? (u.includes("/build/") ? "the app (build)" : u.startsWith("node:") ? u : path.basename(u)));
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (let i = 0; i < profile.samples.length; i++) {
  if (at[i] < start || at[i] > end) continue;
  const { functionName, url: source, lineNumber } = nodes.get(profile.samples[i])!.callFrame;
  if (functionName === "(idle)") continue;
  const dt = profile.timeDeltas[i];
  busy += dt;
  const pkg = functionName.startsWith("(") ? functionName : owner(source);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
  const fn = `${functionName || "(anonymous)"} ${owner(source)}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
}
const top = Number(values.top);
const share = (x: number) => `${((100 * x) / busy).toFixed(1).padStart(5)} %`;
console.log(`\nbusy ${(busy / 1000).toFixed(0)} ms over the ${seconds} s window (${requests} requests)\n\nby package:`);
for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${share(v)}  ${k}`);
console.log("\nby function (self time):");
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${share(v)}  ${k}`);
console.log(`\nprofile: ${path.join(dir, file)}`);
process.exit(0);
