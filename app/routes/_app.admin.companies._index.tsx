import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canManageZoneCompanies } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { listCompaniesForAdmin } from "~/modules/companies/companies.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "companies.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageZoneCompanies(user));
  return { companies: await listCompaniesForAdmin(user) };
}

type CompanyRow = ReturnType<typeof useLoaderData<typeof loader>>["companies"][number];
const column = createColumnHelper<CompanyRow>();

export default function CompaniesPage() {
  const { companies } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("name", { header: t("companies.name"), meta: { cardTitle: true } satisfies ColumnMeta }),
      column.accessor("shortName", { header: t("companies.shortName") }),
      column.accessor("code", { header: t("companies.code"), cell: (c) => c.getValue() ?? t("common.none") }),
      column.accessor("kind", { header: t("companies.kind"), cell: (c) => t(`kind.${c.getValue()}`) }),
      column.accessor("cluster", { header: t("companies.cluster"), cell: (c) => c.getValue() ?? t("common.none") }),
      column.accessor("users", { header: t("zones.users"), meta: { className: "num" } satisfies ColumnMeta }),
      column.accessor("active", {
        header: t("companies.status"),
        cell: (c) =>
          c.getValue() ? <span className="badge">{t("companies.active")}</span> : <span className="badge status-lost">{t("companies.retired")}</span>,
      }),
      column.display({
        id: "actions",
        header: t("common.actions"),
        cell: (c) => (
          <Link to={`/admin/companies/${c.row.original.id}`} aria-label={`${t("companies.edit")} ${c.row.original.name}`}>
            {t("companies.edit")}
          </Link>
        ),
      }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("companies.title")}</h1>
        <Link to="/admin/companies/new" className="button primary">
          {t("companies.add")}
        </Link>
      </div>
      <p className="muted">{t("companies.intro")}</p>
      <div className="table-wrap">
        <DataTable<CompanyRow> data={companies} columns={columns} emptyText={t("common.noRows")} getRowId={(c) => String(c.id)} />
        <div className="table-foot">{t("common.rows", { n: companies.length })}</div>
      </div>
    </>
  );
}
