// npm run bench:import [-- --rows 50000] — times a full import of a generated project sheet on PostgreSQL.
// Makes its own scratch database next to DATABASE_URL (dropped afterwards), with the reference zone and a manager,
// writes a CSV of N valid rows (new investors, every stage with its dates) and imports it as that manager.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { count } from "drizzle-orm";
import { openDatabase, setDatabase } from "../db/index";
import { auditLog, projectEvents, projects } from "../db/schema";
import { translator } from "../app/lib/i18n";
import { runImport, startImportRun } from "../app/modules/imports/import.server";
import { prepareBenchZone, sheetBytes, updateSheetBytes } from "./bench/import-sheet";

const { values } = parseArgs({ options: { rows: { type: "string", default: "50000" } } });
const rows = Number(values.rows);
const base = process.env.DATABASE_URL;
if (!base) {
  console.error("bench:import needs DATABASE_URL (a PostgreSQL server; a scratch database is created beside it)");
  process.exit(2);
}

const name = `zcrm_bench_${crypto.randomBytes(4).toString("hex")}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
const url = new URL(base);
url.pathname = `/${name}`;
const handle = await openDatabase({ url: url.toString() });
try {
  await handle.migrate();
  setDatabase(handle);
  const zone = await prepareBenchZone(handle.db);
  const { viewer } = zone;
  const bytes = sheetBytes(rows, zone);

  const started = performance.now();
  const runId = await startImportRun(viewer, { companyId: viewer.companyId, fileName: "bench.csv", format: "csv" });
  const outcome = await runImport(viewer, runId, bytes, viewer.companyId, translator("zh"));
  const seconds = (performance.now() - started) / 1000;
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
      `${outcome.created} created; ${p.n} projects, ${e.n} history rows, ${a.n} audit rows`,
  );
  console.log(`the same ${rows} rows with their codes and a changed note: ${updated.updated} updated in ${updateSeconds.toFixed(1)} s`);
} finally {
  setDatabase(undefined);
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
