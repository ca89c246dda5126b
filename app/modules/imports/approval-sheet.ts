// The 审批事项 sheet of an import workbook (issue 21 item 6, decision 029): one approval item of a project a row, by
// the project's code and the item's name. A row naming an item the project's checklist has updates it; any other
// creates it (with the zone catalogue's authority, days and flags when the name is the catalogue's). Items the
// sheet does not name are left as they are. Pure: the caller hands over the projects the codes name (only those
// the importer may update), the people and the catalogue; every problem is { row, column, message }.
import type { MessageKey, Translate } from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n";
import { isCompanyRole } from "~/modules/auth/policy";
import { approvalDateProblems } from "~/modules/approvals/approval-rules";
import type { ImportRowError } from "./import-rows";
import { allowedList, parseDate } from "./import-rows";
import type { SheetColumn } from "./import-sheets";
import { mapSheetHeader, sheetColumn } from "./import-sheets";
import type { Sheet, SheetCell } from "./read-sheet";

export const APPROVAL_KEYS = [
  "code",
  "project",
  "item",
  "authority",
  "allowed_days",
  "agent",
  "planned_submit_on",
  "planned_approve_on",
  "submitted_on",
  "accepted_on",
  "approved_on",
  "status",
  "na_reason",
  "light",
  "note",
] as const;
export type ApprovalKey = (typeof APPROVAL_KEYS)[number];

export const approvalLabelKey = (key: ApprovalKey) => `importSheets.approvals.col.${key}` as MessageKey;
export const APPROVAL_COLUMNS: SheetColumn<ApprovalKey>[] = APPROVAL_KEYS.map((key) => ({ key, labelKey: approvalLabelKey(key) }));
const REQUIRED: ApprovalKey[] = ["code", "item"];

