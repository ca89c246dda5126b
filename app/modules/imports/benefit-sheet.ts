// The 政策兑现 sheet of an import workbook (issue 21 item 6, decisions 028 and 029): one benefit promised to a project
// under a policy a row, found by the project's code, the policy (its title, or its code) and the date it was
// promised — a project may hold several benefits under one policy, promised on different days. A row naming a
// benefit the project has updates it; any other creates it. Benefits the sheet does not name are left as they are.
// Pure: the caller hands over the projects the codes name (only those the importer may update) with their
// benefits, and the zone's policies; every problem is { row, column, message }.
import type { MessageKey, Translate } from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n";
import { subtractDecimals } from "~/lib/money";
import { benefitProblems } from "~/modules/policies/policy-rules";
import type { ImportRowError } from "./import-rows";
import { allowedList, parseDate, parseMoney } from "./import-rows";
import type { SheetColumn } from "./import-sheets";
import { mapSheetHeader, sheetColumn } from "./import-sheets";
import type { Sheet, SheetCell } from "./read-sheet";

export const BENEFIT_KEYS = ["code", "project", "policy", "promised_wan", "promised_on", "delivered_wan", "delivered_on", "note"] as const;
export type BenefitKey = (typeof BENEFIT_KEYS)[number];

export const benefitLabelKey = (key: BenefitKey) => `importSheets.benefits.col.${key}` as MessageKey;
export const BENEFIT_COLUMNS: SheetColumn<BenefitKey>[] = BENEFIT_KEYS.map((key) => ({ key, labelKey: benefitLabelKey(key) }));
/** The columns that find a benefit: without one of them no row can be placed. */
const REQUIRED: BenefitKey[] = ["code", "policy", "promised_on"];
const NOTE_MAX = 500;

/** A benefit of a project as stored (what an update compares with); amounts are exact decimal strings of 万元. */
export type StoredBenefit = {
  id: number;
  policyId: number;
  promisedWan: string;
  promisedOn: string;
  deliveredWan: string | null;
  deliveredOn: string | null;
  note: string | null;
  version: number;
};

export type BenefitSheetContext = {
  /** The projects the sheet's codes name that the importer may update, with their benefits. */
  projects: Map<string, { id: number; benefits: StoredBenefit[] }>;
  /** The zone's policies (a benefit may be recorded under any, as on the project page). */
  policies: { id: number; title: string; code: string | null }[];
  today: string;
};

/** The fields an import sets on a benefit besides its key (those of the columns the file has). */
export type BenefitFields = Partial<Pick<StoredBenefit, "promisedWan" | "deliveredWan" | "deliveredOn" | "note">>;

/** A checked row: an update of `benefit` (only the fields that change) or a new benefit of the project. */
export type BenefitImportRow =
  | { row: number; projectId: number; kind: "update"; benefit: StoredBenefit; changes: BenefitFields }
  | {
      row: number;
      projectId: number;
      kind: "create";
      policyId: number;
      promisedOn: string;
      fields: BenefitFields & { promisedWan: string };
    };

