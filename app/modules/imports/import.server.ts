// Bulk import of projects (DOMAIN.md "Import template"): every row is checked first, then the whole file is written
// in one transaction — all or nothing, also when the server dies half-way. Lookups are resolved in memory and rows
// written in batches, so that 50,000 rows take seconds. The page and the API both come here.
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "~db/index";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import { clusters, companies, importRuns, investors, projects, users } from "~db/schema";
import { chunks } from "~/lib/chunks";
import { clock } from "~/lib/clock";
import { todayInZone, yearOf } from "~/lib/dates";
import { compareDecimal } from "~/lib/form-fields";
import type { ProjectStage } from "~/lib/domain-values";
import type { MessageKey, Translate } from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n";
import { toId } from "~/lib/result";
import { completeUscc } from "~/lib/uscc";
import type { Viewer } from "~/modules/auth/policy";
import { canImport, canImportIntoAnyCompany, canNameOwner, canSeeImportRun, canUpdateByImport } from "~/modules/auth/policy";
import { companyName } from "~/modules/companies/companies.server";
import { nextProjectCodeNumber, projectCode } from "~/modules/projects/project-code.server";
import type { ImportContext, ImportRow, ImportRowError } from "./import-rows";
import { checkSheet, stageReached } from "./import-rows";
import type { ProjectSheetRecord, TemplateKey } from "./import-template";
import { columnLabelKey, sourceLabel, stageLabel, statusLabel } from "./import-template";
import type { SheetProblem } from "./read-file";
import { MAX_CELL_CHARS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, MAX_UNZIPPED_BYTES, readImportFile } from "./read-file";

/** The largest file accepted, counted while it streams in (the page and the API say so). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;
export { MAX_IMPORT_ROWS };

/**
 * A list of texts as one parameter (a JSON array) for `column = any(…)`: one statement and one plan whatever the
 * list's length, instead of thousands of parameters a statement, planned anew for each length.
 */
function anyText(values: string[]) {
  return sql`any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)))`;
}

export type ImportOutcome =
  | { status: "done"; runId: number; created: number; updated: number }
  | { status: "refused"; runId: number; errors: ImportRowError[] }
  | { status: "failed"; runId: number };

export type ImportProgress = { phase: "checking" | "writing"; done: number; total: number };

/**
 * A run's phase, counts and heartbeat live in its import_runs row, so that any app process answers a poll. The
 * process running it touches the heartbeat every HEARTBEAT_MS; a run still marked running whose heartbeat is older
 * than STALE_AFTER_SECONDS was cut off (its transaction rolled back) and is then marked failed.
 */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_SECONDS = 60;

/** The run's progress as its row tells it (null once it has finished). */
export function importProgress(run: { status: string; phase: string | null; doneRows: number; totalRows: number }): ImportProgress | null {
  if (run.status !== "running") return null;
  return { phase: run.phase === "writing" ? "writing" : "checking", done: run.doneRows, total: run.totalRows };
}

/** Records progress and touches the heartbeat; never awaited inside the write (PGlite runs one statement at a time). */
function recordProgress(runId: number, values: { phase?: "checking" | "writing"; doneRows?: number; totalRows?: number }) {
  getDb()
    .update(importRuns)
    .set({ ...values, heartbeatAt: sql`now()` })
    .where(and(eq(importRuns.id, runId), eq(importRuns.status, "running")))
    .catch((error) => console.warn(`import run ${runId}: progress not recorded`, String(error).slice(0, 200)));
}

// ---------------------------------------------------------------------------------------------------------------
// Who imports into which company

/** Managers import into their own company; admins into any company of their zone (or as the file names them). */
// The rule lives in the policy module (API token scopes derive from it too).
export { canImport };

export type ImportTarget = { ok: true; companyId: number | null } | { ok: false; reason: "forbidden" | "company" };

/** The company an import writes into: a manager's own; for an admin the one chosen, or none (each row's own). */
export async function importTarget(viewer: Viewer, requested: string | null | undefined): Promise<ImportTarget> {
  if (!canImport(viewer)) return { ok: false, reason: "forbidden" };
  if (!canImportIntoAnyCompany(viewer)) return { ok: true, companyId: viewer.companyId };
  if (!requested) return { ok: true, companyId: null };
  const id = toId(requested);
  if (id === null) return { ok: false, reason: "company" };
  const [row] = await getDb()
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, id), eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")));
  return row ? { ok: true, companyId: row.id } : { ok: false, reason: "company" };
}

/** The companies an admin may choose from (managers have theirs). */
export async function importCompanies(viewer: Viewer) {
  if (!canImportIntoAnyCompany(viewer)) return [];
  return getDb()
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.zoneId, viewer.zoneId), ne(companies.kind, "committee")))
    .orderBy(asc(companies.sortOrder), asc(companies.id));
}

