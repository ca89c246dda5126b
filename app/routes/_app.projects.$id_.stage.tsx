import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps, translateError } from "~/components/form-field";
import { StageBadge, StatusBadge } from "~/components/badges";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { LOST_REASONS, PROJECT_STAGES } from "~/lib/domain-values";
import type { ProjectStage } from "~/lib/domain-values";
import { codedMessage, parseForm } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageCompany } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { moveProjectBack, moveProjectForward, setProjectStatus } from "~/modules/projects/project-stages.server";
import { refusalErrors, requireWritableProject } from "~/modules/projects/project-routes.server";
import { projectFormOptions } from "~/modules/projects/projects-options.server";
import { datedReasonSchema, gateSchemas, loseSchema, nextStage, previousStage, resumeSchema } from "~/modules/projects/stage-gates";
import { parseId, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "projects.actions");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { project: p } = await requireWritableProject(user, parseId(params.id));
  const { contacts } = await projectFormOptions(user, { companyId: null, investorId: p.investorId });
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
    next: nextStage(p.stage) ?? null,
    previous: previousStage(p.stage) ?? null,
    contacts,
    isManager: canManageCompany(user, p.companyId),
    today: todayInZone(),
    // Dropped on another column of the board: the form opens preset to that stage (the gates still apply).
    target: (PROJECT_STAGES as readonly string[]).includes(new URL(request.url).searchParams.get("to") ?? "")
      ? (new URL(request.url).searchParams.get("to") as ProjectStage)
      : null,
  };
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  const { project } = await requireWritableProject(user, id);
  const t = await getTranslator(request);
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form].filter(([k]) => k !== "csrf")) as Record<string, string>;
  const fail = (errors: FieldErrors, status = 400) => data<ActionData>({ intent, errors, values }, { status });

  let result;
  let message = "";
  if (intent === "forward") {
    const to = nextStage(project.stage);
    if (!to || String(form.get("to")) !== to) return fail({ _form: "stage.error.notNext" });
    const parsed = parseForm(gateSchemas[to as keyof typeof gateSchemas], form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await moveProjectForward(user, id, to as keyof typeof gateSchemas, parsed.data as never);
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
    result = await setProjectStatus(user, id, { ...parsed.data, status });
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
  const { project: p, next, previous, contacts, isManager, today, target } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {});
  const valueFor = (intent: string, name: string, fallback: string | null | undefined) =>
    actionData?.intent === intent && actionData.values[name] !== undefined ? actionData.values[name] : (fallback ?? "");

  const forwardErrors = errorsFor("forward");
  const input = (intent: string, name: string, label: string, fallback?: string | null, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => {
    const error = errorsFor(intent)[name];
    const id = `${intent}-${name}`;
    return (
      <FormField id={id} label={label} error={error}>
        <input id={id} name={name} defaultValue={valueFor(intent, name, fallback)} {...props} {...invalidProps(id, error)} />
      </FormField>
    );
  };
  const common = (intent: string) => (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={p.version} />
    </>
  );
  const formError = (intent: string) => {
    const e = errorsFor(intent)._form;
    return e ? (
      <div className="flash error" role="alert">
        {translateError(t, e)}
      </div>
    ) : null;
  };

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
              <Form method="post" noValidate>
                {common("forward")}
                <input type="hidden" name="to" value={next} />
                {formError("forward")}
                <p className="muted">{t("stage.gateIntro", { stage: t(`stage.${next}`) })}</p>
                <div className="form-grid">
                  {input("forward", "businessOn", t(`stage.businessOn.${next as Exclude<ProjectStage, "lead">}`), today, { type: "date", max: today })}
                  {next === "negotiating" ? (
                    <FormField id="forward-investorContactId" label={t("projects.contact")} error={forwardErrors.investorContactId}>
                      {contacts.length ? (
                        <select
                          id="forward-investorContactId"
                          name="investorContactId"
                          defaultValue={valueFor("forward", "investorContactId", p.investorContactId ? String(p.investorContactId) : "")}
                          {...invalidProps("forward-investorContactId", forwardErrors.investorContactId)}
                        >
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
                    </FormField>
                  ) : null}
                  {next === "negotiating"
                    ? input("forward", "plannedInvestmentWan", t("projects.plannedInvestment"), p.plannedInvestmentWan, { inputMode: "decimal" })
                    : null}
                  {next === "evaluating" ? (
                    <>
                      {input("forward", "landMu", t("projects.land"), p.landMu, { inputMode: "decimal" })}
                      {input("forward", "annualOutputWan", t("projects.annualOutput"), p.annualOutputWan, { inputMode: "decimal" })}
                    </>
                  ) : null}
                  {next === "signed" ? (
                    <>
                      {input("forward", "agreementNo", t("projects.agreementNo"), p.agreementNo)}
                      {input("forward", "contractedInvestmentWan", t("projects.contractedInvestment"), p.contractedInvestmentWan ?? p.plannedInvestmentWan, {
                        inputMode: "decimal",
                      })}
                      <div className="field">
                        <label>{t("projects.reviewOutcome")}</label>
                        <div>{p.reviewOutcome ? t(`review.${p.reviewOutcome}`) : "—"}</div>
                      </div>
                    </>
                  ) : null}
                  {next === "registered" ? (
                    <>
                      {input("forward", "projectCompanyName", t("projects.projectCompany"), p.projectCompanyName)}
                      {input("forward", "projectCompanyUscc", t("projects.projectCompanyUscc"), p.projectCompanyUscc, { maxLength: 18 })}
                    </>
                  ) : null}
                </div>
                {input("forward", "note", t("stage.note"))}
                <button type="submit" className="button primary">
                  {t("stage.submit")}
                </button>
              </Form>
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
              <Form method="post" noValidate>
                {common("back")}
                {formError("back")}
                <div className="form-grid">
                  {input("back", "businessOn", t("stage.businessOn"), today, { type: "date", max: today })}
                  {input("back", "note", t("projects.reason"))}
                </div>
                <button type="submit" className="button">
                  {t("stage.submitBack")}
                </button>
              </Form>
            </section>
          ) : null}
          <section className="panel">
            <h2>{t("stage.statusTitle")}</h2>
            {p.status === "active" ? (
              <div className="two-col">
                <Form method="post" noValidate>
                  {common("hold")}
                  {formError("hold")}
                  <div className="form-grid">
                    {input("hold", "businessOn", t("stage.businessOn"), today, { type: "date", max: today })}
                    {input("hold", "note", t("projects.reason"))}
                  </div>
                  <button type="submit" className="button">
                    {t("projects.hold")}
                  </button>
                </Form>
                <Form method="post" noValidate>
                  {common("lose")}
                  {formError("lose")}
                  <div className="form-grid">
                    {input("lose", "businessOn", t("stage.businessOn"), today, { type: "date", max: today })}
                    <FormField id="lose-lostReason" label={t("projects.lostReason")} error={errorsFor("lose").lostReason}>
                      <select id="lose-lostReason" name="lostReason" defaultValue={valueFor("lose", "lostReason", "")}>
                        <option value="">—</option>
                        {LOST_REASONS.map((r) => (
                          <option key={r} value={r}>
                            {t(`lost.${r}`)}
                          </option>
                        ))}
                      </select>
                    </FormField>
                    {input("lose", "note", t("projects.reason"))}
                  </div>
                  <button type="submit" className="button danger">
                    {t("projects.lose")}
                  </button>
                </Form>
              </div>
            ) : (
              <Form method="post" noValidate>
                {common("resume")}
                {formError("resume")}
                <div className="form-grid">
                  {input("resume", "businessOn", t("stage.businessOn"), today, { type: "date", max: today })}
                  {input("resume", "note", t("projects.reason"))}
                </div>
                <button type="submit" className="button primary">
                  {t("projects.resume")}
                </button>
              </Form>
            )}
          </section>
        </>
      ) : (
        <p className="muted">{t("projects.managerOnly")}</p>
      )}
    </>
  );
}
