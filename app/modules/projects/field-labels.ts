import { formatCount, formatMoney, MISSING } from "~/lib/format";
import type { MessageKey, Translate } from "~/lib/i18n";
import { isMessageKey } from "~/lib/i18n";

/** Dictionary keys naming a project's fields, for conflict tables and the change history. */
export const PROJECT_FIELD_LABELS: Record<string, MessageKey> = {
  name: "projects.name",
  investorId: "projects.investor",
  investorContactId: "projects.contact",
  clusterId: "projects.cluster",
  companyId: "projects.company",
  ownerId: "projects.owner",
  sourceChannel: "projects.sourceChannel",
  content: "projects.content",
  investmentType: "projects.investmentType",
  plannedInvestmentWan: "projects.plannedInvestment",
  contractedInvestmentWan: "projects.contractedInvestment",
  foreignInvestmentUsdWan: "projects.foreignInvestment",
  fixedAssetInvestmentWan: "projects.fixedAsset",
  landMu: "projects.land",
  annualOutputWan: "projects.annualOutput",
  annualTaxWan: "projects.annualTax",
  jobs: "projects.jobs",
  voltageKv: "projects.voltageKv",
  plannedSignOn: "projects.plannedSign",
  plannedConstructionOn: "projects.plannedConstruction",
  plannedProductionOn: "projects.plannedProduction",
  confidential: "projects.confidential",
  note: "projects.note",
  stage: "projects.stage",
  status: "projects.status",
  lostReason: "projects.lostReason",
  statusNote: "projects.statusNote",
  contactedOn: "projects.contactedOn",
  reviewOn: "projects.reviewOn",
  reviewOutcome: "projects.reviewOutcome",
  agreementNo: "projects.agreementNo",
  signedOn: "projects.signedOn",
  registeredOn: "projects.registeredOn",
  projectCompanyName: "projects.projectCompany",
  projectCompanyUscc: "projects.projectCompanyUscc",
  constructionOn: "projects.constructionOn",
  productionOn: "projects.productionOn",
  firstContactCompanyId: "projects.firstContactCompany",
  code: "projects.code",
};

/** Fields holding a key of an enum, with the dictionary prefix of its labels ("stage.lead" → 线索). */
const ENUM_PREFIX: Record<string, string> = {
  stage: "stage",
  status: "status",
  lostReason: "lost",
  sourceChannel: "source",
  investmentType: "investmentType",
  reviewOutcome: "review",
};

/** Fields in 万元 (and 亩), shown with two decimals as every money column is. */
const DECIMAL_FIELDS = new Set([
  "plannedInvestmentWan",
  "contractedInvestmentWan",
  "foreignInvestmentUsdWan",
  "fixedAssetInvestmentWan",
  "annualOutputWan",
  "annualTaxWan",
  "landMu",
]);

const COUNT_FIELDS = new Set(["jobs"]);

/**
 * A field's value as the change history and conflict tables show it: enum keys through the dictionary, money
 * with two decimals and separators, counts with separators, missing as "—".
 */
export function showFieldValue(field: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === "") return MISSING;
  if (typeof value === "boolean") return value ? "✓" : "✗";
  const text = String(value);
  const prefix = ENUM_PREFIX[field];
  if (prefix) {
    const key = `${prefix}.${text}`;
    return isMessageKey(key) ? t(key) : text;
  }
  if (DECIMAL_FIELDS.has(field) && /^-?\d+(\.\d+)?$/.test(text)) return formatMoney(text, 2);
  if (COUNT_FIELDS.has(field) && /^-?\d+$/.test(text)) return formatCount(text);
  return text;
}
