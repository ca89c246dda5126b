import { Link } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import type { FormReply } from "~/lib/forms";
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
  reply,
  cancelTo,
}: {
  companyId: number;
  year: number;
  version: number;
  defaults: Record<(typeof FIELDS)[number][0], string>;
  /** The action's refusal: the typed values and the messages. */
  reply?: FormReply | null;
  cancelTo: string;
}) {
  const t = useT();
  const f = useZodForm(annualTargetSchema, { intent: "target", reply, defaults });
  return (
    <ZodForm form={f} className="filters">
      {/* Which target and the version it was read at are the page's, not the typed values'. */}
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />
      {FIELDS.map(([name, label]) => (
        <TextField key={name} form={f} name={name} label={t(label)} inputMode={name === "signedInvestmentWan" ? "decimal" : "numeric"} />
      ))}
      <button type="submit" className="button primary">
        {t("common.save")}
      </button>
      <Link to={cancelTo} className="button">
        {t("common.cancel")}
      </Link>
    </ZodForm>
  );
}
