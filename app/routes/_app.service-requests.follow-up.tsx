// 回访: the hotline company's list of solved requests that the enterprise has not rated N days after, with a form per
// request to log the call's score and comment (decision 018). The handling company never rates its own requests.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, useZodForm, ZodForm } from "~/components/zod-form";
import type { FormReply } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { ScoreField } from "~/modules/service/components/score-field";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import type { Viewer } from "~/modules/auth/policy";
import { canListFollowUps, canLogFollowUp } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { ratingConfig } from "~/modules/service/rating-links.server";
import { followUpSchema } from "~/modules/service/service-ratings.schema";
import { listFollowUps, logFollowUp } from "~/modules/service/service-ratings.server";
import { loadViewerCompany } from "~/modules/service/service-requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "service.followUp.title");

async function requireHotline(user: Viewer) {
  const company = await loadViewerCompany(user);
  invariantResponse(canListFollowUps(user, company), 403);
  return company;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const company = await requireHotline(user);
  const rows = await listFollowUps(user, company);
  return {
    days: ratingConfig.followUpAfterDays(),
    rows: rows.map((r) => ({ ...r, mayRate: canLogFollowUp(user, company, { ...r, zoneId: user.zoneId, status: "solved" }) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  await requireHotline(user);
  const intent = String(form.get("intent") ?? "");
  const parsed = parseForm(followUpSchema, form);
  if (!parsed.ok) return replyInvalid(intent, parsed.errors, parsed.values);
  const { requestId, ...rating } = parsed.data;
  const result = throwIfRefused(await logFollowUp(user, requestId, rating));
  if (result.kind !== "ok") return replyInvalid(intent, { _form: "service.error.rated" }, form, 409);
  const t = await getTranslator(request);
  return redirect("/service-requests/follow-up", {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("service.followUp.logged") }) },
  });
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

function FollowUpForm({ row, reply }: { row: Row; reply: FormReply | undefined }) {
  const t = useT();
  const f = useZodForm(followUpSchema, { intent: `followUp-${row.id}`, reply });
  return (
    <ZodForm form={f} aria-label={t("service.followUp.log")}>
      <input type="hidden" name="requestId" value={row.id} />
      <div className="form-grid">
        <ScoreField form={f} />
        <Field form={f} name="comment" label={t("service.satisfactionComment")}>
          <input {...f.field("comment")} />
        </Field>
      </div>
      <button type="submit" className="button primary">
        {t("service.followUp.log")}
      </button>
    </ZodForm>
  );
}

export default function FollowUpPage() {
  const { rows, days } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/service-requests">← {t("service.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("service.followUp.title")}</h1>
      </div>
      <p className="muted">{t("service.followUp.hint", { n: days })}</p>
      {rows.length === 0 ? <p className="muted">{t("service.followUp.none")}</p> : null}
      {rows.map((r) => (
        <section className="panel" key={r.id} aria-label={r.enterprise ?? r.projectName}>
          <h2>
            {r.enterprise ?? r.projectName} · {t(`service.type.${r.type}`)}
          </h2>
          <dl className="facts">
            <dt>{t("service.description")}</dt>
            <dd>{r.description}</dd>
            <dt>{t("service.raisedBy")}</dt>
            <dd>{r.raisedBy ?? "—"}</dd>
            <dt>{t("service.handlingCompany")}</dt>
            <dd>
              {r.handlingCompany} {r.handler ? <span className="muted">{r.handler}</span> : null}
            </dd>
            <dt>{t("service.solvedOn")}</dt>
            <dd>{r.solvedOn}</dd>
            <dt>{t("service.resolution")}</dt>
            <dd>{r.resolution ?? "—"}</dd>
          </dl>
          {r.mayRate ? <FollowUpForm row={r} reply={reply} /> : <p className="muted">{t("service.followUp.ownCompany")}</p>}
        </section>
      ))}
    </>
  );
}
