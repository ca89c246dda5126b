import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { ScoreField } from "~/modules/service/components/score-field";
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
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { ratingSchema } from "~/modules/service/service-ratings.schema";
import { logFollowUp, ratingPanelFor } from "~/modules/service/service-ratings.server";
import { Combobox } from "~/components/combobox";
import { searchKey } from "~/lib/search-key";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.detail");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.id);
  const found = await getServiceRequestForViewer(user, id);
  invariantResponse(found);
  const rating = await ratingPanelFor(user, id, new URL(request.url).origin);
  invariantResponse(rating);
  // The handler picker is searchable: each person with the pinyin of their name.
  const people = found.people.map((u) => ({ value: u.id, label: u.name, key: searchKey([u.name]) }));
  return { ...found, people, rating, today: todayInZone() };
}

const INTENTS = {
  assign: { schema: assignServiceRequestSchema, run: assignServiceRequest, done: "service.assignedOk" },
  note: { schema: serviceRequestNoteSchema, run: addServiceRequestNote, done: "service.noted" },
  close: { schema: closeServiceRequestSchema, run: closeServiceRequest, done: "service.closed" },
  reopen: { schema: reopenServiceRequestSchema, run: reopenServiceRequest, done: "service.reopenedOk" },
  // The hotline's 回访 call; the handler and the handling company are refused (403), as on the 回访 list.
  rate: { schema: ratingSchema, run: logFollowUp, done: "service.followUp.logged" },
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  // Whoever cannot see the request learns nothing from the body they send: 404 before anything is parsed.
  const facts = await loadServiceRequestFacts(id);
  invariantResponse(facts && serviceRequestAccess(user, facts) !== "none");
  const intent = String(form.get("intent") ?? "") as keyof typeof INTENTS;
  // Own keys only: INTENTS["constructor"] is Object, whose "schema" is undefined (a 500 before).
  if (!Object.hasOwn(INTENTS, intent)) return replyInvalid(intent, { _form: "validation.invalid" }, {});
  const handler = INTENTS[intent];
  const parsed = parseForm(handler.schema, form);
  if (!parsed.ok) return replyInvalid(intent, parsed.errors, parsed.values);
  // Each intent's input matches its schema; the table above pairs them.
  const run = handler.run as (u: typeof user, id: number, input: unknown) => ReturnType<typeof assignServiceRequest | typeof logFollowUp>;
  const result = throwIfRefused(await run(user, id, parsed.data));
  if (result.kind === "invalid") return replyInvalid(intent, result.fieldErrors, form);
  if (result.kind === "conflict") return replyInvalid(intent, { _form: "service.error.rated" }, form, 409);
  const t = await getTranslator(request);
  return redirect(`/service-requests/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t(handler.done) }) } });
}

export default function ServiceRequestPage() {
  const { request: r, events, people, projectVisible, may, rating, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const assign = useZodForm(assignServiceRequestSchema, { intent: "assign", defaults: { handlerId: r.handlerId }, reply });
  const note = useZodForm(serviceRequestNoteSchema, { intent: "note", reply });
  const close = useZodForm(closeServiceRequestSchema, { intent: "close", defaults: { solvedOn: today }, reply });
  const reopen = useZodForm(reopenServiceRequestSchema, { intent: "reopen", reply });
  const rate = useZodForm(ratingSchema, { intent: "rate", reply });
  const version = <input type="hidden" name="version" value={r.version} />;
  const eventLabel = (e: (typeof events)[number]) => {
    if (e.kind === "assigned") return t("service.event.assigned", { name: String(e.details.handler ?? "") });
    // Before issue 18 the handler entered a rating when closing: those events still carry it.
    if (e.kind === "solved")
      return e.details.satisfaction == null ? t("service.event.solvedPlain") : t("service.event.solved", { n: String(e.details.satisfaction) });
    if (e.kind === "rated") return t("service.event.rated", { n: String(e.details.score ?? "") });
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
      <div className="two-col">
        <div>
          <section className="panel">
            <dl className="facts">
              <dt>{t("service.project")}</dt>
              <dd>
                {projectVisible ? <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link> : r.projectName}{" "}
                <span className="muted">{r.projectCode}</span>
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
                  <dd data-testid="satisfaction">
                    {rating.rating ? (
                      <>
                        {t(`service.rating.${rating.rating.score}` as MessageKey)}{" "}
                        <span className="muted">
                          {t(`service.ratingSource.${rating.rating.source}`)}
                          {rating.rating.by ? ` · ${rating.rating.by}` : ""} · {formatDateTime(rating.rating.at)}
                        </span>
                      </>
                    ) : (
                      t("service.notRated")
                    )}
                  </dd>
                  {rating.rating ? (
                    <>
                      <dt>{t("service.satisfactionComment")}</dt>
                      <dd>{rating.rating.comment ?? "—"}</dd>
                    </>
                  ) : null}
                </>
              ) : null}
            </dl>
          </section>

          {rating.link ? (
            <section className="panel" aria-labelledby="rating-link-title">
              <h2 id="rating-link-title">{t("service.ratingLink")}</h2>
              {rating.link.expired ? (
                <p className="muted">{t("service.ratingLinkExpired")}</p>
              ) : (
                <div className="rating-link">
                  {rating.link.qr ? <img src={rating.link.qr} width={180} height={180} alt={t("service.ratingLinkQr")} /> : null}
                  <p>{t("service.ratingLinkHint", { date: formatDateTime(rating.link.expiresAt) })}</p>
                  <p className="break-all">
                    <a href={rating.link.url} data-testid="rating-link">
                      {rating.link.url}
                    </a>
                  </p>
                </div>
              )}
            </section>
          ) : null}

          {rating.may.rate ? (
            <section className="panel">
              <h2>{t("service.followUp.log")}</h2>
              <ZodForm form={rate}>
                <div className="form-grid">
                  <ScoreField form={rate} />
                </div>
                <Field form={rate} name="comment" label={t("service.satisfactionComment")}>
                  <textarea rows={2} className="wide" {...rate.field("comment")} />
                </Field>
                <button type="submit" className="button primary">
                  {t("service.followUp.log")}
                </button>
              </ZodForm>
            </section>
          ) : null}

          {may.assign ? (
            <section className="panel">
              <h2>{t("service.assign")}</h2>
              <ZodForm form={assign} className="inline-form">
                {version}
                <Field form={assign} name="handlerId" label={t("service.handler")}>
                  <Combobox field={assign.field("handlerId")} options={people} emptyLabel="—" />
                </Field>
                <button type="submit" className="button primary">
                  {t("service.assign")}
                </button>
              </ZodForm>
            </section>
          ) : null}

          {may.work ? (
            <>
              <section className="panel">
                <h2>{t("service.addNote")}</h2>
                <ZodForm form={note}>
                  {version}
                  <Field form={note} name="text" label={t("service.note")}>
                    <textarea rows={3} className="wide" {...note.field("text")} />
                  </Field>
                  <button type="submit" className="button">
                    {t("service.addNote")}
                  </button>
                </ZodForm>
              </section>
              <section className="panel">
                <h2>{t("service.close")}</h2>
                <ZodForm form={close}>
                  {version}
                  <Field form={close} name="resolution" label={t("service.resolution")}>
                    <textarea rows={3} className="wide" {...close.field("resolution")} />
                  </Field>
                  <div className="form-grid">
                    <TextField form={close} name="solvedOn" label={t("service.solvedOn")} type="date" max={today} />
                  </div>
                  <p className="muted">{t("service.closeHint")}</p>
                  <button type="submit" className="button primary">
                    {t("service.close")}
                  </button>
                </ZodForm>
              </section>
            </>
          ) : null}

          {may.reopen ? (
            <section className="panel">
              <h2>{t("service.reopen")}</h2>
              <ZodForm form={reopen}>
                {version}
                <Field form={reopen} name="reason" label={t("service.reopenReason")}>
                  <textarea rows={2} className="wide" {...reopen.field("reason")} />
                </Field>
                <button type="submit" className="button">
                  {t("service.reopen")}
                </button>
              </ZodForm>
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
