// The import template of DOMAIN.md ("Import template"): one project a row, these columns. The same columns are what
// the project list exports, so an export can be imported again and gives back what it holds.
import type { ProjectStage, ProjectStatus, SourceChannel } from "~/lib/domain-values";
import type { MessageKey } from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n";
import type { ExportColumn, ExportTable } from "~/modules/export/table-export.server";

export const TEMPLATE_KEYS = [
  "code",
  "name",
  "investor",
  "uscc",
  "cluster",
  "company",
  "owner",
  "source",
  "total_investment_wan",
  "stage",
  "status",
  "contacted_on",
  "signed_on",
  "construction_on",
  "production_on",
  "note",
  // Last, so that the columns before it keep the places they had before chains (issue 22).
  "chain_links",
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const REQUIRED_KEYS: readonly TemplateKey[] = ["name", "investor", "cluster"];
export const DATE_KEYS = ["contacted_on", "signed_on", "construction_on", "production_on"] as const;
export type DateKey = (typeof DATE_KEYS)[number];

export const columnLabelKey = (key: TemplateKey) => `import.col.${key}` as MessageKey;

/** The Chinese header of a column, exactly as the template writes it (whatever the viewer's language). */
export function chineseHeader(key: TemplateKey): string {
  return messagesFor("zh")[columnLabelKey(key)];
}

/** A project as one row of the sheet: names and labels, as a person reads and types them. */
export type ProjectSheetRecord = Record<TemplateKey, string | null>;

const KIND: Partial<Record<TemplateKey, ExportColumn["kind"]>> = {
  total_investment_wan: "wan",
  contacted_on: "date",
  signed_on: "date",
  construction_on: "date",
  production_on: "date",
};

export const TEMPLATE_COLUMNS: ExportColumn[] = TEMPLATE_KEYS.map((key) => ({ key, header: chineseHeader(key), kind: KIND[key] ?? "text" }));

/** The sheet for records, with the template's Chinese headers; no totals row, so that it imports as it is. */
export function projectSheetTable(records: ProjectSheetRecord[], fileName: string, sheetName: string): ExportTable {
  return { fileName, sheetName, columns: TEMPLATE_COLUMNS, rows: records };
}

const zh = messagesFor("zh");

/** Labels written into the sheet: Chinese, as the zone's staff type them; the parser reads English too. */
export const stageLabel = (stage: ProjectStage) => zh[`stage.${stage}`];
export const statusLabel = (status: ProjectStatus) => zh[`status.${status}`];
export const sourceLabel = (source: SourceChannel) => zh[`source.${source}`];
