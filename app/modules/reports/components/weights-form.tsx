import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import type { FormReply } from "~/lib/forms";
import { MEASURES, SCORECARD_GROUPS } from "~/lib/scorecard";
import type { Weights } from "~/lib/scorecard";
import { useT } from "~/lib/use-i18n";
import { scorecardWeightsSchema } from "../reports.schema";

/** The leaders' weights: a plain POST that works without JavaScript; the same schema checks them first. */
export function WeightsForm({ weights, reply }: { weights: Weights; reply?: FormReply | null }) {
  const t = useT();
  const f = useZodForm(scorecardWeightsSchema, {
    intent: "weight",
    reply,
    defaults: { ...Object.fromEntries(MEASURES.map((m) => [m.key, String(weights[m.key])])), note: "" },
  });
  const watched = f.form.watch();
  const sum = MEASURES.reduce((s, m) => s + (Number(watched[m.key]) || 0), 0);
  return (
    <ZodForm form={f}>
      {SCORECARD_GROUPS.map((group) => (
        <fieldset key={group} className="weights-group">
          <legend>{t(`scorecard.group.${group}`)}</legend>
          <div className="weights-grid">
            {MEASURES.filter((m) => m.group === group).map((m) => (
              <TextField key={m.key} form={f} name={m.key} label={t(`scorecard.measure.${m.key}`)} type="number" min={0} max={100} step={1} />
            ))}
          </div>
        </fieldset>
      ))}
      <TextField form={f} name="note" label={t("scorecard.note")} maxLength={200} />
      <div className="form-actions">
        <span className="muted" data-testid="weight-sum">{t("scorecard.weightSum", { n: sum })}</span>
        <button type="submit" className="button primary">
          {t("common.save")}
        </button>
      </div>
    </ZodForm>
  );
}
