// The filter bar of the pipeline's period pages (the funnel, 审批时效): the company (for those who may pick one),
// a period preset and its dates, sent as a GET so the URL holds the view. `children` adds a page's own hidden fields.
import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { namedOptions, SelectField } from "~/components/select-field";
import { useT } from "~/lib/use-i18n";
import { PERIOD_PRESETS } from "~/modules/pipeline/pipeline.schema";

export function PeriodFilters({
  showCompany,
  company,
  companies,
  period,
  children,
}: {
  showCompany: boolean;
  company: string | number | null | undefined;
  companies: { id: number; name: string }[];
  period: { preset: string; from: string; to: string };
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Form method="get" className="filters">
      {showCompany ? (
        <SelectField
          id="company"
          label={t("projects.company")}
          value={company}
          emptyLabel={t("pipeline.wholeZone")}
          options={namedOptions(companies)}
        />
      ) : null}
      <SelectField
        id="period"
        label={t("pipeline.period")}
        value={period.preset}
        options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`pipeline.period.${p}`) }))}
      />
      <div className="field">
        <label htmlFor="from">{t("pipeline.from")}</label>
        <input id="from" type="date" name="from" defaultValue={period.from} />
      </div>
      <div className="field">
        <label htmlFor="to">{t("pipeline.to")}</label>
        <input id="to" type="date" name="to" defaultValue={period.to} />
      </div>
      {children}
      <button type="submit" className="button primary">
        {t("common.search")}
      </button>
    </Form>
  );
}
