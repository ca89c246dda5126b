// The 政策兑现 sheet's database side (decisions 028, 029): the projects its codes name that the importer may update,
// with their benefits, and the zone's policies; writing the checked rows inside the import's transaction (versioned:
// a benefit saved by someone between the check and the write fails the whole import, nothing written); and the
// sheet the project export adds.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "~db/index";
import { policies, policyBenefits, projects } from "~db/schema";
import { chunks } from "~/lib/chunks";
import { clock } from "~/lib/clock";
import { todayInZone } from "~/lib/dates";
import { messagesFor } from "~/lib/i18n";
import type { Viewer } from "~/modules/auth/policy";
import { canUpdateByImport } from "~/modules/auth/policy";
import type { ExportColumn, ExportSheet } from "~/modules/export/table-export.server";
import type { BenefitFields, BenefitImportRow, BenefitKey, BenefitSheetContext, StoredBenefit } from "./benefit-sheet";
import { BENEFIT_KEYS, benefitLabelKey, mapBenefitCodes } from "./benefit-sheet";
import { anyInt, anyText, insertAuditRows, insertMany, updateVersioned, WRITE_BATCH } from "./import-bulk.server";
import { sheetTitle } from "./import-sheets";
import type { Sheet } from "./read-sheet";

const BENEFITS_SHEET = { key: "benefits", nameKey: "importSheets.benefits.sheet" } as const;

const benefitColumns = {
  id: policyBenefits.id,
  projectId: policyBenefits.projectId,
  policyId: policyBenefits.policyId,
  promisedWan: policyBenefits.promisedWan,
  promisedOn: policyBenefits.promisedOn,
  deliveredWan: policyBenefits.deliveredWan,
  deliveredOn: policyBenefits.deliveredOn,
  note: policyBenefits.note,
  version: policyBenefits.version,
};

/** What the sheet's rows are checked against: the projects its codes name (only those the importer may update). */
export async function loadBenefitSheetContext(db: Executor, viewer: Viewer, sheet: Sheet): Promise<BenefitSheetContext> {
  const codes = mapBenefitCodes(sheet);
  const found = codes.length
    ? await db
        .select({ id: projects.id, code: projects.code, companyId: projects.companyId, confidential: projects.confidential })
        .from(projects)
        .where(and(eq(projects.zoneId, viewer.zoneId), sql`${projects.code} = ${anyText(codes)}`))
    : [];
  const mine = found.filter((p) => canUpdateByImport(viewer, p));
  const benefits = mine.length
    ? await db
        .select(benefitColumns)
        .from(policyBenefits)
        .where(sql`${policyBenefits.projectId} = ${anyInt(mine.map((p) => p.id))}`)
        .orderBy(asc(policyBenefits.promisedOn), asc(policyBenefits.id))
    : [];
  const library = await db
    .select({ id: policies.id, title: policies.title, code: policies.code })
    .from(policies)
    .where(eq(policies.zoneId, viewer.zoneId))
    .orderBy(asc(policies.id));
  return {
    projects: new Map(
      mine.map((p) => [
        p.code,
        { id: p.id, benefits: benefits.filter((b) => b.projectId === p.id).map(({ projectId: _p, ...b }): StoredBenefit => b) },
      ]),
    ),
    policies: library,
    today: todayInZone(),
  };
}

const FIELD_COLUMNS = {
  promisedWan: ["promised_wan", "numeric"],
  deliveredWan: ["delivered_wan", "numeric"],
  deliveredOn: ["delivered_on", "date"],
  note: ["note", "text"],
} as const satisfies Record<keyof BenefitFields, readonly [string, string]>;
const FIELDS = Object.keys(FIELD_COLUMNS) as (keyof BenefitFields)[];

