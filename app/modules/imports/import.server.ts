// Bulk import of projects (DOMAIN.md "Import template"): every row is checked first, then the whole file is written
// in one transaction — all or nothing, also when the server dies half-way. The page and the API both come here.
// This file holds a run's lifecycle (start, progress and heartbeat, refuse, fail, done), who imports into which
// company, and receiving the file; matching rows to projects is in import-match, writing them in import-write,
// reading runs back in import-runs.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { clusters, companies, importRuns, users } from "~db/schema";
import { clock } from "~/lib/clock";
import type { MessageKey, Translate } from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n";
import type { Forbidden, Invalid, Ok } from "~/lib/result";
import { forbidden, invalid, ok, toId } from "~/lib/result";
import { completeUscc } from "~/lib/uscc";
import type { Viewer } from "~/modules/auth/policy";
import { canImport, canImportInto, canImportIntoAnyCompany, canNameOwner } from "~/modules/auth/policy";
import type { ImportContext, ImportRowError } from "./import-rows";
import { canOwnProjects, checkSheetSteps, ownerChoice, SOURCE_LABELS, STAGE_LABELS, STATUS_LABELS } from "./import-rows";
import type { ProjectSheetRecord } from "./import-template";
import { projectSheetTable, sourceLabel, stageLabel, statusLabel } from "./import-template";
import type { ExportTable } from "~/modules/export/table-export.server";
import type { SheetProblem } from "./read-file";
import { MAX_CELL_CHARS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, MAX_UNZIPPED_BYTES, readImportFile } from "./read-file";
import { matchExisting } from "./import-match.server";
import { checkApprovalSheet } from "./approval-sheet";
import { approvalSheet, loadApprovalSheetContext, writeApprovalRows } from "./approval-sheet.server";
import { checkBenefitSheet } from "./benefit-sheet";
import { benefitSheet, loadBenefitSheetContext, writeBenefitRows } from "./benefit-sheet.server";
import type { ExtraSheetKey } from "./import-sheets";
import { extraSheetNames, sheetsByKind, workbookProblems } from "./import-sheets";
import { listLinkOptions } from "~/modules/chains/chains.server";
import { writeRows } from "./import-write.server";
import { eventLoopTurn, ROWS_PER_TURN } from "./import-bulk.server";

/** The largest file accepted, counted while it streams in (the page and the API say so). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;
export { MAX_IMPORT_ROWS };

/** What a run wrote besides projects, per further sheet (import-sheets.ts): items created and updated. */
export type SheetCounts = Partial<Record<ExtraSheetKey, { created: number; updated: number }>>;

export type ImportOutcome =
  | { status: "done"; runId: number; created: number; updated: number; sheets: SheetCounts }
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

export type ImportTarget = Ok<{ companyId: number | null }> | Forbidden | Invalid;

/**
 * The company an import writes into: a manager's own; for an admin the one chosen, or none (each row's own). Who
 * may write where is the policy's (`canImportInto`); a company the viewer may not choose is an invalid choice.
 */
export async function importTarget(viewer: Viewer, requested: string | null | undefined): Promise<ImportTarget> {
  if (!canImport(viewer)) return forbidden();
  if (!canImportIntoAnyCompany(viewer)) return ok({ companyId: viewer.companyId });
  if (!requested) return ok({ companyId: null });
  const id = toId(requested);
  const [company] =
    id === null
      ? []
      : await getDb().select({ id: companies.id, zoneId: companies.zoneId, kind: companies.kind }).from(companies).where(eq(companies.id, id));
  return company && canImportInto(viewer, company) ? ok({ companyId: company.id }) : invalid({ company: "import.companyInvalid" });
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
      .select({
        id: users.id,
        login: users.login,
        displayName: users.displayName,
        companyId: users.companyId,
        role: users.role,
        disabled: users.disabled,
      })
      .from(users)
      .where(eq(users.zoneId, viewer.zoneId))
      .orderBy(asc(users.companyId), asc(users.login)),
  ]);
  const links = await listLinkOptions(viewer.zoneId, db);
  return {
    clusters: clusterRows,
    companies: companyRows,
    users: userRows,
    chainLinks: links.map((l) => ({ id: l.id, clusterId: l.clusterId, name: l.name })),
    targetCompanyId,
  };
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
function fileProblemMessage(read: { problem: SheetProblem; row?: number; sheet?: string }, t: Translate) {
  return t(fileProblemKey[read.problem], {
    rows: MAX_IMPORT_ROWS,
    columns: MAX_IMPORT_COLUMNS,
    chars: MAX_CELL_CHARS,
    mb: MAX_UNZIPPED_BYTES / 1024 / 1024,
    where:
      (read.sheet !== undefined ? t("importSheets.inSheet", { sheet: read.sheet }) : "") +
      (read.row ? t("import.file.atRow", { row: read.row }) : ""),
  });
}

/** checkSheet, giving the event loop a turn after every ROWS_PER_TURN rows (50,000 rows took ~1 s in one piece). */
async function checkInSlices(sheet: Parameters<typeof checkSheetSteps>[0], ctx: ImportContext, t: Translate) {
  const steps = checkSheetSteps(sheet, ctx, t, ROWS_PER_TURN);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await eventLoopTurn();
  }
}

/**
 * Checks and writes one file for a run started with startImportRun. Never throws: a server error marks the run
 * failed (the transaction has rolled back, so nothing of it is written).
 */
