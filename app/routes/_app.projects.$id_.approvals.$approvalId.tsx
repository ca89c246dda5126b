// One approval item of a project (issue 21): its agent and dates (versioned), not applicable with a reason, its
// documents (the evidence storage and checks), blockers logged and escalated to the committee (督办), removal.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { codedMessage, parseForm } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import type { Invalid, Ok } from "~/lib/result";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { RecordFilesPanel } from "~/modules/attachments/components/record-files-panel";
import { approvalLight, approvalDueOn } from "~/modules/approvals/approval-rules";
import {
  APPROVAL_DOCUMENT_INTENT,
  approvalApplicableSchema,
  approvalDocumentSchema,
  approvalRemoveSchema,
  approvalWorkSchema,
  blockerSchema,
  escalateSchema,
  resolveSchema,
} from "~/modules/approvals/approvals.schema";
import {
  agentOptions,
  escalateBlocker,
  getApprovalForViewer,
  loadChecklist,
  logBlocker,
  removeProjectApproval,
  resolveBlocker,
  setApprovalApplicable,
  workApproval,
} from "~/modules/approvals/approvals.server";
import { ApprovalLightBadge } from "~/modules/approvals/components/approval-light";
import { EVIDENCE_MAX_BYTES, evidenceInvalid } from "~/modules/attachments/attachments.schema";
import { addApprovalDocument, listApprovalDocuments } from "~/modules/attachments/attachments.server";
import { requireUserForm, requireUserMultipartForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? { text: data.item.name } : "error.notFoundTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const projectId = parseId(params.id);
  const found = await getApprovalForViewer(user, projectId, parseId(params.approvalId));
  invariantResponse(found);
  const [checklist, documents, agents] = await Promise.all([
    loadChecklist(user, projectId, found.facts),
    listApprovalDocuments(projectId),
    agentOptions(found.facts.companyId),
  ]);
  invariantResponse(checklist);
  const item = checklist.items.find((i) => i.id === found.item.id)!;
  return {
    projectId,
    item,
    documents: documents.filter((d) => d.approvalId === item.id),
    agents: checklist.canEdit ? agents : agents.filter((a) => a.id === item.agentId),
    canEdit: checklist.canEdit,
    canEscalate: checklist.canEscalate,
    canResolve: checklist.canResolve,
    today: todayInZone(),
  };
}

const MAX_REQUEST_BYTES = 5 * EVIDENCE_MAX_BYTES;

