// Matching an import's rows to the zone's projects by their code: which rows update a project, and the refusals
// for codes the importer may not update (told apart from unknown codes by nothing).
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { projects } from "~db/schema";
import type { Translate } from "~/lib/i18n";
import type { Viewer } from "~/modules/auth/policy";
import { canUpdateByImport } from "~/modules/auth/policy";
import { companyName } from "~/modules/companies/companies.server";
import type { ImportRow, ImportRowError } from "./import-rows";
import { columnLabelKey } from "./import-template";
import { anyText } from "./import-bulk.server";

/** What an update reads of a matched project: the template's fields and what decides who may update it. */
export const existingColumns = {
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
export type Existing = Pick<typeof projects.$inferSelect, keyof typeof existingColumns>;

/**
 * A row with a code updates that project — if the importer may: a manager only their company's, an admin any but a
 * confidential one (visible only to its owner, its company's manager and leaders). Every other code, whether no
 * project has it, another company's project has it or a confidential project has it, gets the same answer, so that
 * an import never tells anyone that a project they may not see exists. New projects leave the code empty.
 */
export async function matchExisting(db: Executor, viewer: Viewer, rows: ImportRow[], t: Translate) {
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
