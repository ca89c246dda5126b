// npm run bench:import [-- --rows 50000] — times a full import of a generated project sheet on PostgreSQL.
// Makes its own scratch database next to DATABASE_URL (dropped afterwards), with the reference zone and a manager,
// writes a CSV of N valid rows (new investors, every stage with its dates) and imports it as that manager.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { count } from "drizzle-orm";
import { openDatabase, setDatabase } from "../db/index";
import { auditLog, projectEvents, projects, users } from "../db/schema";
import { setupReferenceZone } from "../db/seed/reference";
import { PROJECT_STAGES } from "../app/lib/domain-values";
import { translator } from "../app/lib/i18n";
import { completeUscc } from "../app/lib/uscc";
import { hashPassword } from "../app/modules/auth/password.server";
import { toCsv } from "../app/modules/export/table-export.server";
import { runImport, startImportRun } from "../app/modules/imports/import.server";
import type { ProjectSheetRecord } from "../app/modules/imports/import-template";
import { projectSheetTable, stageLabel } from "../app/modules/imports/import-template";

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
  const ref = await setupReferenceZone(handle.db, { passwordHash: await hashPassword("Bench-Password-2026") });
  const company = ref.companies.find((c) => c.kind === "attraction")!;
  const cluster = ref.clusters.find((c) => c.id === company.clusterId)!;
  const [manager] = await handle.db
    .insert(users)
    .values({ zoneId: ref.zoneId, companyId: company.id, role: "manager", login: "bench_mgr", displayName: "bench", passwordHash: "x" })
    .returning();

  const records: ProjectSheetRecord[] = [];
  for (let i = 0; i < rows; i++) {
    const stage = PROJECT_STAGES[i % PROJECT_STAGES.length];
    const at = PROJECT_STAGES.indexOf(stage);
    records.push({
      code: null,
      name: `基准项目${i}`,
      // Every tenth investor repeats, so that both matching and creating are measured.
      investor: `基准投资方${i % 10 === 0 ? 0 : i}有限公司`,
      uscc: i % 3 === 0 ? completeUscc(`91140100MA${String(i).padStart(7, "0")}`) : null,
      cluster: cluster.name,
      company: null,
      owner: null,
      source: null,
      total_investment_wan: `${(i % 9000) + 100}.${String(i % 100).padStart(2, "0")}`,
      stage: stageLabel(stage),
      status: null,
      contacted_on: at >= 1 ? "2023-02-01" : null,
      signed_on: at >= 4 ? "2023-08-01" : null,
      construction_on: at >= 6 ? "2024-03-01" : null,
      production_on: at >= 7 ? "2025-01-15" : null,
      note: i % 5 === 0 ? `第${i}行，备注` : null,
    });
  }
  const bytes = new TextEncoder().encode(toCsv(projectSheetTable(records, "bench", "bench")));
  const viewer = { id: manager.id, zoneId: ref.zoneId, companyId: company.id, role: "manager" as const };

  const started = performance.now();
  const runId = await startImportRun(viewer, { companyId: company.id, fileName: "bench.csv", format: "csv" });
  const outcome = await runImport(viewer, runId, bytes, company.id, translator("zh"));
  const seconds = (performance.now() - started) / 1000;
  if (outcome.status !== "done") throw new Error(`import ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);

  // The same sheet again with every project's code and a changed note: 50,000 updates.
  const codes = await handle.db.select({ name: projects.name, code: projects.code }).from(projects);
  const codeOf = new Map(codes.map((c) => [c.name, c.code]));
  const again = records.map((r) => ({ ...r, code: codeOf.get(r.name!)!, note: `${r.name}：已更新` }));
  const againBytes = new TextEncoder().encode(toCsv(projectSheetTable(again, "bench", "bench")));
  const startedUpdate = performance.now();
  const updateRun = await startImportRun(viewer, { companyId: company.id, fileName: "bench-update.csv", format: "csv" });
  const updated = await runImport(viewer, updateRun, againBytes, company.id, translator("zh"));
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
