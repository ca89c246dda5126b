// 待兑现政策 (issue 21): benefits promised and not (fully) delivered, of the projects the viewer sees — a company's
// people their company's, a leader the zone's —, the oldest promise first with its age in days and the total owed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { pageTitle } from "~/lib/meta";
import { formatWan } from "~/lib/money";
import { useT } from "~/lib/use-i18n";
import { canSeePolicies } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { owedBenefits } from "~/modules/policies/policies.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "policies.owedTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePolicies(user));
  return owedBenefits(user);
}

type OwedRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const column = createColumnHelper<OwedRow>();
const num = { numeric: true, className: "num" } satisfies ColumnMeta;

export default function OwedBenefitsPage() {
  const { rows, totalOwedWan } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("projectName", {
        header: t("policies.project"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => <Link to={`/projects/${c.row.original.projectId}/benefits/${c.row.original.id}`}>{c.getValue()}</Link>,
      }),
      column.accessor("companyName", { header: t("policies.company") }),
      column.accessor("policyTitle", { header: t("policies.policy") }),
      column.accessor("promisedWan", { header: t("policies.promisedWan"), meta: num, cell: (c) => formatWan(c.getValue()) }),
      column.accessor("promisedOn", { header: t("policies.promisedOn") }),
      column.accessor("deliveredWan", { header: t("policies.deliveredWan"), meta: num, cell: (c) => formatWan(c.getValue()) }),
      column.accessor("outstandingWan", { header: t("policies.outstandingWan"), meta: num, cell: (c) => formatWan(c.getValue()) }),
      column.accessor("ageDays", { header: t("policies.ageDays"), meta: num }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("policies.owedTitle")}</h1>
      </div>
      <p className="muted">{t("policies.owedIntro")}</p>
      <div className="table-wrap">
        <DataTable<OwedRow> data={rows} columns={columns} emptyText={t("policies.noOwed")} getRowId={(r) => String(r.id)} />
        <div className="table-foot" data-testid="owed-total">
          {t("policies.owedTotal", { total: formatWan(totalOwedWan) })}
        </div>
      </div>
    </>
  );
}
