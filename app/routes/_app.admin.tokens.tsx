import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { noFieldsSchema, parseForm, translateError } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { createTokenForUser, listApiTokens, revokeApiToken, tokenUsers } from "~/modules/admin/tokens.server";
import { createTokenSchema } from "~/modules/admin/tokens.schema";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { API_SCOPES, canManageApiTokens } from "~/modules/auth/policy";
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_DAYS_MIN } from "~/modules/auth/token-limits";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

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
    return redirect("/admin/tokens", {
      headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("tokens.revokedOk", { name: revoked.name ?? "—" }) }) },
    });
  }
  const parsed = parseForm(createTokenSchema, form);
  if (!parsed.ok) return replyInvalid("create", parsed.errors, form);
  const result = throwIfRefused(await createTokenForUser(user, parsed.data));
  if (result.kind === "invalid") return replyInvalid("create", result.fieldErrors, form);
  const made = result.value;
  // Shown once, in this answer only: it is not stored and cannot be shown again.
  return data(
    { intent: "create", token: made.token, expiresAt: made.expiresAt.toISOString(), scopes: made.scopes },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type TokenRow = ReturnType<typeof useLoaderData<typeof loader>>["tokens"][number];
const column = createColumnHelper<TokenRow>();

export default function TokensPage() {
  const { tokens, users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const made = actionData && "token" in actionData ? actionData : null;
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
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
            <span translate="no">{c.getValue()}</span>{" "}
            <span className="muted">
              {c.row.original.displayName} · {t(`role.${c.row.original.role}`)}
            </span>
          </>
        ),
      }),
      column.accessor("scopes", { header: t("tokens.scopes"), cell: (c) => scopes(c.getValue()) }),
      column.accessor("createdAt", {
        header: t("tokens.createdAt"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => formatDateTime(c.getValue()),
      }),
      column.accessor("expiresAt", {
        header: t("tokens.expiresAt"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => <span data-testid="token-expires">{formatDateTime(c.getValue())}</span>,
      }),
      column.accessor("lastUsedAt", {
        header: t("tokens.lastUsed"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => formatDateTime(c.getValue()),
      }),
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
        cell: (c) => (c.row.original.revokedAt ? null : <RevokeTokenForm tokenId={c.row.original.id} />),
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
      {made ? (
        <section className="panel" role="status">
          <p>{t("tokens.shownOnce")}</p>
          <p className="token-once" data-testid="new-token">
            {made.token}
          </p>
          <p data-testid="new-token-detail">
            {t("tokens.createdDetail", { expiresAt: formatDateTime(made.expiresAt), scopes: scopeList(made.scopes) })}
          </p>
        </section>
      ) : null}
      <section className="panel">
        <h2>{t("tokens.create")}</h2>
        {/* A new token or a new answer opens the form afresh (blank after a token, with a repeated message again). */}
        <CreateTokenForm key={made?.token ?? JSON.stringify(reply ?? {})} users={users} reply={reply} scopeList={scopeList} />
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

type TokenUser = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

function CreateTokenForm({
  users,
  reply,
  scopeList,
}: {
  users: TokenUser[];
  reply: FormReply | undefined;
  scopeList: (scopes: readonly string[]) => string;
}) {
  const t = useT();
  const f = useZodForm(createTokenSchema, { intent: "create", reply, defaults: { days: TOKEN_DAYS_DEFAULT } });
  const scopesError = f.error("scopes");
  return (
    <ZodForm form={f} className="filters">
      <TextField form={f} name="name" label={t("tokens.name")} maxLength={100} />
      <Field form={f} name="userId" label={t("tokens.user")}>
        <select {...f.field("userId")}>
          <option value="">—</option>
          {users.map((u) => (
            <option key={u.id} value={u.id} translate="no">
              {u.login} · {u.displayName} · {t(`role.${u.role}`)} · {scopeList(u.scopes)}
            </option>
          ))}
        </select>
      </Field>
      <TextField form={f} name="days" label={t("tokens.days")} type="number" min={TOKEN_DAYS_MIN} max={TOKEN_DAYS_MAX} title={t("tokens.daysHint")} />
      <fieldset className="field" aria-describedby="token-scopes-hint">
        <legend>{t("tokens.scopes")}</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input {...f.option("scopes", scope)} /> {t(`tokens.scope.${scope}`)}
          </label>
        ))}
        {scopesError ? (
          <p className="field-error" id={`${f.id("scopes")}-error`} role="alert">
            {translateError(t, scopesError)}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className="button primary">
        {t("tokens.create")}
      </button>
    </ZodForm>
  );
}

function RevokeTokenForm({ tokenId }: { tokenId: number }) {
  const t = useT();
  const f = useZodForm(noFieldsSchema, { intent: "revoke" });
  return (
    <ZodForm form={f}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" className="button small danger">
        {t("tokens.revoke")}
      </button>
    </ZodForm>
  );
}
