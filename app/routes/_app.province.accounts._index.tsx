import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canManageProvinceAccounts, isManagedProvinceAccount } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { listProvinceAccounts } from "~/modules/zones/province-accounts.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "province.accounts.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageProvinceAccounts(user));
  const accounts = await listProvinceAccounts();
  return {
    accounts: accounts.map((a) => ({ ...a, managed: isManagedProvinceAccount(a), mfa: a.mfa !== null, createdAt: a.createdAt.toISOString() })),
  };
}

type AccountRow = ReturnType<typeof useLoaderData<typeof loader>>["accounts"][number];
const column = createColumnHelper<AccountRow>();

export default function ProvinceAccountsPage() {
  const { accounts } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("displayName", {
        header: t("province.accounts.displayName"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        // The province admin's own account is managed at /account, not here.
        cell: (c) =>
          c.row.original.managed ? (
            <Link to={`/province/accounts/${c.row.original.id}`} aria-label={t("province.accounts.editOf", { name: c.getValue() })}>
              {c.getValue()}
            </Link>
          ) : (
            c.getValue()
          ),
      }),
      column.accessor("login", { header: t("province.accounts.login") }),
      column.accessor("role", { header: t("province.accounts.role"), cell: (c) => t(`role.${c.getValue()}`) }),
      column.accessor("city", { header: t("province.accounts.city"), cell: (c) => c.getValue() ?? t("common.none") }),
      column.accessor("mfa", { header: t("province.accounts.mfa"), cell: (c) => (c.getValue() ? t("common.yes") : t("common.no")) }),
      column.display({
        id: "state",
        header: t("province.accounts.state"),
        cell: ({ row }) =>
          row.original.disabled
            ? t("province.accounts.disabled")
            : row.original.mustChangePassword
              ? t("province.accounts.mustChange")
              : t("province.accounts.active"),
      }),
      column.accessor("createdAt", {
        header: t("province.accounts.createdAt"),
        meta: { className: "nowrap muted" } satisfies ColumnMeta,
        cell: (c) => formatDateTime(c.getValue()),
      }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("province.accounts.title")}</h1>
        <Link to="/province/accounts/new" className="button primary">
          {t("province.accounts.new")}
        </Link>
      </div>
      <p className="muted">{t("province.accounts.intro")}</p>
      <div className="table-wrap">
        <DataTable<AccountRow> data={accounts} columns={columns} emptyText={t("common.noRows")} getRowId={(a) => String(a.id)} />
        <div className="table-foot">{t("common.rows", { n: accounts.length })}</div>
      </div>
    </>
  );
}
