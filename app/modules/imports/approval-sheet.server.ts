// The 审批事项 sheet's database side (decision 029): the projects its codes name that the importer may update, with
// their checklists; writing the checked rows inside the import's transaction (versioned: an item saved by someone
// between the check and the write fails the whole import, nothing written); and the sheet the project export adds.
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "~db/index";
import { approvalCatalogue, projectApprovals, projects, users } from "~db/schema";
import { queryRows } from "~db/query-rows";
import { chunks } from "~/lib/chunks";
import { clock } from "~/lib/clock";
import { todayInZone } from "~/lib/dates";
import { messagesFor } from "~/lib/i18n";
import type { Viewer } from "~/modules/auth/policy";
import { canUpdateByImport } from "~/modules/auth/policy";
import { approvalLight } from "~/modules/approvals/approval-rules";
import type { ExportColumn, ExportSheet } from "~/modules/export/table-export.server";
import type { ApprovalFields, ApprovalImportRow, ApprovalItem, ApprovalKey, ApprovalSheetContext } from "./approval-sheet";
import { APPROVAL_KEYS, approvalLabelKey, approvalStatus, approvalStatusLabel, mapApprovalCodes } from "./approval-sheet";
import { anyInt, anyText, insertAuditRows, insertMany, updateVersioned, WRITE_BATCH } from "./import-bulk.server";
import { sheetTitle } from "./import-sheets";
import type { ImportContext } from "./import-rows";
import type { Sheet } from "./read-sheet";

const APPROVALS_SHEET = { key: "approvals", nameKey: "importSheets.approvals.sheet" } as const;

const itemColumns = {
  id: projectApprovals.id,
  projectId: projectApprovals.projectId,
  name: projectApprovals.name,
  authority: projectApprovals.authority,
  allowedDays: projectApprovals.allowedDays,
  agentId: projectApprovals.agentId,
  plannedSubmitOn: projectApprovals.plannedSubmitOn,
  plannedApproveOn: projectApprovals.plannedApproveOn,
  submittedOn: projectApprovals.submittedOn,
  acceptedOn: projectApprovals.acceptedOn,
  approvedOn: projectApprovals.approvedOn,
  notApplicable: projectApprovals.notApplicable,
  notApplicableReason: projectApprovals.notApplicableReason,
  note: projectApprovals.note,
  version: projectApprovals.version,
};

/** What the sheet's rows are checked against: the projects its codes name (only those the importer may update). */
export async function loadApprovalSheetContext(
  db: Executor,
  viewer: Viewer,
  sheet: Sheet,
  people: ImportContext["users"],
): Promise<ApprovalSheetContext> {
  const codes = mapApprovalCodes(sheet);
  const found = codes.length
    ? await db
        .select({ id: projects.id, code: projects.code, companyId: projects.companyId, confidential: projects.confidential })
        .from(projects)
        .where(and(eq(projects.zoneId, viewer.zoneId), sql`${projects.code} = ${anyText(codes)}`))
    : [];
  const mine = found.filter((p) => canUpdateByImport(viewer, p));
  const items = mine.length
    ? await db
        .select(itemColumns)
        .from(projectApprovals)
        .where(sql`${projectApprovals.projectId} = ${anyInt(mine.map((p) => p.id))}`)
        .orderBy(asc(projectApprovals.sortOrder), asc(projectApprovals.id))
    : [];
  const catalogue = await db
    .select({
      id: approvalCatalogue.id,
      name: approvalCatalogue.name,
      authority: approvalCatalogue.authority,
      allowedDays: approvalCatalogue.allowedDays,
      commitment: approvalCatalogue.commitment,
      requiredForConstruction: approvalCatalogue.requiredForConstruction,
    })
    .from(approvalCatalogue)
    .where(eq(approvalCatalogue.zoneId, viewer.zoneId))
    .orderBy(asc(approvalCatalogue.sortOrder), asc(approvalCatalogue.id));
  return {
    projects: new Map(
      mine.map((p) => [
        p.code,
        { id: p.id, companyId: p.companyId, items: items.filter((i) => i.projectId === p.id).map(({ projectId: _p, ...i }) => i) },
      ]),
    ),
    users: people,
    catalogue,
    today: todayInZone(),
  };
}

const FIELD_COLUMNS = {
  authority: ["authority", "text"],
  allowedDays: ["allowed_days", "int"],
  agentId: ["agent_id", "int"],
  plannedSubmitOn: ["planned_submit_on", "date"],
  plannedApproveOn: ["planned_approve_on", "date"],
  submittedOn: ["submitted_on", "date"],
  acceptedOn: ["accepted_on", "date"],
  approvedOn: ["approved_on", "date"],
  notApplicable: ["not_applicable", "boolean"],
  notApplicableReason: ["not_applicable_reason", "text"],
  note: ["note", "text"],
} as const satisfies Record<keyof ApprovalFields, readonly [string, string]>;
const FIELDS = Object.keys(FIELD_COLUMNS) as (keyof ApprovalFields)[];

