import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { codedMessage, parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { authenticate } from "~/modules/auth/auth.server";
import { LanguageSwitch } from "~/components/language-switch";
import { mfaRequired } from "~/modules/auth/mfa.server";
import { homePath } from "~/modules/auth/policy";
import { createUserSession, getSessionUser } from "~/modules/auth/session.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { minutesOf } from "~/modules/auth/throttle.server";
import { issueDevice, readDeviceEntries } from "~/modules/auth/device.server";
import { readForm } from "~/modules/auth/csrf.server";
import { retryAfterHeaders } from "~/modules/http/retry-after";
import { replyInvalid } from "~/modules/http/respond.server";
import { signInSchema } from "~/modules/auth/auth.schema";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePath(user));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(signInSchema, form);
  // Only the login is sent back (the password never is), and not the redirect target, which the page holds.
  const typed = { login: String(form.get("login") ?? "").slice(0, 64) };
  if (!parsed.ok) return replyInvalid(undefined, parsed.errors, typed);
  const { login, password } = parsed.data;

  const devices = await readDeviceEntries(request);
  const result = await authenticate(login, password, context.clientIp, devices);
  if (!result.ok) {
    if (result.reason === "failed") return replyInvalid(undefined, { _form: "login.failed" }, typed);
    const minutes = minutesOf(result.retryAfterMs);
    const key = result.lock === "address" ? "login.throttledAddress" : result.lock === "device" ? "login.throttledDevice" : "login.throttled";
    return replyInvalid(undefined, { _form: codedMessage(key, { minutes }) }, typed, 429, undefined, {
      "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)),
    });
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
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const f = useZodForm(signInSchema, { reply: useActionData<typeof action>() });
  return (
    <div className="login-page">
      <main className="login-card">
        <div className="lang">
          <LanguageSwitch />
        </div>
        <h1>{t("app.name")}</h1>
        <p className="muted">{t("app.tagline")}</p>
        <ZodForm form={f}>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <TextField form={f} name="login" label={t("login.login")} autoComplete="username" autoFocus />
          <TextField form={f} name="password" label={t("login.password")} type="password" autoComplete="current-password" />
          <button className="button primary" type="submit" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </ZodForm>
      </main>
    </div>
  );
}
