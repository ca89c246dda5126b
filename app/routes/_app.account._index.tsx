import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps } from "~/components/form-field";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { accountOverview, changeOwnPassword, revokeOwnDevices } from "~/modules/auth/account.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { createUserSession, requireUser } from "~/modules/auth/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return accountOverview(user);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  if (form.get("intent") === "revoke-devices") {
    await revokeOwnDevices(user, context.clientIp);
    const t = await getTranslator(request);
    return redirect("/account", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("account.devicesRevoked") }) } });
  }
  if (form.get("intent") !== "password") return data({ errors: { _form: "validation.invalid" } as Record<string, string> }, { status: 400 });
  const current = form.get("current");
  const next = form.get("password");
  if (typeof current !== "string" || typeof next !== "string" || !current) {
    return data({ errors: { current: "validation.required" } as Record<string, string> }, { status: 400 });
  }
  const result = await changeOwnPassword(user, current.slice(0, 1024), next.slice(0, 1024), context.clientIp);
  if (!result.ok) return data({ errors: result.errors as Record<string, string> }, { status: result.status });
  // Every session of the user has ended; this browser continues in a new one.
  const t = await getTranslator(request);
  return createUserSession({
    userId: user.id,
    request,
    clientIp: context.clientIp,
    redirectTo: "/account",
    headers: [["Set-Cookie", await flashHeader({ kind: "ok", message: t("account.passwordChanged") })]],
  });
}

export default function AccountPage() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  return (
    <>
      <div className="page-head">
        <h1>
          {t("account.title")} <span className="muted">{account.login}</span>
        </h1>
      </div>
      <section className="panel">
        <h2>{t("account.changePassword")}</h2>
        <p className="muted">{t("account.passwordRules")}</p>
        {errors._form ? (
          <p className="field-error" role="alert">
            {t("validation.invalid")}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="password" />
          <FormField id="current" label={t("account.currentPassword")} error={errors.current}>
            <input id="current" name="current" type="password" autoComplete="current-password" {...invalidProps("current", errors.current)} />
          </FormField>
          <FormField id="password" label={t("users.newPassword")} error={errors.password}>
            <input id="password" name="password" type="password" autoComplete="new-password" maxLength={128} {...invalidProps("password", errors.password)} />
          </FormField>
          <button type="submit" className="button primary">
            {t("account.changePassword")}
          </button>
        </Form>
        {account.passwordChangedAt ? (
          <p className="muted">
            {t("account.passwordChangedAt")} {formatDateTime(account.passwordChangedAt)}
          </p>
        ) : null}
      </section>
      <section className="panel">
        <h2>{t("account.devices")}</h2>
        <p className="muted">{t("account.devicesHelp", { n: account.trustedDevices })}</p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="revoke-devices" />
          <button type="submit" className="button" disabled={account.trustedDevices === 0}>
            {t("account.revokeDevices")}
          </button>
        </Form>
      </section>
      <section className="panel">
        <h2>{t("mfa.title")}</h2>
        <p>
          {account.mfaEnabledAt
            ? t("mfa.enabledSince", { at: formatDateTime(account.mfaEnabledAt), n: account.recoveryCodesLeft })
            : account.mfaRequired
              ? t("mfa.requiredNotice")
              : t("mfa.off")}
        </p>
        <Link to="/account/mfa" className="button">
          {account.mfaEnabledAt ? t("mfa.manage") : t("mfa.turnOn")}
        </Link>
      </section>
    </>
  );
}