const INSERT_COLUMNS = [
  ["project_id", "int"],
  ["catalogue_id", "int"],
  ["name", "text"],
  ["commitment", "boolean"],
  ["required_for_construction", "boolean"],
  ["sort_order", "int"],
  ["updated_by_id", "int"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
  ...FIELDS.map((f) => FIELD_COLUMNS[f]),
] as const;
/** The item as it will be: the stored one with the row's changes (an update sets every field, as the projects' does). */
const fieldValues = (item: Partial<ApprovalItem>) =>
  Object.fromEntries(FIELDS.map((f) => [FIELD_COLUMNS[f][0], item[f] ?? (f === "notApplicable" ? false : null)]));

/** A checked item was saved by someone else between the check and the write: the import fails, nothing written. */
export class ApprovalChangedMeanwhile extends Error {}

/**
 * Writes the checked rows in the import's transaction: new items after the project's last, changed items with
 * their version moved on, an audit row each. Rows that change nothing never reach here.
 */
export async function writeApprovalRows(tx: Transaction, viewer: Viewer, rows: ApprovalImportRow[]) {
  const now = clock.now();
  const creates = rows.filter((r) => r.kind === "create");
  const updates = rows.filter((r) => r.kind === "update");
  const audit: Parameters<typeof insertAuditRows>[2] = [];

  if (creates.length) {
    const projectIds = [...new Set(creates.map((r) => r.projectId))];
    const last = await queryRows<{ project_id: number; last: number }>(
      sql`select project_id, coalesce(max(sort_order), 0)::int as last from project_approvals where project_id = ${anyInt(projectIds)} group by project_id`,
      tx,
    );
    const next = new Map(last.map((l) => [Number(l.project_id), Number(l.last)]));
    const values = creates.map((r) => {
      const order = (next.get(r.projectId) ?? 0) + 1;
      next.set(r.projectId, order);
      return {
        project_id: r.projectId,
        catalogue_id: r.catalogueId,
        name: r.name,
        commitment: r.commitment,
        required_for_construction: r.requiredForConstruction,
        sort_order: order,
        updated_by_id: viewer.id,
        created_at: now,
        updated_at: now,
        ...fieldValues(r.fields),
      };
    });
    const created = await insertMany(tx, "project_approvals", INSERT_COLUMNS, values, "id");
    created.forEach((c, i) =>
      audit.push({
        entity: "project_approval",
        entityId: Number(c.id),
        action: "import",
        before: null,
        after: { projectId: creates[i].projectId, name: creates[i].name, ...creates[i].fields },
      }),
    );
  }

  for (const part of chunks(updates, WRITE_BATCH)) {
    const batch = part.map((r) => ({ id: r.item.id, version: r.item.version, ...fieldValues({ ...r.item, ...r.changes }) }));
    const updated = await updateVersioned(tx, "project_approvals", Object.values(FIELD_COLUMNS), batch, { actorId: viewer.id, at: now });
    if (updated !== part.length) throw new ApprovalChangedMeanwhile(`${part.length - updated} approval items changed meanwhile`);
    for (const r of part) {
      const before = Object.fromEntries(Object.keys(r.changes).map((k) => [k, r.item[k as keyof ApprovalItem] ?? null]));
      audit.push({ entity: "project_approval", entityId: r.item.id, action: "import", before, after: r.changes });
    }
  }

  await insertAuditRows(tx, { zoneId: viewer.zoneId, actorId: viewer.id, at: now }, audit);
  return { created: creates.length, updated: updates.length };
}

// ---------------------------------------------------------------------------------------------------------------
// The export's sheet

const zh = messagesFor("zh");
const KIND: Partial<Record<ApprovalKey, ExportColumn["kind"]>> = {
  allowed_days: "int",
  planned_submit_on: "date",
  planned_approve_on: "date",
  submitted_on: "date",
  accepted_on: "date",
  approved_on: "date",
};
export const APPROVAL_EXPORT_COLUMNS: ExportColumn[] = APPROVAL_KEYS.map((key) => ({
  key,
  header: zh[approvalLabelKey(key)],
  kind: KIND[key] ?? "text",
}));

/** The 审批事项 sheet with its Chinese headers and the records given (none: the template's empty sheet). */
export function approvalSheet(rows: ExportSheet["rows"] = []): ExportSheet {
  return { sheetName: sheetTitle(APPROVALS_SHEET), columns: APPROVAL_EXPORT_COLUMNS, rows };
}

const agents = alias(users, "agent");

/**
 * The checklists of the exported projects (already scoped by the project list), in the sheet's columns: the agent
 * as the export writes 负责人 (name; name（login） for namesakes), the status and light as the page shows them.
 */
export async function approvalExportSheet(
  db: Executor,
  exported: { id: number; code: string; name: string }[],
  agentCell: (u: { ownerLogin: string | null; ownerName: string | null; ownerCompanyId: number | null }) => string | null,
): Promise<ExportSheet> {
  if (!exported.length) return approvalSheet();
  const byId = new Map(exported.map((p) => [p.id, p]));
  const items = await db
    .select({
      ...itemColumns,
      agentLogin: agents.login,
      agentName: agents.displayName,
      agentCompanyId: agents.companyId,
    })
    .from(projectApprovals)
    .leftJoin(agents, eq(agents.id, projectApprovals.agentId))
    .where(sql`${projectApprovals.projectId} = ${anyInt(exported.map((p) => p.id))}`)
    .orderBy(asc(projectApprovals.projectId), asc(projectApprovals.sortOrder), asc(projectApprovals.id));
  const today = todayInZone();
  const order = new Map(exported.map((p, i) => [p.id, i]));
  items.sort((a, b) => order.get(a.projectId)! - order.get(b.projectId)!);
  return approvalSheet(
    items.map((i) => {
      const project = byId.get(i.projectId)!;
      return {
        code: project.code,
        project: project.name,
        item: i.name,
        authority: i.authority,
        allowed_days: i.allowedDays,
        agent: agentCell({ ownerLogin: i.agentLogin, ownerName: i.agentName, ownerCompanyId: i.agentCompanyId }),
        planned_submit_on: i.plannedSubmitOn,
        planned_approve_on: i.plannedApproveOn,
        submitted_on: i.submittedOn,
        accepted_on: i.acceptedOn,
        approved_on: i.approvedOn,
        status: approvalStatusLabel(approvalStatus(i)),
        na_reason: i.notApplicableReason,
        light: zh[`approvals.light.${approvalLight(i, today)}`],
        note: i.note,
      };
    }),
  );
}
