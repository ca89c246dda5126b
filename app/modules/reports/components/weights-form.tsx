import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { CsrfInput } from "~/components/csrf-input";
import { invalidProps, registerField } from "~/components/form-field";
import { translateError } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import { MEASURES, SCORECARD_GROUPS } from "~/lib/scorecard";
import type { Weights } from "~/lib/scorecard";
import { useT } from "~/lib/use-i18n";
import { scorecardWeightsSchema } from "../reports.schema";

/** The leaders' weights: a plain POST that works without JavaScript; react-hook-form checks the same schema first. */
export function WeightsForm({ weights, serverErrors, values }: { weights: Weights; serverErrors?: FieldErrors; values?: Record<string, string | string[]> }) {
  const t = useT();
  const submit = useSubmit();
  const defaults = Object.fromEntries(MEASURES.map((m) => [m.key, String(values?.[m.key] ?? weights[m.key])]));
  const form = useForm<Record<string, unknown>>({
    resolver: zodResolver(scorecardWeightsSchema) as never,
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: { ...defaults, note: String(values?.note ?? "") },
  });
  const errorOf = (name: string) => (form.formState.errors[name]?.message as string | undefined) ?? serverErrors?.[name];
  const watched = form.watch();
  const sum = MEASURES.reduce((s, m) => s + (Number(watched[m.key]) || 0), 0);
  const formError = errorOf("_form") ?? (form.formState.errors.root?.message as string | undefined);
  return (
    <Form
      method="post"
      noValidate
      onSubmit={(event) => {
        const el = event.currentTarget;
        void form.handleSubmit(() => submit(el))(event);
      }}
    >
      <CsrfInput />
      {SCORECARD_GROUPS.map((group) => (
        <fieldset key={group} className="weights-group">
          <legend>{t(`scorecard.group.${group}`)}</legend>
          <div className="weights-grid">
            {MEASURES.filter((m) => m.group === group).map((m) => {
              const id = `weight-${m.key}`;
              const error = errorOf(m.key);
              return (
                <div className="field" key={m.key}>
                  <label htmlFor={id}>{t(`scorecard.measure.${m.key}`)}</label>
                  <input id={id} type="number" min={0} max={100} step={1} {...registerField(form, m.key)} {...invalidProps(id, error)} />
                  {error ? (
                    <p className="field-error" id={`${id}-error`} role="alert">
                      {translateError(t, error)}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="weight-note">{t("scorecard.note")}</label>
        <input id="weight-note" maxLength={200} {...registerField(form, "note")} />
      </div>
      {formError ? (
        <p className="field-error" role="alert">
          {translateError(t, formError)}
        </p>
      ) : null}
      <div className="form-actions">
        <span className="muted" data-testid="weight-sum">{t("scorecard.weightSum", { n: sum })}</span>
        <button type="submit" className="button primary">
          {t("common.save")}
        </button>
      </div>
    </Form>
  );
}
