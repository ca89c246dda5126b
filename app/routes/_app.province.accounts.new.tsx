import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageProvinceAccounts } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, replyInvalid } from "~/modules/http/respond.server";
import { ProvinceAccountFields } from "~/modules/zones/components/province-account-fields";
import { createProvinceAccountSchema } from "~/modules/zones/province-accounts.schema";
import { createProvinceAccount } from "~/modules/zones/province-accounts.server";
import { listCities } from "~/modules/zones/zones.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "province.accounts.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageProvinceAccounts(user));
  return { cities: await listCities() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageProvinceAccounts(user));
  const parsed = parseForm(createProvinceAccountSchema, form);
  if (!parsed.ok) return replyInvalid("create", parsed.errors, form);
  const result = await createProvinceAccount(user, parsed.data);
  if (result.kind === "invalid") return replyInvalid("create", result.fieldErrors, form);
  const t = await getTranslator(request);
  return redirect("/province/accounts", {
    headers: {
      "Set-Cookie": await flashHeader({
        kind: "ok",
        message: t("province.accounts.created", { login: parsed.data.login, name: parsed.data.displayName }),
      }),
    },
  });
}

export default function NewProvinceAccountPage() {
  const { cities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(createProvinceAccountSchema, {
    intent: "create",
    reply,
    defaults: { login: "", displayName: "", role: "province_leader", cityId: "", password: "" },
  });
  return (
    <>
      <p>
        <Link to="/province/accounts">← {t("province.accounts.title")}</Link>
      </p>
      <h1>{t("province.accounts.new")}</h1>
      <section className="panel">
        <ZodForm form={f}>
          <div className="form-grid">
            <ProvinceAccountFields form={f} cities={cities} />
            <TextField form={f} name="login" label={t("province.accounts.login")} autoComplete="off" autoCapitalize="none" />
            <div>
              <TextField
                form={f}
                name="password"
                label={t("province.accounts.password")}
                type="password"
                autoComplete="new-password"
                aria-describedby="account-password-hint"
              />
              <p id="account-password-hint" className="muted small">
                {t("province.accounts.passwordHint")}
              </p>
            </div>
          </div>
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("province.accounts.create")}
          </button>
        </ZodForm>
      </section>
    </>
  );
}