const INSERT_COLUMNS = [
  ["project_id", "int"],
  ["policy_id", "int"],
  ["promised_on", "date"],
  ["created_by_id", "int"],
  ["updated_by_id", "int"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
  ...FIELDS.map((f) => FIELD_COLUMNS[f]),
] as const;
/** The benefit's fields as they will be (an update sets every field, as the approvals' does). */
const fieldValues = (b: BenefitFields) => Object.fromEntries(FIELDS.map((f) => [FIELD_COLUMNS[f][0], b[f] ?? null]));

/** A checked benefit was saved by someone else between the check and the write: the import fails, nothing written. */
export class BenefitChangedMeanwhile extends Error {}

/** Writes the checked rows in the import's transaction, versions moved on, an audit row each (`policy_benefit`, `import`). */
export async function writeBenefitRows(tx: Transaction, viewer: Viewer, rows: BenefitImportRow[]) {
  const now = clock.now();
  const creates = rows.filter((r) => r.kind === "create");
  const updates = rows.filter((r) => r.kind === "update");
  const audit: Parameters<typeof insertAuditRows>[2] = [];

  if (creates.length) {
    const values = creates.map((r) => ({
      project_id: r.projectId,
      policy_id: r.policyId,
      promised_on: r.promisedOn,
      created_by_id: viewer.id,
      updated_by_id: viewer.id,
      created_at: now,
      updated_at: now,
      ...fieldValues(r.fields),
    }));
    const created = await insertMany(tx, "policy_benefits", INSERT_COLUMNS, values, "id");
    created.forEach((c, i) =>
      audit.push({
        entity: "policy_benefit",
        entityId: Number(c.id),
        action: "import",
        before: null,
        after: { projectId: creates[i].projectId, policyId: creates[i].policyId, promisedOn: creates[i].promisedOn, ...creates[i].fields },
      }),
    );
  }

  for (const part of chunks(updates, WRITE_BATCH)) {
    const batch = part.map((r) => ({ id: r.benefit.id, version: r.benefit.version, ...fieldValues({ ...r.benefit, ...r.changes }) }));
    const updated = await updateVersioned(tx, "policy_benefits", Object.values(FIELD_COLUMNS), batch, { actorId: viewer.id, at: now });
    if (updated !== part.length) throw new BenefitChangedMeanwhile(`${part.length - updated} policy benefits changed meanwhile`);
    for (const r of part) {
      const before = Object.fromEntries(Object.keys(r.changes).map((k) => [k, r.benefit[k as keyof StoredBenefit] ?? null]));
      audit.push({ entity: "policy_benefit", entityId: r.benefit.id, action: "import", before, after: r.changes });
    }
  }

  await insertAuditRows(tx, { zoneId: viewer.zoneId, actorId: viewer.id, at: now }, audit);
  return { created: creates.length, updated: updates.length };
}

// ---------------------------------------------------------------------------------------------------------------
// The export's sheet

const zh = messagesFor("zh");
const KIND: Partial<Record<BenefitKey, ExportColumn["kind"]>> = {
  promised_wan: "wan",
  promised_on: "date",
  delivered_wan: "wan",
  delivered_on: "date",
};
export const BENEFIT_EXPORT_COLUMNS: ExportColumn[] = BENEFIT_KEYS.map((key) => ({
  key,
  header: zh[benefitLabelKey(key)],
  kind: KIND[key] ?? "text",
}));

/** The 政策兑现 sheet with its Chinese headers and the records given (none: the template's empty sheet). */
export function benefitSheet(rows: ExportSheet["rows"] = []): ExportSheet {
  return { sheetName: sheetTitle(BENEFITS_SHEET), columns: BENEFIT_EXPORT_COLUMNS, rows };
}

/** The benefits of the exported projects (already scoped by the project list), by project, then promise date. */
export async function benefitExportSheet(db: Executor, exported: { id: number; code: string; name: string }[]): Promise<ExportSheet> {
  if (!exported.length) return benefitSheet();
  const byId = new Map(exported.map((p) => [p.id, p]));
  const rows = await db
    .select({ ...benefitColumns, policyTitle: policies.title })
    .from(policyBenefits)
    .innerJoin(policies, eq(policies.id, policyBenefits.policyId))
    .where(sql`${policyBenefits.projectId} = ${anyInt(exported.map((p) => p.id))}`)
    .orderBy(asc(policyBenefits.promisedOn), asc(policyBenefits.id));
  const order = new Map(exported.map((p, i) => [p.id, i]));
  rows.sort((a, b) => order.get(a.projectId)! - order.get(b.projectId)!);
  return benefitSheet(
    rows.map((b) => {
      const project = byId.get(b.projectId)!;
      return {
        code: project.code,
        project: project.name,
        policy: b.policyTitle,
        promised_wan: b.promisedWan,
        promised_on: b.promisedOn,
        delivered_wan: b.deliveredWan,
        delivered_on: b.deliveredOn,
        note: b.note,
      };
    }),
  );
}
