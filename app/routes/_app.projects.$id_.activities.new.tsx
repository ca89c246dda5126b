import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { CsrfInput } from "~/components/csrf-input";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { FormField, invalidProps } from "~/components/form-field";
import { todayInZone } from "~/lib/dates";
import { ACTIVITY_KINDS, REVIEW_OUTCOMES } from "~/lib/domain-values";
import { parseForm, translateError } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import type { Viewer } from "~/modules/auth/policy";
import { canLogActivity } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { activitySchema, TERM_TOPICS } from "~/modules/projects/activity.schema";
import { logActivity } from "~/modules/projects/project-activities.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";
import { projectFormOptions } from "~/modules/projects/projects-options.server";
import { getProjectForViewer, loadProjectFacts } from "~/modules/projects/projects.server";
import { invariantResponse, parseId, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "activity.new");

/** The project, when the viewer may log activities on it: 404 if unseen, 403 if seen but not theirs to log on. */
async function requireLoggable(user: Viewer, id: number) {
  const facts = await loadProjectFacts(id);
  const found = facts ? await getProjectForViewer(user, id) : undefined;
  invariantResponse(facts && found);
  invariantResponse(canLogActivity(user, facts), 403);
  return found.project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = await requireLoggable(user, parseId(params.id));
  // A helper on an assist picks participants from their own company.
  const options = await projectFormOptions(user, { companyId: user.companyId ?? p.companyId, investorId: p.investorId });
  return { project: { id: p.id, name: p.name, code: p.code }, people: options.owners, contacts: options.contacts, me: user.id, today: todayInZone() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  await requireLoggable(user, id);
  const parsed = parseForm(activitySchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = throwIfRefused(await logActivity(user, id, parsed.data));
  if (result.kind === "invalid") {
    return data({ errors: refusalErrors(result), values: parsed.data as unknown as Record<string, string | string[]> }, { status: 400 });
  }
  const t = await getTranslator(request);
  return redirect(`/projects/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("projects.activityLogged") }) } });
}

type TermTopic = (typeof TERM_TOPICS)[number];
const termColumn = createColumnHelper<TermTopic>();

export default function NewActivityPage() {
  const { project, people, contacts, me, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const values = (actionData?.values ?? {}) as Record<string, string | string[] | number[] | undefined>;
  const value = (name: string, fallback = "") => {
    const v = values[name];
    return v === undefined ? fallback : String(Array.isArray(v) ? v[0] : v);
  };
  // Built each render: the cells show the submitted values, which change with every answer of the action.
  const termColumns = [
    termColumn.display({
      id: "topic",
      header: t("activity.termTopic"),
      meta: { cardTitle: true, className: "nowrap" } satisfies ColumnMeta,
      cell: (c) => <label htmlFor={`term_${c.row.original}_detail`}>{t(`term.${c.row.original}`)}</label>,
    }),
    termColumn.display({
      id: "detail",
      header: t("activity.termDetail"),
      cell: (c) => (
        <input id={`term_${c.row.original}_detail`} name={`term_${c.row.original}_detail`} className="wide" defaultValue={value(`term_${c.row.original}_detail`)} />
      ),
    }),
    termColumn.display({
      id: "state",
      header: t("activity.termState"),
      cell: (c) => {
        const topic = c.row.original;
        return (
          <select name={`term_${topic}_state`} aria-label={`${t(`term.${topic}`)} ${t("activity.termState")}`} defaultValue={value(`term_${topic}_state`)}>
            <option value="">{t("activity.termNone")}</option>
            <option value="open">{t("projects.open")}</option>
            <option value="agreed">{t("projects.agreed")}</option>
          </select>
        );
      },
    }),
  ];
  const checked = (name: string, id: number, fallback: boolean) => {
    const v = values[name];
    if (v === undefined) return actionData ? false : fallback;
    return [v].flat().map(String).includes(String(id));
  };
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}`}>← {project.name}</Link>
      </p>
      <div className="page-head">
        <h1>{t("activity.new")}</h1>
        <span className="muted">{project.code}</span>
      </div>
      <Form method="post" noValidate key={JSON.stringify(actionData ?? {})}>
        <CsrfInput />
        {errors._form ? <div className="flash error">{translateError(t, errors._form)}</div> : null}
        <section className="panel">
          <div className="form-grid">
            <FormField id="kind" label={t("activity.kind")} error={errors.kind}>
              <select id="kind" name="kind" defaultValue={value("kind", "visit")} {...invalidProps("kind", errors.kind)}>
                {ACTIVITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`activity.${k}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id="occurredOn" label={t("activity.occurredOn")} error={errors.occurredOn}>
              <input id="occurredOn" name="occurredOn" type="date" max={today} defaultValue={value("occurredOn", today)} {...invalidProps("occurredOn", errors.occurredOn)} />
            </FormField>
            <FormField id="reviewOutcome" label={t("activity.reviewOutcome")} error={errors.reviewOutcome}>
              <select id="reviewOutcome" name="reviewOutcome" defaultValue={value("reviewOutcome")} {...invalidProps("reviewOutcome", errors.reviewOutcome)}>
                <option value="">—</option>
                {REVIEW_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`review.${o}`)}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
          <FormField id="summary" label={t("activity.summary")} error={errors.summary}>
            <textarea id="summary" name="summary" rows={4} className="wide" defaultValue={value("summary")} {...invalidProps("summary", errors.summary)} />
          </FormField>
          <div className="form-grid">
            <fieldset className="field">
              <legend>{t("activity.ourPeople")}</legend>
              {people.map((u) => (
                <label key={u.id} className="checkbox">
                  <input type="checkbox" name="userIds" value={u.id} defaultChecked={checked("userIds", u.id, u.id === me)} /> {u.name}
                </label>
              ))}
              {errors.userIds ? <p className="field-error">{translateError(t, errors.userIds)}</p> : null}
            </fieldset>
            <fieldset className="field">
              <legend>{t("activity.theirPeople")}</legend>
              {contacts.length === 0 ? <p className="muted">—</p> : null}
              {contacts.map((c) => (
                <label key={c.id} className="checkbox">
                  <input type="checkbox" name="contactIds" value={c.id} defaultChecked={checked("contactIds", c.id, false)} /> {c.name}
                  {c.title ? `（${c.title}）` : ""}
                </label>
              ))}
              {errors.contactIds ? <p className="field-error">{translateError(t, errors.contactIds)}</p> : null}
            </fieldset>
          </div>
        </section>
        <section className="panel">
          <h2>{t("activity.terms")}</h2>
          <DataTable<TermTopic> data={[...TERM_TOPICS]} columns={termColumns} emptyText="" getRowId={(topic) => topic} sticky={false} />
        </section>
        <section className="panel">
          <div className="form-grid">
            <FormField id="nextAction" label={t("activity.nextAction")} error={errors.nextAction}>
              <input id="nextAction" name="nextAction" defaultValue={value("nextAction")} {...invalidProps("nextAction", errors.nextAction)} />
            </FormField>
            <FormField id="nextActionDueOn" label={t("activity.nextActionDue")} error={errors.nextActionDueOn}>
              <input id="nextActionDueOn" name="nextActionDueOn" type="date" defaultValue={value("nextActionDueOn")} {...invalidProps("nextActionDueOn", errors.nextActionDueOn)} />
            </FormField>
          </div>
        </section>
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t("common.save")}
          </button>
          <Link to={`/projects/${project.id}`} className="button">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
