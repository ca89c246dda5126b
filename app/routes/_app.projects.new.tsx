import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canCreateProjectIn, canNameOwner } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import type { InvestorFollower } from "~/modules/projects/followers";
import { ProjectForm } from "~/modules/projects/components/project-form";
import { createProject } from "~/modules/projects/project-edits.server";
import { createProjectSchema } from "~/modules/projects/project-form.schema";
import { refusalErrors } from "~/modules/projects/project-routes.server";
import { investorById, projectFormOptions } from "~/modules/projects/projects-options.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "projects.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(user.companyId && canCreateProjectIn(user, user.companyId));
  const investorId = Number(new URL(request.url).searchParams.get("investor")) || undefined;
  const investor = investorId ? await investorById(user, investorId) : undefined;
  const options = await projectFormOptions(user, { companyId: user.companyId, investorId: investor?.id });
  return { options, investor: investor ?? null, canPickOwner: canNameOwner(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(user.companyId && canCreateProjectIn(user, user.companyId));
  const parsed = parseForm(createProjectSchema, form);
  const fail = (errors: FieldErrors, followers: InvestorFollower[] | null = null) => replyInvalid(undefined, errors, form, 400, { followers });
  if (!parsed.ok) return fail(parsed.errors);
  const result = await createProject(user, parsed.data);
  const answer = throwIfRefused(result);
  // The zone's other companies already follow this investor: the form comes back asking to confirm.
  if (answer.kind === "conflict") return fail({}, answer.detail.followers);
  if (answer.kind === "invalid") return fail(refusalErrors(answer));
  const t = await getTranslator(request);
  return redirect(`/projects/${answer.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("projects.created", { code: answer.value.code }) }) },
  });
}

export default function NewProjectPage() {
  const { options, investor, canPickOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/projects">← {t("common.backToList")}</Link>
      </p>
      <h1>{t("projects.new")}</h1>
      <ProjectForm
        key={JSON.stringify(actionData ?? {})}
        mode="create"
        options={options}
        defaults={{ investorName: investor?.name }}
        reply={actionData}
        investorId={investor?.id ?? (Number(actionData?.values.investorId) || undefined)}
        followers={actionData?.followers ?? undefined}
        canPickOwner={canPickOwner}
        showContracted={false}
      />
    </>
  );
}
