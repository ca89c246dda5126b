import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { codedMessage, parseForm } from "~/lib/forms";
import { LanguageSwitch } from "~/components/language-switch";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { auditAuth } from "~/modules/auth/auth-audit.server";
import { requireAnySessionForm } from "~/modules/auth/csrf.server";
import { verifySecondFactor } from "~/modules/auth/mfa.server";
import { homePath } from "~/modules/auth/policy";
import { createUserSession, endSessionByHash, getSessionUser } from "~/modules/auth/session.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { findTrustedDevice, issueDevice, readDeviceEntries } from "~/modules/auth/device.server";
import { reportLock } from "~/modules/auth/lockout.server";
import { minutesOf, recordAttemptSucceeded, reserveAttempt } from "~/modules/auth/throttle.server";
import { retryAfterHeaders } from "~/modules/http/retry-after";
import { replyInvalid } from "~/modules/http/respond.server";
import { mfaCodeSchema } from "~/modules/auth/auth.schema";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mfa.challengeTitle");

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSessionUser(request, { includePending: true });
  if (!session) throw redirect("/login");
  if (!session.mfaPending) throw redirect(homePath(session));
  // Checked here too, so the page never carries a hostile target into its form.
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  // The root's token is only given to full sessions; this page carries the pending session's own.
  return { csrf: session.csrfToken, redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireAnySessionForm(request);
  if (!session) throw redirect("/login");
  const { user, form } = session;
  if (!user.mfaPending) throw redirect(homePath(user));
  // Code attempts are counted like sign-in failures, under their own key, before the code is checked; a browser
  // that signed in as this user before counts against its own budget.
  const devices = await readDeviceEntries(request);
  const device = await findTrustedDevice(user.login, devices);
  const throttleKey = `mfa:${user.login}`;
  const who = { zoneId: user.zoneId, actorId: user.id, userId: user.id, login: user.login, ip: context.clientIp };
  const reservation = await reserveAttempt({ key: throttleKey, ip: context.clientIp, deviceId: device?.id ?? null });
  if (!reservation.ok) {
    await auditAuth({ ...who, action: "mfa_challenge_throttled", detail: { lock: reservation.lock } });
    const key =
      reservation.lock === "address" ? "login.throttledAddress" : reservation.lock === "device" ? "login.throttledDevice" : "login.throttled";
    return replyInvalid(undefined, { _form: codedMessage(key, { minutes: minutesOf(reservation.retryAfterMs) }) }, {}, 429, undefined, {
      "Retry-After": String(Math.ceil(reservation.retryAfterMs / 1000)),
    });
  }
  // Read after the attempt is counted: a blank code is a failed attempt like a wrong one.
  const parsed = parseForm(mfaCodeSchema, form);
  const result = parsed.ok ? await verifySecondFactor(user, parsed.data.code) : { ok: false as const };
  if (!result.ok) {
    await auditAuth({ ...who, action: "mfa_challenge_failed" });
    if (reservation.startsLock) {
      const failures = reservation.startsLock === "address" ? 0 : reservation.failuresBefore + 1;
      await reportLock({ lock: reservation.startsLock, mfa: true, user, login: user.login, ip: context.clientIp, failures });
    }
    // A code is never sent back.
    return replyInvalid(undefined, { code: "mfa.codeWrong" }, {});
  }
  await recordAttemptSucceeded(reservation.attemptId);
  await auditAuth({ ...who, action: result.usedRecoveryCode ? "mfa_recovery_code_used" : "mfa_challenge_succeeded" });
  // A new session id for the full session: the pending one is dropped. The browser is now a trusted device.
  await endSessionByHash(user.sessionIdHash);
  const deviceCookie = await issueDevice({ userId: user.id, login: user.login, request, entries: devices, deviceId: device?.id ?? null });
  return createUserSession({
    userId: user.id,
    request,
    clientIp: context.clientIp,
    redirectTo: safeRedirect(form.get("redirectTo"), homePath(user)),
    headers: [["Set-Cookie", deviceCookie]],
  });
}

export default function MfaChallengePage() {
  const t = useT();
  const { csrf, redirectTo } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const f = useZodForm(mfaCodeSchema, { reply: useActionData<typeof action>() });
  return (
    <div className="login-page">
      <main className="login-card">
        <div className="lang">
          <LanguageSwitch />
        </div>
        <h1>{t("mfa.challengeTitle")}</h1>
        <p className="muted">{t("mfa.challengeHelp")}</p>
        <ZodForm form={f} csrf={csrf}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField form={f} name="code" label={t("mfa.code")} autoComplete="one-time-code" inputMode="text" autoFocus />
          <button className="button primary" type="submit" disabled={navigation.state === "submitting"}>
            {t("mfa.verify")}
          </button>
        </ZodForm>
        <Form method="post" action="/logout" className="mfa-cancel">
          <input type="hidden" name="csrf" value={csrf} />
          <button type="submit" className="button">
            {t("mfa.cancel")}
          </button>
        </Form>
      </main>
    </div>
  );
}
