import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps } from "~/components/form-field";
import { formatDateTime, todayInZone } from "~/lib/dates";
import type { FieldErrors } from "~/lib/forms";
import { parseForm, translateError } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import {
  assignServiceRequestSchema,
  closeServiceRequestSchema,
  reopenServiceRequestSchema,
  serviceRequestNoteSchema,
} from "~/modules/service/service-requests.schema";
import {
  addServiceRequestNote,
  assignServiceRequest,
  closeServiceRequest,
  getServiceRequestForViewer,
  loadServiceRequestFacts,
  reopenServiceRequest,
} from "~/modules/service/service-requests.server";
import { serviceRequestAccess } from "~/modules/auth/policy";
import { invariantResponse, parseId, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.detail");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await getServiceRequestForViewer(user, parseId(params.id));
  invariantResponse(found);
  return { ...found, today: todayInZone() };
}

const INTENTS = {
  assign: { schema: assignServiceRequestSchema, run: assignServiceRequest, done: "service.assignedOk" },
  note: { schema: serviceRequestNoteSchema, run: addServiceRequestNote, done: "service.noted" },
  close: { schema: closeServiceRequestSchema, run: closeServiceRequest, done: "service.closed" },
  reopen: { schema: reopenServiceRequestSchema, run: reopenServiceRequest, done: "service.reopenedOk" },
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  // Whoever cannot see the request learns nothing from the body they send: 404 before anything is parsed.
  const facts = await loadServiceRequestFacts(id);
  invariantResponse(facts && serviceRequestAccess(user, facts) !== "none");
  const intent = String(form.get("intent") ?? "") as keyof typeof INTENTS;
  // Own keys only: INTENTS["constructor"] is Object, whose "schema" is undefined (a 500 before).
  if (!Object.hasOwn(INTENTS, intent)) {
    return data({ intent, errors: { _form: "validation.invalid" } as FieldErrors, values: {} as Record<string, string> }, { status: 400 });
  }
  const handler = INTENTS[intent];
  const parsed = parseForm(handler.schema, form);
  if (!parsed.ok) return data({ intent, errors: parsed.errors as FieldErrors, values: parsed.values }, { status: 400 });
  // Each intent's input matches its schema; the table above pairs them.
  const run = handler.run as (u: typeof user, id: number, input: unknown) => ReturnType<typeof assignServiceRequest>;
  const result = throwIfRefused(await run(user, id, parsed.data));
  if (result.kind === "invalid") {
    return data({ intent, errors: result.fieldErrors, values: Object.fromEntries([...form].filter(([k]) => k !== "csrf")) as Record<string, string> }, { status: 400 });
  }
  const t = await getTranslator(request);
  return redirect(`/service-requests/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t(handler.done) }) } });
}

export default function ServiceRequestPage() {
  const { request: r, events, people, projectVisible, may, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string): FieldErrors => (actionData?.intent === intent ? actionData.errors : {});
  const valueFor = (intent: string, name: string, fallback = "") =>
    actionData?.intent === intent ? String((actionData.values as Record<string, unknown>)[name] ?? fallback) : fallback;
  const formError = actionData?.errors._form;
  const eventLabel = (e: (typeof events)[number]) => {
    if (e.kind === "assigned") return t("service.event.assigned", { name: String(e.details.handler ?? "") });
    if (e.kind === "solved") return t("service.event.solved", { n: String(e.details.satisfaction ?? "") });
    return t(`service.event.${e.kind}` as MessageKey);
  };
  return (
    <>
      <p>
        <Link to="/service-requests">← {t("service.title")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {r.enterprise ?? r.projectName} · {t(`service.type.${r.type}`)}
        </h1>
        <div className="head-actions">
          <span className="badge">{t(`service.status.${r.status}`)}</span>
          {r.overdue ? <span className="badge status-lost">{t("service.overdue")}</span> : null}
          {r.urgent ? <span className="badge status-lost">{t("service.urgent")}</span> : null}
        </div>
      </div>
      {formError ? <div className="flash error">{translateError(t, formError)}</div> : null}
      <div className="two-col">
        <div>
          <section className="panel">
            <dl className="facts">
              <dt>{t("service.project")}</dt>
              <dd>
                {projectVisible ? <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link> : r.projectName} <span className="muted">{r.projectCode}</span>
              </dd>
              <dt>{t("service.description")}</dt>
              <dd>{r.description}</dd>
              <dt>{t("service.channel")}</dt>
              <dd>{t(`service.channel.${r.channel}`)}</dd>
              <dt>{t("service.raisedBy")}</dt>
              <dd>{r.raisedBy ?? "—"}</dd>
              <dt>{t("service.loggedBy")}</dt>
              <dd>
                {r.createdBy} <span className="muted">{r.loggedByCompany ?? ""}</span>
              </dd>
              <dt>{t("service.handlingCompany")}</dt>
              <dd>{r.handlingCompanyName}</dd>
              <dt>{t("service.handler")}</dt>
              <dd>{r.handler ?? "—"}</dd>
              <dt>{t("service.receivedOn")}</dt>
              <dd>{r.receivedOn}</dd>
              <dt>{t("service.dueOn")}</dt>
              <dd className={r.overdue ? "overdue" : undefined}>{r.dueOn}</dd>
              {r.status === "solved" ? (
                <>
                  <dt>{t("service.solvedOn")}</dt>
                  <dd>{r.solvedOn}</dd>
                  <dt>{t("service.resolution")}</dt>
                  <dd>{r.resolution}</dd>
                  <dt>{t("service.satisfaction")}</dt>
                  <dd data-testid="satisfaction">{t(`service.rating.${r.satisfaction}` as MessageKey)}</dd>
                  <dt>{t("service.satisfactionComment")}</dt>
                  <dd>{r.satisfactionComment ?? "—"}</dd>
                </>
              ) : null}
            </dl>
          </section>

          {may.assign ? (
            <section className="panel">
              <h2>{t("service.assign")}</h2>
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="assign" />
                <input type="hidden" name="version" value={r.version} />
                <FormField id="handlerId" label={t("service.handler")} error={errorsFor("assign").handlerId}>
                  <select id="handlerId" name="handlerId" defaultValue={valueFor("assign", "handlerId", String(r.handlerId ?? ""))} {...invalidProps("handlerId", errorsFor("assign").handlerId)}>
                    <option value="">—</option>
                    {people.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </FormField>
                <button type="submit" className="button primary">
                  {t("service.assign")}
                </button>
              </Form>
            </section>
          ) : null}

          {may.work ? (
            <>
              <section className="panel">
                <h2>{t("service.addNote")}</h2>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="note" />
                  <input type="hidden" name="version" value={r.version} />
                  <FormField id="text" label={t("service.note")} error={errorsFor("note").text}>
                    <textarea id="text" name="text" rows={3} className="wide" defaultValue={valueFor("note", "text")} {...invalidProps("text", errorsFor("note").text)} />
                  </FormField>
                  <button type="submit" className="button">
                    {t("service.addNote")}
                  </button>
                </Form>
              </section>
              <section className="panel">
                <h2>{t("service.close")}</h2>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="close" />
                  <input type="hidden" name="version" value={r.version} />
                  <FormField id="resolution" label={t("service.resolution")} error={errorsFor("close").resolution}>
                    <textarea id="resolution" name="resolution" rows={3} className="wide" defaultValue={valueFor("close", "resolution")} {...invalidProps("resolution", errorsFor("close").resolution)} />
                  </FormField>
                  <div className="form-grid">
                    <FormField id="satisfaction" label={t("service.satisfaction")} error={errorsFor("close").satisfaction}>
                      <select id="satisfaction" name="satisfaction" defaultValue={valueFor("close", "satisfaction")} {...invalidProps("satisfaction", errorsFor("close").satisfaction)}>
                        <option value="">—</option>
                        {[5, 4, 3, 2, 1].map((n) => (
                          <option key={n} value={n}>
                            {t(`service.rating.${n}` as MessageKey)}
                          </option>
                        ))}
                      </select>
                    </FormField>
                    <FormField id="solvedOn" label={t("service.solvedOn")} error={errorsFor("close").solvedOn}>
                      <input id="solvedOn" name="solvedOn" type="date" max={today} defaultValue={valueFor("close", "solvedOn", today)} {...invalidProps("solvedOn", errorsFor("close").solvedOn)} />
                    </FormField>
                  </div>
                  <FormField id="satisfactionComment" label={t("service.satisfactionComment")} error={errorsFor("close").satisfactionComment}>
                    <input id="satisfactionComment" name="satisfactionComment" className="wide" defaultValue={valueFor("close", "satisfactionComment")} />
                  </FormField>
                  <button type="submit" className="button primary">
                    {t("service.close")}
                  </button>
                </Form>
              </section>
            </>
          ) : null}

          {may.reopen ? (
            <section className="panel">
              <h2>{t("service.reopen")}</h2>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="reopen" />
                <input type="hidden" name="version" value={r.version} />
                <FormField id="reason" label={t("service.reopenReason")} error={errorsFor("reopen").reason}>
                  <textarea id="reason" name="reason" rows={2} className="wide" defaultValue={valueFor("reopen", "reason")} {...invalidProps("reason", errorsFor("reopen").reason)} />
                </FormField>
                <button type="submit" className="button">
                  {t("service.reopen")}
                </button>
              </Form>
            </section>
          ) : null}
        </div>
        <section className="panel">
          <h2>{t("service.history")}</h2>
          <ol className="timeline">
            {events.map((e) => (
              <li key={e.id}>
                <div>
                  <strong>{eventLabel(e)}</strong>
                </div>
                {e.text ? <div>{e.text}</div> : null}
                {e.kind === "solved" && e.details.comment ? <div className="muted">{String(e.details.comment)}</div> : null}
                <div className="meta">
                  {e.by} · {formatDateTime(e.at)}
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
