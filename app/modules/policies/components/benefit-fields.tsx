// The fields of a benefit (政策兑现): the policy, what was promised and when, what was delivered and when.
import type { ZodFormApi } from "~/components/zod-form";
import { Field, TextField } from "~/components/zod-form";
import { useT } from "~/lib/use-i18n";
import type { benefitEditSchema, benefitFormSchema } from "../policies.schema";

export function BenefitFields({
  form: f,
  policies,
  today,
}: {
  form: ZodFormApi<typeof benefitFormSchema | typeof benefitEditSchema>;
  policies: { id: number; title: string }[];
  today: string;
}) {
  const t = useT();
  return (
    <>
      <p className="muted small">{t("policies.benefitHint")}</p>
      <Field form={f} name="policyId" label={t("policies.policy")}>
        <select {...f.field("policyId")}>
          <option value="">—</option>
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-grid">
        <TextField form={f} name="promisedWan" label={t("policies.promisedWan")} inputMode="decimal" />
        <TextField form={f} name="promisedOn" label={t("policies.promisedOn")} type="date" max={today} />
        <TextField form={f} name="deliveredWan" label={t("policies.deliveredWan")} inputMode="decimal" />
        <TextField form={f} name="deliveredOn" label={t("policies.deliveredOn")} type="date" max={today} />
      </div>
      <TextField form={f} name="note" label={t("policies.note")} />
    </>
  );
}