export async function runImport(
  viewer: Viewer,
  runId: number,
  bytes: Uint8Array,
  targetCompanyId: number | null,
  t: Translate,
): Promise<ImportOutcome> {
  const heartbeat = setInterval(() => recordProgress(runId, {}), HEARTBEAT_MS);
  try {
    const read = await readImportFile(bytes, {}, { extraSheets: extraSheetNames() });
    if (!read.ok) return await refuseRun(runId, fileProblemMessage(read, t), t);
    const sheets = sheetsByKind(read.extra);
    const approvalSheetRead = sheets.found.get("approvals")?.sheet ?? null;
    const benefitSheetRead = sheets.found.get("benefits")?.sheet ?? null;
    const total = read.sheet.rows.length + (approvalSheetRead?.rows.length ?? 0) + (benefitSheetRead?.rows.length ?? 0);
    recordProgress(runId, { phase: "checking", doneRows: 0, totalRows: total });
    const db = getDb();
    const ctx = await loadImportContext(db, viewer, targetCompanyId);
    const checked = await checkInSlices(read.sheet, ctx, t);
    const existing = await matchExisting(db, viewer, checked.rows, t);
    const approvals = approvalSheetRead
      ? checkApprovalSheet(
          approvalSheetRead,
          await loadApprovalSheetContext(db, viewer, approvalSheetRead, ctx.users),
          t("importSheets.approvals.sheet"),
          t,
        )
      : { rows: [], errors: [] };
    const benefits = benefitSheetRead
      ? checkBenefitSheet(benefitSheetRead, await loadBenefitSheetContext(db, viewer, benefitSheetRead), t("importSheets.benefits.sheet"), t)
      : { rows: [], errors: [] };
    const errors = [
      ...workbookProblems(read.unknown, sheets.twice, t),
      ...[...checked.errors, ...existing.errors].sort((a, b) => a.row - b.row),
      ...approvals.errors,
      ...benefits.errors,
    ];
    if (errors.length) {
      await finishRun(runId, { status: "refused", totalRows: total, errors });
      return { status: "refused", runId, errors };
    }
    recordProgress(runId, { phase: "writing", doneRows: 0 });
    const sheetCounts: SheetCounts = {};
    const counts = await writeRows(
      viewer,
      checked.rows,
      checked.columns,
      existing.byCode,
      (done) => recordProgress(runId, { doneRows: done }),
      async (tx, c) => {
        if (approvals.rows.length) sheetCounts.approvals = await writeApprovalRows(tx, viewer, approvals.rows);
        if (benefits.rows.length) sheetCounts.benefits = await writeBenefitRows(tx, viewer, benefits.rows);
        // The run ends as done in the import's own transaction: if another process has meanwhile declared it failed,
        // nothing of the file is written either.
        if (
          !(await finishRun(
            runId,
            {
              status: "done",
              totalRows: total,
              doneRows: total,
              createdCount: c.created,
              updatedCount: c.updated,
              sheetCounts,
              errors: null,
            },
            tx,
          ))
        ) {
          throw new RunCutOff(`run ${runId} was declared failed`);
        }
      },
    );
    return { status: "done", runId, ...counts, sheets: sheetCounts };
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
  // The example's cluster is its company's, and its name says so (a 光伏 project under 光伏, not 生物医药).
  const cluster = ctx.clusters.find((c) => c.id === company?.clusterId) ?? ctx.clusters[0];
  const zh = messagesFor("zh");
  const clusterName = cluster?.name ?? "";
  const owner = canNameOwner(viewer) ? ctx.users.find((u) => u.id === viewer.id && canOwnProjects(u)) : undefined;
  return {
    code: null,
    name: zh["import.example.name"].replace("{cluster}", clusterName),
    investor: zh["import.example.investor"].replace("{cluster}", clusterName),
    uscc: completeUscc("91140100MA0K7B8C9"),
    cluster: cluster?.name ?? null,
    // The example fills the first link of its cluster's chain, so that the column's form shows.
    chain_links: ctx.chainLinks.find((l) => l.clusterId === cluster?.id)?.name ?? null,
    company: company?.name ?? null,
    owner: owner ? ownerChoice(owner, ctx.users) : null,
    source: sourceLabel("exhibition"),
    total_investment_wan: "52000.00",
    // Dates in stage order, and only those of the stages reached (签约: first contact, then signing).
    stage: stageLabel("signed"),
    status: statusLabel("active"),
    contacted_on: "2026-03-02",
    signed_on: "2026-09-18",
    construction_on: null,
    production_on: null,
    note: zh["import.example.note"],
  };
}

/** Rows of the template that get the dropdowns. */
export const TEMPLATE_CHOICE_ROWS = 2000;

/**
 * The template: its example row and dropdowns for 产业集群, 阶段, 状态, 来源渠道 and 负责人 (the people of the
 * importer's company by name; an admin's: every company's). 负责人 also takes a login, so Excel only warns there.
 */
export async function templateTable(viewer: Viewer, t: Translate): Promise<ExportTable> {
  const ctx = await loadImportContext(getDb(), viewer, null);
  const people = ctx.users.filter((u) => canOwnProjects(u) && (canImportIntoAnyCompany(viewer) || u.companyId === viewer.companyId));
  const table = projectSheetTable([await templateExample(viewer)], t("import.templateFile"), t("import.templateSheet"));
  return {
    ...table,
    // The 审批事项 and 政策兑现 sheets, empty: their rows name projects by code, which new projects get from the import.
    sheets: [approvalSheet(), benefitSheet()],
    choices: {
      sheetName: t("import.template.listsSheet"),
      rows: TEMPLATE_CHOICE_ROWS,
      title: t("import.template.pickTitle"),
      error: (column) => t("import.template.pickError", { column }),
      lists: [
        { key: "cluster", values: ctx.clusters.map((c) => c.name) },
        { key: "stage", values: STAGE_LABELS },
        { key: "status", values: STATUS_LABELS },
        { key: "source", values: SOURCE_LABELS },
        { key: "owner", values: [...new Set(people.map((u) => ownerChoice(u, people)))], strict: false },
      ],
    },
  };
}
