import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps } from "~/components/form-field";
import { StageBadge, StatusBadge } from "~/components/badges";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { codedMessage, parseForm, translateError } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { formatWan } from "~/lib/money";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { HandoffStatusBadge } from "~/modules/handoffs/components/handoff-table";
import { acceptHandoffSchema, cancelHandoffSchema, closeAssistSchema, rejectHandoffSchema } from "~/modules/handoffs/handoffs.schema";
import {
  acceptHandoff,
  assigneeOptions,
  cancelHandoff,
  closeAssist,
  getHandoffForViewer,
  rejectHandoff,
} from "~/modules/handoffs/handoffs.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";
import { invariantResponse, parseId, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? { text: data.handoff.projectName } : "error.notFoundTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Missing and not visible look the same.
  const found = await getHandoffForViewer(user, parseId(params.id));
  invariantResponse(found);
  const { handoff: h, project, canOpenProject, may } = found;
  return {
    handoff: {
      ...h,
      createdAt: h.createdAt.toISOString(),
      answeredAt: h.answeredAt?.toISOString() ?? null,
      closedAt: h.closedAt?.toISOString() ?? null,
    },
    project,
    canOpenProject,
    may,
    people: may.answer ? await assigneeOptions(h.toCompanyId) : [],
    today: todayInZone(),
  };
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  const found = await getHandoffForViewer(user, id);
  invariantResponse(found);
  const intent = String(form.get("intent") ?? "");
  // Whose step each is (policy), whatever the handoff's state: a step already taken is a 409 from the domain below;
  // the page offers a step only while the state allows it (policy.canAnswerHandoff and its siblings).
  const allowed = {
    accept: found.turn.answer,
    reject: found.turn.answer,
    cancel: found.turn.cancel,
    close: found.turn.close,
  };
  // Own keys only: a prototype name ("constructor", "toString") is no step.
  invariantResponse(!Object.hasOwn(allowed, intent) || allowed[intent as keyof typeof allowed], 403);
  const t = await getTranslator(request);
  const values = Object.fromEntries([...form].filter(([k]) => k !== "csrf")) as Record<string, string>;
  const fail = (errors: FieldErrors, status = 400) => data<ActionData>({ intent, errors, values }, { status });

  let result;
  let done: "accepted" | "rejected" | "cancelled" | "closed";
  if (intent === "accept") {
    const parsed = parseForm(acceptHandoffSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await acceptHandoff(user, id, parsed.data);
    done = "accepted";
  } else if (intent === "reject") {
    const parsed = parseForm(rejectHandoffSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await rejectHandoff(user, id, parsed.data);
    done = "rejected";
  } else if (intent === "cancel") {
    const parsed = parseForm(cancelHandoffSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await cancelHandoff(user, id, parsed.data);
    done = "cancelled";
  } else if (intent === "close") {
    const parsed = parseForm(closeAssistSchema, form);
    if (!parsed.ok) return fail(parsed.errors);
    result = await closeAssist(user, id, parsed.data);
    done = "closed";
  } else {
    return fail({ _form: "validation.invalid" });
  }

  const answer = throwIfRefused(result);
  if (answer.kind === "conflict") {
    const c = answer.detail;
    const by = c.by ? ` · ${c.by}` : "";
    return fail({ _form: codedMessage("handoffs.error.conflict", { status: t(`handoffs.status.${c.status}`), by }) }, 409);
  }
  if (answer.kind === "invalid") {
    const status = answer.fieldErrors._form === "handoffs.error.notReceivingManager" ? 403 : 400;
    return fail(refusalErrors(answer), status);
  }
  return redirect(`/handoffs/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t(`handoffs.done.${done}`) }) } });
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? "—"}</dd>
    </>
  );
}

export default function HandoffPage() {
  const { handoff: h, project: p, canOpenProject, may, people, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {});
  const valueFor = (intent: string, name: string, fallback = "") =>
    actionData?.intent === intent && actionData.values[name] !== undefined ? actionData.values[name] : fallback;
  const common = (intent: string) => (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={h.version} />
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
  const field = (intent: string, name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, fallback = "") => {
    const id = `${intent}-${name}`;
    const error = errorsFor(intent)[name];
    return (
      <FormField id={id} label={label} error={error}>
        <input id={id} name={name} defaultValue={valueFor(intent, name, fallback)} {...props} {...invalidProps(id, error)} />
      </FormField>
    );
  };
  const kind = t(`handoffs.kind.${h.kind}`);

  return (
    <>
      <p>
        <Link to="/handoffs">← {t("handoffs.title")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("handoffs.detailTitle", { kind, project: h.projectName })} <HandoffStatusBadge status={h.status} overdue={h.overdue} />
        </h1>
        <span className="muted">{h.projectCode}</span>
      </div>

      <div className="two-col">
        <div>
          <section className="panel">
            <h2>{kind}</h2>
            <dl className="facts">
              <Fact label={t("handoffs.from")}>
                {h.fromCompanyName} · {h.requestedByName}
              </Fact>
              <Fact label={t("handoffs.to")}>{h.toCompanyName}</Fact>
              <Fact label={t("handoffs.createdAt")}>{formatDateTime(h.createdAt)}</Fact>
              {h.need ? <Fact label={t("handoffs.need")}>{t(`handoffs.need.${h.need}`)}</Fact> : null}
              {h.wishedByOn ? <Fact label={t("handoffs.wishedBy")}>{h.wishedByOn}</Fact> : null}
              <Fact label={t("handoffs.reason")}>{h.reason}</Fact>
              {h.answeredByName ? (
                <Fact label={t("handoffs.answeredBy")}>
                  {h.answeredByName} · {formatDateTime(h.answeredAt)}
                </Fact>
              ) : null}
              {h.answerNote ? <Fact label={t("handoffs.answerNote")}>{h.answerNote}</Fact> : null}
              {h.assigneeName ? <Fact label={h.kind === "transfer" ? t("handoffs.newOwner") : t("handoffs.helper")}>{h.assigneeName}</Fact> : null}
              {h.outcome ? <Fact label={t("handoffs.outcome")}>{h.outcome}</Fact> : null}
            </dl>
            {h.status === "pending" && !may.answer ? <p className="muted">{t("handoffs.waitingAnswer", { company: h.toCompanyName })}</p> : null}
            {may.cancel ? (
              <Form method="post">
                {common("cancel")}
                {formError("cancel")}
                <button type="submit" className="button">
                  {t("handoffs.cancel")}
                </button>
              </Form>
            ) : null}
          </section>

          {may.answer ? (
            <section className="panel">
              <h2>{t("handoffs.acceptTitle")}</h2>
              <Form method="post" noValidate className="handoff-form">
                {common("accept")}
                {formError("accept")}
                <div className="form-grid">
                  <FormField id="accept-assigneeId" label={h.kind === "transfer" ? t("handoffs.newOwner") : t("handoffs.helper")} error={errorsFor("accept").assigneeId}>
                    <select
                      id="accept-assigneeId"
                      name="assigneeId"
                      defaultValue={valueFor("accept", "assigneeId")}
                      {...invalidProps("accept-assigneeId", errorsFor("accept").assigneeId)}
                    >
                      <option value="">—</option>
                      {people.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                  </FormField>
                  {field("accept", "businessOn", t("handoffs.businessOn"), { type: "date", max: today }, today)}
                </div>
                {field("accept", "note", t("handoffs.note"))}
                <button type="submit" className="button primary">
                  {t("handoffs.accept")}
                </button>
              </Form>
            </section>
          ) : null}
          {may.answer ? (
            <section className="panel">
              <h2>{t("handoffs.rejectTitle")}</h2>
              <Form method="post" noValidate className="handoff-form">
                {common("reject")}
                {formError("reject")}
                {field("reject", "note", t("handoffs.rejectReason"))}
                <button type="submit" className="button danger">
                  {t("handoffs.reject")}
                </button>
              </Form>
            </section>
          ) : null}
          {may.close ? (
            <section className="panel">
              <h2>{t("handoffs.closeTitle")}</h2>
              <Form method="post" noValidate className="handoff-form">
                {common("close")}
                {formError("close")}
                <FormField id="close-outcome" label={t("handoffs.outcome")} error={errorsFor("close").outcome}>
                  <textarea
                    id="close-outcome"
                    name="outcome"
                    rows={3}
                    className="wide"
                    defaultValue={valueFor("close", "outcome")}
                    {...invalidProps("close-outcome", errorsFor("close").outcome)}
                  />
                </FormField>
                <button type="submit" className="button primary">
                  {t("handoffs.close")}
                </button>
              </Form>
            </section>
          ) : null}
        </div>

        <div>
          <section className="panel">
            <h2>{t("handoffs.projectSummary")}</h2>
            <dl className="facts">
              <Fact label={t("handoffs.project")}>
                {h.projectName} <StageBadge stage={p.stage} /> {p.status !== "active" ? <StatusBadge status={p.status} /> : null}
              </Fact>
              <Fact label={t("projects.investor")}>{p.investorName}</Fact>
              <Fact label={t("projects.cluster")}>{p.clusterName}</Fact>
              <Fact label={t("projects.company")}>{p.companyName}</Fact>
              <Fact label={t("projects.owner")}>{p.ownerName ?? "—"}</Fact>
              <Fact label={t("projects.totalInvestment")}>{p.totalInvestmentWan ? formatWan(p.totalInvestmentWan) : "—"}</Fact>
            </dl>
            {canOpenProject ? (
              <div className="action-bar panel-actions">
                <Link className="button" to={`/projects/${p.id}`}>
                  {t("handoffs.openProject")}
                </Link>
                {may.log ? (
                  <Link className="button primary" to={`/projects/${p.id}/activities/new`}>
                    {t("handoffs.logWork")}
                  </Link>
                ) : null}
              </div>
            ) : null}
          </section>
        </div>
      </div>
    </>
  );
}
