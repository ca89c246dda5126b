import { Form, Link, useLocation } from "@remix-run/react";
import { PROJECT_STAGES, PROJECT_STATUSES } from "~/lib/domain-values";
import { useT } from "~/lib/use-i18n";

type Option = { id: number; name: string };
export type ProjectFilterValues = {
  q?: string;
  stage?: string;
  status?: string;
  owner?: number | "me";
  cluster?: number;
  company?: number;
  light?: string;
};

/**
 * The project filters, one form for the project list, the board and the chasing lists (the same URL parameters:
 * text, stage on the list, status, cluster, light, company for those who may pick one, owner). `hidden` keeps a
 * page's own parameters (sort, chosen columns, the chasing tab); `children` go after the buttons.
 */
export function ProjectFilters({
  values,
  options,
  showCompany,
  showStage = false,
  companyAllLabel = "pipeline.wholeZone",
  resetTo,
  hidden = {},
  children,
}: {
  values: ProjectFilterValues;
  options: { clusters: Option[]; companies: Option[]; owners: Option[] };
  showCompany: boolean;
  showStage?: boolean;
  companyAllLabel?: "pipeline.wholeZone" | "common.all";
  resetTo: string;
  hidden?: Record<string, string | undefined>;
  children?: React.ReactNode;
}) {
  const t = useT();
  const location = useLocation();
  // Keyed by the URL: the fields are uncontrolled, so a navigation (e.g. 我的项目 → 公司项目) must reset them.
  return (
    <Form key={location.search} method="get" className="filters" role="search">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="field">
        <label htmlFor="q">{t("common.search")}</label>
        <input id="q" type="search" name="q" defaultValue={values.q ?? ""} placeholder={t("projects.searchPlaceholder")} />
      </div>
      {showStage ? (
        <div className="field">
          <label htmlFor="stage">{t("projects.stage")}</label>
          <select id="stage" name="stage" defaultValue={values.stage ?? ""}>
            <option value="">{t("common.all")}</option>
            {PROJECT_STAGES.map((st) => (
              <option key={st} value={st}>
                {t(`stage.${st}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
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
      {showCompany ? (
        <div className="field">
          <label htmlFor="company">{t("projects.company")}</label>
          <select id="company" name="company" defaultValue={values.company ?? ""}>
            <option value="">{t(companyAllLabel)}</option>
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
      <button type="submit" className="button primary">
        {t("common.search")}
      </button>
      <Link to={resetTo} className="button">
        {t("common.reset")}
      </Link>
      {children}
    </Form>
  );
}
