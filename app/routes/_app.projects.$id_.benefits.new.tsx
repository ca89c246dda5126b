// Records a benefit promised to a project under a policy (政策兑现, issue 21): whoever may edit the project.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import { todayInZone } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { BenefitFields } from "~/modules/policies/components/benefit-fields";
import { benefitFormSchema } from "~/modules/policies/policies.schema";
import { addBenefit, listPolicies } from "~/modules/policies/policies.server";
import { refusalErrors, requireWritableProject } from "~/modules/projects/project-routes.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "policies.newBenefit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { project } = await requireWritableProject(user, parseId(params.id));
  const policies = await listPolicies(user);
  const preset = Number(new URL(request.url).searchParams.get("policy"));
  return {
    project: { id: project.id, name: project.name },
    policies: policies.map((p) => ({ id: p.id, title: p.title })),
    policyId: policies.some((p) => p.id === preset) ? preset : null,
    today: todayInZone(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  await requireWritableProject(user, id);
  const parsed = parseForm(benefitFormSchema, form);
  if (!parsed.ok) return replyInvalid("benefit", parsed.errors, form);
  const added = throwIfRefused(await addBenefit(user, id, parsed.data));
  if (added.kind === "invalid") return replyInvalid("benefit", refusalErrors(added), form);
  if (added.kind !== "ok") throw new Response(null, { status: 409 });
  const t = await getTranslator(request);
  return redirect(`/projects/${id}/benefits/${added.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("policies.benefitSaved") }) },
  });
}

export default function NewBenefitPage() {
  const { project, policies, policyId, today } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useZodForm(benefitFormSchema, { intent: "benefit", reply: useActionData<typeof action>(), defaults: { policyId, promisedOn: today } });
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}#policies`}>← {project.name}</Link>
      </p>
      <h1>{t("policies.newBenefit")}</h1>
      <section className="panel">
        <ZodForm form={f}>
          <BenefitFields form={f} policies={policies} today={today} />
          <div className="form-actions">
            <button type="submit" className="button primary">
              {t("common.save")}
            </button>
          </div>
        </ZodForm>
      </section>
    </>
  );
}
