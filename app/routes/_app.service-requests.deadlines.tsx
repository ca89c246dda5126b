import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import { parseForm, translateError } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canEditServiceDeadlines } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { serviceDeadlinesSchema } from "~/modules/service/service-requests.schema";
import { listServiceDeadlines, updateServiceDeadlines } from "~/modules/service/service-requests.server";
import { replyInvalid } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.deadlines");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canEditServiceDeadlines(user)) throw data(null, { status: 403 });
  return { deadlines: await listServiceDeadlines(user.zoneId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  if (!canEditServiceDeadlines(user)) throw data(null, { status: 403 });
  const parsed = parseForm(serviceDeadlinesSchema, form);
  if (!parsed.ok) return replyInvalid("deadlines", parsed.errors, form);
  await updateServiceDeadlines(user, parsed.data);
  const t = await getTranslator(request);
  return redirect("/service-requests/deadlines", {
    headers: {
      "Set-Cookie": await flashHeader({
        kind: "ok",
        message: t("service.deadlinesSaved"),
      }),
    },
  });
}

export default function ServiceDeadlinesPage() {
  const { deadlines } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useZodForm(serviceDeadlinesSchema, {
    intent: "deadlines",
    reply: useActionData<typeof action>(),
    defaults: Object.fromEntries(deadlines.map((d) => [d.type, d.days])),
  });
  return (
    <>
      <p>
        <Link to="/service-requests">← {t("service.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("service.deadlines")}</h1>
        <span className="muted">{t("service.deadlinesHint")}</span>
      </div>
      <ZodForm form={f}>
        <section className="panel">
          <table className="data">
            <thead>
              <tr>
                <th>{t("service.type")}</th>
                <th>{t("service.deadlineDays")}</th>
                <th>{t("service.updatedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((d) => {
                const error = f.error(d.type);
                return (
                  <tr key={d.type}>
                    <td className="nowrap">
                      <label htmlFor={f.id(d.type)}>{t(`service.type.${d.type}`)}</label>
                    </td>
                    <td>
                      <input type="number" min={1} max={365} {...f.field(d.type)} />
                      {error ? (
                        <p className="field-error" id={`${f.id(d.type)}-error`} role="alert">
                          {translateError(t, error)}
                        </p>
                      ) : null}
                    </td>
                    <td className="muted nowrap">{d.updatedAt && d.by ? `${d.by} · ${formatDateTime(d.updatedAt)}` : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
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
