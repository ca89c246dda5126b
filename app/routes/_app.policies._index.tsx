// 政策库 (issue 21): the zone's policies with their issuer, document number, validity, content and conditions (data,
// read by the evaluator); the committee's leaders and companies' managers add them, each edits the ones it keeps.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canCreatePolicy, canSeePolicies } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { ConditionList } from "~/modules/policies/components/condition-text";
import { listPolicies } from "~/modules/policies/policies.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "policies.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePolicies(user));
  return { policies: await listPolicies(user), canCreate: canCreatePolicy(user) };
}

type PolicyRow = ReturnType<typeof useLoaderData<typeof loader>>["policies"][number];
const column = createColumnHelper<PolicyRow>();

export default function PoliciesPage() {
  const { policies, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("title", {
        header: t("policies.titleField"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => <Link to={`/policies/${c.row.original.id}`}>{c.getValue()}</Link>,
      }),
      column.accessor("issuer", { header: t("policies.issuer") }),
      column.accessor("documentNo", { header: t("policies.documentNo") }),
      column.display({
        id: "validity",
        header: t("policies.validity"),
        cell: (c) => (
          <>
            {c.row.original.validFrom ?? "—"} ~ {c.row.original.validTo ?? t("policies.openEnded")}{" "}
            {c.row.original.inForce ? null : <span className="badge status-lost">{t("policies.notInForce")}</span>}
          </>
        ),
      }),
      column.accessor("benefit", { header: t("policies.benefit") }),
      column.accessor("conditions", { header: t("policies.conditions"), cell: (c) => <ConditionList conditions={c.getValue()} t={t} /> }),
      column.accessor("companyName", { header: t("policies.keeper"), cell: (c) => c.getValue() ?? t("policies.committee") }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("policies.title")}</h1>
        <div className="head-actions">
          <Link to="/policies/owed" className="button">
            {t("nav.owedBenefits")}
          </Link>
          {canCreate ? (
            <Link to="/policies/new" className="button primary">
              {t("policies.add")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="muted">{t("policies.intro")}</p>
      <div className="table-wrap">
        <DataTable<PolicyRow> data={policies} columns={columns} emptyText={t("common.noRows")} getRowId={(p) => String(p.id)} />
        <div className="table-foot">{t("common.rows", { n: policies.length })}</div>
      </div>
    </>
  );
}
