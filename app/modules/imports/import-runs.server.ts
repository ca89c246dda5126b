// Reading import runs back: one run for its page (a run whose process stopped is declared failed here), and the
// latest runs the viewer may see.
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "~db/index";
import { companies, importRuns, users } from "~db/schema";
import { clock } from "~/lib/clock";
import type { Viewer } from "~/modules/auth/policy";
import { canImport, canImportIntoAnyCompany, canSeeImportRun } from "~/modules/auth/policy";
import { STALE_AFTER_SECONDS } from "./import.server";

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
      sheetCounts: importRuns.sheetCounts,
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
  const scope = !canImportIntoAnyCompany(viewer)
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
