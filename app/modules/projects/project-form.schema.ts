// The project form's fields, shared by react-hook-form in the browser and the action on the server.
import * as z from "zod";
import { INVESTMENT_TYPES, SOURCE_CHANNELS } from "~/lib/domain-values";
import { checkbox, idField, optionalCount, optionalDate, optionalDecimal, optionalId, optionalText, requiredText } from "~/lib/form-fields";

const MAX_WAN = "99999999999999.99";

export const projectFieldsSchema = z.object({
  name: requiredText(2, 100),
  /** The investor is picked by name (a datalist helps with JavaScript); the id comes when starting from an investor. */
  investorName: requiredText(2, 100),
  investorId: optionalId,
  investorContactId: optionalId,
  clusterId: z.coerce.number("validation.required").int().positive("validation.required"),
  sourceChannel: z.preprocess((v) => (v === "" ? undefined : v), z.enum(SOURCE_CHANNELS).optional()),
  content: optionalText(2000),
  investmentType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(INVESTMENT_TYPES).optional()),
  plannedInvestmentWan: optionalDecimal({ max: MAX_WAN }),
  contractedInvestmentWan: optionalDecimal({ max: MAX_WAN }),
  foreignInvestmentUsdWan: optionalDecimal({ max: MAX_WAN }),
  fixedAssetInvestmentWan: optionalDecimal({ max: MAX_WAN }),
  landMu: optionalDecimal({ max: "9999999999.99" }),
  annualOutputWan: optionalDecimal({ max: MAX_WAN }),
  annualTaxWan: optionalDecimal({ max: MAX_WAN }),
  jobs: optionalCount,
  /** 接入电压等级 (kV), read by policies such as the power price from 110 kV. */
  voltageKv: optionalDecimal({ max: "99999.99" }),
  plannedSignOn: optionalDate,
  plannedConstructionOn: optionalDate,
  plannedProductionOn: optionalDate,
  confidential: checkbox,
  note: optionalText(2000),
  ownerId: optionalId,
  /** The links of the cluster's industry chain the project fills (issue 22): checkboxes of one name. */
  chainLinkIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(idField).max(30)),
});

function plannedDatesInOrder(v: { plannedSignOn?: string; plannedConstructionOn?: string; plannedProductionOn?: string }, ctx: z.RefinementCtx) {
  if (v.plannedSignOn && v.plannedConstructionOn && v.plannedConstructionOn < v.plannedSignOn) {
    ctx.addIssue({ code: "custom", path: ["plannedConstructionOn"], message: "projects.error.constructionBeforeSign" });
  }
  if (v.plannedConstructionOn && v.plannedProductionOn && v.plannedProductionOn < v.plannedConstructionOn) {
    ctx.addIssue({ code: "custom", path: ["plannedProductionOn"], message: "projects.error.productionBeforeConstruction" });
  }
}

export const createProjectSchema = projectFieldsSchema.extend({ confirmedFollowers: checkbox }).superRefine(plannedDatesInOrder);

export const updateProjectSchema = projectFieldsSchema.extend({ version: z.coerce.number().int().positive() }).superRefine(plannedDatesInOrder);

export type ProjectFields = z.infer<typeof projectFieldsSchema>;
export type CreateProjectInput = z.infer<typeof createProjectSchema>;
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;

/** The fields the edit form writes (and the conflict check compares). */
export const EDITABLE_FIELDS = [
  "name",
  "investorId",
  "investorContactId",
  "clusterId",
  "sourceChannel",
  "content",
  "investmentType",
  "plannedInvestmentWan",
  "contractedInvestmentWan",
  "foreignInvestmentUsdWan",
  "fixedAssetInvestmentWan",
  "landMu",
  "annualOutputWan",
  "annualTaxWan",
  "jobs",
  "voltageKv",
  "plannedSignOn",
  "plannedConstructionOn",
  "plannedProductionOn",
  "confidential",
  "note",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