/** The 状态 an item's dates and flag give (the export writes it; a file's must agree with its dates). */
export const APPROVAL_STATUSES = ["not_submitted", "submitted", "accepted", "approved", "not_applicable"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export function approvalStatus(i: {
  notApplicable: boolean;
  submittedOn: string | null;
  acceptedOn: string | null;
  approvedOn: string | null;
}): ApprovalStatus {
  if (i.notApplicable) return "not_applicable";
  if (i.approvedOn) return "approved";
  if (i.acceptedOn) return "accepted";
  return i.submittedOn ? "submitted" : "not_submitted";
}
const zh = messagesFor("zh");
export const approvalStatusLabel = (s: ApprovalStatus) => zh[`importSheets.approvals.status.${s}`];

const LIMIT = { item: 60, authority: 60, naReason: 200, note: 500 } as const;
const MIN_NAME = 2;
const MAX_DAYS = 365;
const DATE_FIELDS = [
  ["planned_submit_on", "plannedSubmitOn"],
  ["planned_approve_on", "plannedApproveOn"],
  ["submitted_on", "submittedOn"],
  ["accepted_on", "acceptedOn"],
  ["approved_on", "approvedOn"],
] as const;
type DateField = (typeof DATE_FIELDS)[number][1];

/** An item of a project's checklist as stored (what an update compares with). */
export type ApprovalItem = {
  id: number;
  name: string;
  authority: string;
  allowedDays: number;
  agentId: number | null;
  plannedSubmitOn: string | null;
  plannedApproveOn: string | null;
  submittedOn: string | null;
  acceptedOn: string | null;
  approvedOn: string | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
  note: string | null;
  version: number;
};

export type ApprovalSheetContext = {
  /** The projects the sheet's codes name that the importer may update, with their checklists. */
  projects: Map<string, { id: number; companyId: number; items: ApprovalItem[] }>;
  users: { id: number; login: string; displayName: string; companyId: number | null; role: string; disabled: boolean }[];
  /** The zone's catalogue by name: a new item of that name takes its authority, days and flags. */
  catalogue: { id: number; name: string; authority: string; allowedDays: number; commitment: boolean; requiredForConstruction: boolean }[];
  today: string;
};

/** The fields an import sets on an item (those of the columns the file has). */
export type ApprovalFields = Partial<Omit<ApprovalItem, "id" | "name" | "version">>;

/** A checked row: an update of `item` (only the fields that change) or a new item of the project. */
export type ApprovalImportRow =
  | { row: number; projectId: number; kind: "update"; item: ApprovalItem; changes: ApprovalFields }
  | {
      row: number;
      projectId: number;
      kind: "create";
      name: string;
      catalogueId: number | null;
      commitment: boolean;
      requiredForConstruction: boolean;
      fields: ApprovalFields & { authority: string; allowedDays: number };
    };

const text = (cell: SheetCell | undefined): string => {
  if (cell == null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** 时限(天): a whole number of days, 1–365, as a number cell or text. */
export function parseDays(cell: SheetCell): { ok: true; value: number | null } | { ok: false } {
  if (cell == null || cell instanceof Date) return cell == null ? { ok: true, value: null } : { ok: false };
  const raw = String(cell).trim();
  if (raw === "") return { ok: true, value: null };
  if (!/^\d+(\.0+)?$/.test(raw)) return { ok: false };
  const n = Number(raw);
  return n >= 1 && n <= MAX_DAYS ? { ok: true, value: n } : { ok: false };
}

function statusLookup(): (input: string) => ApprovalStatus | undefined {
  const en = messagesFor("en");
  const map = new Map<string, ApprovalStatus>();
  for (const s of APPROVAL_STATUSES) {
    map.set(s, s);
    map.set(zh[`importSheets.approvals.status.${s}`], s);
    map.set(en[`importSheets.approvals.status.${s}`].toLowerCase(), s);
  }
  return (input) => map.get(input.trim()) ?? map.get(input.trim().toLowerCase());
}
export const findApprovalStatus = statusLookup();
const STATUS_LABELS = APPROVAL_STATUSES.map(approvalStatusLabel);

type SheetUser = ApprovalSheetContext["users"][number];
export type AgentResult = { ok: true; id: number } | { ok: false; key: MessageKey; params: Record<string, string | number> };

/**
 * 代办员: an active person of the project's company (staff or manager), by name, by "name（login）" as the export
 * writes namesakes, or by login. Two of that name: the login decides.
 */
export function findAgent(input: string, companyId: number, users: readonly SheetUser[], t: Translate): AgentResult {
  const people = users.filter((u) => u.companyId === companyId && !u.disabled && isCompanyRole(u));
  const tagged = /^(.+?)\s*[（(]\s*([^（()）]+?)\s*[)）]$/.exec(input);
  const byLogin = (login: string) => people.find((u) => u.login.toLowerCase() === login.toLowerCase());
  if (tagged) {
    const user = byLogin(tagged[2]);
    if (user && user.displayName === tagged[1]) return { ok: true, id: user.id };
  }
  const named = people.filter((u) => u.displayName === input);
  if (named.length === 1) return { ok: true, id: named[0].id };
  if (named.length > 1)
    return {
      ok: false,
      key: "importSheets.approvals.error.agentAmbiguous",
      params: { name: input, count: named.length, logins: named.map((u) => u.login).join("、") },
    };
  const user = byLogin(input);
  if (user) return { ok: true, id: user.id };
  return {
    ok: false,
    key: "importSheets.approvals.error.agent",
    params: {
      name: input,
      allowed: allowedList(
        people.map((u) => u.displayName),
        t,
      ),
    },
  };
}

/** The project codes the sheet's 项目编号 column holds (to load those projects before the check). */
export function mapApprovalCodes(sheet: Sheet): string[] {
  const zhCode = zh[approvalLabelKey("code")];
  const index = sheet.header.findIndex((h) => h.replace(/\s+/g, "") === zhCode || h.trim().toLowerCase() === "code");
  if (index < 0) return [];
  return [...new Set(sheet.rows.map((r) => text(r.cells[index])).filter((c) => c !== ""))];
}

/** Every row of the 审批事项 sheet checked; it imports only when `errors` is empty (and the projects' sheet's too). */
export function checkApprovalSheet(
  sheet: Sheet,
  ctx: ApprovalSheetContext,
  sheetName: string,
  t: Translate,
): { rows: ApprovalImportRow[]; errors: ImportRowError[] } {
  const header = mapSheetHeader(sheet.header, APPROVAL_COLUMNS, REQUIRED, sheetName, t);
  if (header.errors.length) return { rows: [], errors: header.errors };
  const has = new Set(header.columns.filter((c): c is ApprovalKey => c !== null));
  const catalogue = new Map(ctx.catalogue.map((c) => [c.name, c]));
  const rows: ApprovalImportRow[] = [];
  const errors: ImportRowError[] = [];
  const firstRow = new Map<string, number>();

  for (const { row, cells } of sheet.rows) {
    const byKey = new Map<ApprovalKey, SheetCell>();
    header.columns.forEach((key, i) => {
      if (key) byKey.set(key, cells[i] ?? null);
    });
    const value = (key: ApprovalKey) => text(byKey.get(key));
    const rowErrors: ImportRowError[] = [];
    const fail = (key: ApprovalKey, messageKey: MessageKey, params?: Record<string, string | number>) =>
      rowErrors.push({ row, column: sheetColumn(sheetName, t(approvalLabelKey(key))), message: t(messageKey, params) });

    const code = value("code");
    const name = value("item");
    if (!code) fail("code", "import.error.required");
    const nameOk = name.length >= MIN_NAME && name.length <= LIMIT.item;
    if (!name) fail("item", "import.error.required");
    else if (!nameOk) fail("item", "importSheets.approvals.error.length", { min: MIN_NAME, max: LIMIT.item });
    const project = code ? ctx.projects.get(code) : undefined;
    if (code && !project) fail("code", "importSheets.approvals.error.project", { code });
    if (code && name) {
      const key = `${code}\u0000${name}`;
      const first = firstRow.get(key);
      if (first !== undefined) fail("item", "importSheets.approvals.error.duplicate", { code, name, first });
      else firstRow.set(key, row);
    }

    const fields: ApprovalFields = {};
    if (has.has("authority") && value("authority")) {
      const authority = value("authority");
      if (authority.length < MIN_NAME || authority.length > LIMIT.authority)
        fail("authority", "importSheets.approvals.error.length", { min: MIN_NAME, max: LIMIT.authority });
      else fields.authority = authority;
    }
    if (has.has("allowed_days")) {
      const days = parseDays(byKey.get("allowed_days") ?? null);
      if (!days.ok) fail("allowed_days", "importSheets.approvals.error.days", { value: value("allowed_days"), max: MAX_DAYS });
      else if (days.value !== null) fields.allowedDays = days.value;
    }
    if (has.has("agent")) {
      const input = value("agent");
      if (!input) fields.agentId = null;
      else if (project) {
        const agent = findAgent(input, project.companyId, ctx.users, t);
        if (agent.ok) fields.agentId = agent.id;
        else fail("agent", agent.key, agent.params);
      }
    }
    for (const [key, field] of DATE_FIELDS) {
      if (!has.has(key)) continue;
      const parsed = parseDate(byKey.get(key) ?? null);
      if (parsed.ok) fields[field] = parsed.value;
      else fail(key, "import.error.date", { value: value(key) });
    }
    if (has.has("na_reason")) {
      const reason = value("na_reason") || null;
      if (reason && reason.length > LIMIT.naReason) fail("na_reason", "import.error.tooLong", { max: LIMIT.naReason });
      fields.notApplicableReason = reason;
    }
    if (has.has("note")) {
      const note = value("note") || null;
      if (note && note.length > LIMIT.note) fail("note", "import.error.tooLong", { max: LIMIT.note });
      fields.note = note;
    }
    let status: ApprovalStatus | null = null;
    if (has.has("status") && value("status")) {
      status = findApprovalStatus(value("status")) ?? null;
      if (!status) fail("status", "importSheets.approvals.error.status", { name: value("status"), allowed: allowedList(STATUS_LABELS, t) });
    }

    // The item as it will be: the stored one with the file's columns over it.
    const sameName = project && name ? project.items.filter((i) => i.name === name) : [];
    if (project && sameName.length > 1) fail("item", "importSheets.approvals.error.ambiguous", { code, name, count: sameName.length });
    const stored = sameName.length === 1 ? sameName[0] : undefined;
    const fromCatalogue = stored ? undefined : catalogue.get(name);
    if (project && nameOk && sameName.length === 0) {
      if (fields.authority === undefined && !fromCatalogue) fail("authority", "importSheets.approvals.error.newItem");
      if (fields.allowedDays === undefined && !fromCatalogue) fail("allowed_days", "importSheets.approvals.error.newItem");
    }
    if (status !== null) fields.notApplicable = status === "not_applicable";
    const merged = {
      notApplicable: fields.notApplicable ?? stored?.notApplicable ?? false,
      notApplicableReason: fields.notApplicableReason !== undefined ? fields.notApplicableReason : (stored?.notApplicableReason ?? null),
      ...Object.fromEntries(DATE_FIELDS.map(([, f]) => [f, fields[f] !== undefined ? fields[f] : (stored?.[f] ?? null)])),
    } as { notApplicable: boolean; notApplicableReason: string | null } & Record<DateField, string | null>;
    const problems = approvalDateProblems(merged, ctx.today);
    const columnOf: Record<string, ApprovalKey> = { submittedOn: "submitted_on", acceptedOn: "accepted_on", approvedOn: "approved_on" };
    for (const [field, key] of Object.entries(problems)) fail(columnOf[field], key);
    if (merged.plannedSubmitOn && merged.plannedApproveOn && merged.plannedApproveOn < merged.plannedSubmitOn)
      fail("planned_approve_on", "importSheets.approvals.error.plannedOrder");
    if (merged.notApplicable && !merged.notApplicableReason) fail("na_reason", "importSheets.approvals.error.naReason");
    if (status !== null && status !== "not_applicable") {
      const given = approvalStatus({ ...merged, notApplicable: false });
      if (given !== status)
        fail("status", "importSheets.approvals.error.statusDates", { status: approvalStatusLabel(status), dates: approvalStatusLabel(given) });
    }
    // Not applicable drops its reason when the item applies again (as the page does).
    if (fields.notApplicable === false && (stored?.notApplicableReason || fields.notApplicableReason)) fields.notApplicableReason = null;

    errors.push(...rowErrors);
    if (rowErrors.length || !project || !name || sameName.length > 1) continue;
    if (stored) {
      const changes: ApprovalFields = {};
      for (const [k, v] of Object.entries(fields) as [keyof ApprovalFields, unknown][]) {
        if ((stored[k] ?? null) !== (v ?? null)) (changes as Record<string, unknown>)[k] = v;
      }
      if (Object.keys(changes).length) rows.push({ row, projectId: project.id, kind: "update", item: stored, changes });
    } else {
      rows.push({
        row,
        projectId: project.id,
        kind: "create",
        name,
        catalogueId: fromCatalogue?.id ?? null,
        commitment: fromCatalogue?.commitment ?? false,
        requiredForConstruction: fromCatalogue?.requiredForConstruction ?? false,
        fields: { ...fields, authority: fields.authority ?? fromCatalogue!.authority, allowedDays: fields.allowedDays ?? fromCatalogue!.allowedDays },
      });
    }
  }
  return { rows, errors };
}
