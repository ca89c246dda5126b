import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { StageBadge, StatusBadge } from "~/components/badges";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { codedMessage, parseForm } from "~/lib/forms";
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
import { acceptHandoff, assigneeOptions, cancelHandoff, closeAssist, getHandoffForViewer, rejectHandoff } from "~/modules/handoffs/handoffs.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { Combobox } from "~/components/combobox";
import { searchKey } from "~/lib/search-key";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? { text: data.handoff.projectName } : "error.notFoundTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Missing and not visible look the same.
  const found = await getHandoffForViewer(user, parseId(params.id));
  invariantResponse(found);
  const { handoff: h, project, canOpenProject, may, hidden } = found;
  return {
    handoff: {
      ...h,
      createdAt: h.createdAt.toISOString(),
      answeredAt: h.answeredAt?.toISOString() ?? null,
      closedAt: h.closedAt?.toISOString() ?? null,
    },
    project,
    canOpenProject,
    hidden,
    may,
    // A searchable picker: each person with the pinyin of their name. A co-follow's helper is its requester: the
    // answering manager names nobody.
    people:
      may.answer && h.kind !== "cofollow"
        ? (await assigneeOptions(h.toCompanyId)).map((u) => ({ value: u.id, label: u.name, key: searchKey([u.name]) }))
        : [],
    today: todayInZone(),
  };
}

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
  const fail = (errors: FieldErrors, status = 400) => replyInvalid(intent, errors, form, status);

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
  const { handoff: h, project: p, canOpenProject, hidden, may, people, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const cancel = useZodForm(cancelHandoffSchema, { intent: "cancel", reply });
  // A co-follow's helper is its requester, sent as a hidden field the form knows of.
  const acceptDefaults = h.kind === "cofollow" ? { businessOn: today, assigneeId: String(h.requestedById) } : { businessOn: today };
  const accept = useZodForm(acceptHandoffSchema, { intent: "accept", reply, defaults: acceptDefaults });
  const reject = useZodForm(rejectHandoffSchema, { intent: "reject", reply });
  const close = useZodForm(closeAssistSchema, { intent: "close", reply });
  const version = <input type="hidden" name="version" value={h.version} />;
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
              {h.assigneeName ? (
                <Fact label={h.kind === "transfer" ? t("handoffs.newOwner") : h.kind === "cofollow" ? t("cofollow.helper") : t("handoffs.helper")}>
                  {h.assigneeName}
                </Fact>
              ) : null}
              {h.outcome ? <Fact label={t("handoffs.outcome")}>{h.outcome}</Fact> : null}
            </dl>
            {h.status === "pending" && !may.answer ? <p className="muted">{t("handoffs.waitingAnswer", { company: h.toCompanyName })}</p> : null}
            {may.cancel ? (
              <ZodForm form={cancel}>
                {version}
                <button type="submit" className="button">
                  {t("handoffs.cancel")}
                </button>
              </ZodForm>
            ) : null}
          </section>

          {may.answer ? (
            <section className="panel">
              <h2>{t("handoffs.acceptTitle")}</h2>
              <ZodForm form={accept} className="handoff-form">
                {version}
                <div className="form-grid">
                  {h.kind === "cofollow" ? (
                    <p className="muted">
                      <input type="hidden" {...accept.field("assigneeId")} />
                      {t("cofollow.helperIsRequester", { name: h.requestedByName, company: h.fromCompanyName })}
                    </p>
                  ) : (
                    <Field form={accept} name="assigneeId" label={h.kind === "transfer" ? t("handoffs.newOwner") : t("handoffs.helper")}>
                      <Combobox field={accept.field("assigneeId")} options={people} emptyLabel="—" />
                    </Field>
                  )}
                  <TextField form={accept} name="businessOn" label={t("handoffs.businessOn")} type="date" max={today} />
                </div>
                <TextField form={accept} name="note" label={t("handoffs.note")} />
                <button type="submit" className="button primary">
                  {t("handoffs.accept")}
                </button>
              </ZodForm>
            </section>
          ) : null}
          {may.answer ? (
            <section className="panel">
              <h2>{t("handoffs.rejectTitle")}</h2>
              <ZodForm form={reject} className="handoff-form">
                {version}
                <TextField form={reject} name="note" label={t("handoffs.rejectReason")} />
                <button type="submit" className="button danger">
                  {t("handoffs.reject")}
                </button>
              </ZodForm>
            </section>
          ) : null}
          {may.close ? (
            <section className="panel">
              <h2>{t("handoffs.closeTitle")}</h2>
              <ZodForm form={close} className="handoff-form">
                {version}
                <Field form={close} name="outcome" label={t("handoffs.outcome")}>
                  <textarea rows={3} className="wide" {...close.field("outcome")} />
                </Field>
                <button type="submit" className="button primary">
                  {t("handoffs.close")}
                </button>
              </ZodForm>
            </section>
          ) : null}
        </div>

        <div>
          <section className="panel">
            <h2>{t("handoffs.projectSummary")}</h2>
            <dl className="facts">
              <Fact label={t("handoffs.project")}>
                {hidden ? (
                  <span className="muted">{t("cofollow.hidden")}</span>
                ) : (
                  <>
                    {h.projectName} <StageBadge stage={p.stage} /> {p.status !== "active" ? <StatusBadge status={p.status} /> : null}
                  </>
                )}
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
