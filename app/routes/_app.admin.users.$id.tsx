import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { parseForm, translateError } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { UserForm } from "~/modules/admin/components/user-form";
import { accountSecurityAction, isAccountSecurityIntent } from "~/modules/admin/account-actions.server";
import { AccountSecurityPanels } from "~/modules/admin/components/account-security";
import { getZoneUser, listAssignableCompanies, listOpenProjectsOf, reassignmentsOf, updateZoneUser } from "~/modules/admin/users.server";
import { updateUserSchema } from "~/modules/admin/users.schema";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageUsers } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageUsers(user));
  const target = await getZoneUser(user, parseId(params.id));
  invariantResponse(target);
  return { target, companies: await listAssignableCompanies(user, target.companyId), openProjects: await listOpenProjectsOf(user, target.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageUsers(user));
  const id = parseId(params.id);
  // A user of another zone is not found, whatever the form holds (checked before the form is).
  invariantResponse(await getZoneUser(user, id));
  const t = await getTranslator(request);
  const done = async (message: string) => redirect(`/admin/users/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });

  const intent = form.get("intent");
  if (isAccountSecurityIntent(intent)) return accountSecurityAction(user, id, intent, form, (key) => done(t(key)));
  switch (intent) {
    case "update": {
      const parsed = parseForm(updateUserSchema, form);
      if (!parsed.ok) return replyInvalid("update", parsed.errors, form);
      const result = throwIfRefused(await updateZoneUser(user, id, parsed.data, reassignmentsOf(form)));
      if (result.kind === "invalid") return replyInvalid("update", result.fieldErrors, form);
      return done(t("users.updated"));
    }
    default:
      return replyInvalid("unknown", { _form: "validation.invalid" }, form);
  }
}

type OpenProject = ReturnType<typeof useLoaderData<typeof loader>>["openProjects"][number];
const column = createColumnHelper<OpenProject>();

export default function EditUserPage() {
  const { target, companies, openProjects } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  // The reassignment selects are named by project, outside the schema: their messages are read from the answer.
  const updateErrors = useMemo(() => (reply?.intent === "update" ? reply.errors : {}), [reply]);
  const reassignColumns = useMemo(
    () => [
      column.accessor("name", {
        header: t("users.openProjects"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/projects/${c.row.original.id}`}>{c.getValue()}</Link> <span className="muted">{c.row.original.code}</span>
          </>
        ),
      }),
      column.accessor("companyName", { header: t("users.company") }),
      column.display({
        id: "newOwner",
        header: t("users.newOwner"),
        cell: (c) => {
          const p = c.row.original;
          const error = updateErrors?.[`reassign-${p.id}`];
          return (
            <>
              <label className="sr-only" htmlFor={`reassign-${p.id}`}>
                {t("users.newOwner")}：{p.name}
              </label>
              <select
                id={`reassign-${p.id}`}
                name={`reassign-${p.id}`}
                defaultValue=""
                {...(error ? { "aria-invalid": true as const, "aria-describedby": `reassign-${p.id}-error` } : {})}
              >
                <option value="">—</option>
                {p.candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}（{u.login}）
                  </option>
                ))}
              </select>
              {error ? (
                <span className="field-error" id={`reassign-${p.id}-error`}>
                  {translateError(t, error)}
                </span>
              ) : null}
            </>
          );
        },
      }),
    ],
    [t, updateErrors],
  );
  return (
    <>
      <p>
        <Link to="/admin/users">← {t("users.title")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {target.displayName} <span className="muted">{target.login}</span>
        </h1>
        {target.disabled ? <span className="badge status-lost">{t("users.disabled")}</span> : null}
      </div>
      <section className="panel">
        {/* A new answer opens the form afresh, so that a message the server repeats shows again. */}
        <UserForm key={JSON.stringify(reply?.intent === "update" ? reply : {})} mode="edit" companies={companies} defaults={target} reply={reply}>
          {openProjects.length > 0 ? (
            <fieldset className="reassign">
              <legend>
                {t("users.openProjects")} ({openProjects.length})
              </legend>
              <p className="muted">{t("users.openProjectsHelp")}</p>
              {updateErrors._reassign ? (
                <p className="field-error" role="alert">
                  {t("users.reassignRequired")}
                </p>
              ) : null}
              <DataTable<OpenProject> data={openProjects} columns={reassignColumns} emptyText="" getRowId={(p) => String(p.id)} sticky={false} />
            </fieldset>
          ) : null}
        </UserForm>
      </section>
      <AccountSecurityPanels target={target} reply={reply} />
    </>
  );
}
