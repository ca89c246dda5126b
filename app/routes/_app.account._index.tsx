import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { noFieldsSchema, parseForm } from "~/lib/forms";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { accountOverview, changeOwnPassword, revokeOwnDevices } from "~/modules/auth/account.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { createUserSession, requireUser } from "~/modules/auth/session.server";
import { changePasswordSchema } from "~/modules/auth/auth.schema";
import { replyInvalid } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return accountOverview(user);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  // After an admin's reset the password comes first: no other form of this page either.
  if (user.mustChangePassword && form.get("intent") !== "password") {
    return replyInvalid("password", { _form: "account.mustChangeFirst" }, {}, 403);
  }
  if (form.get("intent") === "revoke-devices") {
    await revokeOwnDevices(user, context.clientIp);
    const t = await getTranslator(request);
    return redirect("/account", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("account.devicesRevoked") }) } });
  }
  // Both fields are passwords: nothing typed is sent back.
  if (form.get("intent") !== "password") return replyInvalid("password", { _form: "validation.invalid" }, {});
  const parsed = parseForm(changePasswordSchema, form);
  if (!parsed.ok) return replyInvalid("password", parsed.errors, {});
  const result = await changeOwnPassword(user, parsed.data.current, parsed.data.password, context.clientIp);
  if (!result.ok) return replyInvalid("password", result.errors, {}, result.status);
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
  const reply = useActionData<typeof action>();
  const t = useT();
  const password = useZodForm(changePasswordSchema, { intent: "password", reply });
  const revoke = useZodForm(noFieldsSchema, { intent: "revoke-devices" });
  return (
    <>
      <div className="page-head">
        <h1>
          {t("account.title")} <span className="muted">{account.login}</span>
        </h1>
      </div>
      <section className="panel">
        <h2 id="change-password">{t("account.changePassword")}</h2>
        {account.mustChangePassword ? (
          <p className="flash error" role="alert" data-testid="must-change-password">
            {t("account.mustChangePassword")}
          </p>
        ) : null}
        <p className="muted">{t("account.passwordRules")}</p>
        <ZodForm form={password}>
          <TextField form={password} name="current" label={t("account.currentPassword")} type="password" autoComplete="current-password" />
          <TextField form={password} name="password" label={t("users.newPassword")} type="password" autoComplete="new-password" maxLength={128} />
          <button type="submit" className="button primary">
            {t("account.changePassword")}
          </button>
        </ZodForm>
        {account.passwordChangedAt ? (
          <p className="muted">
            {t("account.passwordChangedAt")} {formatDateTime(account.passwordChangedAt)}
          </p>
        ) : null}
      </section>
      <section className="panel">
        <h2>{t("account.devices")}</h2>
        <p className="muted">{t("account.devicesHelp", { n: account.trustedDevices })}</p>
        <ZodForm form={revoke}>
          <button type="submit" className="button" disabled={account.trustedDevices === 0}>
            {t("account.revokeDevices")}
          </button>
        </ZodForm>
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
