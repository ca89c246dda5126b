// npm run profile:import [-- --rows 50000 --nested --keep] — where the import's time goes, statement by statement.
// The same sheets as bench:import (scripts/bench/import-sheet.ts), imported into a scratch database beside
// DATABASE_URL whose sessions load auto_explain (ANALYZE, triggers) and send each plan to this client as a notice:
// every top-level statement's duration, its foreign-key checks and statement triggers; with --nested also the
// statements inside the triggers that took 2 ms or more. Timings of ANALYZE carry its own overhead (~10-20%).
import { parseArgs } from "node:util";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { openDatabase, schema, setDatabase } from "../db/index";
import type { Database, DatabaseHandle } from "../db/index";
import { translator } from "../app/lib/i18n";
import { runImport, startImportRun } from "../app/modules/imports/import.server";
import { checkSheet } from "../app/modules/imports/import-rows";
import { readImportFile } from "../app/modules/imports/read-file";
import { prepareBenchZone, scratchDatabase, sheetBytes, updateSheetBytes } from "./bench/import-sheet";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "50000" }, nested: { type: "boolean", default: false }, keep: { type: "boolean", default: false } },
});
const rows = Number(values.rows);
const scratch = await scratchDatabase("profile:import", "zcrm_profile");
const { name, admin } = scratch;

type Plan = { ms: number; jitMs: number; text: string; triggers: { name: string; ms: number; calls: number }[] };
let plans: Plan[] = [];
const onNotice = (n: { message?: string }) => {
  const m = /^duration: ([\d.]+) ms\s+plan:\n([\s\S]*)$/.exec(n.message ?? "");
  if (!m) return;
  const body = m[2];
  const text = /Query Text: ([\s\S]*?)\n(?:\S| {2}\S)/.exec(body)?.[1] ?? body.slice(0, 200);
  const triggers = [...body.matchAll(/Trigger (.+?): time=([\d.]+) calls=(\d+)/g)].map((t) => ({
    name: t[1],
    ms: Number(t[2]),
    calls: Number(t[3]),
  }));
  const jitMs = Number(/JIT:[\s\S]*?Total ([\d.]+) ms/.exec(body)?.[1] ?? 0);
  plans.push({ ms: Number(m[1]), jitMs, text: text.replace(/\s+/g, " ").trim(), triggers });
};

const setup = await openDatabase({ url: scratch.url });
let handle: DatabaseHandle | undefined;
try {
  await setup.migrate();
  const zone = await prepareBenchZone(setup.db);
  await setup.close();
  for (const [key, value] of [
    ["session_preload_libraries", "auto_explain"],
    ["auto_explain.log_min_duration", values.nested ? "2" : "0"],
    ["auto_explain.log_analyze", "on"],
    ["auto_explain.log_triggers", "on"],
    ["auto_explain.log_timing", "on"],
    ["auto_explain.log_nested_statements", values.nested ? "on" : "off"],
    ["auto_explain.log_level", "notice"],
  ]) {
    await admin.unsafe(`alter database ${name} set ${key} = '${value}'`);
  }
  const client = postgres(scratch.url, { max: 1, onnotice: onNotice });
  handle = {
    db: drizzle(client, { schema, casing: "snake_case" }) as unknown as Database,
    kind: "postgres",
    location: name,
    migrate: async () => {},
    query: async <T>(text: string, params: unknown[] = []) => (await client.unsafe(text, params as never[])) as unknown as T[],
    close: () => client.end({ timeout: 5 }),
  };
  setDatabase(handle);
  const t = translator("zh");

  for (const [label, bytesOf] of [
    ["new projects", () => sheetBytes(rows, zone)],
    ["the same rows as updates", () => updateSheetBytes(rows, zone, handle!.db)],
  ] as const) {
    const bytes = await bytesOf();
    // Node's own work before any write: reading the file and checking every row (the context is loaded like the import's).
    let started = performance.now();
    const read = await readImportFile(bytes);
    const readMs = performance.now() - started;
    if (!read.ok) throw new Error(read.problem);
    started = performance.now();
    checkSheet(read.sheet, zone.context, t);
    const checkMs = performance.now() - started;

    plans = [];
    started = performance.now();
    const runId = await startImportRun(zone.viewer, { companyId: zone.viewer.companyId, fileName: "profile.csv", format: "csv" });
    const outcome = await runImport(zone.viewer, runId, bytes, zone.viewer.companyId, t);
    const totalMs = performance.now() - started;
    if (outcome.status !== "done") throw new Error(`import ${outcome.status}`);
    // Nested statements (--nested) are inside their statement's time: not added again.
    const sqlMs = values.nested ? NaN : plans.reduce((s, p) => s + p.ms, 0);
    console.log(`\n## ${label}: ${rows} rows in ${(totalMs / 1000).toFixed(2)} s (under auto_explain ANALYZE)`);
    console.log(`read file ${readMs.toFixed(0)} ms · check rows ${checkMs.toFixed(0)} ms · SQL statements ${sqlMs.toFixed(0)} ms`);
    // Statements of the same shape (the batches of one insert) are added up.
    const groups = new Map<string, { ms: number; jitMs: number; count: number; triggers: Map<string, { ms: number; calls: number }> }>();
    for (const p of plans) {
      const key = p.text.replace(/\$\d+|'[^']*'|\d+/g, "?").slice(0, 90);
      const g = groups.get(key) ?? { ms: 0, jitMs: 0, count: 0, triggers: new Map() };
      g.ms += p.ms;
      g.jitMs += p.jitMs;
      g.count += 1;
      for (const tr of p.triggers) {
        const name = tr.name.replace(/^for constraint /, "FK ");
        const sum = g.triggers.get(name) ?? { ms: 0, calls: 0 };
        sum.ms += tr.ms;
        sum.calls += tr.calls;
        g.triggers.set(name, sum);
      }
      groups.set(key, g);
    }
    console.log(`| ms | of it JIT | × | statement | its foreign-key checks and triggers: ms (calls) |\n| ---: | ---: | ---: | --- | --- |`);
    for (const [key, g] of [...groups].filter(([, g]) => g.ms >= 1)) {
      const triggers = [...g.triggers].map(([name, tr]) => `${name} ${tr.ms.toFixed(0)} (${tr.calls})`).join("; ");
      console.log(`| ${g.ms.toFixed(0)} | ${g.jitMs.toFixed(0)} | ${g.count} | ${key} | ${triggers} |`);
    }
  }
} finally {
  setDatabase(undefined);
  await handle?.close();
  await scratch.drop(values.keep);
}