/** The zone's clusters, companies and users a sheet's rows are checked against. */
export async function loadImportContext(db: Executor, viewer: Viewer, targetCompanyId: number | null): Promise<ImportContext> {
  const [clusterRows, companyRows, userRows] = await Promise.all([
    db.select({ id: clusters.id, name: clusters.name }).from(clusters).where(eq(clusters.zoneId, viewer.zoneId)),
    db
      .select({ id: companies.id, name: companies.name, shortName: companies.shortName, kind: companies.kind, clusterId: companies.clusterId })
      .from(companies)
      .where(and(eq(companies.zoneId, viewer.zoneId), eq(companies.active, true)))
      .orderBy(asc(companies.sortOrder), asc(companies.id)),
    db
      .select({ id: users.id, login: users.login, companyId: users.companyId, role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.zoneId, viewer.zoneId)),
  ]);
  return { clusters: clusterRows, companies: companyRows, users: userRows, targetCompanyId };
}

// ---------------------------------------------------------------------------------------------------------------
// Runs

export async function startImportRun(viewer: Viewer, opts: { companyId: number | null; fileName: string | null; format: "csv" | "xlsx" }) {
  const [run] = await getDb()
    .insert(importRuns)
    .values({
      zoneId: viewer.zoneId,
      companyId: opts.companyId,
      userId: viewer.id,
      fileName: opts.fileName?.slice(0, 200) ?? null,
      format: opts.format,
      status: "running",
      startedAt: clock.now(),
      phase: "checking",
      heartbeatAt: sql`now()`,
    })
    .returning({ id: importRuns.id });
  return run.id;
}

/** Ends a run that is still running (never one another process has already declared failed). */
async function finishRun(runId: number, values: Partial<typeof importRuns.$inferInsert>, db: Executor = getDb()) {
  const ended = await db
    .update(importRuns)
    .set({ ...values, phase: null, finishedAt: clock.now() })
    .where(and(eq(importRuns.id, runId), eq(importRuns.status, "running")))
    .returning({ id: importRuns.id });
  return ended.length === 1;
}

/** The run was declared failed (its heartbeat went stale) while this process still worked on it. */
class RunCutOff extends Error {}

/** A file-level problem (unreadable, too large…) as the one error of a refused run. */
export async function refuseRun(runId: number, message: string, t: Translate): Promise<ImportOutcome> {
  const errors = [{ row: 0, column: t("import.file.column"), message }];
  await finishRun(runId, { status: "refused", errors });
  return { status: "refused", runId, errors };
}

const fileProblemKey = {
  empty: "import.file.empty",
  xls: "import.file.xls",
  unreadable: "import.file.unreadable",
  tooManyRows: "import.file.tooManyRows",
  tooManyColumns: "import.file.tooManyColumns",
  cellTooLong: "import.file.cellTooLong",
  tooLargeUnzipped: "import.file.tooLargeUnzipped",
  tooManyStrings: "import.file.tooManyStrings",
  nul: "import.file.nul",
  tooComplex: "import.file.tooComplex",
} as const satisfies Record<SheetProblem, MessageKey>;

/** Why a file could not be read, as the one message of its refused run. */
function fileProblemMessage(read: { problem: SheetProblem; row?: number }, t: Translate) {
  return t(fileProblemKey[read.problem], {
    rows: MAX_IMPORT_ROWS,
    columns: MAX_IMPORT_COLUMNS,
    chars: MAX_CELL_CHARS,
    mb: MAX_UNZIPPED_BYTES / 1024 / 1024,
    where: read.row ? t("import.file.atRow", { row: read.row }) : "",
  });
}

/**
 * Checks and writes one file for a run started with startImportRun. Never throws: a server error marks the run
 * failed (the transaction has rolled back, so nothing of it is written).
 */
