import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { ZONE_USER_ROLES } from "~/lib/domain-values";
import type { FormReply } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import { companyOfRole } from "~/modules/auth/policy";
import { createUserSchema, updateUserSchema } from "../users.schema";

type Values = { login?: string; displayName?: string; role?: string; companyId?: string | number | null };

/**
 * Create or edit a user. Posts as a normal form (works without JavaScript); the same zod schema runs in the
 * browser for instant messages.
 */
export function UserForm({
  mode,
  companies,
  defaults,
  reply,
  children,
}: {
  mode: "create" | "edit";
  companies: { id: number; name: string }[];
  defaults: Values;
  /** The action's answer to a refused save: the typed values and the messages. */
  reply?: FormReply | null;
  /** More fields posted with the form (the edit page's reassignment of open projects). */
  children?: ReactNode;
}) {
  const t = useT();
  const navigation = useNavigation();
  // The two schemas share the fields shown; creating adds the login and the password.
  const f = useZodForm<typeof createUserSchema | typeof updateUserSchema>(mode === "create" ? createUserSchema : updateUserSchema, {
    intent: mode === "create" ? "create" : "update",
    reply,
    defaults: {
      login: defaults.login,
      displayName: defaults.displayName,
      role: defaults.role ?? "staff",
      companyId: defaults.companyId,
      password: "",
    },
  });
  const role = f.watch("role");

  return (
    <ZodForm form={f}>
      <div className="form-grid">
        {mode === "create" ? <TextField form={f} name="login" label={t("users.login")} autoComplete="off" /> : null}
        <TextField form={f} name="displayName" label={t("users.displayName")} />
        <Field form={f} name="role" label={t("users.role")}>
          <select {...f.field("role")}>
            {ZONE_USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {companyOfRole({ role: String(role) }) === "company" ? (
          <Field form={f} name="companyId" label={t("users.company")}>
            <select {...f.field("companyId")}>
              <option value="">—</option>
              {companies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {mode === "create" ? <TextField form={f} name="password" label={t("users.password")} type="password" autoComplete="new-password" /> : null}
      </div>
      {children}
      <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
        {t("common.save")}
      </button>
    </ZodForm>
  );
}
