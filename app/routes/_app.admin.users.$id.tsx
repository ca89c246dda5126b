import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { noFieldsSchema, parseForm, translateError } from "~/lib/forms";
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

  switch (form.get("intent")) {
    case "update": {
      const parsed = parseForm(updateUserSchema, form);
      if (!parsed.ok) return replyInvalid("update", parsed.errors, form);
      const result = throwIfRefused(await updateZoneUser(user, id, parsed.data, reassignmentsOf(form)));
      if (result.kind === "invalid") return replyInvalid("update", result.fieldErrors, form);
      return done(t("users.updated"));
    }
    case "disable":
    case "enable": {
      const intent = form.get("intent") === "disable" ? "disable" : "enable";
      const result = throwIfRefused(await setUserDisabled(user, id, intent === "disable"));
      if (result.kind === "invalid") return replyInvalid(intent, result.fieldErrors, form);
      return done(form.get("intent") === "disable" ? t("users.disabledDone") : t("users.enabledDone"));
    }
    case "reset": {
      const parsed = parseForm(resetPasswordSchema, form);
      if (!parsed.ok) return replyInvalid("reset", parsed.errors, form);
      const result = throwIfRefused(await resetUserPassword(user, id, parsed.data.password));
      if (result.kind === "invalid") return replyInvalid("reset", result.fieldErrors, form);
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
      return replyInvalid("unknown", { _form: "validation.invalid" }, form);
  }
}

type OpenProject = ReturnType<typeof useLoaderData<typeof loader>>["openProjects"][number];
const column = createColumnHelper<OpenProject>();

export default function EditUserPage() {
  const { target, companies, openProjects } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const reset = useZodForm(resetPasswordSchema, { intent: "reset", reply });
  const endSessions = useZodForm(noFieldsSchema, { intent: "end-sessions" });
  const resetMfa = useZodForm(noFieldsSchema, { intent: "reset-mfa" });
  const status = useZodForm(noFieldsSchema, { intent: target.disabled ? "enable" : "disable", reply });
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
      <section className="panel">
        <h2>{t("users.resetPassword")}</h2>
        <ZodForm form={reset} className="filters">
          <TextField form={reset} name="password" label={t("users.newPassword")} type="password" autoComplete="new-password" />
          <button type="submit" className="button">
            {t("users.resetPassword")}
          </button>
        </ZodForm>
      </section>
      <section className="panel">
        <h2>{t("users.security")}</h2>
        <p>{target.mfaEnabledAt ? t("users.mfaOn") : t("users.mfaOff")}</p>
        <div className="filters">
          <ZodForm form={endSessions}>
            <button type="submit" className="button">
              {t("users.endSessions")}
            </button>
          </ZodForm>
          {target.mfaEnabledAt ? (
            <ZodForm form={resetMfa}>
              <button type="submit" className="button danger">
                {t("users.resetMfa")}
              </button>
            </ZodForm>
          ) : null}
        </div>
      </section>
      <section className="panel">
        <h2>{t("users.status")}</h2>
        <ZodForm form={status}>
          <button type="submit" className={target.disabled ? "button" : "button danger"}>
            {target.disabled ? t("users.enable") : t("users.disable")}
          </button>
        </ZodForm>
      </section>
    </>
  );
}