const text = (cell: SheetCell | undefined): string => {
  if (cell == null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** Two amounts of 万元 are the same figure ("12.5" and "12.50"), compared exactly. */
export const sameWan = (a: string | null, b: string | null): boolean =>
  a === null || b === null ? a === b : /^-?0(\.0*)?$/.test(subtractDecimals(a, b));

export type PolicyResult = { ok: true; id: number } | { ok: false; key: MessageKey; params: Record<string, string | number> };

/** 政策: a policy of the zone by its title (what the export writes) or its code; two of one title are ambiguous. */
export function findPolicy(input: string, policies: BenefitSheetContext["policies"], t: Translate): PolicyResult {
  const titled = policies.filter((p) => p.title === input);
  if (titled.length === 1) return { ok: true, id: titled[0].id };
  const coded = policies.find((p) => p.code !== null && p.code.toLowerCase() === input.toLowerCase());
  if (coded) return { ok: true, id: coded.id };
  if (titled.length > 1) return { ok: false, key: "importSheets.benefits.error.policyAmbiguous", params: { name: input, count: titled.length } };
  return {
    ok: false,
    key: "importSheets.benefits.error.policy",
    params: {
      name: input,
      allowed: allowedList(
        policies.map((p) => p.title),
        t,
      ),
    },
  };
}

const zh = messagesFor("zh");

/** The project codes the sheet's 项目编号 column holds (to load those projects before the check). */
export function mapBenefitCodes(sheet: Sheet): string[] {
  const zhCode = zh[benefitLabelKey("code")];
  const index = sheet.header.findIndex((h) => h.replace(/\s+/g, "") === zhCode || h.trim().toLowerCase() === "code");
  if (index < 0) return [];
  return [...new Set(sheet.rows.map((r) => text(r.cells[index])).filter((c) => c !== ""))];
}

/** The column each of benefitProblems' fields is checked in. */
const PROBLEM_COLUMN: Record<string, BenefitKey> = { promisedOn: "promised_on", deliveredOn: "delivered_on", deliveredWan: "delivered_wan" };

/** Every row of the 政策兑现 sheet checked; it imports only when `errors` is empty (and the other sheets' too). */
export function checkBenefitSheet(
  sheet: Sheet,
  ctx: BenefitSheetContext,
  sheetName: string,
  t: Translate,
): { rows: BenefitImportRow[]; errors: ImportRowError[] } {
  const header = mapSheetHeader(sheet.header, BENEFIT_COLUMNS, REQUIRED, sheetName, t);
  if (header.errors.length) return { rows: [], errors: header.errors };
  const has = new Set(header.columns.filter((c): c is BenefitKey => c !== null));
  const rows: BenefitImportRow[] = [];
  const errors: ImportRowError[] = [];
  const firstRow = new Map<string, number>();

  for (const { row, cells } of sheet.rows) {
    const byKey = new Map<BenefitKey, SheetCell>();
    header.columns.forEach((key, i) => {
      if (key) byKey.set(key, cells[i] ?? null);
    });
    const value = (key: BenefitKey) => text(byKey.get(key));
    const rowErrors: ImportRowError[] = [];
    const fail = (key: BenefitKey, messageKey: MessageKey, params?: Record<string, string | number>) =>
      rowErrors.push({ row, column: sheetColumn(sheetName, t(benefitLabelKey(key))), message: t(messageKey, params) });

    const code = value("code");
    if (!code) fail("code", "import.error.required");
    const project = code ? ctx.projects.get(code) : undefined;
    if (code && !project) fail("code", "importSheets.benefits.error.project", { code });

    const policyName = value("policy");
    let policyId: number | undefined;
    if (!policyName) fail("policy", "import.error.required");
    else {
      const found = findPolicy(policyName, ctx.policies, t);
      if (found.ok) policyId = found.id;
      else fail("policy", found.key, found.params);
    }

    const promised = parseDate(byKey.get("promised_on") ?? null);
    const promisedOn = promised.ok ? promised.value : null;
    if (!promised.ok) fail("promised_on", "import.error.date", { value: value("promised_on") });
    else if (promisedOn === null) fail("promised_on", "import.error.required");

    const fields: BenefitFields = {};
    if (has.has("promised_wan")) {
      const money = parseMoney(byKey.get("promised_wan") ?? null);
      if (!money.ok) fail("promised_wan", money.key, { value: value("promised_wan") });
      else if (money.value === null) fail("promised_wan", "import.error.required");
      else fields.promisedWan = money.value;
    }
    if (has.has("delivered_wan")) {
      const money = parseMoney(byKey.get("delivered_wan") ?? null);
      if (money.ok) fields.deliveredWan = money.value;
      else fail("delivered_wan", money.key, { value: value("delivered_wan") });
    }
    if (has.has("delivered_on")) {
      const parsed = parseDate(byKey.get("delivered_on") ?? null);
      if (parsed.ok) fields.deliveredOn = parsed.value;
      else fail("delivered_on", "import.error.date", { value: value("delivered_on") });
    }
    if (has.has("note")) {
      const note = value("note") || null;
      if (note && note.length > NOTE_MAX) fail("note", "import.error.tooLong", { max: NOTE_MAX });
      fields.note = note;
    }

    // The benefit the row names: the project's under that policy promised that day.
    const keyed = project && policyId !== undefined && promisedOn !== null;
    const same = keyed ? project.benefits.filter((b) => b.policyId === policyId && b.promisedOn === promisedOn) : [];
    if (keyed) {
      const key = `${code}\u0000${policyId}\u0000${promisedOn}`;
      const first = firstRow.get(key);
      if (first !== undefined) fail("promised_on", "importSheets.benefits.error.duplicate", { first });
      else firstRow.set(key, row);
      if (same.length > 1) fail("promised_on", "importSheets.benefits.error.ambiguous", { code, count: same.length });
      if (same.length === 0 && !has.has("promised_wan")) fail("promised_wan", "importSheets.benefits.error.newBenefit");
    }
    const stored = same.length === 1 ? same[0] : undefined;

    // The benefit as it will be: the stored one with the file's columns over it, checked as the page checks it.
    // Only when every date and amount read (a cell not read is told once, not again as half a pair).
    const unread = (["delivered_wan", "delivered_on"] as const).some((k) =>
      rowErrors.some((e) => e.column === sheetColumn(sheetName, t(benefitLabelKey(k)))),
    );
    if (promisedOn !== null && !unread) {
      const merged = {
        promisedOn,
        deliveredWan: fields.deliveredWan !== undefined ? fields.deliveredWan : (stored?.deliveredWan ?? null),
        deliveredOn: fields.deliveredOn !== undefined ? fields.deliveredOn : (stored?.deliveredOn ?? null),
      };
      for (const [field, key] of Object.entries(benefitProblems(merged, ctx.today))) {
        // A pair half-filled is told where the file has the column (the other half may be the stored value).
        const column = PROBLEM_COLUMN[field];
        fail(has.has(column) ? column : column === "delivered_on" ? "delivered_wan" : "delivered_on", key);
      }
    }

    errors.push(...rowErrors);
    if (rowErrors.length || !keyed) continue;
    if (stored) {
      const changes: BenefitFields = {};
      if (fields.promisedWan !== undefined && !sameWan(fields.promisedWan, stored.promisedWan)) changes.promisedWan = fields.promisedWan;
      if (fields.deliveredWan !== undefined && !sameWan(fields.deliveredWan, stored.deliveredWan)) changes.deliveredWan = fields.deliveredWan;
      if (fields.deliveredOn !== undefined && fields.deliveredOn !== stored.deliveredOn) changes.deliveredOn = fields.deliveredOn;
      if (fields.note !== undefined && fields.note !== stored.note) changes.note = fields.note;
      if (Object.keys(changes).length) rows.push({ row, projectId: project.id, kind: "update", benefit: stored, changes });
    } else {
      rows.push({
        row,
        projectId: project.id,
        kind: "create",
        policyId: policyId!,
        promisedOn: promisedOn!,
        fields: { ...fields, promisedWan: fields.promisedWan! },
      });
    }
  }
  return { rows, errors };
}
