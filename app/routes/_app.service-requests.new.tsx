import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Combobox } from "~/components/combobox";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { searchKey } from "~/lib/search-key";
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
import { invariantResponse, replyInvalid } from "~/modules/http/respond.server";
import {
  handlingCompanyOptions,
  listServiceDeadlines,
  loadViewerCompany,
  loggableProjects,
  logServiceRequest,
} from "~/modules/service/service-requests.server";

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
    // A searchable picker (hundreds of enterprises): each option with its pinyin key, built here once.
    projects: projects.map((p) => {
      const label = p.enterprise && p.name ? `${p.enterprise}（${p.name}）` : (p.enterprise ?? p.name);
      return { value: p.id, label, key: searchKey([label]) };
    }),
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
  if (!parsed.ok) return replyInvalid(undefined, parsed.errors, parsed.values);
  const result = await logServiceRequest(user, parsed.data);
  if (result.kind === "invalid") return replyInvalid(undefined, result.fieldErrors, form);
  const t = await getTranslator(request);
  return redirect(`/service-requests/${result.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("service.logged") }) },
  });
}

export default function NewServiceRequestPage() {
  const { projects, platforms, deadlines, hotline, companyId, projectId, today } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useZodForm(logServiceRequestSchema, {
    defaults: { projectId, handlingCompanyId: hotline ? "" : "project", channel: hotline ? "hotline" : "owner", receivedOn: today },
    reply: useActionData<typeof action>(),
  });
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
      <ZodForm form={f}>
        <section className="panel">
          <div className="form-grid">
            <Field form={f} name="projectId" label={t("service.project")}>
              <Combobox field={f.field("projectId")} options={projects} emptyLabel="—" />
            </Field>
            <Field form={f} name="handlingCompanyId" label={t("service.handlingCompany")}>
              <select {...f.field("handlingCompanyId")}>
                <option value="">—</option>
                <option value="project">{t("service.projectCompany")}</option>
                {platforms
                  .filter((c) => c.id !== companyId)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </Field>
            <Field form={f} name="type" label={t("service.type")}>
              <select {...f.field("type")}>
                <option value="">—</option>
                {SERVICE_REQUEST_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`service.type.${type}`)}
                    {days.get(type) ? `（${t("service.days", { n: days.get(type)! })}）` : ""}
                  </option>
                ))}
              </select>
            </Field>
            <Field form={f} name="channel" label={t("service.channel")}>
              <select {...f.field("channel")}>
                {SERVICE_REQUEST_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`service.channel.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <TextField form={f} name="raisedBy" label={t("service.raisedBy")} />
            <TextField form={f} name="receivedOn" label={t("service.receivedOn")} type="date" max={today} />
          </div>
          <Field form={f} name="description" label={t("service.description")}>
            <textarea rows={4} className="wide" {...f.field("description")} />
          </Field>
          <label className="checkbox">
            <input type="checkbox" {...f.checkbox("urgent")} /> {t("service.urgent")}
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
      </ZodForm>
    </>
  );
}
