// npm run bench:import [-- --rows 50000] — times a full import of a generated project sheet on PostgreSQL.
// Makes its own scratch database next to DATABASE_URL (dropped afterwards), with the reference zone and a manager,
// writes a CSV of N valid rows (new investors, every stage with its dates) and imports it as that manager.
import { parseArgs } from "node:util";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { count } from "drizzle-orm";
import { openDatabase, setDatabase } from "../db/index";
import { auditLog, projectEvents, projects } from "../db/schema";
import { translator } from "../app/lib/i18n";
import { runImport, startImportRun } from "../app/modules/imports/import.server";
import { prepareBenchZone, scratchDatabase, sheetBytes, updateSheetBytes } from "./bench/import-sheet";

const { values } = parseArgs({ options: { rows: { type: "string", default: "50000" } } });
const rows = Number(values.rows);
const scratch = await scratchDatabase("bench:import", "zcrm_bench");
const handle = await openDatabase({ url: scratch.url });
try {
  await handle.migrate();
  setDatabase(handle);
  const zone = await prepareBenchZone(handle.db);
  const { viewer } = zone;
  const bytes = sheetBytes(rows, zone);

  // How long the import holds this process's event loop at a time (what another request would wait behind it).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const runId = await startImportRun(viewer, { companyId: viewer.companyId, fileName: "bench.csv", format: "csv" });
  const outcome = await runImport(viewer, runId, bytes, viewer.companyId, translator("zh"));
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(0);
  const pauses = `event loop held up to ${ms(loop.max)} ms at a time (p99 ${ms(loop.percentile(99))} ms, p95 ${ms(loop.percentile(95))} ms)`;
  if (outcome.status !== "done") throw new Error(`import ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);

  // The same sheet again with every project's code and a changed note: 50,000 updates.
  const againBytes = await updateSheetBytes(rows, zone, handle.db);
  const startedUpdate = performance.now();
  const updateRun = await startImportRun(viewer, { companyId: viewer.companyId, fileName: "bench-update.csv", format: "csv" });
  const updated = await runImport(viewer, updateRun, againBytes, viewer.companyId, translator("zh"));
  const updateSeconds = (performance.now() - startedUpdate) / 1000;
  if (updated.status !== "done") throw new Error(`update import ${updated.status}`);

  const [[p], [e], [a]] = await Promise.all([
    handle.db.select({ n: count() }).from(projects),
    handle.db.select({ n: count() }).from(projectEvents),
    handle.db.select({ n: count() }).from(auditLog),
  ]);
  console.log(
    `${rows} rows (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB CSV) imported in ${seconds.toFixed(1)} s on PostgreSQL: ` +
      `${outcome.created} created; ${p.n} projects, ${e.n} history rows, ${a.n} audit rows; ${pauses}`,
  );
  console.log(`the same ${rows} rows with their codes and a changed note: ${updated.updated} updated in ${updateSeconds.toFixed(1)} s`);
} finally {
  setDatabase(undefined);
  await handle.close();
  await scratch.drop();
}
