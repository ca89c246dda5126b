// The export of every list (projects, investors, handoffs, a project's activities): the current filtered view,
// every matching row rather than one page, through the shared table export. Projects leave in the import
// template's columns, so that an export imports again as it is.
import { redirect } from "@remix-run/node";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "~db/index";
import { activities, companies, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { formatDateTime, todayInZone } from "~/lib/dates";
import type { Translate } from "~/lib/i18n";
import type { Viewer } from "~/modules/auth/policy";
import { flashHeader } from "~/modules/auth/flash.server";
import type { ExportFormat, ExportTable } from "~/modules/export/table-export.server";
import { exportResponse } from "~/modules/export/table-export.server";
import type { HandoffListParams } from "~/modules/handoffs/handoffs.schema";
import { listHandoffs } from "~/modules/handoffs/handoffs.server";
import type { InvestorListParams } from "~/modules/investors/investors.schema";
import { listInvestors } from "~/modules/investors/investors.server";
import type { ProjectListParams } from "~/modules/projects/projects.schema";
import { activityContactNames, activityUserNames, listProjectsForExport } from "~/modules/projects/projects.server";
import type { ProjectSheetRecord } from "./import-template";
import { projectSheetTable, sourceLabel, stageLabel, statusLabel } from "./import-template";
import { formatCount } from "~/lib/format";
import { queryRows } from "~db/query-rows";
import { approvalExportSheet } from "./approval-sheet.server";
import { benefitExportSheet } from "./benefit-sheet.server";
import { anyInt } from "./import-bulk.server";

/** More matching rows than this are not exported; the list says so and asks for narrower filters. */
export const EXPORT_MAX_ROWS = 100_000;

/** Back to the list (without ?export) with the message that the view is too large to export. */
async function tooMany(url: URL, t: Translate) {
  const back = new URL(url);
  back.searchParams.delete("export");
  return redirect(`${back.pathname}${back.search}`, {
    headers: {
      "Set-Cookie": await flashHeader({ kind: "error", message: t("import.exportCapped", { max: formatCount(EXPORT_MAX_ROWS) }) }),
    },
  });
}

// The zone's own date (Asia/Shanghai): at 07:29 on 12-07 in Beijing the file is of 12-07, not UTC's 12-06.
export const exportStamp = (now = clock.now()) => todayInZone(now);
const stamp = () => exportStamp();

/**
 * 产业链环节 as the import reads it: each project's link names, in chain order (upstream first), joined by 、.
 */
async function chainLinkNames(projectIds: number[]): Promise<Map<number, string>> {
  if (!projectIds.length) return new Map();
  const rows = await queryRows<{ project_id: number; names: string }>(
    sql`select pcl.project_id, string_agg(l.name, '、' order by case l.segment when 'upstream' then 0 when 'midstream' then 1 else 2 end, l.sort_order, l.id) as names
        from project_chain_links pcl join chain_links l on l.id = pcl.link_id
        where pcl.project_id = ${anyInt(projectIds)} group by pcl.project_id`,
  );
  return new Map(rows.map((r) => [Number(r.project_id), r.names]));
}

/** "company id|name" of the zone's people who share their name with someone else of their company. */
async function namesakes(zoneId: number): Promise<Set<string>> {
  const rows = await getDb()
    .select({ companyId: users.companyId, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.zoneId, zoneId), eq(users.disabled, false)))
    .groupBy(users.companyId, users.displayName)
    .having(sql`count(*) > 1`);
  return new Set(rows.map((r) => `${r.companyId}|${r.displayName}`));
}

/**
 * 负责人 as people read it: the name; for namesakes in one company the name with the login ("王磊（bdt_s2）"), the
 * form the import template's dropdown writes, so the export still imports to the same person.
 */
export function ownerCell(
  owner: { ownerLogin: string | null; ownerName: string | null; ownerCompanyId: number | null },
  shared: Set<string>,
): string | null {
  if (!owner.ownerLogin || !owner.ownerName) return null;
  return shared.has(`${owner.ownerCompanyId}|${owner.ownerName}`) ? `${owner.ownerName}（${owner.ownerLogin}）` : owner.ownerName;
}

export async function exportProjects(viewer: Viewer, params: ProjectListParams, format: ExportFormat, url: URL, t: Translate) {
  const rows = await listProjectsForExport(viewer, params, EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) return tooMany(url, t);
  const shared = await namesakes(viewer.zoneId);
  const links = await chainLinkNames(rows.map((r) => r.id));
  const records: ProjectSheetRecord[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    investor: r.investorName,
    uscc: r.investorUscc,
    cluster: r.clusterName,
    chain_links: links.get(r.id) ?? null,
    company: r.companyName,
    owner: ownerCell(r, shared),
    source: r.sourceChannel ? sourceLabel(r.sourceChannel) : null,
    total_investment_wan: r.totalInvestmentWan,
    stage: stageLabel(r.stage),
    status: statusLabel(r.status),
    contacted_on: r.contactedOn,
    signed_on: r.signedOn,
    construction_on: r.constructionOn,
    production_on: r.productionOn,
    note: r.note,
  }));
  const table = projectSheetTable(records, `${t("projects.title")}-${stamp()}`, t("projects.title"));
  // The workbook's further sheets (decision 029): the exported projects' approval items and policy benefits. A CSV
  // has the projects only.
  const sheets =
    format === "xlsx" ? [await approvalExportSheet(getDb(), rows, (u) => ownerCell(u, shared)), await benefitExportSheet(getDb(), rows)] : [];
  return exportResponse({ ...table, sheets }, format);
}

