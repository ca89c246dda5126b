import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps, translateError } from "~/components/form-field";
import { todayInZone } from "~/lib/dates";
import { SERVICE_REQUEST_CHANNELS, SERVICE_REQUEST_TYPES } from "~/lib/domain-values";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import type { Viewer } from "~/modules/auth/policy";
import { canLogHotlineRequests, canOpenServiceRequestForm } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { logServiceRequestSchema } from "~/modules/service/service-requests.schema";
import { handlingCompanyOptions, listServiceDeadlines, loadViewerCompany, loggableProjects, logServiceRequest } from "~/modules/service/service-requests.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.new");

async function requireLogger(user: Viewer) {
  invariantResponse(canOpenServiceRequestForm(user), 403);
  return loadViewerCompany(user);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const company = await requireLogger(user);
  const [projects, platforms, deadlines] = await Promise.all([
    loggableProjects(user, company),
    handlingCompanyOptions(user.zoneId),
    listServiceDeadlines(user.zoneId),
  ]);
  const projectId = Number(new URL(request.url).searchParams.get("projectId")) || undefined;
  return {
    projects,
    platforms,
    deadlines,
    hotline: canLogHotlineRequests(user, company),
    companyId: user.companyId,
    projectId: projects.some((p) => p.id === projectId) ? projectId : undefined,
    today: todayInZone(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  await requireLogger(user);
  const parsed = parseForm(logServiceRequestSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await logServiceRequest(user, parsed.data);
  if (result.kind === "invalid") return data({ errors: result.fieldErrors, values: Object.fromEntries([...form].filter(([k]) => k !== "csrf")) as Record<string, string> }, { status: 400 });
  const t = await getTranslator(request);
  return redirect(`/service-requests/${result.value.id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("service.logged") }) } });
}

export default function NewServiceRequestPage() {
  const { projects, platforms, deadlines, hotline, companyId, projectId, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const values = (actionData?.values ?? {}) as Record<string, string | string[] | undefined>;
  const value = (name: string, fallback = "") => {
    const v = values[name];
    return v === undefined ? fallback : String(Array.isArray(v) ? v[0] : v);
  };
  const days = new Map(deadlines.map((d) => [d.type, d.days]));
  return (
    <>
      <p>
        <Link to="/service-requests">← {t("service.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("service.new")}</h1>
        {hotline ? <span className="muted">{t("service.hotlineHint")}</span> : null}
      </div>
      <Form method="post" noValidate key={JSON.stringify(actionData ?? {})}>
        <CsrfInput />
        {errors._form ? <div className="flash error">{translateError(t, errors._form)}</div> : null}
        <section className="panel">
          <div className="form-grid">
            <FormField id="projectId" label={t("service.project")} error={errors.projectId}>
              <select id="projectId" name="projectId" defaultValue={value("projectId", projectId ? String(projectId) : "")} {...invalidProps("projectId", errors.projectId)}>
                <option value="">—</option>
                {projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.enterprise && p.name ? `${p.enterprise}（${p.name}）` : (p.enterprise ?? p.name)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id="handlingCompanyId" label={t("service.handlingCompany")} error={errors.handlingCompanyId}>
              <select
                id="handlingCompanyId"
                name="handlingCompanyId"
                defaultValue={value("handlingCompanyId", hotline ? "" : "project")}
                {...invalidProps("handlingCompanyId", errors.handlingCompanyId)}
              >
                <option value="">—</option>
                <option value="project">{t("service.projectCompany")}</option>
                {platforms.filter((c) => c.id !== companyId).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id="type" label={t("service.type")} error={errors.type}>
              <select id="type" name="type" defaultValue={value("type")} {...invalidProps("type", errors.type)}>
                <option value="">—</option>
                {SERVICE_REQUEST_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`service.type.${type}`)}
                    {days.get(type) ? `（${t("service.days", { n: days.get(type)! })}）` : ""}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id="channel" label={t("service.channel")} error={errors.channel}>
              <select id="channel" name="channel" defaultValue={value("channel", hotline ? "hotline" : "owner")} {...invalidProps("channel", errors.channel)}>
                {SERVICE_REQUEST_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`service.channel.${c}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id="raisedBy" label={t("service.raisedBy")} error={errors.raisedBy}>
              <input id="raisedBy" name="raisedBy" defaultValue={value("raisedBy")} {...invalidProps("raisedBy", errors.raisedBy)} />
            </FormField>
            <FormField id="receivedOn" label={t("service.receivedOn")} error={errors.receivedOn}>
              <input id="receivedOn" name="receivedOn" type="date" max={today} defaultValue={value("receivedOn", today)} {...invalidProps("receivedOn", errors.receivedOn)} />
            </FormField>
          </div>
          <FormField id="description" label={t("service.description")} error={errors.description}>
            <textarea id="description" name="description" rows={4} className="wide" defaultValue={value("description")} {...invalidProps("description", errors.description)} />
          </FormField>
          <label className="checkbox">
            <input type="checkbox" name="urgent" defaultChecked={value("urgent") === "on"} /> {t("service.urgent")}
          </label>
        </section>
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t("common.save")}
          </button>
          <Link to="/service-requests" className="button">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
