import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { createColumnHelper } from "@tanstack/react-table";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
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
import { invariantResponse } from "~/modules/http/respond.server";
import { replyInvalid } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.deadlines");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canEditServiceDeadlines(user), 403);
  return { deadlines: await listServiceDeadlines(user.zoneId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canEditServiceDeadlines(user), 403);
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

type Deadline = ReturnType<typeof useLoaderData<typeof loader>>["deadlines"][number];
const column = createColumnHelper<Deadline>();

export default function ServiceDeadlinesPage() {
  const { deadlines } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useZodForm(serviceDeadlinesSchema, {
    intent: "deadlines",
    reply: useActionData<typeof action>(),
    defaults: Object.fromEntries(deadlines.map((d) => [d.type, d.days])),
  });
  // Built each render: the inputs show the submitted values and their errors.
  const columns = [
    column.accessor("type", {
      header: t("service.type"),
      meta: { cardTitle: true, className: "nowrap" } satisfies ColumnMeta,
      cell: (c) => <label htmlFor={f.id(c.getValue())}>{t(`service.type.${c.getValue()}`)}</label>,
    }),
    column.accessor("days", {
      header: t("service.deadlineDays"),
      cell: (c) => {
        const d = c.row.original;
        return (
          <>
            <input type="number" min={1} max={365} {...f.field(d.type)} />
            {f.error(d.type) ? (
              <p className="field-error" id={`${f.id(d.type)}-error`} role="alert">
                {translateError(t, f.error(d.type)!)}
              </p>
            ) : null}
          </>
        );
      },
    }),
    column.display({
      id: "updatedBy",
      header: t("service.updatedBy"),
      meta: { className: "muted nowrap" } satisfies ColumnMeta,
      cell: (c) => (c.row.original.updatedAt && c.row.original.by ? `${c.row.original.by} · ${formatDateTime(c.row.original.updatedAt)}` : "—"),
    }),
  ];
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
          <DataTable<Deadline> data={deadlines} columns={columns} emptyText="" getRowId={(d) => d.type} sticky={false} />
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
