import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import type { FormReply } from "~/lib/forms";
import { noFieldsSchema } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import { resetPasswordSchema } from "~/modules/admin/users.schema";

/**
 * The panels an admin uses on someone's account, whoever's admin they are (a zone's users, the province's leaders):
 * give a new password (changed at the next sign-in), sign out everywhere, remove the second factor, disable or
 * enable. Their intents are answered by `accountSecurityAction`.
 */
export function AccountSecurityPanels({
  target,
  reply,
}: {
  target: { disabled: boolean; mfaEnabledAt: string | Date | null };
  reply: FormReply | undefined;
}) {
  const t = useT();
  const reset = useZodForm(resetPasswordSchema, { intent: "reset", reply });
  const endSessions = useZodForm(noFieldsSchema, { intent: "end-sessions" });
  const resetMfa = useZodForm(noFieldsSchema, { intent: "reset-mfa" });
  const status = useZodForm(noFieldsSchema, { intent: target.disabled ? "enable" : "disable", reply });
  return (
    <>
      <section className="panel">
        <h2>{t("users.resetPassword")}</h2>
        <ZodForm form={reset} className="filters">
          <TextField form={reset} name="password" label={t("users.newPassword")} type="password" autoComplete="new-password" />
          <button type="submit" className="button">
            {t("users.resetPassword")}
          </button>
        </ZodForm>
      </section>
      <section className="panel">
        <h2>{t("users.security")}</h2>
        <p>{target.mfaEnabledAt ? t("users.mfaOn") : t("users.mfaOff")}</p>
        <div className="filters">
          <ZodForm form={endSessions}>
            <button type="submit" className="button">
              {t("users.endSessions")}
            </button>
          </ZodForm>
          {target.mfaEnabledAt ? (
            <ZodForm form={resetMfa}>
              <button type="submit" className="button danger">
                {t("users.resetMfa")}
              </button>
            </ZodForm>
          ) : null}
        </div>
      </section>
      <section className="panel">
        <h2>{t("users.status")}</h2>
        <ZodForm form={status}>
          <button type="submit" className={target.disabled ? "button" : "button danger"}>
            {target.disabled ? t("users.enable") : t("users.disable")}
          </button>
        </ZodForm>
      </section>
    </>
  );
}
