import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { listZoneUsers } from "~/modules/admin/users.server";
import { canManageUsers } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageUsers(user));
  const rows = await listZoneUsers(user);
  return { users: rows.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) };
}

type UserRow = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];
const column = createColumnHelper<UserRow>();

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(
    () => [
      // A login is an identifier, not a word of the dictionary (the page-text test skips translate="no").
      column.accessor("login", { header: t("users.login"), cell: (c) => <span translate="no">{c.getValue()}</span> }),
      column.accessor("displayName", { header: t("users.displayName"), meta: { cardTitle: true } satisfies ColumnMeta }),
      column.accessor("role", { header: t("users.role"), cell: (c) => t(`role.${c.getValue()}`) }),
      column.accessor("companyName", { header: t("users.company"), cell: (c) => c.getValue() ?? t("users.noCompany") }),
      column.accessor("disabled", {
        header: t("users.status"),
        cell: (c) =>
          c.getValue() ? <span className="badge status-lost">{t("users.disabled")}</span> : <span className="badge">{t("users.enabled")}</span>,
      }),
      column.accessor("createdAt", {
        header: t("users.createdAt"),
        meta: { className: "nowrap muted" } satisfies ColumnMeta,
        cell: (c) => formatDateTime(c.getValue()),
      }),
      column.display({
        id: "actions",
        header: t("common.actions"),
        cell: (c) => <Link to={`/admin/users/${c.row.original.id}`}>{t("users.edit")}</Link>,
      }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("users.title")}</h1>
        <Link to="/admin/users/new" className="button primary">
          {t("users.new")}
        </Link>
      </div>
      <div className="table-wrap">
        <DataTable<UserRow> data={users} columns={columns} emptyText={t("common.noRows")} getRowId={(u) => String(u.id)} />
        <div className="table-foot">{t("common.rows", { n: users.length })}</div>
      </div>
    </>
  );
}
