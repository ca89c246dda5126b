import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("users.title")}</h1>
        <Link to="/admin/users/new" className="button primary">
          {t("users.new")}
        </Link>
      </div>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t("users.login")}</th>
              <th>{t("users.displayName")}</th>
              <th>{t("users.role")}</th>
              <th>{t("users.company")}</th>
              <th>{t("users.status")}</th>
              <th>{t("users.createdAt")}</th>
              <th>{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.login}</td>
                <td>{u.displayName}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.companyName ?? t("users.noCompany")}</td>
                <td>
                  {u.disabled ? (
                    <span className="badge status-lost">{t("users.disabled")}</span>
                  ) : (
                    <span className="badge">{t("users.enabled")}</span>
                  )}
                </td>
                <td className="nowrap muted">{formatDateTime(u.createdAt)}</td>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{t("users.edit")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="table-foot">{t("common.rows", { n: users.length })}</div>
      </div>
    </>
  );
}