export async function runImport(viewer: Viewer, runId: number, bytes: Uint8Array, targetCompanyId: number | null, t: Translate): Promise<ImportOutcome> {
  const heartbeat = setInterval(() => recordProgress(runId, {}), HEARTBEAT_MS);
  try {
    const read = await readImportFile(bytes);
    if (!read.ok) return await refuseRun(runId, fileProblemMessage(read, t), t);
    const total = read.sheet.rows.length;
    recordProgress(runId, { phase: "checking", doneRows: 0, totalRows: total });
    const db = getDb();
    const ctx = await loadImportContext(db, viewer, targetCompanyId);
    const checked = checkSheet(read.sheet, ctx, t);
    const existing = await matchExisting(db, viewer, checked.rows, t);
    const errors = [...checked.errors, ...existing.errors].sort((a, b) => a.row - b.row);
    if (errors.length) {
      await finishRun(runId, { status: "refused", totalRows: total, errors });
      return { status: "refused", runId, errors };
    }
    recordProgress(runId, { phase: "writing", doneRows: 0 });
    const counts = await writeRows(viewer, checked.rows, checked.columns, existing.byCode, (done) => recordProgress(runId, { doneRows: done }), async (tx, c) => {
      // The run ends as done in the import's own transaction: if another process has meanwhile declared it failed,
      // nothing of the file is written either.
      if (!(await finishRun(runId, { status: "done", totalRows: total, doneRows: total, createdCount: c.created, updatedCount: c.updated, errors: null }, tx))) {
        throw new RunCutOff(`run ${runId} was declared failed`);
      }
    });
    return { status: "done", runId, ...counts };
  } catch (error) {
    // The driver's message carries the whole batch as its parameter: log its start and the cause only.
    const e = error as { message?: string; cause?: unknown };
    console.error(`import run ${runId} failed: ${String(e.message ?? error).slice(0, 300)}`, e.cause ?? "");
    await finishRun(runId, { status: "failed" }).catch(() => {});
    return { status: "failed", runId };
  } finally {
    clearInterval(heartbeat);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Matching rows to the zone's projects

/** What an update reads of a matched project: the template's fields and what decides who may update it. */
const existingColumns = {
  id: projects.id,
  code: projects.code,
  companyId: projects.companyId,
  confidential: projects.confidential,
  name: projects.name,
  investorId: projects.investorId,
  clusterId: projects.clusterId,
  ownerId: projects.ownerId,
  firstContactCompanyId: projects.firstContactCompanyId,
  sourceChannel: projects.sourceChannel,
  stage: projects.stage,
  status: projects.status,
  plannedInvestmentWan: projects.plannedInvestmentWan,
  contractedInvestmentWan: projects.contractedInvestmentWan,
  totalInvestmentWan: projects.totalInvestmentWan,
  contactedOn: projects.contactedOn,
  signedOn: projects.signedOn,
  constructionOn: projects.constructionOn,
  productionOn: projects.productionOn,
  note: projects.note,
};
type Existing = Pick<typeof projects.$inferSelect, keyof typeof existingColumns>;

/**
 * A row with a code updates that project — if the importer may: a manager only their company's, an admin any but a
 * confidential one (visible only to its owner, its company's manager and leaders). Every other code, whether no
 * project has it, another company's project has it or a confidential project has it, gets the same answer, so that
 * an import never tells anyone that a project they may not see exists. New projects leave the code empty.
 */
async function matchExisting(db: Executor, viewer: Viewer, rows: ImportRow[], t: Translate) {
  const codes = [...new Set(rows.map((r) => r.code).filter((c): c is string => c !== null))];
  const byCode = new Map<string, Existing>();
  if (codes.length) {
    const found = await db
      .select(existingColumns)
      .from(projects)
      .where(and(eq(projects.zoneId, viewer.zoneId), sql`${projects.code} = ${anyText(codes)}`));
    for (const p of found) if (canUpdateByImport(viewer, p)) byCode.set(p.code, p);
  }
  const errors: ImportRowError[] = [];
  const codeColumn = t(columnLabelKey("code"));
  for (const row of rows) {
    if (!row.code) continue;
    const project = byCode.get(row.code);
    if (!project) {
      errors.push({ row: row.row, column: codeColumn, message: t("import.error.codeNotYours", { code: row.code }) });
    } else if (project.companyId !== row.companyId) {
      errors.push({
        row: row.row,
        column: t(columnLabelKey("company")),
        message: t("import.error.companyChange", { code: project.code, company: await companyName(db, project.companyId) }),
      });
    }
  }
  return { byCode, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** Rows per statement of the bulk inserts below. */
const WRITE_BATCH = 5000;

/**
 * Inserts many rows in one statement: the rows travel as one JSON parameter and PostgreSQL spreads them with
 * jsonb_to_recordset — one parameter instead of thousands, the same on postgres.js and PGlite, and far faster
 * than building a VALUES list per row. `columns` are trusted constants (SQL names and types).
 */
async function insertMany(
  tx: Transaction,
  table: string,
  columns: readonly (readonly [string, string])[],
  rows: Record<string, unknown>[],
  returning?: string,
): Promise<Record<string, unknown>[]> {
  const names = columns.map(([name]) => name).join(", ");
  const types = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  const out: Record<string, unknown>[] = [];
  for (const part of chunks(rows, WRITE_BATCH)) {
    const returned = await queryRows<Record<string, unknown>>(
      sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(${sql.raw(types)})${sql.raw(returning ? ` returning ${returning}` : "")}`,
      tx,
    );
    if (returning) out.push(...returned);
  }
  return out;
}

const PROJECT_COLUMNS = [
  ["zone_id", "int"],
  ["code", "text"],
  ["name", "text"],
  ["investor_id", "int"],
  ["cluster_id", "int"],
  ["company_id", "int"],
  ["owner_id", "int"],
  ["first_contact_company_id", "int"],
  ["source_channel", "source_channel"],
  ["stage", "project_stage"],
  ["status", "project_status"],
  ["planned_investment_wan", "numeric"],
  ["contracted_investment_wan", "numeric"],
  ["contacted_on", "date"],
  ["signed_on", "date"],
  ["construction_on", "date"],
  ["production_on", "date"],
  ["note", "text"],
  ["created_by_id", "int"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
] as const;
/**
 * What an update sets, every template field at once (the stored value where the file has no column): the insert's
 * columns but those fixed at creation — an import never moves a project to another zone or company (a transfer does).
 */
const FIXED_AT_CREATION = new Set(["zone_id", "code", "company_id", "created_by_id", "created_at"]);
const UPDATE_COLUMNS = PROJECT_COLUMNS.filter(([name]) => !FIXED_AT_CREATION.has(name));
const EVENT_COLUMNS = [
  ["project_id", "int"],
  ["kind", "project_event_kind"],
  ["from_stage", "project_stage"],
  ["to_stage", "project_stage"],
  ["from_status", "project_status"],
  ["to_status", "project_status"],
  ["from_owner_id", "int"],
  ["to_owner_id", "int"],
  ["business_on", "date"],
  ["recorded_at", "timestamptz"],
  ["actor_id", "int"],
  ["note", "text"],
] as const;
const AUDIT_COLUMNS = [
  ["zone_id", "int"],
  ["actor_id", "int"],
  ["entity", "text"],
  ["entity_id", "int"],
  ["action", "text"],
  ["before", "jsonb"],
  ["after", "jsonb"],
  ["at", "timestamptz"],
] as const;

const MILESTONES = [
  ["contactedOn", "contacted"],
  ["signedOn", "signed"],
  ["constructionOn", "construction"],
  ["productionOn", "production"],
] as const satisfies readonly (readonly [keyof ImportRow, ProjectStage])[];

const atLeastSigned = (stage: ProjectStage) => stageReached(stage, "signed");

/** The project's own fields a row sets; only the columns the file has (an update keeps what the file leaves out). */
function projectValues(row: ImportRow, columns: Set<TemplateKey>, before?: Existing) {
  const has = (key: TemplateKey) => !before || columns.has(key);
  const values: Partial<typeof projects.$inferInsert> = {};
  if (has("name")) values.name = row.name;
  if (has("cluster")) values.clusterId = row.clusterId;
  if (has("owner")) values.ownerId = row.ownerId;
  if (has("source")) values.sourceChannel = row.sourceChannel;
  if (has("stage")) values.stage = row.stage;
  if (has("status")) values.status = row.status;
  if (has("note")) values.note = row.note;
  if (has("contacted_on")) values.contactedOn = row.contactedOn;
  if (has("signed_on")) values.signedOn = row.signedOn;
  if (has("construction_on")) values.constructionOn = row.constructionOn;
  if (has("production_on")) values.productionOn = row.productionOn;
  const stage = values.stage ?? before?.stage ?? "lead";
  // 总投资 is the planned figure before signing and the contracted one from signing on (DOMAIN.md).
  // An unchanged total leaves the planned and contracted figures as they are.
  const sameTotal = before && before.totalInvestmentWan !== null && row.totalInvestmentWan !== null && compareDecimal(before.totalInvestmentWan, row.totalInvestmentWan) === 0;
  const signingWithoutContract = atLeastSigned(stage) && before?.contractedInvestmentWan == null;
  if (has("total_investment_wan") && (!sameTotal || signingWithoutContract)) {
    if (atLeastSigned(stage)) {
      values.contractedInvestmentWan = row.totalInvestmentWan;
      if (!before) values.plannedInvestmentWan = row.totalInvestmentWan;
    } else {
      values.plannedInvestmentWan = row.totalInvestmentWan;
      values.contractedInvestmentWan = null;
    }
  }
  // First contact is credited when a project reaches it, here or in the app; an older gap is not filled in silently.
  if (stageReached(stage, "contacted") && (!before || (!before.firstContactCompanyId && !stageReached(before.stage, "contacted")))) {
    values.firstContactCompanyId = row.companyId;
  }
  return values;
}

/** Investors by code, then by exact name; new ones created in batches. Returns the investor id of every row. */
async function resolveInvestors(tx: Transaction, viewer: Viewer, rows: ImportRow[], audit: AuditRow[]) {
  const usccs = [...new Set(rows.map((r) => r.uscc).filter((u): u is string => u !== null))];
  const names = [...new Set(rows.map((r) => r.investorName))];
  type Known = { id: number; name: string; uscc: string | null };
  const byUscc = new Map<string, Known>();
  const byName = new Map<string, Known[]>();
  const remember = (i: Known) => {
    if (i.uscc) byUscc.set(i.uscc, i);
    const list = byName.get(i.name) ?? [];
    list.push(i);
    byName.set(i.name, list);
  };
  const select = { id: investors.id, name: investors.name, uscc: investors.uscc };
  if (usccs.length) {
    for (const i of await tx.select(select).from(investors).where(and(eq(investors.zoneId, viewer.zoneId), sql`${investors.uscc} = ${anyText(usccs)}`))) remember(i);
  }
  if (names.length) {
    const found = await tx
      .select(select)
      .from(investors)
      .where(and(eq(investors.zoneId, viewer.zoneId), sql`${investors.name} = ${anyText(names)}`))
      .orderBy(asc(investors.id));
    for (const i of found) if (!i.uscc || !byUscc.has(i.uscc)) remember(i);
  }

  const now = clock.now();
  const ids: number[] = new Array(rows.length);
  const pending = new Map<string, number[]>(); // key of a new investor → indexes of its rows
  const pendingValues: { key: string; name: string; uscc: string | null }[] = [];
  const filled: { id: number; uscc: string; updated_at: Date }[] = []; // named investors that get their first code
  for (const [index, row] of rows.entries()) {
    const byCode = row.uscc ? byUscc.get(row.uscc) : undefined;
    if (byCode) {
      ids[index] = byCode.id;
      continue;
    }
    // An investor of that exact name: without a code yet, it gets this one; with another code it is someone else.
    const named = (byName.get(row.investorName) ?? []).find((i) => !row.uscc || !i.uscc || i.uscc === row.uscc);
    if (named) {
      if (row.uscc && !named.uscc) {
        filled.push({ id: named.id, uscc: row.uscc, updated_at: now });
        audit.push({ entity: "investor", entityId: named.id, action: "update", before: { uscc: null }, after: { uscc: row.uscc } });
        named.uscc = row.uscc;
        byUscc.set(row.uscc, named);
      }
      ids[index] = named.id;
      continue;
    }
    const key = row.uscc ? `uscc:${row.uscc}` : `name:${row.investorName}`;
    if (!pending.has(key)) {
      pending.set(key, []);
      pendingValues.push({ key, name: row.investorName, uscc: row.uscc });
    }
    pending.get(key)!.push(index);
  }
  if (filled.length) {
    await tx.execute(
      sql`update investors as i set uscc = f.uscc, updated_at = f.updated_at, version = i.version + 1
          from jsonb_to_recordset(${JSON.stringify(filled)}::jsonb) as f(id int, uscc text, updated_at timestamptz)
          where i.id = f.id`,
    );
  }
  const created = await insertMany(
    tx,
    "investors",
    [["zone_id", "int"], ["name", "text"], ["uscc", "text"], ["created_by_id", "int"], ["created_at", "timestamptz"], ["updated_at", "timestamptz"]],
    pendingValues.map((p) => ({ zone_id: viewer.zoneId, name: p.name, uscc: p.uscc, created_by_id: viewer.id, created_at: now, updated_at: now })),
    "id, name, uscc",
  );
  for (const c of created) {
    const key = c.uscc ? `uscc:${String(c.uscc)}` : `name:${String(c.name)}`;
    for (const index of pending.get(key)!) ids[index] = Number(c.id);
    audit.push({ entity: "investor", entityId: Number(c.id), action: "create", after: { name: c.name, uscc: c.uscc } });
  }
  return ids;
}

type AuditRow = { entity: "project" | "investor"; entityId: number; action: string; before?: unknown; after?: unknown };
type EventRow = {
  projectId: number;
  kind: "stage" | "imported" | "owner";
  fromStage?: ProjectStage | null;
  toStage?: ProjectStage | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromOwnerId?: number | null;
  toOwnerId?: number | null;
  businessOn: string;
  actorId: number;
  note?: string | null;
};

/** The history rows of milestones a row reaches that the project had not: their business dates as given. */
function milestoneEvents(projectId: number, row: ImportRow, fromStage: ProjectStage | null, actorId: number): EventRow[] {
  const events: EventRow[] = [];
  let previous = fromStage;
  for (const [field, stage] of MILESTONES) {
    const date = row[field];
    if (!date || (fromStage && stageReached(fromStage, stage)) || !stageReached(row.stage, stage)) continue;
    events.push({ projectId, kind: "stage", fromStage: previous, toStage: stage, businessOn: date, actorId });
    previous = stage;
  }
  return events;
}

async function writeRows(
  viewer: Viewer,
  rows: ImportRow[],
  columnList: TemplateKey[],
  byCode: Map<string, Existing>,
  onProgress: (done: number) => void,
  onWritten: (tx: Transaction, counts: { created: number; updated: number }) => Promise<void>,
) {
  const columns = new Set(columnList);
  const today = todayInZone();
  return getDb().transaction(async (tx) => {
    // One import of a zone at a time: codes are numbered from the zone's highest.
    await tx.execute(sql`select pg_advisory_xact_lock(7007, ${viewer.zoneId})`);
    // A batch's statements (and the triggers they fire) are planned with row estimates in the millions — a join of
    // two transition tables is guessed at n²/200 rows — so PostgreSQL compiled them with LLVM first: 0.3–0.7 s per
    // statement, about a quarter of an update import, for plans that then ran in milliseconds. Off for this
    // transaction only.
    await tx.execute(sql`set local jit = off`);
    // The connection plans every statement for its parameters (plan_cache_mode, db/index.ts), and that includes
    // the foreign-key checks PostgreSQL runs per row and key through cached plans: re-planned each time, they made
    // an import of 50,000 projects (~1.3 million checks) three times slower. Cached plans again, for this transaction.
    await tx.execute(sql`set local plan_cache_mode = auto`);
    const audit: AuditRow[] = [];
    const events: EventRow[] = [];
    const investorIds = await resolveInvestors(tx, viewer, rows, audit);
    const now = clock.now();

    const creates: { row: ImportRow; investorId: number }[] = [];
    const updates: { row: ImportRow; investorId: number; before: Existing }[] = [];
    rows.forEach((row, i) => {
      const before = row.code ? byCode.get(row.code) : undefined;
      if (before) updates.push({ row, investorId: investorIds[i], before });
      else creates.push({ row, investorId: investorIds[i] });
    });

    let codeNumber = await nextProjectCodeNumber(tx, viewer.zoneId, yearOf(today), rows.map((r) => r.code ?? ""));
    let done = 0;
    for (const part of chunks(creates, WRITE_BATCH)) {
      const values = part.map(({ row, investorId }) => ({
        ...projectValues(row, columns),
        code: row.code ?? projectCode(yearOf(today), codeNumber++),
        investorId,
        companyId: row.companyId,
      }));
      const created = await insertMany(
        tx,
        "projects",
        PROJECT_COLUMNS,
        values.map((v) => ({
          zone_id: viewer.zoneId,
          code: v.code,
          name: v.name,
          investor_id: v.investorId,
          cluster_id: v.clusterId,
          company_id: v.companyId,
          owner_id: v.ownerId ?? null,
          first_contact_company_id: v.firstContactCompanyId ?? null,
          source_channel: v.sourceChannel ?? null,
          stage: v.stage,
          status: v.status,
          planned_investment_wan: v.plannedInvestmentWan ?? null,
          contracted_investment_wan: v.contractedInvestmentWan ?? null,
          contacted_on: v.contactedOn ?? null,
          signed_on: v.signedOn ?? null,
          construction_on: v.constructionOn ?? null,
          production_on: v.productionOn ?? null,
          note: v.note ?? null,
          created_by_id: viewer.id,
          created_at: now,
          updated_at: now,
        })),
        "id, code",
      );
      const idOf = new Map(created.map((c) => [String(c.code), Number(c.id)]));
      const holdings: Record<string, unknown>[] = [];
      part.forEach(({ row }, i) => {
        const id = idOf.get(values[i].code)!;
        const first = MILESTONES.map(([field]) => row[field]).find((d) => d) ?? today;
        holdings.push({ project_id: id, company_id: row.companyId, from_on: first < today ? first : today });
        events.push(...milestoneEvents(id, row, null, viewer.id));
        events.push({ projectId: id, kind: "imported", toStage: row.stage, toStatus: row.status, businessOn: today, actorId: viewer.id });
        audit.push({ entity: "project", entityId: id, action: "import", after: values[i] });
      });
      await insertMany(tx, "project_holdings", [["project_id", "int"], ["company_id", "int"], ["from_on", "date"]], holdings);
      done += part.length;
      onProgress(done);
    }

    // Rows that change nothing are not written (the project keeps its version, so no one's open form goes stale).
    const changedRows: Record<string, unknown>[] = [];
    for (const { row, investorId, before } of updates) {
      const values = { ...projectValues(row, columns, before), ...(columns.has("investor") ? { investorId } : {}) };
      const changed = changedOnly(before, values);
      if (changed) {
        const next = { ...before, ...values };
        changedRows.push({
          id: before.id,
          name: next.name,
          investor_id: next.investorId,
          cluster_id: next.clusterId,
          owner_id: next.ownerId,
          first_contact_company_id: next.firstContactCompanyId,
          source_channel: next.sourceChannel,
          stage: next.stage,
          status: next.status,
          planned_investment_wan: next.plannedInvestmentWan,
          contracted_investment_wan: next.contractedInvestmentWan,
          contacted_on: next.contactedOn,
          signed_on: next.signedOn,
          construction_on: next.constructionOn,
          production_on: next.productionOn,
          note: next.note,
          updated_at: now,
        });
      }
      const stage = values.stage ?? before.stage;
      const status = values.status ?? before.status;
      events.push(...milestoneEvents(before.id, { ...row, stage }, before.stage, viewer.id));
      if (stage !== before.stage || status !== before.status) {
        events.push({
          projectId: before.id,
          kind: "imported",
          fromStage: before.stage,
          toStage: stage,
          fromStatus: before.status,
          toStatus: status,
          businessOn: today,
          actorId: viewer.id,
        });
      }
      if (values.ownerId !== undefined && values.ownerId !== before.ownerId) {
        events.push({ projectId: before.id, kind: "owner", fromOwnerId: before.ownerId, toOwnerId: values.ownerId, businessOn: today, actorId: viewer.id });
      }
      if (changed) audit.push({ entity: "project", entityId: before.id, action: "import", ...changed });
    }
    for (const part of chunks(changedRows, WRITE_BATCH)) {
      await tx.execute(
        sql`update projects as p set ${sql.raw(UPDATE_COLUMNS.map(([name]) => `${name} = r.${name}`).join(", "))}, version = p.version + 1
            from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(id int, ${sql.raw(UPDATE_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", "))})
            where p.id = r.id`,
      );
      done += part.length;
      onProgress(done);
    }

    await insertMany(
      tx,
      "project_events",
      EVENT_COLUMNS,
      events.map((e) => ({
        project_id: e.projectId,
        kind: e.kind,
        from_stage: e.fromStage ?? null,
        to_stage: e.toStage ?? null,
        from_status: e.fromStatus ?? null,
        to_status: e.toStatus ?? null,
        from_owner_id: e.fromOwnerId ?? null,
        to_owner_id: e.toOwnerId ?? null,
        business_on: e.businessOn,
        recorded_at: now,
        actor_id: e.actorId,
        note: e.note ?? null,
      })),
    );
    await insertMany(
      tx,
      "audit_log",
      AUDIT_COLUMNS,
      audit.map((a) => ({
        zone_id: viewer.zoneId,
        actor_id: viewer.id,
        entity: a.entity,
        entity_id: a.entityId,
        action: a.action,
        before: a.before ?? null,
        after: a.after ?? null,
        at: now,
      })),
    );
    onProgress(rows.length);
    const counts = { created: creates.length, updated: changedRows.length };
    await onWritten(tx, counts);
    return counts;
  });
}

/** Before → after of the fields an update changes; null when it changes nothing. */
function changedOnly(before: Existing, after: Partial<typeof projects.$inferInsert>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[key] ?? null;
    if (String(old ?? "") !== String(value ?? "")) {
      b[key] = old;
      a[key] = value ?? null;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading runs back

const runner = alias(users, "runner");

/** One run, if the viewer may see it: their own, or (managers) their company's, or (admins) their zone's. */
export async function getImportRun(viewer: Viewer, runId: number) {
  const [run] = await getDb()
    .select({
      id: importRuns.id,
      zoneId: importRuns.zoneId,
      companyId: importRuns.companyId,
      userId: importRuns.userId,
      fileName: importRuns.fileName,
      status: importRuns.status,
      totalRows: importRuns.totalRows,
      createdCount: importRuns.createdCount,
      updatedCount: importRuns.updatedCount,
      errors: importRuns.errors,
      startedAt: importRuns.startedAt,
      finishedAt: importRuns.finishedAt,
      phase: importRuns.phase,
      doneRows: importRuns.doneRows,
      stale: sql<boolean>`${importRuns.status} = 'running' and (${importRuns.heartbeatAt} is null or ${importRuns.heartbeatAt} < now() - make_interval(secs => ${STALE_AFTER_SECONDS}))`,
    })
    .from(importRuns)
    .where(and(eq(importRuns.id, runId), eq(importRuns.zoneId, viewer.zoneId)));
  if (!run || !canSeeImportRun(viewer, run)) return undefined;
  // Running, but no process has touched it for a minute: the process that ran it stopped and its transaction rolled
  // back. Declared failed only while it is still stale (the running process may have touched it since).
  if (run.stale) {
    const [failed] = await getDb()
      .update(importRuns)
      .set({ status: "failed", phase: null, finishedAt: clock.now() })
      .where(
        and(
          eq(importRuns.id, run.id),
          eq(importRuns.status, "running"),
          sql`(${importRuns.heartbeatAt} is null or ${importRuns.heartbeatAt} < now() - make_interval(secs => ${STALE_AFTER_SECONDS}))`,
        ),
      )
      .returning({ id: importRuns.id });
    if (failed) return { ...run, status: "failed", phase: null };
  }
  return run;
}

/** The latest runs the viewer may see: a manager's company's, an admin's zone's. */
export async function listImportRuns(viewer: Viewer, limit = 20) {
  if (!canImport(viewer)) return [];
  const scope =
    !canImportIntoAnyCompany(viewer)
      ? and(eq(importRuns.zoneId, viewer.zoneId), eq(importRuns.companyId, viewer.companyId!))
      : eq(importRuns.zoneId, viewer.zoneId);
  return getDb()
    .select({
      id: importRuns.id,
      fileName: importRuns.fileName,
      status: importRuns.status,
      totalRows: importRuns.totalRows,
      createdCount: importRuns.createdCount,
      updatedCount: importRuns.updatedCount,
      startedAt: importRuns.startedAt,
      by: runner.displayName,
      company: companies.shortName,
    })
    .from(importRuns)
    .innerJoin(runner, eq(runner.id, importRuns.userId))
    .leftJoin(companies, eq(companies.id, importRuns.companyId))
    .where(scope)
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------------------------
// Receiving a file

export type Upload = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true };

/** Reads an upload as it streams in and stops keeping bytes past the limit (what remains is read and dropped). */
export async function collectUpload(source: AsyncIterable<Uint8Array>, limit = IMPORT_MAX_BYTES): Promise<Upload> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > limit) return { ok: false, tooLarge: true };
    parts.push(chunk);
  }
  return { ok: true, bytes: new Uint8Array(Buffer.concat(parts)) };
}

/**
 * Starts a run for an upload (or for its absence or excess size) and returns its id at once; `done` settles when
 * the file is checked and written or refused. The page answers with the id and polls; the API awaits `done`.
 */
export async function beginImport(
  viewer: Viewer,
  opts: { upload: Upload | null; fileName: string | null; companyId: number | null; t: Translate },
): Promise<{ runId: number; done: Promise<ImportOutcome> }> {
  const { upload, t } = opts;
  const bytes = upload?.ok ? upload.bytes : null;
  const format = bytes && bytes[0] === 0x50 && bytes[1] === 0x4b ? "xlsx" : "csv";
  const runId = await startImportRun(viewer, { companyId: opts.companyId, fileName: opts.fileName, format });
  if (upload && !upload.ok) return { runId, done: refuseRun(runId, t("import.file.tooLarge", { max: IMPORT_MAX_MB }), t) };
  if (!bytes || bytes.byteLength === 0) return { runId, done: refuseRun(runId, t("import.file.missing"), t) };
  return { runId, done: runImport(viewer, runId, bytes, opts.companyId, t) };
}

/** The template's example row: a signed project of the viewer's company (or the zone's first cluster). */
export async function templateExample(viewer: Viewer): Promise<ProjectSheetRecord> {
  const ctx = await loadImportContext(getDb(), viewer, null);
  const company =
    ctx.companies.find((c) => c.id === viewer.companyId && c.kind !== "committee") ?? ctx.companies.find((c) => c.kind === "attraction");
  const cluster = ctx.clusters.find((c) => c.id === company?.clusterId) ?? ctx.clusters[0];
  const zh = messagesFor("zh");
  return {
    code: null,
    name: zh["import.example.name"],
    investor: zh["import.example.investor"],
    uscc: completeUscc("91140100MA0K7B8C9"),
    cluster: cluster?.name ?? null,
    company: company?.name ?? null,
    owner: canNameOwner(viewer) ? (ctx.users.find((u) => u.id === viewer.id)?.login ?? null) : null,
    source: sourceLabel("exhibition"),
    total_investment_wan: "52000.00",
    stage: stageLabel("signed"),
    status: statusLabel("active"),
    contacted_on: "2026-03-02",
    signed_on: "2026-09-18",
    construction_on: null,
    production_on: null,
    note: zh["import.example.note"],
  };
}
