import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useSubmit } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps, registerField } from "~/components/form-field";
import type { FieldErrors } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import { annualTargetSchema } from "../reports.schema";

const FIELDS = [
  ["signedCount", "targets.signedCount"],
  ["signedInvestmentWan", "targets.signedInvestment"],
  ["constructionCount", "targets.constructionCount"],
  ["productionCount", "targets.productionCount"],
] as const;

/** One company's targets for a year; carries the version it was loaded with (optimistic locking). */
export function TargetForm({
  companyId,
  year,
  version,
  defaults,
  serverErrors,
  cancelTo,
}: {
  companyId: number;
  year: number;
  version: number;
  defaults: Record<string, string>;
  serverErrors?: FieldErrors;
  cancelTo: string;
}) {
  const t = useT();
  const submit = useSubmit();
  const form = useForm<Record<string, unknown>>({
    resolver: zodResolver(annualTargetSchema) as never,
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: { ...defaults, companyId: String(companyId), year: String(year), version: String(version) },
  });
  const errorOf = (name: string) => (form.formState.errors[name]?.message as string | undefined) ?? serverErrors?.[name];
  return (
    <Form
      method="post"
      noValidate
      className="filters"
      onSubmit={(event) => {
        const el = event.currentTarget;
        void form.handleSubmit(() => submit(el))(event);
      }}
    >
      <CsrfInput />
      <input type="hidden" {...registerField(form, "companyId")} />
      <input type="hidden" {...registerField(form, "year")} />
      <input type="hidden" {...registerField(form, "version")} />
      {FIELDS.map(([name, label]) => (
        <FormField key={name} id={`target-${name}`} label={t(label)} error={errorOf(name)}>
          <input id={`target-${name}`} inputMode={name === "signedInvestmentWan" ? "decimal" : "numeric"} {...registerField(form, name)} {...invalidProps(`target-${name}`, errorOf(name))} />
        </FormField>
      ))}
      <button type="submit" className="button primary">
        {t("common.save")}
      </button>
      <Link to={cancelTo} className="button">
        {t("common.cancel")}
      </Link>
    </Form>
  );
}