export async function action({ request, params }: ActionFunctionArgs) {
  const projectId = parseId(params.id);
  const approvalId = parseId(params.approvalId);
  const back = (message: string, to = `/projects/${projectId}/approvals/${approvalId}`) =>
    flashHeader({ kind: "ok", message }).then((cookie) => redirect(to, { headers: { "Set-Cookie": cookie } }));
  const t = await getTranslator(request);

  // A document: multipart, access checked before a byte of the file is stored.
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const user = await requireUser(request);
    const found = await getApprovalForViewer(user, projectId, approvalId);
    invariantResponse(found);
    invariantResponse(found.canWork, 403);
    let outcome: Ok<{ fileName: string }> | Invalid | undefined;
    const { form } = await requireUserMultipartForm(request, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      onFile: async (part) => {
        if (part.name !== "file" || outcome) return;
        outcome = await addApprovalDocument(
          user,
          { zoneId: found.facts.zoneId, projectId, approvalId },
          { fileName: part.filename, data: part.data },
        );
      },
    });
    const answer = outcome ?? evidenceInvalid("noFile");
    if (answer.kind !== "ok") return replyInvalid(APPROVAL_DOCUMENT_INTENT, refusalErrors(answer), form);
    return back(t("evidence.uploaded", { name: answer.value.fileName }));
  }

  const { user, form } = await requireUserForm(request);
  // Invisible (or not on this project): 404 before the body is looked at; each step checks its own right.
  invariantResponse(await getApprovalForViewer(user, projectId, approvalId));
  const intent = String(form.get("intent") ?? "");
  const fail = (errors: FieldErrors, status = 400) => replyInvalid(intent, errors, form, status);
  let result;
  let message = t("approvals.saved");
  let to: string | undefined;
  if (intent === "work") {
    const parsed = parseForm(approvalWorkSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await workApproval(user, projectId, approvalId, parsed.data);
  } else if (intent === "applicable") {
    const parsed = parseForm(approvalApplicableSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await setApprovalApplicable(user, projectId, approvalId, parsed.data);
  } else if (intent === "remove") {
    const parsed = parseForm(approvalRemoveSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await removeProjectApproval(user, projectId, approvalId, parsed.data.version);
    message = t("approvals.removed");
    to = `/projects/${projectId}#approvals`;
  } else if (intent === "blocker") {
    const parsed = parseForm(blockerSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await logBlocker(user, projectId, approvalId, parsed.data.note);
    message = t("approvals.blockerLogged");
  } else if (intent === "escalate") {
    const parsed = parseForm(escalateSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await escalateBlocker(user, projectId, approvalId, parsed.data);
    message = t("approvals.escalatedMessage");
  } else if (intent === "resolve") {
    const parsed = parseForm(resolveSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await resolveBlocker(user, projectId, approvalId, parsed.data);
    message = t("approvals.resolvedMessage");
  } else {
    return fail({ _form: "validation.invalid" });
  }
  const answer = throwIfRefused(result);
  if (answer.kind === "conflict") {
    const c = answer.detail;
    // The user's input stays in the form with the newer version: saving again is a choice, made knowingly.
    const again = new FormData();
    for (const [k, v] of form) again.append(k, k === "version" ? String(c.version) : v);
    return replyInvalid(intent, { _form: codedMessage("approvals.conflict", { by: c.by ?? "—", at: formatDateTime(c.at) }) }, again, 409);
  }
  if (answer.kind === "invalid") return fail(refusalErrors(answer));
  return back(message, to);
}

export default function ApprovalItemPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const i = d.item;
  const work = useZodForm(approvalWorkSchema, {
    intent: "work",
    reply,
    defaults: {
      version: i.version,
      agentId: i.agentId,
      plannedSubmitOn: i.plannedSubmitOn,
      plannedApproveOn: i.plannedApproveOn,
      submittedOn: i.submittedOn,
      acceptedOn: i.acceptedOn,
      approvedOn: i.approvedOn,
      note: i.note,
    },
  });
  const applicable = useZodForm(approvalApplicableSchema, {
    intent: "applicable",
    reply,
    defaults: { version: i.version, notApplicable: !i.notApplicable, notApplicableReason: i.notApplicableReason },
  });
  const remove = useZodForm(approvalRemoveSchema, { intent: "remove", reply, defaults: { version: i.version } });
  const blocker = useZodForm(blockerSchema, { intent: "blocker", reply });
  const upload = useZodForm(approvalDocumentSchema, { intent: APPROVAL_DOCUMENT_INTENT, reply });
  const light = approvalLight(i, d.today);
  const due = approvalDueOn(i);
  return (
    <>
      <p>
        <Link to={`/projects/${d.projectId}#approvals`}>← {t("approvals.title")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {i.name} <ApprovalLightBadge light={light} />
        </h1>
        <span className="muted">
          {i.authority} · {t("approvals.allowedDaysShort", { days: i.allowedDays })}
          {due ? ` · ${t("approvals.dueOn", { on: due })}` : ""}
          {i.requiredForConstruction ? ` · ${t("approvals.requiredShort")}` : ""}
          {i.commitment ? ` · ${t("approvals.commitmentShort")}` : ""}
        </span>
      </div>
      <p className="muted small">{t("approvals.lightHint", { days: i.allowedDays })}</p>

      <section className="panel">
        <h2>{t("approvals.work")}</h2>
        {i.canWork ? (
          <ZodForm form={work}>
            <input type="hidden" {...work.field("version")} />
            <div className="form-grid">
              <Field form={work} name="agentId" label={t("approvals.agent")}>
                <select {...work.field("agentId")} disabled={!d.canEdit}>
                  <option value="">—</option>
                  {d.agents.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </Field>
              {!d.canEdit && i.agentId ? <input type="hidden" name="agentId" value={i.agentId} /> : null}
              <TextField form={work} name="plannedSubmitOn" label={t("approvals.plannedSubmitOn")} type="date" />
              <TextField form={work} name="plannedApproveOn" label={t("approvals.plannedApproveOn")} type="date" />
              <TextField form={work} name="submittedOn" label={t("approvals.submittedOn")} type="date" max={d.today} />
              <TextField form={work} name="acceptedOn" label={t("approvals.acceptedOn")} type="date" max={d.today} />
              <TextField form={work} name="approvedOn" label={t("approvals.approvedOn")} type="date" max={d.today} />
            </div>
            <TextField form={work} name="note" label={t("approvals.note")} />
            <button type="submit" className="button primary">
              {t("common.save")}
            </button>
          </ZodForm>
        ) : (
          <dl className="facts">
            <dt>{t("approvals.agent")}</dt>
            <dd>{i.agentName ?? "—"}</dd>
            <dt>{t("approvals.submittedOn")}</dt>
            <dd>{i.submittedOn ?? "—"}</dd>
            <dt>{t("approvals.acceptedOn")}</dt>
            <dd>{i.acceptedOn ?? "—"}</dd>
            <dt>{t("approvals.approvedOn")}</dt>
            <dd>{i.approvedOn ?? "—"}</dd>
          </dl>
        )}
      </section>

      <RecordFilesPanel id="documents" title={t("approvals.documents")} files={d.documents} upload={i.canWork ? upload : null} />

      <section className="panel" id="blockers">
        <h2>{t("approvals.blockers")}</h2>
        {i.blockers.length === 0 ? <p className="muted">{t("approvals.noBlockers")}</p> : null}
        <ul className="timeline">
          {i.blockers.map((b) => (
            <li key={b.id} data-blocker={b.id}>
              <div className="meta">
                {formatDateTime(b.loggedAt)} · {b.loggedBy}
              </div>
              <div>{b.note}</div>
              {b.escalatedAt ? (
                <div className={b.resolvedAt ? "meta" : "overdue"}>{t("approvals.escalatedUntil", { on: b.escalationDueOn ?? "—" })}</div>
              ) : null}
              {b.resolvedAt ? (
                <div className="meta">{t("approvals.resolvedWith", { at: formatDateTime(b.resolvedAt), resolution: b.resolution ?? "" })}</div>
              ) : (
                <BlockerActions blockerId={b.id} escalated={!!b.escalatedAt} canEscalate={d.canEscalate} canResolve={d.canResolve} today={d.today} />
              )}
            </li>
          ))}
        </ul>
        {i.canWork ? (
          <ZodForm form={blocker}>
            <TextField form={blocker} name="note" label={t("approvals.blockerNote")} />
            <button type="submit" className="button">
              {t("approvals.logBlocker")}
            </button>
          </ZodForm>
        ) : null}
      </section>

      {d.canEdit ? (
        <section className="panel">
          <h2>{t("approvals.checklistEdit")}</h2>
          <ZodForm form={applicable}>
            <input type="hidden" {...applicable.field("version")} />
            <input type="hidden" name="notApplicable" value={i.notApplicable ? "" : "on"} />
            {!i.notApplicable ? <TextField form={applicable} name="notApplicableReason" label={t("approvals.notApplicableReason")} /> : null}
            <button type="submit" className="button">
              {i.notApplicable ? t("approvals.makeApplicable") : t("approvals.markNotApplicable")}
            </button>
          </ZodForm>
          <ZodForm form={remove}>
            <input type="hidden" {...remove.field("version")} />
            <button type="submit" className="button danger">
              {t("approvals.remove")}
            </button>
          </ZodForm>
        </section>
      ) : null}
    </>
  );
}

/** Escalate an open blocker to the committee with a deadline, or resolve it. */
function BlockerActions({
  blockerId,
  escalated,
  canEscalate,
  canResolve,
  today,
}: {
  blockerId: number;
  escalated: boolean;
  canEscalate: boolean;
  canResolve: boolean;
  today: string;
}) {
  const t = useT();
  const reply = useActionData<typeof action>();
  const mine = reply && "values" in reply && reply.values?.blockerId === String(blockerId) ? reply : undefined;
  const escalate = useZodForm(escalateSchema, { intent: "escalate", reply: mine, defaults: { blockerId } });
  const resolve = useZodForm(resolveSchema, { intent: "resolve", reply: mine, defaults: { blockerId } });
  return (
    <div className="two-col">
      {canEscalate && !escalated ? (
        <ZodForm form={escalate}>
          <input type="hidden" {...escalate.field("blockerId")} id={undefined} />
          <TextField form={escalate} name="escalationDueOn" label={t("approvals.escalationDueOn")} type="date" min={today} />
          <button type="submit" className="button">
            {t("approvals.escalate")}
          </button>
        </ZodForm>
      ) : null}
      {canResolve ? (
        <ZodForm form={resolve}>
          <input type="hidden" {...resolve.field("blockerId")} id={undefined} />
          <TextField form={resolve} name="resolution" label={t("approvals.resolution")} />
          <button type="submit" className="button">
            {t("approvals.resolve")}
          </button>
        </ZodForm>
      ) : null}
    </div>
  );
}
