// The policy form (new and edit): the policy's text, and one row per condition fact — a list of names (clusters,
// companies, project types) with 属于/不属于, or an operator and a threshold. Blank rows are no condition.
import type { ZodFormApi } from "~/components/zod-form";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { INVESTMENT_TYPES } from "~/lib/domain-values";
import type { FormReply } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import { policyEditSchema, policyFormSchema } from "../policies.schema";
import { LIST_OPS, NUMBER_FACTS, NUMBER_OPS } from "../policy-rules";

type Defaults = Parameters<typeof useZodForm<typeof policyEditSchema>>[1] extends infer O ? (O extends { defaults?: infer D } ? D : never) : never;

export function PolicyForm({
  intent,
  reply,
  defaults,
  options,
  submitLabel,
}: {
  intent: string;
  reply: FormReply | undefined;
  defaults: Defaults;
  options: { clusters: string[]; companies: string[] };
  submitLabel: string;
}) {
  const t = useT();
  const f = useZodForm(intent === "edit" ? policyEditSchema : policyFormSchema, { intent, reply, defaults });
  const listOp = (name: "clusterOp" | "companyOp" | "projectTypeOp") => (
    <select {...f.field(name)} aria-label={t("policies.operator")}>
      {LIST_OPS.map((op) => (
        <option key={op} value={op}>
          {t(`policies.op.${op}`)}
        </option>
      ))}
    </select>
  );
  return (
    <ZodForm form={f}>
      {intent === "edit" ? <input type="hidden" {...(f as ZodFormApi<typeof policyEditSchema>).field("version")} /> : null}
      <section className="panel">
        <div className="form-grid">
          <TextField form={f} name="title" label={t("policies.titleField")} />
          <TextField form={f} name="issuer" label={t("policies.issuer")} />
          <TextField form={f} name="documentNo" label={t("policies.documentNo")} />
          <TextField form={f} name="validFrom" label={t("policies.validFrom")} type="date" />
          <TextField form={f} name="validTo" label={t("policies.validTo")} type="date" />
        </div>
        <Field form={f} name="benefit" label={t("policies.benefit")}>
          <textarea rows={3} {...f.field("benefit")} />
        </Field>
      </section>
      <section className="panel">
        <h2>{t("policies.conditions")}</h2>
        <p className="muted small">{t("policies.conditionsHint")}</p>
        <fieldset className="field">
          <legend>
            {t("policies.fact.cluster")} {listOp("clusterOp")}
          </legend>
          <div className="check-row">
            {options.clusters.map((name) => (
              <label className="checkbox" key={name}>
                <input {...f.option("clusters", name)} /> {name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend>
            {t("policies.fact.company")} {listOp("companyOp")}
          </legend>
          <div className="check-row">
            {options.companies.map((name) => (
              <label className="checkbox" key={name}>
                <input {...f.option("companies", name)} /> {name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend>
            {t("policies.fact.projectType")} {listOp("projectTypeOp")}
          </legend>
          <div className="check-row">
            {INVESTMENT_TYPES.map((type) => (
              <label className="checkbox" key={type}>
                <input {...f.option("projectTypes", type)} /> {t(`investmentType.${type}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          {NUMBER_FACTS.map((fact) => (
            <Field key={fact} form={f} name={fact} label={`${t(`policies.fact.${fact}`)}（${t(`policies.unit.${fact}`)}）`}>
              <div style={{ display: "flex", gap: "0.4rem" }}>
                <select style={{ width: "4.5rem" }} {...f.field(`${fact}Op`)} aria-label={`${t(`policies.fact.${fact}`)} ${t("policies.operator")}`}>
                  {NUMBER_OPS.map((op) => (
                    <option key={op} value={op}>
                      {t(`policies.op.${op}`)}
                    </option>
                  ))}
                </select>
                <input inputMode="decimal" placeholder={t("policies.any")} {...f.field(fact)} />
              </div>
            </Field>
          ))}
        </div>
      </section>
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </ZodForm>
  );
}
