// Adds an item to one project's checklist by hand (issue 21): whoever may edit the project.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { approvalAddSchema } from "~/modules/approvals/approvals.schema";
import { addProjectApproval } from "~/modules/approvals/approvals.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { requireWritableProject } from "~/modules/projects/project-routes.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "approvals.add");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { project } = await requireWritableProject(user, parseId(params.id));
  return { project: { id: project.id, name: project.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  await requireWritableProject(user, id);
  const parsed = parseForm(approvalAddSchema, form);
  if (!parsed.ok) return replyInvalid("add", parsed.errors, form);
  const added = throwIfRefused(await addProjectApproval(user, id, parsed.data));
  const t = await getTranslator(request);
  return redirect(`/projects/${id}/approvals/${added.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("approvals.added", { name: parsed.data.name }) }) },
  });
}

export default function AddApprovalPage() {
  const { project } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useZodForm(approvalAddSchema, { intent: "add", reply: useActionData<typeof action>(), defaults: { allowedDays: 20 } });
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}#approvals`}>← {project.name}</Link>
      </p>
      <h1>{t("approvals.add")}</h1>
      <section className="panel">
        <ZodForm form={f}>
          <div className="form-grid">
            <TextField form={f} name="name" label={t("approvals.name")} />
            <TextField form={f} name="authority" label={t("approvals.authority")} />
            <TextField form={f} name="allowedDays" label={t("approvals.allowedDays")} type="number" min={1} max={365} />
          </div>
          <label className="checkbox">
            <input type="checkbox" {...f.checkbox("requiredForConstruction")} /> {t("approvals.requiredForConstruction")}
          </label>
          <div className="form-actions">
            <button type="submit" className="button primary">
              {t("approvals.add")}
            </button>
          </div>
        </ZodForm>
      </section>
    </>
  );
}
