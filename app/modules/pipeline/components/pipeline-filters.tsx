import { Form, Link, useLocation } from "@remix-run/react";
import { PROJECT_STATUSES } from "~/lib/domain-values";
import { useT } from "~/lib/use-i18n";

type Option = { id: number; name: string };
export type PipelineFilterValues = {
  q?: string;
  status?: string;
  owner?: number | "me";
  cluster?: number;
  company?: number;
  light?: string;
};

/**
 * The project list's filters (the same URL parameters: owner, cluster, light, status, text; company for leaders),
 * for the board and the chasing lists. `hidden` keeps a page's own parameters (e.g. the chasing tab).
 */
export function PipelineFilters({
  values,
  options,
  showCompany,
  resetTo,
  hidden = {},
}: {
  values: PipelineFilterValues;
  options: { clusters: Option[]; companies: Option[]; owners: Option[] };
  showCompany: boolean;
  resetTo: string;
  hidden?: Record<string, string | undefined>;
}) {
  const t = useT();
  const location = useLocation();
  return (
    <Form key={location.search} method="get" className="filters" role="search">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="field">
        <label htmlFor="q">{t("common.search")}</label>
        <input id="q" type="search" name="q" defaultValue={values.q ?? ""} placeholder={t("projects.searchPlaceholder")} />
      </div>
      {showCompany ? (
        <div className="field">
          <label htmlFor="company">{t("projects.company")}</label>
          <select id="company" name="company" defaultValue={values.company ?? ""}>
            <option value="">{t("pipeline.wholeZone")}</option>
            {options.companies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="owner">{t("projects.owner")}</label>
        <select id="owner" name="owner" defaultValue={values.owner ?? ""}>
          <option value="">{t("common.all")}</option>
          <option value="me">{t("projects.filterOwnerMe")}</option>
          {options.owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cluster">{t("projects.cluster")}</label>
        <select id="cluster" name="cluster" defaultValue={values.cluster ?? ""}>
          <option value="">{t("common.all")}</option>
          {options.clusters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="light">{t("projects.light")}</label>
        <select id="light" name="light" defaultValue={values.light ?? ""}>
          <option value="">{t("common.all")}</option>
          {(["red", "yellow", "green", "none"] as const).map((l) => (
            <option key={l} value={l}>
              {t(`light.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="status">{t("projects.status")}</label>
        <select id="status" name="status" defaultValue={values.status ?? ""}>
          <option value="">{t("common.all")}</option>
          <option value="open">{t("status.open")}</option>
          {PROJECT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button primary">
        {t("common.search")}
      </button>
      <Link to={resetTo} className="button">
        {t("common.reset")}
      </Link>
    </Form>
  );
}
