import type * as z from "zod";
import type { FieldName, ZodFormApi } from "~/components/zod-form";
import { Field } from "~/components/zod-form";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-i18n";

/** The enterprise's 1–5 rating as a labelled select: the same on the request page, the 回访 list and /rate. */
export function ScoreField<S extends z.ZodObject<z.ZodRawShape>>({ form: f }: { form: ZodFormApi<S> }) {
  const t = useT();
  const name = "score" as FieldName<S>;
  return (
    <Field form={f} name={name} label={t("service.satisfaction")}>
      <select {...f.field(name)}>
        <option value="">—</option>
        {[5, 4, 3, 2, 1].map((n) => (
          <option key={n} value={n}>
            {t(`service.rating.${n}` as MessageKey)}
          </option>
        ))}
      </select>
    </Field>
  );
}
