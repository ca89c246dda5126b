import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps } from "~/components/form-field";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { accountOverview, disableOwnMfa } from "~/modules/auth/account.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { confirmEnrolment, startEnrolment } from "~/modules/auth/mfa.server";
import { homePath } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mfa.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const account = await accountOverview(user);
  // Not yet on: a fresh secret to scan, carried by the page in a sealed ticket until a code confirms it.
  const enrolment = account.mfaEnabledAt ? null : await startEnrolment(user);
  return {
    account,
    home: homePath(user),
    enrolment: enrolment && { secret: enrolment.secret, qrDataUrl: enrolment.qrDataUrl, ticket: enrolment.ticket },
  };
}

type ActionResult = { intent: string; error?: string; recoveryCodes?: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const code = typeof form.get("code") === "string" ? String(form.get("code")).slice(0, 40) : "";
  switch (form.get("intent")) {
    case "confirm": {
      const ticket = form.get("ticket");
      if (typeof ticket !== "string" || !code.trim()) return data<ActionResult>({ intent: "confirm", error: "mfa.codeWrong" }, { status: 400 });
      if (user.mfaEnabled) return data<ActionResult>({ intent: "confirm", error: "mfa.alreadyOn" }, { status: 400 });
      const result = await confirmEnrolment(user, ticket.slice(0, 2000), code);
      if (!result.ok) {
        return data<ActionResult>({ intent: "confirm", error: result.error === "expired" ? "mfa.ticketExpired" : "mfa.codeWrong" }, { status: 400 });
      }
      return data<ActionResult>({ intent: "confirm", recoveryCodes: result.recoveryCodes });
    }
    case "disable": {
      const result = await disableOwnMfa(user, code, context.clientIp);
      if (!result.ok) return data<ActionResult>({ intent: "disable", error: result.error }, { status: result.error === "mfa.required" ? 403 : 400 });
      const t = await getTranslator(request);
      return redirect("/account", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("mfa.disabledDone") }) } });
    }
    default:
      return data<ActionResult>({ intent: "unknown", error: "validation.invalid" }, { status: 400 });
  }
}

export default function MfaPage() {
  const { account, enrolment, home } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const errorFor = (intent: string) => (actionData?.intent === intent ? actionData.error : undefined);
  if (actionData?.recoveryCodes) {
    return (
      <section className="panel">
        <h1>{t("mfa.recoveryTitle")}</h1>
        <p>{t("mfa.recoveryHelp")}</p>
        <ol className="recovery-codes" aria-label={t("mfa.recoveryTitle")}>
          {actionData.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <Link to={home} className="button primary">
          {t("mfa.continue")}
        </Link>
      </section>
    );
  }
  return (
    <>
      <div className="page-head">
        <h1>{t("mfa.title")}</h1>
      </div>
      {enrolment ? (
        <section className="panel">
          {account.mfaRequired ? (
            <p className="flash error" role="status">
              {t("mfa.requiredNotice")}
            </p>
          ) : null}
          <h2>{t("mfa.turnOn")}</h2>
          <ol>
            <li>{t("mfa.step1")}</li>
            <li>
              {t("mfa.step2")}
              <div>
                <img src={enrolment.qrDataUrl} width={200} height={200} alt={t("mfa.qrAlt")} />
              </div>
              <p className="muted">
                {t("mfa.manualKey")} <code data-mfa-secret>{enrolment.secret}</code>
              </p>
            </li>
            <li>{t("mfa.step3")}</li>
          </ol>
          <Form method="post" noValidate className="filters">
            <CsrfInput />
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="ticket" value={enrolment.ticket} />
            <FormField id="code" label={t("mfa.code")} error={errorFor("confirm")}>
              <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...invalidProps("code", errorFor("confirm"))} />
            </FormField>
            <button type="submit" className="button primary">
              {t("mfa.confirm")}
            </button>
          </Form>
        </section>
      ) : (
        <section className="panel">
          <p>{t("mfa.enabledSince", { at: formatDateTime(account.mfaEnabledAt), n: account.recoveryCodesLeft })}</p>
          {account.mfaRequired ? (
            <p className="muted">{t("mfa.requiredKeep")}</p>
          ) : (
            <Form method="post" noValidate className="filters">
              <CsrfInput />
              <input type="hidden" name="intent" value="disable" />
              <FormField id="disable-code" label={t("mfa.code")} error={errorFor("disable")}>
                <input id="disable-code" name="code" autoComplete="one-time-code" {...invalidProps("disable-code", errorFor("disable"))} />
              </FormField>
              <button type="submit" className="button danger">
                {t("mfa.turnOff")}
              </button>
            </Form>
          )}
        </section>
      )}
    </>
  );
}
