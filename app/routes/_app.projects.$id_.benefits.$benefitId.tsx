// One benefit of a project (政策兑现, issue 21): what was promised and delivered (versioned), and its evidence (the
// evidence storage and checks). Whoever may edit the project records; whoever sees the project reads.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { codedMessage, parseForm } from "~/lib/forms";
import type { Invalid, Ok } from "~/lib/result";
import { pageTitle } from "~/lib/meta";
import { formatWan } from "~/lib/money";
import { useT } from "~/lib/use-i18n";
import { RecordFilesPanel } from "~/modules/attachments/components/record-files-panel";
import { EVIDENCE_MAX_BYTES, evidenceInvalid } from "~/modules/attachments/attachments.schema";
import { addBenefitEvidence, listBenefitEvidence } from "~/modules/attachments/attachments.server";
import { requireUserForm, requireUserMultipartForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { BenefitFields } from "~/modules/policies/components/benefit-fields";
import { BENEFIT_EVIDENCE_INTENT, benefitEditSchema, benefitEvidenceSchema } from "~/modules/policies/policies.schema";
import { getBenefitForViewer, listPolicies, updateBenefit } from "~/modules/policies/policies.server";
import { outstandingWan } from "~/modules/policies/policy-rules";
import { getProjectForViewer } from "~/modules/projects/projects.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "policies.benefitTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const projectId = parseId(params.id);
  const found = await getBenefitForViewer(user, projectId, parseId(params.benefitId));
  invariantResponse(found);
  const [project, evidence, policies] = await Promise.all([
    getProjectForViewer(user, projectId, found.facts),
    listBenefitEvidence(found.benefit.id),
    listPolicies(user),
  ]);
  invariantResponse(project);
  const b = found.benefit;
  return {
    project: { id: project.project.id, name: project.project.name },
    benefit: {
      id: b.id,
      version: b.version,
      policyId: b.policyId,
      policyTitle: policies.find((p) => p.id === b.policyId)?.title ?? "—",
      promisedWan: b.promisedWan,
      promisedOn: b.promisedOn,
      deliveredWan: b.deliveredWan,
      deliveredOn: b.deliveredOn,
      note: b.note,
      outstandingWan: outstandingWan(b),
    },
    evidence,
    policies: policies.map((p) => ({ id: p.id, title: p.title })),
    canRecord: found.canRecord,
    today: todayInZone(),
  };
}

const MAX_REQUEST_BYTES = 5 * EVIDENCE_MAX_BYTES;

export async function action({ request, params }: ActionFunctionArgs) {
  const projectId = parseId(params.id);
  const benefitId = parseId(params.benefitId);
  const t = await getTranslator(request);
  const back = async (message: string) =>
    redirect(`/projects/${projectId}/benefits/${benefitId}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });

  // Evidence: multipart, access checked before a byte of the file is stored.
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const user = await requireUser(request);
    const found = await getBenefitForViewer(user, projectId, benefitId);
    invariantResponse(found);
    invariantResponse(found.canRecord, 403);
    let outcome: Ok<{ fileName: string }> | Invalid | undefined;
    const { form } = await requireUserMultipartForm(request, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      onFile: async (part) => {
        if (part.name !== "file" || outcome) return;
        outcome = await addBenefitEvidence(user, { zoneId: found.facts.zoneId, projectId, benefitId }, { fileName: part.filename, data: part.data });
      },
    });
    const answer = outcome ?? evidenceInvalid("noFile");
    if (answer.kind !== "ok") return replyInvalid(BENEFIT_EVIDENCE_INTENT, refusalErrors(answer), form);
    return back(t("evidence.uploaded", { name: answer.value.fileName }));
  }

  const { user, form } = await requireUserForm(request);
  invariantResponse(await getBenefitForViewer(user, projectId, benefitId));
  const parsed = parseForm(benefitEditSchema, form);
  if (!parsed.ok) return replyInvalid("benefit", parsed.errors, form);
  const { version, ...input } = parsed.data;
  const answer = throwIfRefused(await updateBenefit(user, projectId, benefitId, version, input));
  if (answer.kind === "conflict") {
    const again = new FormData();
    for (const [k, v] of form) again.append(k, k === "version" ? String(answer.detail.version) : v);
    return replyInvalid(
      "benefit",
      { _form: codedMessage("policies.conflict", { by: answer.detail.by ?? "—", at: formatDateTime(answer.detail.at) }) },
      again,
      409,
    );
  }
  if (answer.kind === "invalid") return replyInvalid("benefit", refusalErrors(answer), form);
  return back(t("policies.benefitSaved"));
}

export default function BenefitPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const b = d.benefit;
  const f = useZodForm(benefitEditSchema, { intent: "benefit", reply, defaults: b });
  const upload = useZodForm(benefitEvidenceSchema, { intent: BENEFIT_EVIDENCE_INTENT, reply });
  return (
    <>
      <p>
        <Link to={`/projects/${d.project.id}#policies`}>← {d.project.name}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("policies.benefitTitle")} · {b.policyTitle}
        </h1>
      </div>
      <section className="panel">
        <dl className="facts">
          <dt>{t("policies.promisedWan")}</dt>
          <dd>
            {formatWan(b.promisedWan)} · {b.promisedOn}
          </dd>
          <dt>{t("policies.deliveredWan")}</dt>
          <dd>{b.deliveredOn ? `${formatWan(b.deliveredWan)} · ${b.deliveredOn}` : "—"}</dd>
          <dt>{t("policies.outstandingWan")}</dt>
          <dd data-testid="outstanding">{formatWan(b.outstandingWan)}</dd>
        </dl>
      </section>
      {d.canRecord ? (
        <section className="panel">
          <h2>{t("policies.recordBenefit")}</h2>
          <ZodForm form={f}>
            <input type="hidden" {...f.field("version")} />
            <BenefitFields form={f} policies={d.policies} today={d.today} />
            <div className="form-actions">
              <button type="submit" className="button primary">
                {t("common.save")}
              </button>
            </div>
          </ZodForm>
        </section>
      ) : null}
      <RecordFilesPanel id="evidence" title={t("policies.evidence")} files={d.evidence} upload={d.canRecord ? upload : null} />
    </>
  );
}
