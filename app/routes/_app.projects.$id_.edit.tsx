import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ConflictNotice } from "~/components/conflict-notice";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { formValues, parseForm } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageCompany } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { ProjectForm } from "~/modules/projects/components/project-form";
import { PROJECT_FIELD_LABELS, showFieldValue } from "~/modules/projects/field-labels";
import { updateProject } from "~/modules/projects/project-edits.server";
import type { EditableField } from "~/modules/projects/project-form.schema";
import { updateProjectSchema } from "~/modules/projects/project-form.schema";
import { refusalErrors, requireWritableProject } from "~/modules/projects/project-routes.server";
import { projectLinkIds } from "~/modules/chains/chains.server";
import { projectFormOptions } from "~/modules/projects/projects-options.server";
import { parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "projects.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { project: p } = await requireWritableProject(user, parseId(params.id));
  const options = await projectFormOptions(user, { companyId: p.companyId, investorId: p.investorId });
  const defaults = {
    name: p.name,
    investorName: p.investorName,
    investorContactId: p.investorContactId ? String(p.investorContactId) : "",
    clusterId: String(p.clusterId),
    sourceChannel: p.sourceChannel ?? "",
    content: p.content ?? "",
    investmentType: p.investmentType ?? "",
    plannedInvestmentWan: p.plannedInvestmentWan ?? "",
    contractedInvestmentWan: p.contractedInvestmentWan ?? "",
    foreignInvestmentUsdWan: p.foreignInvestmentUsdWan ?? "",
    fixedAssetInvestmentWan: p.fixedAssetInvestmentWan ?? "",
    landMu: p.landMu ?? "",
    annualOutputWan: p.annualOutputWan ?? "",
    annualTaxWan: p.annualTaxWan ?? "",
    jobs: p.jobs === null ? "" : String(p.jobs),
    voltageKv: p.voltageKv ?? "",
    plannedSignOn: p.plannedSignOn ?? "",
    plannedConstructionOn: p.plannedConstructionOn ?? "",
    plannedProductionOn: p.plannedProductionOn ?? "",
    confidential: p.confidential,
    note: p.note ?? "",
    ownerId: p.ownerId ? String(p.ownerId) : "",
    chainLinkIds: (await projectLinkIds(p.id)).map(String),
  };
  return {
    project: { id: p.id, name: p.name, code: p.code, version: p.version, signed: !!p.signedOn },
    defaults,
    options,
    canPickOwner: canManageCompany(user, p.companyId),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  await requireWritableProject(user, id);
  const parsed = parseForm(updateProjectSchema, form);
  if (!parsed.ok) return replyInvalid(undefined, parsed.errors, form, 400, { conflict: null });
  const result = throwIfRefused(await updateProject(user, id, parsed.data));
  if (result.kind !== "ok") {
    if (result.kind === "conflict") {
      // Keep the user's input; the form now carries the newer version, so saving again is a deliberate overwrite.
      const values = { ...formValues(form), version: String(result.detail.version) };
      return replyInvalid(undefined, {}, values, 409, { conflict: result.detail });
    }
    return replyInvalid(undefined, refusalErrors(result), form, 400, { conflict: null });
  }
  const t = await getTranslator(request);
  return redirect(`/projects/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("projects.saved") }) } });
}

const FIELD_LABELS: Record<EditableField, MessageKey> = PROJECT_FIELD_LABELS as Record<EditableField, MessageKey>;

export default function EditProjectPage() {
  const { project, defaults, options, canPickOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const conflict = actionData?.conflict;
  const show = (field: EditableField, value: unknown) => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "clusterId") return options.clusters.find((c) => c.id === Number(value))?.name ?? String(value);
    if (field === "confidential") return value ? t("common.yes") : t("common.no");
    if (field === "investorContactId") return options.contacts.find((c) => c.id === Number(value))?.name ?? String(value);
    return showFieldValue(field, value, t);
  };
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}`}>← {project.name}</Link>
      </p>
      <div className="page-head">
        <h1>{t("projects.edit")}</h1>
        <span className="muted">{project.code}</span>
      </div>
      {conflict ? (
        <ConflictNotice
          title={(who) => t("projects.conflictTitle", who)}
          by={conflict.by}
          at={conflict.at}
          rows={conflict.fields.map((f) => ({
            key: f.field,
            label: t(FIELD_LABELS[f.field]),
            theirs: show(f.field, f.theirs),
            yours: show(f.field, f.yours),
          }))}
        />
      ) : null}
      <ProjectForm
        key={JSON.stringify(actionData ?? {})}
        mode="edit"
        options={options}
        defaults={defaults}
        reply={actionData}
        canPickOwner={canPickOwner}
        showContracted={project.signed}
        version={conflict ? conflict.version : actionData ? Number(actionData.values.version) : project.version}
      />
    </>
  );
}
