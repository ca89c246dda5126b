import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { StageBadge, StatusBadge } from "~/components/badges";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { LOST_REASONS, PROJECT_STAGES } from "~/lib/domain-values";
import type { ACTIVITY_KINDS, ProjectStage } from "~/lib/domain-values";
import { codedMessage, parseForm } from "~/lib/forms";
import type { FieldErrors, FormReply } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageCompany, canOverrideApprovalGate } from "~/modules/auth/policy";
import { listOpenRequiredApprovals } from "~/modules/approvals/approvals.server";
import { loadProjectFacts } from "~/modules/projects/projects.server";
import { requireUser } from "~/modules/auth/session.server";
import { latestMilestoneActivity } from "~/modules/projects/milestone-activities.server";
import { moveProjectBack, moveProjectForward, setProjectStatus } from "~/modules/projects/project-stages.server";
import { listOpenNextActions } from "~/modules/projects/project-activities.server";
import { CloseActionsOnMove, KEEP_NEXT_ACTIONS_FIELD } from "~/modules/projects/components/close-actions-on-move";
import { refusalErrors, requireWritableProject } from "~/modules/projects/project-routes.server";
import { projectFormOptions } from "~/modules/projects/projects-options.server";
import type { GateStage } from "~/modules/projects/stage-gates";
import { datedReasonSchema, gateSchemas, loseSchema, nextStage, previousStage, resumeSchema } from "~/modules/projects/stage-gates";
import { parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "projects.actions");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { project: p } = await requireWritableProject(user, parseId(params.id));
  const facts = await loadProjectFacts(p.id);
  const { contacts } = await projectFormOptions(user, { companyId: null, investorId: p.investorId });
  const next = nextStage(p.stage);
  // The gate's date opens at the day the milestone was logged (a 签约仪式 for 签约 …), else today (issue 19).
  const logged = next ? await latestMilestoneActivity(p.id, next) : undefined;
  return {
    project: {
      id: p.id,
      name: p.name,
      code: p.code,
      stage: p.stage,
      status: p.status,
      version: p.version,
      investorId: p.investorId,
      investorContactId: p.investorContactId,
      plannedInvestmentWan: p.plannedInvestmentWan,
      contractedInvestmentWan: p.contractedInvestmentWan,
      landMu: p.landMu,
      annualOutputWan: p.annualOutputWan,
      reviewOutcome: p.reviewOutcome,
      agreementNo: p.agreementNo,
      projectCompanyName: p.projectCompanyName,
      projectCompanyUscc: p.projectCompanyUscc,
    },
    next: next ?? null,
    logged: logged ?? null,
    previous: previousStage(p.stage) ?? null,
    contacts,
    openActions: (await listOpenNextActions(p.id)).length,
    isManager: canManageCompany(user, p.companyId),
    // 开工 waits for the approvals required for it; the company's manager may override with a reason (issue 21).
    openApprovals: next === "construction" ? (await listOpenRequiredApprovals(p.id)).map((a) => ({ id: a.id, name: a.name })) : [],
    canOverride: !!facts && canOverrideApprovalGate(user, facts),
    today: todayInZone(),
    // Dropped on another column of the board: the form opens preset to that stage (the gates still apply).
    target: (PROJECT_STAGES as readonly string[]).includes(new URL(request.url).searchParams.get("to") ?? "")
      ? (new URL(request.url).searchParams.get("to") as ProjectStage)
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  const { project } = await requireWritableProject(user, id);
  const t = await getTranslator(request);
  const intent = String(form.get("intent") ?? "");
  const fail = (errors: FieldErrors, status = 400) => replyInvalid(intent, errors, form, status);
  // 投产, 搁置, 流失 close the open next actions unless this box was ticked.
  const choice = { keepNextActions: form.get(KEEP_NEXT_ACTIONS_FIELD) === "on" };

  let result;
  let message = "";
  if (intent === "forward") {
    const to = nextStage(project.stage);
    if (!to || String(form.get("to")) !== to) return fail({ _form: "stage.error.notNext" });
    const parsed = parseForm(gateSchemas[to as keyof typeof gateSchemas], form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await moveProjectForward(user, id, to as keyof typeof gateSchemas, parsed.data as never, choice);
    message = t("projects.stageMoved", { stage: t(`stage.${to}`) });
  } else if (intent === "back") {
    const parsed = parseForm(datedReasonSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await moveProjectBack(user, id, parsed.data);
    if (result.kind === "ok") message = t("projects.stageBack", { stage: t(`stage.${result.value.stage}`) });
  } else if (intent === "hold" || intent === "lose" || intent === "resume") {
    const schema = intent === "hold" ? datedReasonSchema : intent === "lose" ? loseSchema : resumeSchema;
    const parsed = parseForm(schema, form);
    if (!parsed.ok) return fail(parsed.errors);
    const status = intent === "hold" ? "on_hold" : intent === "lose" ? "lost" : "active";
    result = await setProjectStatus(user, id, { ...parsed.data, status }, choice);
    message = t("projects.statusChanged", { status: t(`status.${status}`) });
  } else {
    return fail({ _form: "validation.invalid" });
  }

  const answer = throwIfRefused(result);
  if (answer.kind !== "ok") {
    if (answer.kind === "conflict") {
      const c = answer.detail;
      return fail(
        { _form: codedMessage("projects.stageConflict", { by: c.by ?? "—", at: formatDateTime(c.at), stage: t(`stage.${c.stage}`) }) },
        409,
      );
    }
    return fail(refusalErrors(answer));
  }
  return redirect(`/projects/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });
}

export default function StagePage() {
  const {
    project: p,
    next,
    previous,
    contacts,
    isManager,
    today,
    target,
    logged,
    openActions,
    openApprovals,
    canOverride,
  } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const dated = { businessOn: today };
  const back = useZodForm(datedReasonSchema, { intent: "back", defaults: dated, reply });
  const hold = useZodForm(datedReasonSchema, { intent: "hold", defaults: dated, reply });
  const lose = useZodForm(loseSchema, { intent: "lose", defaults: dated, reply });
  const resume = useZodForm(resumeSchema, { intent: "resume", defaults: dated, reply });
  const version = <input type="hidden" name="version" value={p.version} />;

  return (
    <>
      <p>
        <Link to={`/projects/${p.id}`}>← {p.name}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("projects.actions")} <StageBadge stage={p.stage} /> {p.status !== "active" ? <StatusBadge status={p.status} /> : null}
        </h1>
        <span className="muted">{p.code}</span>
      </div>

      {target ? (
        <div className="flash warn" role="status" id="drag-target">
          <strong>{t("stage.dragTarget", { stage: t(`stage.${target}`) })}</strong>
          {"："}
          {target === p.stage
            ? t("stage.dragSame", { stage: t(`stage.${target}`) })
            : target === next
              ? t("stage.dragForward", { stage: t(`stage.${target}`) })
              : target === previous
                ? t("stage.dragBack", { stage: t(`stage.${target}`) })
                : t("stage.dragNotAdjacent", { from: t(`stage.${p.stage}`), stage: t(`stage.${target}`) })}
        </div>
      ) : null}

      <section className="panel">
        {next ? (
          <>
            <h2>{t("stage.title", { from: t(`stage.${p.stage}`), to: t(`stage.${next}`) })}</h2>
            {p.status !== "active" ? (
              <p className="flash warn">{t("projects.notActive", { status: t(`status.${p.status}`) })}</p>
            ) : (
              <ForwardForm
                project={p}
                next={next as GateStage}
                contacts={contacts}
                today={today}
                logged={logged}
                reply={reply}
                openActions={openActions}
                openApprovals={openApprovals}
                canOverride={canOverride}
              />
            )}
          </>
        ) : (
          <p className="muted">{t("stage.noNext")}</p>
        )}
      </section>

      {isManager ? (
        <>
          {previous ? (
            <section className="panel">
              <h2>{t("stage.backTitle", { from: t(`stage.${p.stage}`), to: t(`stage.${previous}`) })}</h2>
              <ZodForm form={back}>
                {version}
                <div className="form-grid">
                  <TextField form={back} name="businessOn" label={t("stage.businessOn")} type="date" max={today} />
                  <TextField form={back} name="note" label={t("projects.reason")} />
                </div>
                <button type="submit" className="button">
                  {t("stage.submitBack")}
                </button>
              </ZodForm>
            </section>
          ) : null}
          <section className="panel">
            <h2>{t("stage.statusTitle")}</h2>
            {p.status === "active" ? (
              <div className="two-col">
                <ZodForm form={hold}>
                  {version}
                  <div className="form-grid">
                    <TextField form={hold} name="businessOn" label={t("stage.businessOn")} type="date" max={today} />
                    <TextField form={hold} name="note" label={t("projects.reason")} />
                  </div>
                  <CloseActionsOnMove open={openActions} intent="hold" />
                  <button type="submit" className="button">
                    {t("projects.hold")}
                  </button>
                </ZodForm>
                <ZodForm form={lose}>
                  {version}
                  <div className="form-grid">
                    <TextField form={lose} name="businessOn" label={t("stage.businessOn")} type="date" max={today} />
                    <Field form={lose} name="lostReason" label={t("projects.lostReason")}>
                      <select {...lose.field("lostReason")}>
                        <option value="">—</option>
                        {LOST_REASONS.map((r) => (
                          <option key={r} value={r}>
                            {t(`lost.${r}`)}
                          </option>
                        ))}
                      </select>
                    </Field>
                    <TextField form={lose} name="note" label={t("projects.reason")} />
                  </div>
                  <CloseActionsOnMove open={openActions} intent="lose" />
                  <button type="submit" className="button danger">
                    {t("projects.lose")}
                  </button>
                </ZodForm>
              </div>
            ) : (
              <ZodForm form={resume}>
                {version}
                <div className="form-grid">
                  <TextField form={resume} name="businessOn" label={t("stage.businessOn")} type="date" max={today} />
                  <TextField form={resume} name="note" label={t("projects.reason")} />
                </div>
                <button type="submit" className="button primary">
                  {t("projects.resume")}
                </button>
              </ZodForm>
            )}
          </section>
        </>
      ) : (
        <p className="muted">{t("projects.managerOnly")}</p>
      )}
    </>
  );
}

type ActivityKind = (typeof ACTIVITY_KINDS)[number];
type LoadedProject = ReturnType<typeof useLoaderData<typeof loader>>["project"];

/** The gate's form for the next stage: exactly the fields its schema asks for, prefilled from the project. */
function ForwardForm({
  project: p,
  next,
  contacts,
  today,
  logged,
  reply,
  openActions,
  openApprovals,
  canOverride,
}: {
  openApprovals: { id: number; name: string }[];
  canOverride: boolean;
  project: LoadedProject;
  next: GateStage;
  contacts: { id: number; name: string; title: string | null }[];
  today: string;
  logged: { occurredOn: string; kind: ActivityKind } | null;
  reply: FormReply | undefined;
  openActions: number;
}) {
  const t = useT();
  const f = useZodForm(gateSchemas[next], {
    intent: "forward",
    reply,
    defaults: {
      businessOn: logged?.occurredOn ?? today,
      investorContactId: p.investorContactId,
      plannedInvestmentWan: p.plannedInvestmentWan,
      landMu: p.landMu,
      annualOutputWan: p.annualOutputWan,
      agreementNo: p.agreementNo,
      contractedInvestmentWan: p.contractedInvestmentWan ?? p.plannedInvestmentWan,
      projectCompanyName: p.projectCompanyName,
      projectCompanyUscc: p.projectCompanyUscc,
    },
  });
  return (
    <ZodForm form={f}>
      <input type="hidden" name="version" value={p.version} />
      <input type="hidden" name="to" value={next} />
      <p className="muted">{t("stage.gateIntro", { stage: t(`stage.${next}`) })}</p>
      <div className="form-grid">
        <div>
          <TextField form={f} name="businessOn" label={t(`stage.businessOn.${next}`)} type="date" max={today} />
          {logged ? (
            <p className="muted" id="logged-date">
              {t("stage.loggedDate", { on: logged.occurredOn, kind: t(`activity.${logged.kind}`) })}
            </p>
          ) : null}
        </div>
        {next === "negotiating" ? (
          <Field form={f} name="investorContactId" label={t("projects.contact")}>
            {contacts.length ? (
              <select {...f.field("investorContactId")}>
                <option value="">—</option>
                {contacts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.title ? `（${c.title}）` : ""}
                  </option>
                ))}
              </select>
            ) : (
              <p className="field-error">
                {t("stage.error.noContacts")} <Link to={`/investors/${p.investorId}`}>→</Link>
              </p>
            )}
          </Field>
        ) : null}
        {next === "negotiating" ? (
          <TextField form={f} name="plannedInvestmentWan" label={t("projects.plannedInvestment")} inputMode="decimal" />
        ) : null}
        {next === "evaluating" ? (
          <>
            <TextField form={f} name="landMu" label={t("projects.land")} inputMode="decimal" />
            <TextField form={f} name="annualOutputWan" label={t("projects.annualOutput")} inputMode="decimal" />
          </>
        ) : null}
        {next === "signed" ? (
          <>
            <TextField form={f} name="agreementNo" label={t("projects.agreementNo")} />
            <TextField form={f} name="contractedInvestmentWan" label={t("projects.contractedInvestment")} inputMode="decimal" />
            <div className="field">
              <label>{t("projects.reviewOutcome")}</label>
              <div>{p.reviewOutcome ? t(`review.${p.reviewOutcome}`) : "—"}</div>
            </div>
          </>
        ) : null}
        {next === "registered" ? (
          <>
            <TextField form={f} name="projectCompanyName" label={t("projects.projectCompany")} />
            <TextField form={f} name="projectCompanyUscc" label={t("projects.projectCompanyUscc")} maxLength={18} />
          </>
        ) : null}
      </div>
      <TextField form={f} name="note" label={t("stage.note")} />
      {next === "construction" && openApprovals.length ? (
        <div className="flash warn" id="open-approvals">
          <p>{t("approvals.gateOpen", { n: openApprovals.length })}</p>
          <ul>
            {openApprovals.map((a) => (
              <li key={a.id}>
                <Link to={`/projects/${p.id}/approvals/${a.id}`}>{a.name}</Link>
              </li>
            ))}
          </ul>
          {canOverride ? (
            <TextField form={f} name="approvalOverride" label={t("approvals.overrideReason")} />
          ) : (
            <p className="muted">{t("approvals.overrideManagerOnly")}</p>
          )}
        </div>
      ) : null}
      {next === "production" ? <CloseActionsOnMove open={openActions} intent="forward" /> : null}
      <button type="submit" className="button primary">
        {t("stage.submit")}
      </button>
    </ZodForm>
  );
}
