import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { authenticate } from "~/modules/auth/auth.server";
import { LanguageSwitch } from "~/components/language-switch";
import { mfaRequired } from "~/modules/auth/mfa.server";
import { homePath } from "~/modules/auth/policy";
import { createUserSession, getSessionUser } from "~/modules/auth/session.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { getTranslator } from "~/modules/auth/lang.server";
import { minutesOf } from "~/modules/auth/throttle.server";
import { issueDevice, readDeviceEntries } from "~/modules/auth/device.server";
import { readForm } from "~/modules/auth/csrf.server";
import { retryAfterHeaders } from "~/modules/http/retry-after";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePath(user));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const form = await readForm(request);
  const login = String(form.get("login") ?? "").slice(0, 64);
  const password = String(form.get("password") ?? "").slice(0, 256);
  if (!login.trim() || !password) return data({ error: t("login.required"), login }, { status: 400 });

  const devices = await readDeviceEntries(request);
  const result = await authenticate(login, password, context.clientIp, devices);
  if (!result.ok) {
    if (result.reason === "failed") return data({ error: t("login.failed"), login }, { status: 400 });
    const minutes = minutesOf(result.retryAfterMs);
    const key = result.lock === "address" ? "login.throttledAddress" : result.lock === "device" ? "login.throttledDevice" : "login.throttled";
    return data(
      { error: t(key, { minutes }), login },
      { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
    );
  }
  const redirectTo = safeRedirect(form.get("redirectTo"), homePath(result));
  if (result.mfaEnabled) {
    // Password accepted: a short session that opens nothing but the code step; a new id follows the code, and with
    // it the device cookie.
    return createUserSession({
      userId: result.userId,
      request,
      clientIp: context.clientIp,
      mfaPending: true,
      redirectTo: `/login/mfa?${new URLSearchParams({ redirectTo })}`,
    });
  }
  const deviceCookie = await issueDevice({ userId: result.userId, login: result.login, request, entries: devices, deviceId: result.deviceId });
  return createUserSession({
    userId: result.userId,
    request,
    clientIp: context.clientIp,
    // Admins and leaders without a second factor set it up first.
    redirectTo: mfaRequired(result) ? "/account/mfa" : redirectTo,
    headers: [["Set-Cookie", deviceCookie]],
  });
}

export default function LoginPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const error = actionData?.error;
  return (
    <div className="login-page">
      <main className="login-card">
        <div className="lang">
          <LanguageSwitch />
        </div>
        <h1>{t("app.name")}</h1>
        <p className="muted">{t("app.tagline")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <div className="field">
            <label htmlFor="login">{t("login.login")}</label>
            <input
              id="login"
              name="login"
              autoComplete="username"
              autoFocus
              defaultValue={actionData?.login ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "login-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t("login.password")}</label>
            <input id="password" name="password" type="password" autoComplete="current-password" />
          </div>
          {error ? (
            <p id="login-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <button className="button primary" type="submit" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </Form>
      </main>
    </div>
  );
}
