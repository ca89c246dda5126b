import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { CompanyNameFields } from "~/modules/companies/components/company-name-fields";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageZoneCompanies } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { ADDABLE_COMPANY_KINDS, addCompanySchema } from "~/modules/companies/companies.schema";
import { addCompany, listZoneClusters } from "~/modules/companies/companies.server";
import { invariantResponse, replyInvalid } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "companies.add");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageZoneCompanies(user));
  return { clusters: await listZoneClusters(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageZoneCompanies(user));
  const parsed = parseForm(addCompanySchema, form);
  if (!parsed.ok) return replyInvalid("add", parsed.errors, form);
  const result = await addCompany(user, parsed.data);
  if (result.kind === "invalid") return replyInvalid("add", result.fieldErrors, form);
  const t = await getTranslator(request);
  return redirect("/admin/companies", {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("companies.added", { name: parsed.data.name }) }) },
  });
}

export default function NewCompanyPage() {
  const { clusters } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(addCompanySchema, {
    intent: "add",
    reply,
    defaults: { name: "", shortName: "", code: "", kind: "attraction", clusterId: "" },
  });
  const kind = f.watch("kind");
  return (
    <>
      <p>
        <Link to="/admin/companies">← {t("companies.title")}</Link>
      </p>
      <h1>{t("companies.add")}</h1>
      <section className="panel">
        <ZodForm form={f}>
          <div className="form-grid">
            <CompanyNameFields form={f} />
            <Field form={f} name="kind" label={t("companies.kind")}>
              <select {...f.field("kind")}>
                {ADDABLE_COMPANY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            {/* Without JavaScript the cluster is always offered; the server refuses one for a kind without. */}
            {kind === "attraction" || kind === undefined ? (
              <Field form={f} name="clusterId" label={t("companies.cluster")}>
                <select {...f.field("clusterId")}>
                  <option value="">{t("companies.clusterNone")}</option>
                  {clusters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
          </div>
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("companies.add")}
          </button>
        </ZodForm>
      </section>
    </>
  );
}
