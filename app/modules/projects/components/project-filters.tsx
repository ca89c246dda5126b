import { Form, Link, useLocation } from "@remix-run/react";
import { PROJECT_STAGES, PROJECT_STATUSES } from "~/lib/domain-values";
import { LIGHTS } from "~/lib/light";
import { namedOptions, SelectField } from "~/components/select-field";
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
        <SelectField
          id="stage"
          label={t("projects.stage")}
          value={values.stage}
          emptyLabel={t("common.all")}
          options={PROJECT_STAGES.map((st) => ({ value: st, label: t(`stage.${st}`) }))}
        />
      ) : null}
      <SelectField
        id="status"
        label={t("projects.status")}
        value={values.status}
        emptyLabel={t("common.all")}
        options={[{ value: "open", label: t("status.open") }, ...PROJECT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
      />
      <SelectField
        id="cluster"
        label={t("projects.cluster")}
        value={values.cluster}
        emptyLabel={t("common.all")}
        options={namedOptions(options.clusters)}
      />
      <SelectField
        id="light"
        label={t("projects.light")}
        value={values.light}
        emptyLabel={t("common.all")}
        options={LIGHTS.map((l) => ({ value: l, label: t(`light.${l}`) }))}
      />
      {showCompany ? (
        <SelectField
          id="company"
          label={t("projects.company")}
          value={values.company}
          emptyLabel={t(companyAllLabel)}
          options={namedOptions(options.companies)}
        />
      ) : null}
      <SelectField
        id="owner"
        label={t("projects.owner")}
        value={values.owner}
        emptyLabel={t("common.all")}
        options={[{ value: "me", label: t("projects.filterOwnerMe") }, ...namedOptions(options.owners)]}
      />
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
