import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { CsrfInput } from "~/components/csrf-input";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { FormField, invalidProps } from "~/components/form-field";
import { formatDateTime } from "~/lib/dates";
import { parseForm, translateError } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { createTokenForUser, createTokenSchema, listApiTokens, revokeApiToken, tokenUsers } from "~/modules/admin/tokens.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { API_SCOPES, canManageApiTokens } from "~/modules/auth/policy";
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_DAYS_MIN } from "~/modules/auth/token-limits";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tokens.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageApiTokens(user));
  const [tokens, users] = await Promise.all([listApiTokens(user.zoneId), tokenUsers(user.zoneId)]);
  return { tokens, users };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageApiTokens(user));
  const t = await getTranslator(request);
  if (form.get("intent") === "revoke") {
    const { value: revoked } = throwIfRefused(await revokeApiToken(user, parseId(form.get("tokenId"))));
    return redirect("/admin/tokens", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("tokens.revokedOk", { name: revoked.name ?? "—" }) }) } });
  }
  const parsed = parseForm(createTokenSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, token: null }, { status: 400 });
  const result = throwIfRefused(await createTokenForUser(user, parsed.data));
  if (result.kind === "invalid") return data({ errors: result.fieldErrors, values: parsed.data as Record<string, unknown>, token: null }, { status: 400 });
  const made = result.value;
  // Shown once, in this answer only: it is not stored and cannot be shown again.
  return data(
    { errors: {}, values: {}, token: made.token, expiresAt: made.expiresAt.toISOString(), scopes: made.scopes },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type TokenRow = ReturnType<typeof useLoaderData<typeof loader>>["tokens"][number];
const column = createColumnHelper<TokenRow>();

export default function TokensPage() {
  const { tokens, users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = (actionData?.errors ?? {}) as Record<string, string | undefined>;
  const values = (actionData?.values ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof values[name] === "string" || typeof values[name] === "number" ? String(values[name]) : "");
  const chosenScopes = Array.isArray(values.scopes) ? (values.scopes as string[]) : [];
  const scopeList = (scopes: readonly string[]) => (scopes.length ? scopes.join(", ") : t("tokens.noScopes"));
  const columns = useMemo(() => {
    const now = Date.now();
    const scopes = (list: readonly string[]) => (list.length ? list.join(", ") : t("tokens.noScopes"));
    return [
      column.accessor("name", { header: t("tokens.name"), meta: { cardTitle: true } satisfies ColumnMeta }),
      column.accessor("login", {
        header: t("tokens.user"),
        cell: (c) => (
          <>
            {c.getValue()} <span className="muted">{c.row.original.displayName} · {t(`role.${c.row.original.role}`)}</span>
          </>
        ),
      }),
      column.accessor("scopes", { header: t("tokens.scopes"), cell: (c) => scopes(c.getValue()) }),
      column.accessor("createdAt", { header: t("tokens.createdAt"), meta: { className: "nowrap" } satisfies ColumnMeta, cell: (c) => formatDateTime(c.getValue()) }),
      column.accessor("expiresAt", {
        header: t("tokens.expiresAt"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => <span data-testid="token-expires">{formatDateTime(c.getValue())}</span>,
      }),
      column.accessor("lastUsedAt", { header: t("tokens.lastUsed"), meta: { className: "nowrap" } satisfies ColumnMeta, cell: (c) => formatDateTime(c.getValue()) }),
      column.display({
        id: "status",
        header: t("tokens.status"),
        cell: (c) => {
          const tk = c.row.original;
          return tk.revokedAt ? (
            <span className="muted">
              {t(tk.revokedReason === "user_disabled" ? "tokens.revokedUserDisabled" : "tokens.revoked")} {formatDateTime(tk.revokedAt)}
            </span>
          ) : new Date(tk.expiresAt).getTime() <= now ? (
            <span className="muted">{t("tokens.expired")}</span>
          ) : (
            t("tokens.active")
          );
        },
      }),
      column.display({
        id: "actions",
        header: t("common.actions"),
        cell: (c) =>
          c.row.original.revokedAt ? null : (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="tokenId" value={c.row.original.id} />
              <button type="submit" className="button small danger" name="intent" value="revoke">
                {t("tokens.revoke")}
              </button>
            </Form>
          ),
      }),
    ];
  }, [t]);
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
          {"expiresAt" in actionData ? (
            <p data-testid="new-token-detail">
              {t("tokens.createdDetail", { expiresAt: formatDateTime(actionData.expiresAt), scopes: scopeList(actionData.scopes) })}
            </p>
          ) : null}
        </section>
      ) : null}
      <section className="panel">
        <h2>{t("tokens.create")}</h2>
        <Form method="post" className="filters" key={actionData?.token ?? "form"}>
          <CsrfInput />
          <FormField id="token-name" label={t("tokens.name")} error={errors.name}>
            <input id="token-name" name="name" maxLength={100} defaultValue={text("name")} {...invalidProps("token-name", errors.name)} />
          </FormField>
          <FormField id="token-user" label={t("tokens.user")} error={errors.userId}>
            <select id="token-user" name="userId" defaultValue={text("userId")} {...invalidProps("token-user", errors.userId)}>
              <option value="">—</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.login} · {u.displayName} · {t(`role.${u.role}`)} · {scopeList(u.scopes)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="token-days" label={t("tokens.days")} error={errors.days}>
            <input
              id="token-days"
              name="days"
              type="number"
              min={TOKEN_DAYS_MIN}
              max={TOKEN_DAYS_MAX}
              defaultValue={text("days") || String(TOKEN_DAYS_DEFAULT)}
              title={t("tokens.daysHint")}
              {...invalidProps("token-days", errors.days)}
            />
          </FormField>
          <fieldset className="field" aria-describedby="token-scopes-hint">
            <legend>{t("tokens.scopes")}</legend>
            {API_SCOPES.map((scope) => (
              <label key={scope} className="checkbox">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={chosenScopes.includes(scope)} /> {t(`tokens.scope.${scope}`)}
              </label>
            ))}
            {errors.scopes ? (
              <p className="field-error" role="alert">
                {translateError(t, errors.scopes)}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="button primary" name="intent" value="create">
            {t("tokens.create")}
          </button>
        </Form>
        <p className="muted" id="token-scopes-hint">
          {t("tokens.scopesHint")} {t("tokens.daysHint")}
        </p>
        <p className="muted">{t("tokens.cliHint")}</p>
      </section>
      <section className="panel">
        <div className="table-wrap">
          <DataTable<TokenRow> data={tokens} columns={columns} emptyText={t("tokens.none")} getRowId={(tk) => String(tk.id)} data-testid="tokens" />
        </div>
      </section>
    </>
  );
}
