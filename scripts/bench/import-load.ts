// The list pages while an import runs (issue 23 item 4): p95 of the lists at 1 connection with the server idle and
// while the same server imports a sheet of N new projects through POST /api/v1/imports, alternating idle and import
// windows. The import is the app's own (its process, its connections), the lists' requests one at a time.
//
// By default the import is rolled back at its end, so that the bench database stays as it was: as soon as its run
// appears, the run is marked failed, which the import only reads in its last statement (a run another process has
// declared failed writes nothing, import.server.ts): every row, history, audit and rollup row is written and then
// undone. `commit: true` lets it commit (the database grows by N projects).
import { percentile } from "./run";
import type { DatabaseHandle } from "../../db/index";

export type ListRequest = { name: string; path: string; headers: Record<string, string> };

export type WindowStats = { requests: number; errors: number; p50: number; p95: number; seconds: number };

export type ImportLoadResult = {
  rows: number;
  lists: { name: string; idle: WindowStats; importing: WindowStats }[];
  all: { idle: WindowStats; importing: WindowStats };
  importSeconds: number[];
  outcome: string;
};

async function timeOne(baseUrl: string, req: ListRequest): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  try {
    const response = await fetch(baseUrl + req.path, { headers: req.headers, redirect: "manual" });
    await response.arrayBuffer();
    const ok = response.status >= 200 && response.status < 300;
    if (!ok) console.warn(`  ${req.name}: ${response.status}`);
    return { ms: performance.now() - started, ok };
  } catch (error) {
    console.warn(`  ${req.name}: ${String(error).slice(0, 200)}`);
    return { ms: performance.now() - started, ok: false };
  }
}

/** The lists one request at a time, in turn, until `until()` says stop: each response's time by list. */
async function drive(baseUrl: string, lists: ListRequest[], until: () => boolean) {
  const times = new Map<string, number[]>(lists.map((l) => [l.name, []]));
  let errors = 0;
  const started = performance.now();
  for (let i = 0; !until(); i++) {
    const req = lists[i % lists.length];
    const { ms, ok } = await timeOne(baseUrl, req);
    if (!ok) errors++;
    times.get(req.name)!.push(ms);
  }
  return { times, errors, seconds: (performance.now() - started) / 1000 };
}

function stats(times: number[], errors: number, seconds: number): WindowStats {
  const sorted = [...times].sort((a, b) => a - b);
  return { requests: sorted.length, errors, p50: percentile(sorted, 50), p95: percentile(sorted, 95), seconds };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Alternates `rounds` × (idle window of `idleSeconds`, then an import of `csv` with the lists driven until it
 * answers), then one more idle window; p95 per list of all idle windows against all import windows.
 */
export async function measureImportLoad(opts: {
  baseUrl: string;
  handle: DatabaseHandle;
  lists: ListRequest[];
  importer: { token: string; userId: number };
  csv: Uint8Array;
  rows: number;
  idleSeconds: number;
  rounds: number;
  commit: boolean;
  log: (line: string) => void;
}): Promise<ImportLoadResult> {
  const { baseUrl, handle, lists, importer, csv, log } = opts;
  const idle = new Map<string, number[]>(lists.map((l) => [l.name, []]));
  const busy = new Map<string, number[]>(lists.map((l) => [l.name, []]));
  let idleErrors = 0;
  let busyErrors = 0;
  let idleSeconds = 0;
  let busySeconds = 0;
  const importSeconds: number[] = [];
  let outcome = "";
  const add = (into: Map<string, number[]>, from: Map<string, number[]>) => {
    for (const [name, list] of from) into.get(name)!.push(...list);
  };
  const idleWindow = async () => {
    const until = performance.now() + opts.idleSeconds * 1000;
    const r = await drive(baseUrl, lists, () => performance.now() >= until);
    add(idle, r.times);
    idleErrors += r.errors;
    idleSeconds += r.seconds;
    log(`  idle: ${[...r.times.values()].reduce((s, l) => s + l.length, 0)} requests in ${r.seconds.toFixed(0)} s`);
  };
  for (let round = 0; round < opts.rounds; round++) {
    await idleWindow();
    let finished = false;
    const started = performance.now();
    const answer = fetch(`${baseUrl}/api/v1/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${importer.token}`, "content-type": "text/csv" },
      body: Buffer.from(csv),
    })
      .then(async (response) => `${response.status} ${(await response.text()).slice(0, 200)}`)
      .finally(() => {
        finished = true;
        importSeconds.push((performance.now() - started) / 1000);
      });
    const cutOff = opts.commit
      ? Promise.resolve()
      : (async () => {
          // The run row appears once the upload is received; marking it failed makes the import roll back at its end.
          while (!finished) {
            const marked = await handle.query<{ id: number }>(
              `update import_runs set status = 'failed' where user_id = $1 and status = 'running' returning id`,
              [importer.userId],
            );
            if (marked.length) return;
            await sleep(50);
          }
        })();
    const r = await drive(baseUrl, lists, () => finished);
    await cutOff;
    outcome = await answer;
    add(busy, r.times);
    busyErrors += r.errors;
    busySeconds += r.seconds;
    log(
      `  import: ${importSeconds.at(-1)!.toFixed(1)} s (${outcome.slice(0, 80)}), ${[...r.times.values()].reduce((s, l) => s + l.length, 0)} list requests meanwhile`,
    );
  }
  await idleWindow();
  return {
    rows: opts.rows,
    lists: lists.map((l) => ({
      name: l.name,
      idle: stats(idle.get(l.name)!, 0, idleSeconds),
      importing: stats(busy.get(l.name)!, 0, busySeconds),
    })),
    all: {
      idle: stats([...idle.values()].flat(), idleErrors, idleSeconds),
      importing: stats([...busy.values()].flat(), busyErrors, busySeconds),
    },
    importSeconds,
    outcome,
  };
}

/** The result as the benchmark's table: p95 idle, p95 while importing, their ratio and the verdict (≤ 1.5×). */
export function importLoadTable(result: ImportLoadResult, limit = 1.5): string {
  const fmt = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));
  const line = (name: string, s: { idle: WindowStats; importing: WindowStats }) => {
    const ratio = s.importing.p95 / s.idle.p95;
    const verdict = ratio <= limit ? "PASS" : "FAIL";
    return `| ${name} | ${s.idle.requests} | ${fmt(s.idle.p50)} | ${fmt(s.idle.p95)} | ${s.importing.requests} | ${fmt(s.importing.p50)} | ${fmt(s.importing.p95)} | ${ratio.toFixed(2)}× | ${verdict} (p95 while importing ≤ ${limit}× idle) |`;
  };
  const seconds = result.importSeconds.map((s) => s.toFixed(1)).join(", ");
  return [
    `Lists at 1 connection while a ${result.rows.toLocaleString("en")}-row import runs in the same server (\`npm run bench:import-load\`; ` +
      `import ${seconds} s, ${Math.round(result.rows / (result.importSeconds.reduce((a, b) => a + b, 0) / result.importSeconds.length)).toLocaleString("en")} rows/s with the lists running; ` +
      `errors idle ${result.all.idle.errors}, importing ${result.all.importing.errors}):`,
    "",
    "| list | requests idle | p50 idle | p95 idle | requests importing | p50 importing | p95 importing | ratio p95 | verdict |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...result.lists.map((l) => line(l.name, l)),
    line("all lists", result.all),
  ].join("\n");
}
