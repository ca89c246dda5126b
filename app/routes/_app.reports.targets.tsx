import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { todayInZone } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeReports, canSetTargets } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { TargetForm } from "~/modules/reports/components/target-form";
import { annualTargetSchema } from "~/modules/reports/reports.schema";
import { saveAnnualTarget, targetProgress } from "~/modules/reports/targets.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "targets.title");

import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
function yearOf(url: URL, today: string) {
  const year = Number(url.searchParams.get("year"));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(today.slice(0, 4));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canSeeReports(user)) throw data(null, { status: 403 });
  const url = new URL(request.url);
  const today = todayInZone();
  const year = yearOf(url, today);
  const asOf = today < `${year}-12-31` ? today : `${year}-12-31`;
  const rows = await targetProgress(user.zoneId, year, asOf);
  const canEdit = canSetTargets(user);
  const editId = Number(url.searchParams.get("edit"));
  const editing = canEdit ? (rows.find((r) => r.companyId === editId) ?? null) : null;
  invariantResponse(editing || !canEdit || !url.searchParams.get("edit"));
  return { year, asOf, rows, canEdit, editing };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canSetTargets(user), 403);
  const parsed = parseForm(annualTargetSchema, form);
  if (!parsed.ok) return replyInvalid("target", parsed.errors, form);
  const result = throwIfRefused(await saveAnnualTarget(user, parsed.data));
  if (result.kind === "conflict") {
    // The typed values go back with what is saved now; the form then carries the version it saw.
    const values = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]));
    return data({ intent: "target", errors: {}, values, conflict: result.detail }, { status: 409 });
  }
  const t = await getTranslator(request);
  const rows = await targetProgress(user.zoneId, parsed.data.year, `${parsed.data.year}-01-01`);
  const company = rows.find((r) => r.companyId === parsed.data.companyId)?.company ?? "";
  return redirect(`/reports/targets?year=${parsed.data.year}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("targets.saved", { company, year: parsed.data.year }) }) },
  });
}

const pct = (v: string | null) => (v === null ? "—" : `${v}%`);

export default function TargetsPage() {
  const { year, asOf, rows, canEdit, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const conflict = actionData && "conflict" in actionData ? actionData.conflict : null;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const target = editing?.target;
  const formVersion = conflict ? conflict.version : (target?.version ?? 0);
  return (
    <>
      <div className="page-head">
        <h1>{t("targets.title")}</h1>
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="target-year">{t("targets.year")}</label>
            <input id="target-year" name="year" type="number" min={2000} max={2100} defaultValue={year} />
          </div>
          <button type="submit" className="button">
            {t("reports.apply")}
          </button>
        </Form>
      </div>
      <p className="muted">{t("targets.asOf", { date: asOf })}</p>
      {editing ? (
        <section className="panel" id="edit">
          <h2>{t("targets.editTitle", { company: editing.company, year })}</h2>
          {conflict ? (
            <ConflictNotice
              title={(who) => t("targets.conflictTitle", who)}
              by={conflict.by}
              at={conflict.at}
              rows={(["signedCount", "signedInvestmentWan", "constructionCount", "productionCount"] as const).map((k) => ({
                key: k,
                label: t(k === "signedInvestmentWan" ? "targets.signedInvestment" : `targets.${k}`),
                theirs: String(conflict.current[k]),
                yours: values[k] ?? "",
              }))}
            />
          ) : null}
          <TargetForm
            key={`${editing.companyId}-${formVersion}-${JSON.stringify(actionData ?? {})}`}
            companyId={editing.companyId}
            year={year}
            version={formVersion}
            cancelTo={`/reports/targets?year=${year}`}
            reply={actionData}
            defaults={{
              signedCount: values.signedCount ?? String(target?.signedCount ?? 0),
              signedInvestmentWan: values.signedInvestmentWan ?? target?.signedInvestmentWan ?? "0",
              constructionCount: values.constructionCount ?? String(target?.constructionCount ?? 0),
              productionCount: values.productionCount ?? String(target?.productionCount ?? 0),
            }}
          />
        </section>
      ) : null}
      <section className="panel">
        <div className="table-wrap">
          <table className="data report" data-testid="targets">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>{t("reports.company")}</th>
                <th scope="colgroup" colSpan={3} className="num">{t("targets.signedCount")}</th>
                <th scope="colgroup" colSpan={4} className="num">{t("targets.signedInvestment")}</th>
                <th scope="colgroup" colSpan={3} className="num">{t("targets.constructionCount")}</th>
                <th scope="colgroup" colSpan={3} className="num">{t("targets.productionCount")}</th>
                <th scope="col" rowSpan={2} className="num">{t("targets.overall")}</th>
                {canEdit ? <th scope="col" rowSpan={2}>{t("common.actions")}</th> : null}
              </tr>
              <tr>
                {[0, 1, 2, 3].map((i) => [
                  <th key={`t${i}`} scope="col" className="num">{t("targets.target")}</th>,
                  <th key={`a${i}`} scope="col" className="num">{t("targets.actual")}</th>,
                  <th key={`c${i}`} scope="col" className="num">{t("targets.completion")}</th>,
                  i === 1 ? <th key={`g${i}`} scope="col" className="num">{t("targets.gap")}</th> : null,
                ])}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.companyId} data-company={r.company}>
                  <th scope="row">{r.company}</th>
                  <td className="num">{r.target ? r.target.signedCount : <span className="muted">{t("targets.none")}</span>}</td>
                  <td className="num">{r.actual.signedCount}</td>
                  <td className="num">{pct(r.completion.signedCount)}</td>
                  <td className="num">{r.target ? formatWan(r.target.signedInvestmentWan) : "—"}</td>
                  <td className="num">{formatWan(r.actual.signedInvestmentWan)}</td>
                  <td className="num">{pct(r.completion.signedInvestment)}</td>
                  <td className="num" data-testid="gap-wan">{r.gap ? formatWan(r.gap.signedInvestmentWan) : "—"}</td>
                  <td className="num">{r.target ? r.target.constructionCount : "—"}</td>
                  <td className="num">{r.actual.constructionCount}</td>
                  <td className="num">{pct(r.completion.constructionCount)}</td>
                  <td className="num">{r.target ? r.target.productionCount : "—"}</td>
                  <td className="num">{r.actual.productionCount}</td>
                  <td className="num">{pct(r.completion.productionCount)}</td>
                  <td className="num">
                    <strong>{pct(r.overall)}</strong>
                  </td>
                  {canEdit ? (
                    <td>
                      <Link to={`/reports/targets?year=${year}&edit=${r.companyId}#edit`} className="button small">
                        {t("targets.edit")}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