export async function exportInvestors(viewer: Viewer, params: InvestorListParams, format: ExportFormat, url: URL, t: Translate) {
  const list = await listInvestors(viewer, { ...params, after: undefined, before: undefined, size: EXPORT_MAX_ROWS });
  if (list.total > EXPORT_MAX_ROWS) return tooMany(url, t);
  const table: ExportTable = {
    fileName: `${t("investors.title")}-${stamp()}`,
    sheetName: t("investors.title"),
    columns: [
      { key: "name", header: t("investors.name") },
      { key: "uscc", header: t("import.col.uscc") },
      { key: "region", header: t("investors.region") },
      { key: "industry", header: t("investors.industry") },
      { key: "companies", header: t("investors.followers") },
      { key: "updatedAt", header: t("projects.updatedAt"), kind: "datetime" },
    ],
    rows: list.rows.map((r) => ({
      name: r.name,
      uscc: r.uscc,
      region: r.region,
      industry: r.industry,
      companies: r.companies.join("、"),
      updatedAt: r.updatedAt ? formatDateTime(r.updatedAt) : null,
    })),
  };
  return exportResponse(table, format);
}

export async function exportHandoffs(viewer: Viewer, params: HandoffListParams, format: ExportFormat, url: URL, t: Translate) {
  const rows = await listHandoffs(viewer, params, EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) return tooMany(url, t);
  const table: ExportTable = {
    fileName: `${t("handoffs.title")}-${stamp()}`,
    sheetName: t("handoffs.title"),
    columns: [
      { key: "kind", header: t("handoffs.kind") },
      { key: "status", header: t("projects.status") },
      { key: "code", header: t("projects.code") },
      { key: "project", header: t("projects.name") },
      { key: "from", header: t("handoffs.from") },
      { key: "to", header: t("handoffs.to") },
      { key: "requestedBy", header: t("handoffs.requestedBy") },
      { key: "reason", header: t("handoffs.reason") },
      { key: "assignee", header: t("handoffs.assignee") },
      { key: "createdAt", header: t("handoffs.createdAt"), kind: "datetime" },
      { key: "overdue", header: t("handoffs.overdue") },
    ],
    rows: rows.map((h) => ({
      kind: t(`handoffs.kind.${h.kind}`),
      status: t(`handoffs.status.${h.status}`),
      code: h.projectCode,
      project: h.projectName,
      from: h.fromCompanyName,
      to: h.toCompanyName,
      requestedBy: h.requestedByName,
      reason: h.reason,
      assignee: h.assigneeName,
      createdAt: h.createdAt ? formatDateTime(h.createdAt) : null,
      overdue: h.overdue ? t("common.yes") : null,
    })),
  };
  return exportResponse(table, format);
}

const author = alias(users, "author");

/** Every activity of a project the caller has already checked the viewer may see. */
export async function exportProjectActivities(project: { id: number; code: string; name: string }, format: ExportFormat, t: Translate) {
  const rows = await getDb()
    .select({
      occurredOn: activities.occurredOn,
      kind: activities.kind,
      summary: activities.summary,
      reviewOutcome: activities.reviewOutcome,
      nextAction: activities.nextAction,
      nextActionDueOn: activities.nextActionDueOn,
      authorName: author.displayName,
      companyName: companies.name,
      users: activityUserNames(),
      contacts: activityContactNames(),
    })
    .from(activities)
    .innerJoin(author, eq(author.id, activities.createdById))
    .innerJoin(companies, eq(companies.id, activities.companyId))
    .where(and(eq(activities.projectId, project.id)))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(EXPORT_MAX_ROWS);
  const table: ExportTable = {
    fileName: `${project.code}-${t("projects.activities")}`,
    sheetName: t("projects.activities"),
    columns: [
      { key: "occurredOn", header: t("projects.businessDate"), kind: "date" },
      { key: "kind", header: t("activity.kind") },
      { key: "author", header: t("projects.by") },
      { key: "company", header: t("projects.company") },
      { key: "summary", header: t("activity.summary") },
      { key: "participants", header: t("projects.participants") },
      { key: "reviewOutcome", header: t("projects.reviewOutcome") },
      { key: "nextAction", header: t("projects.nextAction") },
      { key: "due", header: t("projects.due"), kind: "date" },
    ],
    rows: rows.map((a) => ({
      occurredOn: a.occurredOn,
      kind: t(`activity.${a.kind}`),
      author: a.authorName,
      company: a.companyName,
      summary: a.summary,
      participants: [...a.users, ...a.contacts].join("、"),
      reviewOutcome: a.reviewOutcome ? t(`review.${a.reviewOutcome}`) : null,
      nextAction: a.nextAction,
      due: a.nextActionDueOn,
    })),
  };
  return exportResponse(table, format);
}
