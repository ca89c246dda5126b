import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps } from "~/components/form-field";
import { formatDateTime } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { createTokenForUser, createTokenSchema, listApiTokens, revokeApiToken, tokenUsers } from "~/modules/admin/tokens.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageApiTokens } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tokens.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canManageApiTokens(user)) throw data(null, { status: 404 });
  const [tokens, users] = await Promise.all([listApiTokens(user.zoneId), tokenUsers(user.zoneId)]);
  return { tokens, users };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  if (!canManageApiTokens(user)) throw data(null, { status: 404 });
  const t = await getTranslator(request);
  if (form.get("intent") === "revoke") {
    const revoked = await revokeApiToken(user, Number(form.get("tokenId")));
    if (!revoked) throw data(null, { status: 404 });
    return redirect("/admin/tokens", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("tokens.revokedOk", { name: revoked.name ?? "—" }) }) } });
  }
  const parsed = parseForm(createTokenSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, token: null }, { status: 400 });
  const token = await createTokenForUser(user, parsed.data);
  if (!token) return data({ errors: { userId: "tokens.error.user" }, values: parsed.data as Record<string, unknown>, token: null }, { status: 400 });
  // Shown once, in this answer only: it is not stored and cannot be shown again.
  return data({ errors: {}, values: {}, token }, { headers: { "Cache-Control": "no-store" } });
}

export default function TokensPage() {
  const { tokens, users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = (actionData?.errors ?? {}) as Record<string, string | undefined>;
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <div className="page-head">
        <h1>{t("tokens.title")}</h1>
        <a href="/api/v1/openapi.json" className="button small">
          {t("tokens.apiDoc")}
        </a>
      </div>
      {actionData?.token ? (
        <section className="panel" role="status">
          <p>{t("tokens.shownOnce")}</p>
          <p className="token-once" data-testid="new-token">
            {actionData.token}
          </p>
        </section>
      ) : null}
      <section className="panel">
        <h2>{t("tokens.create")}</h2>
        <Form method="post" className="filters" key={actionData?.token ?? "form"}>
          <CsrfInput />
          <FormField id="token-name" label={t("tokens.name")} error={errors.name}>
            <input id="token-name" name="name" maxLength={100} defaultValue={values.name ?? ""} {...invalidProps("token-name", errors.name)} />
          </FormField>
          <FormField id="token-user" label={t("tokens.user")} error={errors.userId}>
            <select id="token-user" name="userId" defaultValue={values.userId ?? ""} {...invalidProps("token-user", errors.userId)}>
              <option value="">—</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.login} · {u.displayName} · {t(`role.${u.role}`)}
                </option>
              ))}
            </select>
          </FormField>
          <button type="submit" className="button primary" name="intent" value="create">
            {t("tokens.create")}
          </button>
        </Form>
        <p className="muted">{t("tokens.cliHint")}</p>
      </section>
      <section className="panel">
        <div className="table-wrap">
          <table className="data" data-testid="tokens">
            <thead>
              <tr>
                <th scope="col">{t("tokens.name")}</th>
                <th scope="col">{t("tokens.user")}</th>
                <th scope="col">{t("tokens.createdAt")}</th>
                <th scope="col">{t("tokens.lastUsed")}</th>
                <th scope="col">{t("tokens.status")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.length === 0 ? (
                <tr>
                  <td colSpan={6} className="muted">{t("tokens.none")}</td>
                </tr>
              ) : null}
              {tokens.map((tk) => (
                <tr key={tk.id}>
                  <td>{tk.name ?? "—"}</td>
                  <td>
                    {tk.login} <span className="muted">{tk.displayName} · {t(`role.${tk.role}`)}</span>
                  </td>
                  <td className="nowrap">{formatDateTime(tk.createdAt)}</td>
                  <td className="nowrap">{formatDateTime(tk.lastUsedAt)}</td>
                  <td>{tk.revokedAt ? <span className="muted">{t("tokens.revoked")} {formatDateTime(tk.revokedAt)}</span> : t("tokens.active")}</td>
                  <td>
                    {tk.revokedAt ? null : (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="tokenId" value={tk.id} />
                        <button type="submit" className="button small danger" name="intent" value="revoke">
                          {t("tokens.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
