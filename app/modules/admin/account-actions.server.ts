// The account intents an admin sends from `AccountSecurityPanels` (app/modules/admin/components/account-security.tsx),
// answered the same way on a zone's user page and on the province's leader page. The caller has checked that the
// viewer may manage the account and that the account is one of theirs.
import { parseForm } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n";
import type { Viewer } from "~/modules/auth/policy";
import { replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { endSessionsOf, resetMfaOf, resetUserPassword, setUserDisabled } from "./users.server";
import { resetPasswordSchema } from "./users.schema";

export const ACCOUNT_SECURITY_INTENTS = ["disable", "enable", "reset", "end-sessions", "reset-mfa"] as const;
type AccountSecurityIntent = (typeof ACCOUNT_SECURITY_INTENTS)[number];

export function isAccountSecurityIntent(intent: FormDataEntryValue | null): intent is AccountSecurityIntent {
  return typeof intent === "string" && (ACCOUNT_SECURITY_INTENTS as readonly string[]).includes(intent);
}

/**
 * Runs one account intent. `done(messageKey)` answers a success (a redirect with a flash, say); a refused input comes
 * back as the form idiom's reply; an account outside the viewer's zone is a 404.
 */
export async function accountSecurityAction<R>(
  viewer: Viewer,
  id: number,
  intent: AccountSecurityIntent,
  form: FormData,
  done: (messageKey: MessageKey) => Promise<R>,
) {
  switch (intent) {
    case "disable":
    case "enable": {
      const result = throwIfRefused(await setUserDisabled(viewer, id, intent === "disable"));
      if (result.kind === "invalid") return replyInvalid(intent, result.fieldErrors, form);
      return done(intent === "disable" ? "users.disabledDone" : "users.enabledDone");
    }
    case "reset": {
      const parsed = parseForm(resetPasswordSchema, form);
      if (!parsed.ok) return replyInvalid("reset", parsed.errors, form);
      const result = throwIfRefused(await resetUserPassword(viewer, id, parsed.data.password));
      if (result.kind === "invalid") return replyInvalid("reset", result.fieldErrors, form);
      return done("users.passwordReset");
    }
    case "end-sessions":
      throwIfRefused(await endSessionsOf(viewer, id));
      return done("users.sessionsEnded");
    case "reset-mfa":
      throwIfRefused(await resetMfaOf(viewer, id));
      return done("users.mfaResetDone");
  }
}
