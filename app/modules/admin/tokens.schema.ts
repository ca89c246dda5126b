// The admin's form for a new API token, shared by the page (react-hook-form) and the action. Messages are
// dictionary keys.
import * as z from "zod";
import { idField, requiredText } from "~/lib/form-fields";
import { API_SCOPES } from "~/modules/auth/policy";
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_DAYS_MIN } from "~/modules/auth/token-limits";

const scopesField = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(API_SCOPES, "tokens.error.scope")).max(API_SCOPES.length, "tokens.error.scope"),
);

export const createTokenSchema = z.object({
  userId: idField,
  name: requiredText(1, 100),
  days: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number("tokens.error.days")
      .int("tokens.error.days")
      .min(TOKEN_DAYS_MIN, "tokens.error.days")
      .max(TOKEN_DAYS_MAX, "tokens.error.days")
      .default(TOKEN_DAYS_DEFAULT),
  ),
  scopes: scopesField,
});
export type CreateTokenInput = z.output<typeof createTokenSchema>;
