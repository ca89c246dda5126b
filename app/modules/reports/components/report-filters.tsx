import { Form, Link } from "@remix-run/react";
import type { Comparison, Period } from "~/lib/periods";
import { PERIOD_PRESETS } from "~/lib/periods";
import { useT } from "~/lib/use-i18n";

export type ReportSwitchValues = { basis: "owner" | "firstContact"; evidenceOnly: boolean };

/** Period presets, a from–to range (a day when equal) and the report's switches; a GET form that works without JS. */
export function ReportFilters({
  action,
  period,
  switches,
  extra,
  showEvidence = true,
  compare,
}: {
  action: string;
  period: Period;
  switches?: ReportSwitchValues;
  extra?: React.ReactNode;
  showEvidence?: boolean;
  /** Offer 同比/环比 (undefined: the report has no comparison; null: none chosen). */
  compare?: Comparison | null;
}) {
  const t = useT();
  const keep = `${switches ? `&basis=${switches.basis}${switches.evidenceOnly ? "&evidence=only" : ""}` : ""}${compare ? `&compare=${compare}` : ""}`;
  return (
    <Form method="get" action={action} className="filters" role="search" key={`${period.from}-${period.to}-${JSON.stringify(switches)}`}>
      <div className="field">
        <span className="label-like">{t(`reports.kind.${period.kind}`)}</span>
        <div className="preset-links">
          {PERIOD_PRESETS.map((p) => (
            <Link key={p} to={`${action}?preset=${p}${keep}`} className="button small">
              {t(`reports.preset.${p}`)}
            </Link>
          ))}
        </div>
      </div>
      <div className="field">
        <label htmlFor="report-from">{t("reports.from")}</label>
        <input id="report-from" name="from" type="date" defaultValue={period.from} />
      </div>
      <div className="field">
        <label htmlFor="report-to">{t("reports.to")}</label>
        <input id="report-to" name="to" type="date" defaultValue={period.to} title={t("reports.dayHint")} />
      </div>
      {switches ? (
        <div className="field">
          <label htmlFor="report-basis">{t("reports.basis")}</label>
          <select id="report-basis" name="basis" defaultValue={switches.basis}>
            <option value="owner">{t("reports.basis.owner")}</option>
            <option value="firstContact">{t("reports.basis.firstContact")}</option>
          </select>
        </div>
      ) : null}
      {switches && showEvidence ? (
        <div className="field">
          <label htmlFor="report-evidence">{t("reports.evidence")}</label>
          <select id="report-evidence" name="evidence" defaultValue={switches.evidenceOnly ? "only" : "all"}>
            <option value="all">{t("reports.evidence.all")}</option>
            <option value="only">{t("reports.evidence.only")}</option>
          </select>
        </div>
      ) : null}
      {compare !== undefined ? (
        <div className="field">
          <label htmlFor="report-compare">{t("reports.compare")}</label>
          <select id="report-compare" name="compare" defaultValue={compare ?? ""}>
            <option value="">{t("reports.compare.none")}</option>
            <option value="yoy">{t("reports.compare.yoy")}</option>
            <option value="pop">{t("reports.compare.pop")}</option>
          </select>
        </div>
      ) : null}
      {extra}
      <button type="submit" className="button primary">
        {t("reports.apply")}
      </button>
    </Form>
  );
}

/** Download links for the page's table: its export route with the same query and ?export=xlsx|csv. */
export function ExportLinks({ path, search }: { path: string; search: string }) {
  const t = useT();
  const params = new URLSearchParams(search);
  params.delete("export");
  const href = (format: string) => {
    params.set("export", format);
    return `${path}?${params.toString()}`;
  };
  return (
    <span className="export-links">
      <a className="button small" href={href("xlsx")} download>
        {t("import.exportXlsx")}
      </a>
      <a className="button small" href={href("csv")} download>
        {t("import.exportCsv")}
      </a>
    </span>
  );
}
