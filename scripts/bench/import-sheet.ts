// The sheets bench:import and profile:import import: N valid rows of new projects (nine in ten with a new investor,
// every stage with its dates), then the same rows again with their codes and a changed note.
import crypto from "node:crypto";
import postgres from "postgres";
import { users, projects } from "../../db/schema";
import type { Database } from "../../db/index";
import { setupReferenceZone } from "../../db/seed/reference";
import { PROJECT_STAGES } from "../../app/lib/domain-values";
import { completeUscc } from "../../app/lib/uscc";
import { hashPassword } from "../../app/modules/auth/password.server";
import { toCsv } from "../../app/modules/export/table-export.server";
import type { ProjectSheetRecord } from "../../app/modules/imports/import-template";
import { projectSheetTable, stageLabel } from "../../app/modules/imports/import-template";
import { loadImportContext } from "../../app/modules/imports/import.server";

export type BenchZone = Awaited<ReturnType<typeof prepareBenchZone>>;

/** The reference zone and a manager of its first attraction company, who imports. */
export async function prepareBenchZone(db: Database) {
  const ref = await setupReferenceZone(db, { passwordHash: await hashPassword("Bench-Password-2026") });
  const company = ref.companies.find((c) => c.kind === "attraction")!;
  const cluster = ref.clusters.find((c) => c.id === company.clusterId)!;
  const [manager] = await db
    .insert(users)
    .values({ zoneId: ref.zoneId, companyId: company.id, role: "manager", login: "bench_mgr", displayName: "bench", passwordHash: "x" })
    .returning();
  const viewer = { id: manager.id, zoneId: ref.zoneId, companyId: company.id, role: "manager" as const };
  return { viewer, clusterName: cluster.name, context: await loadImportContext(db, viewer, company.id) };
}

/** `names` starts the projects' and investors' names (another prefix: other projects and investors). */
export function sheetRecords(rows: number, zone: Pick<BenchZone, "clusterName">, names = "基准"): ProjectSheetRecord[] {
  const records: ProjectSheetRecord[] = [];
  for (let i = 0; i < rows; i++) {
    const stage = PROJECT_STAGES[i % PROJECT_STAGES.length];
    const at = PROJECT_STAGES.indexOf(stage);
    records.push({
      code: null,
      name: `${names}项目${i}`,
      // Every tenth investor repeats, so that both matching and creating are measured.
      investor: `${names}投资方${i % 10 === 0 ? 0 : i}有限公司`,
      uscc: i % 3 === 0 ? completeUscc(`91140100MA${String(i).padStart(7, "0")}`) : null,
      cluster: zone.clusterName,
      chain_links: null,
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
  return records;
}

const csvBytes = (records: ProjectSheetRecord[]) => new TextEncoder().encode(toCsv(projectSheetTable(records, "bench", "bench")));

export function sheetBytes(rows: number, zone: Pick<BenchZone, "clusterName">, names?: string) {
  return csvBytes(sheetRecords(rows, zone, names));
}

/** The same sheet again with every project's code (read back by name) and a changed note: N updates. */
export async function updateSheetBytes(rows: number, zone: BenchZone, db: Database) {
  const codes = await db.select({ name: projects.name, code: projects.code }).from(projects);
  const codeOf = new Map(codes.map((c) => [c.name, c.code]));
  return csvBytes(sheetRecords(rows, zone).map((r) => ({ ...r, code: codeOf.get(r.name!)!, note: `${r.name}：已更新` })));
}

/**
 * A scratch database beside DATABASE_URL (UTF-8, C.UTF-8 collation) for one script's run: its URL, the server's
 * admin client (to set options on it) and `drop()`, which drops it and closes the client. Exits with a message when
 * DATABASE_URL is missing.
 */
export async function scratchDatabase(command: string, prefix: string) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    console.error(`${command} needs DATABASE_URL (a PostgreSQL server; a scratch database is created beside it)`);
    process.exit(2);
  }
  // BENCH_SCRATCH_PREFIX names them apart when several people measure on one server.
  const name = `${process.env.BENCH_SCRATCH_PREFIX ?? prefix}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    async drop(keep = false) {
      if (keep) console.log(`kept ${name}: drop it with dropdb ${name}`);
      else await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
