import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { accountSecurityAction, isAccountSecurityIntent } from "~/modules/admin/account-actions.server";
import { AccountSecurityPanels } from "~/modules/admin/components/account-security";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageProvinceAccounts } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { ProvinceAccountFields } from "~/modules/zones/components/province-account-fields";
import { accountFingerprint, updateProvinceAccountSchema } from "~/modules/zones/province-accounts.schema";
import { getProvinceAccount, updateProvinceAccount } from "~/modules/zones/province-accounts.server";
import { listCities } from "~/modules/zones/zones.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "province.accounts.edit");

// One province or city leader's account (decision 020): the province admin renames them, moves a city leader to
// another city, and manages the account's password, sessions, second factor and status as a zone admin does.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageProvinceAccounts(user));
  const target = await getProvinceAccount(parseId(params.id));
  invariantResponse(target);
  return { target: { ...target, seen: accountFingerprint(target) }, cities: await listCities() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageProvinceAccounts(user));
  const id = parseId(params.id);
  // Only the province's leaders: a zone's user, or the province admin's own account, is not found here.
  invariantResponse(await getProvinceAccount(id));
  const t = await getTranslator(request);
  const done = async (message: string) =>
    redirect(`/province/accounts/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });
  const intent = form.get("intent");
  if (isAccountSecurityIntent(intent)) return accountSecurityAction(user, id, intent, form, (key) => done(t(key)));
  if (intent !== "update") return replyInvalid("unknown", { _form: "validation.invalid" }, form);
  const parsed = parseForm(updateProvinceAccountSchema, form);
  if (!parsed.ok) return replyInvalid("update", parsed.errors, form);
  const result = throwIfRefused(await updateProvinceAccount(user, id, parsed.data));
  if (result.kind === "invalid") {
    return replyInvalid("update", result.fieldErrors, form, result.fieldErrors._form === "province.accounts.stale" ? 409 : 400);
  }
  return done(t("province.accounts.updated"));
}

export default function ProvinceAccountPage() {
  const { target, cities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(updateProvinceAccountSchema, {
    intent: "update",
    reply,
    defaults: {
      displayName: target.displayName,
      role: target.role as "province_leader" | "city_leader",
      cityId: target.cityId ?? "",
      seen: target.seen,
    },
  });
  return (
    <>
      <p>
        <Link to="/province/accounts">← {t("province.accounts.title")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {target.displayName} <span className="muted">{target.login}</span>
        </h1>
        {target.disabled ? <span className="badge status-lost">{t("province.accounts.disabled")}</span> : null}
      </div>
      <section className="panel">
        <ZodForm form={f}>
          <input type="hidden" {...f.field("seen")} />
          <div className="form-grid">
            <ProvinceAccountFields form={f} cities={cities} />
          </div>
          <p className="muted small">{t("province.accounts.moveHint")}</p>
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("common.save")}
          </button>
        </ZodForm>
      </section>
      <AccountSecurityPanels target={target} reply={reply} />
    </>
  );
}
