import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { CompanyNameFields } from "~/modules/companies/components/company-name-fields";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canEditCompany, canManageZoneCompanies } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { updateCompanySchema } from "~/modules/companies/companies.schema";
import { getCompanyForAdmin, updateCompany } from "~/modules/companies/companies.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "companies.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageZoneCompanies(user));
  const company = await getCompanyForAdmin(user, parseId(params.id));
  invariantResponse(company && canEditCompany(user, company));
  return { company };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageZoneCompanies(user));
  const id = parseId(params.id);
  const company = await getCompanyForAdmin(user, id);
  invariantResponse(company && canEditCompany(user, company));
  const parsed = parseForm(updateCompanySchema, form);
  if (!parsed.ok) return replyInvalid("update", parsed.errors, form);
  const result = throwIfRefused(await updateCompany(user, id, parsed.data));
  if (result.kind === "invalid") return replyInvalid("update", result.fieldErrors, form);
  const t = await getTranslator(request);
  return redirect("/admin/companies", {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("companies.saved", { name: parsed.data.name }) }) },
  });
}

export default function EditCompanyPage() {
  const { company } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(updateCompanySchema, {
    intent: "update",
    reply,
    defaults: { name: company.name, shortName: company.shortName, code: company.code ?? "", active: company.active, version: company.version },
  });
  return (
    <>
      <p>
        <Link to="/admin/companies">← {t("companies.title")}</Link>
      </p>
      <h1>{company.name}</h1>
      <p className="muted">{t(`kind.${company.kind}`)}</p>
      <section className="panel">
        <ZodForm form={f}>
          <input type="hidden" {...f.field("version")} />
          <div className="form-grid">
            <CompanyNameFields form={f} />
          </div>
          <label className="checkbox">
            <input type="checkbox" value="on" {...f.checkbox("active")} /> {t("companies.active")}
          </label>
          <div className="actions">
            <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
              {t("companies.save")}
            </button>
          </div>
        </ZodForm>
      </section>
    </>
  );
}
