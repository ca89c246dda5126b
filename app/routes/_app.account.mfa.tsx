import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import type { FormReply } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
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
import { mfaCodeSchema, mfaEnrolSchema } from "~/modules/auth/auth.schema";
import { replyInvalid } from "~/modules/http/respond.server";

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

type Recovery = { intent: "confirm"; recoveryCodes: string[] };

// A code is never sent back: every refusal answers with no values.
export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  switch (form.get("intent")) {
    case "confirm": {
      const parsed = parseForm(mfaEnrolSchema, form);
      if (!parsed.ok) return replyInvalid("confirm", { code: "mfa.codeWrong" }, {});
      if (user.mfaEnabled) return replyInvalid("confirm", { code: "mfa.alreadyOn" }, {});
      const result = await confirmEnrolment(user, parsed.data.ticket, parsed.data.code);
      if (!result.ok) return replyInvalid("confirm", { code: result.error === "expired" ? "mfa.ticketExpired" : "mfa.codeWrong" }, {});
      return data<Recovery>({ intent: "confirm", recoveryCodes: result.recoveryCodes });
    }
    case "disable": {
      // A blank code goes to the check too, which counts it as an attempt.
      const parsed = parseForm(mfaCodeSchema, form);
      const result = await disableOwnMfa(user, parsed.ok ? parsed.data.code : "", context.clientIp);
      if (!result.ok) return replyInvalid("disable", { code: result.error }, {}, result.error === "mfa.required" ? 403 : 400);
      const t = await getTranslator(request);
      return redirect("/account", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("mfa.disabledDone") }) } });
    }
    default:
      return replyInvalid("unknown", { _form: "validation.invalid" }, {});
  }
}

export default function MfaPage() {
  const { account, enrolment, home } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
  const confirm = useZodForm(mfaEnrolSchema, { intent: "confirm", reply });
  const disable = useZodForm(mfaCodeSchema, { intent: "disable", reply });
  if (actionData && "recoveryCodes" in actionData) {
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
          <ZodForm form={confirm} className="filters">
            <input type="hidden" name="ticket" value={enrolment.ticket} />
            <TextField form={confirm} name="code" label={t("mfa.code")} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            <button type="submit" className="button primary">
              {t("mfa.confirm")}
            </button>
          </ZodForm>
        </section>
      ) : (
        <section className="panel">
          <p>{t("mfa.enabledSince", { at: formatDateTime(account.mfaEnabledAt), n: account.recoveryCodesLeft })}</p>
          {account.mfaRequired ? (
            <p className="muted">{t("mfa.requiredKeep")}</p>
          ) : (
            <ZodForm form={disable} className="filters">
              <TextField form={disable} name="code" label={t("mfa.code")} autoComplete="one-time-code" />
              <button type="submit" className="button danger">
                {t("mfa.turnOff")}
              </button>
            </ZodForm>
          )}
        </section>
      )}
    </>
  );
}
