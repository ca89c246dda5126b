// npm run profile:render -- [--path /projects --login xc_s1 --rounds 30 --requests 20 --port 34300 --html FILE]
// Where one document request's Node CPU goes, in one process (docs/benchmarks.md, "Where a request's time goes"):
// the build's Remix handler is called directly (no HTTP server, no express), one request after another, and the
// process's CPU time per request is taken for each variant, rounds interleaved, medians printed:
//   whole      the real handler with the real loaders (database queries; Node's CPU only), and beside it
//              PostgreSQL's CPU per request (its backends for this database from /proc, summed over the rounds);
//   captured   the same with every loader answering the data it gave for the first real request (no database);
//   no render  the same, with the document's render replaced by an empty response (Remix's own work);
//   render     only the entry's handleRequest (RemixServer through renderWhole) with the captured EntryContext and
//              the hydration data as turbo-stream encoded it for the first request.
// DATABASE_URL names a bench:seed database; a server is started on --port once to sign in (`/login` floor: pass
// --login anonymous).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { AppLoadContext, EntryContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { openDatabase, setDatabase } from "../db/index";
import { buildIfStale, projectRoot } from "./build-if-stale";
import { cpuCounters, forgetSecondFactor, signIn, startServer } from "./bench/run";
import { BENCH_PASSWORD } from "./bench/seed";

const { values } = parseArgs({
  options: {
    path: { type: "string", default: "/projects" },
    login: { type: "string", default: "xc_s1" },
    rounds: { type: "string", default: "30" },
    requests: { type: "string", default: "20" },
    port: { type: "string", default: "34300" },
    html: { type: "string" },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error("profile:render needs DATABASE_URL (a database seeded by npm run bench:seed)");
const rounds = Number(values.rounds);
const perRound = Number(values.requests);

buildIfStale();
const handle = await openDatabase({ url });
setDatabase(handle);
let cookie = "";
if (values.login !== "anonymous") {
  if (!(await forgetSecondFactor(handle.db, values.login))) throw new Error(`no user ${values.login}`);
  const server = await startServer(url, { PORT: values.port });
  try {
    cookie = await signIn(server.baseUrl, values.login, BENCH_PASSWORD);
  } finally {
    await server.stop();
  }
}

// The session cookie as the bench's server (startServer) names and signs it.
process.env.COOKIE_SECURE = "0";
process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef";
const build = (await import(path.join(projectRoot, "build/index.js"))) as ServerBuild;
const loadContext = { nonce: "cHJvZmlsZS1yZW5kZXI=", clientIp: "127.0.0.1" } as unknown as AppLoadContext;
const request = () => new Request(`http://127.0.0.1${values.path}`, { headers: cookie ? { cookie } : {} });

type EntryDefault = (request: Request, status: number, headers: Headers, context: EntryContext, load: AppLoadContext) => Promise<Response>;
const realEntry = build.entry.module.default as EntryDefault;
const withRoutes = (loader: (id: string, real: NonNullable<ServerBuild["routes"][string]["module"]["loader"]>) => unknown): ServerBuild["routes"] =>
  Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const real = route.module.loader;
      return [id, real ? { ...route, module: { ...route.module, loader: loader(id, real) } } : route];
    }),
  ) as ServerBuild["routes"];

// One real request, with the loaders' answers and the entry's context kept.
const capturedData = new Map<string, unknown>();
type Handoff = { serverHandoffStream?: ReadableStream<Uint8Array> };
let handoffStream: ReadableStream<Uint8Array> | undefined;
let capturedEntry: Parameters<EntryDefault> | undefined;
const capturing: ServerBuild = {
  ...build,
  routes: withRoutes((id, real) => async (args: Parameters<typeof real>[0]) => {
    const data: unknown = await real(args);
    capturedData.set(id, data);
    return data;
  }),
  entry: {
    module: {
      ...build.entry.module,
      default: (...args: Parameters<EntryDefault>) => {
        // The hydration data is a stream (single fetch) that one render consumes: its chunks are kept for the replays.
        const [forPage, kept] = (args[3] as Handoff).serverHandoffStream!.tee();
        (args[3] as Handoff).serverHandoffStream = forPage;
        handoffStream = kept;
        capturedEntry = args;
        return realEntry(...args);
      },
    },
  },
};
const first = await createRequestHandler(capturing, "production")(request(), loadContext);
const html = await first.text();
if (first.status !== 200 || !capturedEntry) throw new Error(`${values.path} answered ${first.status}`);
if (values.html) fs.writeFileSync(values.html, html);

const replaying: ServerBuild = { ...build, routes: withRoutes((id) => () => capturedData.get(id)) };
const noRender: ServerBuild = {
  ...replaying,
  entry: { module: { ...build.entry.module, default: () => new Response("", { headers: { "Content-Type": "text/html" } }) } },
};
const handlers = {
  whole: createRequestHandler(build, "production"),
  captured: createRequestHandler(replaying, "production"),
  "no render": createRequestHandler(noRender, "production"),
};
const [, status, , context, load] = capturedEntry;
const handoffChunks: Uint8Array[] = [];
const reader = handoffStream!.getReader();
for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) handoffChunks.push(chunk.value);
const handoff = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of handoffChunks) controller.enqueue(chunk);
      controller.close();
    },
  });
const variants: Record<string, () => Promise<Response>> = {
  ...Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, () => handler(request(), loadContext)])),
  render: () => realEntry(request(), status, new Headers(), { ...context, serverHandoffStream: handoff() } as EntryContext, load),
};

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const samples = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
// PostgreSQL's CPU for the variants that query (only "whole"): its backends for this database, from /proc (10 ms
// ticks, so summed over all rounds rather than a median of rounds).
const database = decodeURIComponent(new URL(url).pathname.slice(1));
const pgMs = () => cpuCounters(process.pid, database)?.postgres;
const pgTotals = new Map<string, { ms: number; requests: number }>();
// Warm every variant (JIT, pools), then interleave: each round runs the variants in a fresh random order.
for (const run of Object.values(variants)) for (let i = 0; i < perRound; i++) await (await run()).arrayBuffer();
for (let round = 0; round < rounds; round++) {
  const order = Object.keys(variants).sort(() => Math.random() - 0.5);
  for (const name of order) {
    const run = variants[name]!;
    const before = cpuMs();
    const pgBefore = pgMs();
    for (let i = 0; i < perRound; i++) {
      const response = await run();
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${name}: ${values.path} answered ${response.status}`);
    }
    samples.get(name)!.push((cpuMs() - before) / perRound);
    const pgAfter = pgMs();
    if (pgBefore !== undefined && pgAfter !== undefined) {
      const total = pgTotals.get(name) ?? { ms: 0, requests: 0 };
      pgTotals.set(name, { ms: total.ms + pgAfter - pgBefore, requests: total.requests + perRound });
    }
  }
}
await handle.close();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const hydration = /streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/g;
const hydrationBytes = [...html.matchAll(hydration)].reduce((n, m) => n + Buffer.byteLength(JSON.parse(m[1]!) as string), 0);
console.log(`${values.path} as ${values.login}: ${Buffer.byteLength(html)} bytes of HTML, ${hydrationBytes} of them hydration data`);
console.log(`CPU ms per request, median of ${rounds} interleaved rounds of ${perRound} requests:`);
for (const [name, xs] of samples) {
  const pg = pgTotals.get(name);
  const pgText = pg && name === "whole" ? `   PostgreSQL ${(pg.ms / pg.requests).toFixed(2)} (all rounds)` : "";
  console.log(`  ${name.padEnd(10)} ${median(xs).toFixed(2)}${pgText}`);
}
process.exit(0);
