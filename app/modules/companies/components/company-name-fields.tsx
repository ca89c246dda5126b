// The name, short name and code of a company: the same three fields on the add and the edit form.
import type { ZodFormApi } from "~/components/zod-form";
import { TextField } from "~/components/zod-form";
import { useT } from "~/lib/use-i18n";
import type { companyNameSchema } from "~/modules/companies/companies.schema";

export function CompanyNameFields({ form: f }: { form: ZodFormApi<typeof companyNameSchema> }) {
  const t = useT();
  return (
    <>
      <TextField form={f} name="name" label={t("companies.name")} autoComplete="off" />
      <TextField form={f} name="shortName" label={t("companies.shortName")} autoComplete="off" />
      <div>
        <TextField form={f} name="code" label={t("companies.code")} autoComplete="off" autoCapitalize="none" aria-describedby="company-code-hint" />
        <p id="company-code-hint" className="muted small">
          {t("companies.codeHint")}
        </p>
      </div>
    </>
  );
}
