import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { CsrfInput } from "~/components/csrf-input";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { FormField, invalidProps } from "~/components/form-field";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { UserForm } from "~/modules/admin/components/user-form";
import {
  endSessionsOf,
  getZoneUser,
  listAssignableCompanies,
  listOpenProjectsOf,
  reassignmentsOf,
  resetMfaOf,
  resetUserPassword,
  setUserDisabled,
  updateZoneUser,
} from "~/modules/admin/users.server";
import { resetPasswordSchema, updateUserSchema } from "~/modules/admin/users.schema";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageUsers } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageUsers(user));
  const target = await getZoneUser(user, parseId(params.id));
  invariantResponse(target);
  return { target, companies: await listAssignableCompanies(user), openProjects: await listOpenProjectsOf(user, target.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageUsers(user));
  const id = parseId(params.id);
  const t = await getTranslator(request);
  const done = async (message: string) =>
    redirect(`/admin/users/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });

  switch (form.get("intent")) {
    case "update": {
      const parsed = parseForm(updateUserSchema, form);
      if (!parsed.ok) return data({ intent: "update", errors: parsed.errors }, { status: 400 });
      const result = throwIfRefused(await updateZoneUser(user, id, parsed.data, reassignmentsOf(form)));
      if (result.kind === "invalid") return data({ intent: "update", errors: result.fieldErrors }, { status: 400 });
      return done(t("users.updated"));
    }
    case "disable":
    case "enable": {
      const result = throwIfRefused(await setUserDisabled(user, id, form.get("intent") === "disable"));
      if (result.kind === "invalid") return data({ intent: "disable", errors: result.fieldErrors }, { status: 400 });
      return done(form.get("intent") === "disable" ? t("users.disabledDone") : t("users.enabledDone"));
    }
    case "reset": {
      const parsed = parseForm(resetPasswordSchema, form);
      if (!parsed.ok) return data({ intent: "reset", errors: parsed.errors }, { status: 400 });
      const result = throwIfRefused(await resetUserPassword(user, id, parsed.data.password));
      if (result.kind === "invalid") return data({ intent: "reset", errors: result.fieldErrors }, { status: 400 });
      return done(t("users.passwordReset"));
    }
    case "end-sessions": {
      throwIfRefused(await endSessionsOf(user, id));
      return done(t("users.sessionsEnded"));
    }
    case "reset-mfa": {
      throwIfRefused(await resetMfaOf(user, id));
      return done(t("users.mfaResetDone"));
    }
    default:
      return data({ intent: "unknown", errors: { _form: "validation.invalid" } }, { status: 400 });
  }
}

type OpenProject = ReturnType<typeof useLoaderData<typeof loader>>["openProjects"][number];
const column = createColumnHelper<OpenProject>();

export default function EditUserPage() {
  const { target, companies, openProjects } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string): Partial<Record<string, string>> | undefined =>
    actionData?.intent === intent ? actionData.errors : undefined;
  const resetError = errorsFor("reset")?.password;
  const formError = errorsFor("disable")?._form;
  const updateErrors = errorsFor("update");
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
              <select id={`reassign-${p.id}`} name={`reassign-${p.id}`} defaultValue="" {...invalidProps(`reassign-${p.id}`, error)}>
                <option value="">—</option>
                {p.candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}（{u.login}）
                  </option>
                ))}
              </select>
              {error ? (
                <span className="field-error" id={`reassign-${p.id}-error`}>
                  {t(error as "users.reassignInvalid")}
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
        <UserForm
          key={JSON.stringify(errorsFor("update") ?? {})}
          mode="edit"
          companies={companies}
          defaults={target}
          serverErrors={errorsFor("update")}
        >
          {openProjects.length > 0 ? (
            <fieldset className="reassign">
              <legend>
                {t("users.openProjects")} ({openProjects.length})
              </legend>
              <p className="muted">{t("users.openProjectsHelp")}</p>
              {errorsFor("update")?._reassign ? (
                <p className="field-error" role="alert">
                  {t("users.reassignRequired")}
                </p>
              ) : null}
              <DataTable<OpenProject>
                data={openProjects}
                columns={reassignColumns}
                emptyText=""
                getRowId={(p) => String(p.id)}
                sticky={false}
              />
            </fieldset>
          ) : null}
        </UserForm>
      </section>
      <section className="panel">
        <h2>{t("users.resetPassword")}</h2>
        <Form method="post" noValidate className="filters">
          <CsrfInput />
          <input type="hidden" name="intent" value="reset" />
          <FormField id="new-password" label={t("users.newPassword")} error={resetError}>
            <input id="new-password" name="password" type="password" autoComplete="new-password" {...invalidProps("new-password", resetError)} />
          </FormField>
          <button type="submit" className="button">
            {t("users.resetPassword")}
          </button>
        </Form>
      </section>
      <section className="panel">
        <h2>{t("users.security")}</h2>
        <p>{target.mfaEnabledAt ? t("users.mfaOn") : t("users.mfaOff")}</p>
        <div className="filters">
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="end-sessions" />
            <button type="submit" className="button">
              {t("users.endSessions")}
            </button>
          </Form>
          {target.mfaEnabledAt ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="reset-mfa" />
              <button type="submit" className="button danger">
                {t("users.resetMfa")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
      <section className="panel">
        <h2>{t("users.status")}</h2>
        {formError ? (
          <p className="field-error" role="alert">
            {t(formError as "users.self")}
          </p>
        ) : null}
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value={target.disabled ? "enable" : "disable"} />
          <button type="submit" className={target.disabled ? "button" : "button danger"}>
            {target.disabled ? t("users.enable") : t("users.disable")}
          </button>
        </Form>
      </section>
    </>
  );
}
