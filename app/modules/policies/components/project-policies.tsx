// The project page's 政策对接 section (issue 21): the policies in force the project qualifies for, those it nearly
// qualifies for with what is missing and which condition fails by how much, and the benefits promised and delivered.
import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatWan } from "~/lib/money";
import { useT } from "~/lib/use-i18n";
import type { ConditionOutcome, PolicyCondition, SourceField } from "../policy-rules";
import { conditionText, missingText, outcomeText } from "./condition-text";

type Evaluated = {
  id: number;
  title: string;
  benefit: string;
  missing: SourceField[];
  outcomes: { condition: PolicyCondition; outcome: ConditionOutcome }[];
};
export type ProjectBenefit = {
  id: number;
  policyTitle: string;
  promisedWan: string;
  promisedOn: string;
  deliveredWan: string | null;
  deliveredOn: string | null;
  outstandingWan: string;
  evidence: number;
};

const column = createColumnHelper<ProjectBenefit>();

export function ProjectPolicies({
  projectId,
  qualifying,
  nearly,
  benefits,
  canRecord,
}: {
  projectId: number;
  qualifying: Evaluated[];
  nearly: Evaluated[];
  benefits: ProjectBenefit[];
  canRecord: boolean;
}) {
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("policyTitle", {
        header: t("policies.policy"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => <Link to={`/projects/${projectId}/benefits/${c.row.original.id}`}>{c.getValue()}</Link>,
      }),
      column.accessor("promisedWan", {
        header: t("policies.promisedWan"),
        meta: { numeric: true, className: "num" } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      column.accessor("promisedOn", { header: t("policies.promisedOn") }),
      column.accessor("deliveredWan", {
        header: t("policies.deliveredWan"),
        meta: { numeric: true, className: "num" } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      column.accessor("deliveredOn", { header: t("policies.deliveredOn") }),
      column.accessor("outstandingWan", {
        header: t("policies.outstandingWan"),
        meta: { numeric: true, className: "num" } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      column.accessor("evidence", { header: t("policies.evidence"), meta: { numeric: true, className: "num" } satisfies ColumnMeta }),
    ],
    [t, projectId],
  );
  return (
    <section className="panel" id="policies" aria-labelledby="policies-title">
      <div className="panel-head">
        <h2 id="policies-title">{t("policies.projectTitle")}</h2>
        {canRecord ? (
          <Link to={`/projects/${projectId}/benefits/new`} className="button">
            {t("policies.recordBenefit")}
          </Link>
        ) : null}
      </div>
      <h3>{t("policies.qualifying")}</h3>
      {qualifying.length === 0 ? <p className="muted">{t("policies.noneQualifying")}</p> : null}
      <ul className="plain-list" data-testid="qualifying-policies">
        {qualifying.map((p) => (
          <li key={p.id}>
            <Link to={`/policies/${p.id}`}>{p.title}</Link> <span className="muted small">{p.benefit}</span>
          </li>
        ))}
      </ul>
      <h3>{t("policies.nearly")}</h3>
      {nearly.length === 0 ? <p className="muted">{t("policies.noneNearly")}</p> : null}
      <ul className="plain-list" data-testid="nearly-policies">
        {nearly.map((p) => (
          <li key={p.id}>
            <Link to={`/policies/${p.id}`}>{p.title}</Link>
            {p.missing.length ? <div className="missing-value">{t("policies.toFill", { fields: missingText(p.missing, t) })}</div> : null}
            <ul className="plain-list small">
              {p.outcomes
                .filter((o) => o.outcome.status !== "pass")
                .map((o, i) => (
                  <li key={i}>
                    {conditionText(o.condition, t)}：{outcomeText(o.condition, o.outcome, t)}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      <h3>{t("policies.benefits")}</h3>
      <div className="table-wrap">
        <DataTable<ProjectBenefit> data={benefits} columns={columns} emptyText={t("policies.noBenefits")} getRowId={(b) => String(b.id)} />
      </div>
    </section>
  );
}
