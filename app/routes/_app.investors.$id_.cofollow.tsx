// 协同跟进: from the duplicate check, ask the company that follows an investor to let this company take part in its
// project (issue 19). The page names the companies only, never their projects; the answer is on /handoffs/:id.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { toId } from "~/lib/result";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import type { Viewer } from "~/modules/auth/policy";
import { canAskCofollow } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestCofollowSchema } from "~/modules/handoffs/handoffs.schema";
import { cofollowCompanies, cofollowInvestor, requestCofollow } from "~/modules/handoffs/handoffs.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cofollow.ask");

/** The investor, for a viewer who may ask: 404 for an investor of another zone (or none), 403 for leaders and admins. */
async function requireAsker(user: Viewer, id: number) {
  const investor = await cofollowInvestor(user, id);
  invariantResponse(investor);
  invariantResponse(canAskCofollow(user), 403);
  return investor;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const investor = await requireAsker(user, parseId(params.id));
  const companies = await cofollowCompanies(user, investor.id);
  const wanted = toId(new URL(request.url).searchParams.get("company"));
  return { investor, companies, company: companies.some((c) => c.id === wanted) ? wanted : (companies[0]?.id ?? null) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const investor = await requireAsker(user, parseId(params.id));
  const parsed = parseForm(requestCofollowSchema, form);
  if (!parsed.ok) return replyInvalid(undefined, parsed.errors, form);
  const result = throwIfRefused(await requestCofollow(user, investor.id, parsed.data));
  if (result.kind === "invalid") return replyInvalid(undefined, result.fieldErrors, form);
  const t = await getTranslator(request);
  const company = (await cofollowCompanies(user, investor.id)).find((c) => c.id === parsed.data.toCompanyId)?.name ?? "";
  return redirect(`/handoffs/${result.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("cofollow.requested", { company }) }) },
  });
}

export default function CofollowPage() {
  const { investor, companies, company } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useZodForm(requestCofollowSchema, { defaults: { toCompanyId: company }, reply: useActionData<typeof action>() });
  const chosen = companies.find((c) => String(c.id) === String(f.watch("toCompanyId") ?? company));
  return (
    <>
      <p>
        <Link to={`/investors/${investor.id}`}>← {investor.name}</Link>
      </p>
      <div className="page-head">
        <h1>{t("cofollow.title", { investor: investor.name })}</h1>
      </div>
      {companies.length === 0 ? (
        <p className="muted">{t("cofollow.none")}</p>
      ) : (
        <section className="panel">
          <p>{t("cofollow.intro", { company: chosen?.name ?? "—" })}</p>
          <ZodForm form={f}>
            <Field form={f} name="toCompanyId" label={t("cofollow.company")}>
              <select {...f.field("toCompanyId")}>
                {companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field form={f} name="reason" label={t("cofollow.reason")}>
              <textarea rows={4} className="wide" placeholder={t("cofollow.reasonHint")} {...f.field("reason")} />
            </Field>
            <div className="form-actions">
              <button type="submit" className="button primary">
                {t("cofollow.submit")}
              </button>
            </div>
          </ZodForm>
        </section>
      )}
    </>
  );
}
