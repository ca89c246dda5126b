import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useForm } from "react-hook-form";
import type { ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps, registerField } from "~/components/form-field";
import { USER_ROLES } from "~/lib/domain-values";
import type { FieldErrors } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import { companyOfRole } from "~/modules/auth/policy";
import { createUserSchema, updateUserSchema } from "../users.schema";

type Values = { login?: string; displayName?: string; role?: string; companyId?: string | number | null };

/**
 * Create or edit a user. Posts as a normal form (works without JavaScript); react-hook-form runs the same zod
 * schema in the browser for instant messages.
 */
export function UserForm({
  mode,
  companies,
  defaults,
  serverErrors,
  children,
}: {
  mode: "create" | "edit";
  companies: { id: number; name: string }[];
  defaults: Values;
  serverErrors?: FieldErrors;
  /** More fields posted with the form (the edit page's reassignment of open projects). */
  children?: ReactNode;
}) {
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const form = useForm<Record<string, unknown>>({
    // The two schemas share the fields shown; the resolver's input type is looser than the form's values.
    resolver: zodResolver(mode === "create" ? createUserSchema : updateUserSchema) as never,
    // Validate on submit, then as the user corrects: a message appearing on blur shifts the layout under the click.
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: {
      login: defaults.login ?? "",
      displayName: defaults.displayName ?? "",
      role: defaults.role ?? "staff",
      companyId: defaults.companyId == null ? "" : String(defaults.companyId),
      password: "",
    },
  });
  const role = form.watch("role");
  const errorOf = (name: string) =>
    (form.formState.errors[name]?.message as string | undefined) ?? serverErrors?.[name];

  return (
    <Form
      method="post"
      noValidate
      onSubmit={(event) => {
        const el = event.currentTarget;
        void form.handleSubmit(() => submit(el))(event);
      }}
    >
      <CsrfInput />
      <input type="hidden" name="intent" value={mode === "create" ? "create" : "update"} />
      <div className="form-grid">
        {mode === "create" ? (
          <FormField id="login" label={t("users.login")} error={errorOf("login")}>
            <input id="login" autoComplete="off" {...registerField(form, "login")} {...invalidProps("login", errorOf("login"))} />
          </FormField>
        ) : null}
        <FormField id="displayName" label={t("users.displayName")} error={errorOf("displayName")}>
          <input id="displayName" {...registerField(form, "displayName")} {...invalidProps("displayName", errorOf("displayName"))} />
        </FormField>
        <FormField id="role" label={t("users.role")} error={errorOf("role")}>
          <select id="role" {...registerField(form, "role")} {...invalidProps("role", errorOf("role"))}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </FormField>
        {companyOfRole({ role: String(role) }) === "company" ? (
          <FormField id="companyId" label={t("users.company")} error={errorOf("companyId")}>
            <select id="companyId" {...registerField(form, "companyId")} {...invalidProps("companyId", errorOf("companyId"))}>
              <option value="">—</option>
              {companies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </FormField>
        ) : null}
        {mode === "create" ? (
          <FormField id="password" label={t("users.password")} error={errorOf("password")}>
            <input
              id="password"
              type="password"
              autoComplete="new-password"
              {...registerField(form, "password")}
              {...invalidProps("password", errorOf("password"))}
            />
          </FormField>
        ) : null}
      </div>
      {children}
      <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
        {t("common.save")}
      </button>
    </Form>
  );
}
