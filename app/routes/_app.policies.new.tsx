// A new policy (issue 21): a leader's is the committee's, a manager's is kept by their company.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canCreatePolicy } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { PolicyForm } from "~/modules/policies/components/policy-form";
import { policyFormSchema } from "~/modules/policies/policies.schema";
import { createPolicy, policyFormOptions } from "~/modules/policies/policies.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "policies.add");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canCreatePolicy(user));
  return { options: await policyFormOptions(user.zoneId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canCreatePolicy(user));
  const parsed = parseForm(policyFormSchema, form);
  if (!parsed.ok) return replyInvalid("new", parsed.errors, form);
  const created = throwIfRefused(await createPolicy(user, parsed.data));
  const t = await getTranslator(request);
  return redirect(`/policies/${created.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("policies.added", { title: parsed.data.title }) }) },
  });
}

export default function NewPolicyPage() {
  const { options } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/policies">← {t("policies.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("policies.add")}</h1>
      </div>
      <PolicyForm intent="new" reply={reply} defaults={{}} options={options} submitLabel={t("policies.add")} />
    </>
  );
}
