import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { StageBadge } from "~/components/badges";
import { ASSIST_NEEDS } from "~/lib/domain-values";
import { parseForm } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canRequestHandoff } from "~/modules/auth/policy";
import type { Viewer } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestHandoffSchema } from "~/modules/handoffs/handoffs.schema";
import { handoffTargets, hasOpenTransfer, requestHandoff } from "~/modules/handoffs/handoffs.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";
import { getProjectForViewer, loadProjectFacts } from "~/modules/projects/projects.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "handoffs.action");

/** 404 when the viewer cannot see the project, 403 when they see it but may not hand it off. */
async function requireRequestable(user: Viewer, id: number) {
  const facts = await loadProjectFacts(id);
  const found = facts ? await getProjectForViewer(user, id) : undefined;
  invariantResponse(facts && found);
  invariantResponse(canRequestHandoff(user, facts), 403);
  return found.project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = await requireRequestable(user, parseId(params.id));
  const [targets, openTransfer] = await Promise.all([handoffTargets(user, p.companyId), hasOpenTransfer(p.id)]);
  return {
    project: { id: p.id, name: p.name, code: p.code, stage: p.stage, status: p.status, companyName: p.companyName },
    targets,
    openTransfer,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  await requireRequestable(user, id);
  // The page's two forms are told apart by their kind.
  const kind = String(form.get("kind") ?? "");
  const fail = (errors: FieldErrors) => replyInvalid(kind, errors, form);
  const parsed = parseForm(requestHandoffSchema, form);
  if (!parsed.ok) return fail(parsed.errors);
  const result = throwIfRefused(await requestHandoff(user, id, parsed.data));
  if (result.kind === "invalid") return fail(refusalErrors(result));
  const t = await getTranslator(request);
  const [target] = (await handoffTargets(user, 0)).filter((c) => c.id === parsed.data.toCompanyId);
  return redirect(`/handoffs/${result.value.id}`, {
    headers: {
      "Set-Cookie": await flashHeader({
        kind: "ok",
        message: t("handoffs.requested", { kind: t(`handoffs.kind.${parsed.data.kind}`), company: target?.name ?? "" }),
      }),
    },
  });
}

export default function HandoffRequestPage() {
  const { project: p, targets, openTransfer } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const transfer = useZodForm(requestHandoffSchema, { intent: "transfer", reply });
  const assist = useZodForm(requestHandoffSchema, { intent: "assist", reply });

  const companySelect = (f: typeof transfer) => {
    // Transfers usually go to a cluster company, assists to a platform: those kinds are listed first.
    const preferred = f.intent === "transfer" ? "attraction" : "platform";
    const sorted = [...targets.filter((c) => c.kind === preferred), ...targets.filter((c) => c.kind !== preferred)];
    return (
      <Field form={f} name="toCompanyId" label={t("handoffs.toCompany")}>
        <select {...f.field("toCompanyId")}>
          <option value="">—</option>
          {sorted.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
    );
  };
  const reasonField = (f: typeof transfer) => (
    <Field form={f} name="reason" label={t("handoffs.reason")}>
      <textarea rows={3} className="wide" {...f.field("reason")} />
    </Field>
  );

  return (
    <>
      <p>
        <Link to={`/projects/${p.id}`}>← {p.name}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("handoffs.requestTitle", { project: p.name })} <StageBadge stage={p.stage} />
        </h1>
        <span className="muted">
          {p.code} · {p.companyName}
        </span>
      </div>

      <div className="two-col">
        <section className="panel">
          <h2>{t("handoffs.transferTitle")}</h2>
          <p className="muted">{t("handoffs.transferIntro")}</p>
          {openTransfer ? (
            <p className="flash warn">{t("handoffs.openTransfer")}</p>
          ) : p.status === "lost" ? (
            <p className="flash warn">{t("handoffs.error.lost")}</p>
          ) : (
            <ZodForm form={transfer} className="handoff-form">
              <input type="hidden" name="kind" value="transfer" />
              {companySelect(transfer)}
              {reasonField(transfer)}
              <button type="submit" className="button primary">
                {t("handoffs.submitTransfer")}
              </button>
            </ZodForm>
          )}
        </section>

        <section className="panel">
          <h2>{t("handoffs.assistTitle")}</h2>
          <p className="muted">{t("handoffs.assistIntro")}</p>
          {p.status === "lost" ? (
            <p className="flash warn">{t("handoffs.error.lost")}</p>
          ) : (
            <ZodForm form={assist} className="handoff-form">
              <input type="hidden" name="kind" value="assist" />
              {companySelect(assist)}
              <div className="form-grid">
                <Field form={assist} name="need" label={t("handoffs.need")}>
                  <select {...assist.field("need")}>
                    <option value="">—</option>
                    {ASSIST_NEEDS.map((n) => (
                      <option key={n} value={n}>
                        {t(`handoffs.need.${n}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <TextField form={assist} name="wishedByOn" label={t("handoffs.wishedBy")} type="date" />
              </div>
              {reasonField(assist)}
              <button type="submit" className="button primary">
                {t("handoffs.submitAssist")}
              </button>
            </ZodForm>
          )}
        </section>
      </div>
    </>
  );
}
