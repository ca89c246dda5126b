import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { namedOptions, SelectField } from "~/components/select-field";
import { Form, useLoaderData } from "@remix-run/react";
import { StageBadge } from "~/components/badges";
import { todayInZone } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canFilterByCompany, canSeePipeline, canSeeTeam } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { PipelineTabs } from "~/modules/pipeline/components/pipeline-tabs";
import { PERIOD_PRESETS, parseBoardParams, parsePeriod } from "~/modules/pipeline/pipeline.schema";
import { getFunnel, pipelineCompanyId } from "~/modules/pipeline/pipeline.server";
import { listFilterOptions } from "~/modules/projects/projects.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "pipeline.funnel.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePipeline(user));
  const url = new URL(request.url);
  const today = todayInZone();
  const period = parsePeriod(url.searchParams, today);
  const picked = parseBoardParams(url.searchParams).filters.company;
  const companyId = pipelineCompanyId(user, picked);
  const [funnel, options] = await Promise.all([
    getFunnel(user, companyId, period.from, period.to),
    canFilterByCompany(user) ? listFilterOptions(user, undefined) : Promise.resolve({ companies: [] as { id: number; name: string }[] }),
  ]);
  return { period, funnel, company: picked ?? null, companies: options.companies, showCompany: canFilterByCompany(user), showTeam: canSeeTeam(user) };
}

export default function FunnelPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const top = Math.max(1, ...d.funnel.stages.map((s) => s.reached));
  return (
    <>
      <div className="page-head">
        <h1>{t("pipeline.funnel.title")}</h1>
        <span className="muted">
          {d.period.from} — {d.period.to}
        </span>
      </div>
      <PipelineTabs query={d.company ? `company=${d.company}` : ""} showTeam={d.showTeam} />
      <Form method="get" className="filters">
        {d.showCompany ? (
          <SelectField
            id="company"
            label={t("projects.company")}
            value={d.company}
            emptyLabel={t("pipeline.wholeZone")}
            options={namedOptions(d.companies)}
          />
        ) : null}
        <SelectField
          id="period"
          label={t("pipeline.period")}
          value={d.period.preset}
          options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`pipeline.period.${p}`) }))}
        />
        <div className="field">
          <label htmlFor="from">{t("pipeline.from")}</label>
          <input id="from" type="date" name="from" defaultValue={d.period.from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("pipeline.to")}</label>
          <input id="to" type="date" name="to" defaultValue={d.period.to} />
        </div>
        <button type="submit" className="button primary">
          {t("common.search")}
        </button>
      </Form>
      <section className="panel">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("pipeline.funnel.stage")}</th>
              <th scope="col" className="num">
                {t("pipeline.funnel.reached")}
              </th>
              <th scope="col" aria-hidden="true" />
              <th scope="col" className="num">
                {t("pipeline.funnel.advanced")}
              </th>
              <th scope="col" className="num">
                {t("pipeline.funnel.conversion")}
              </th>
              <th scope="col" className="num">
                {t("pipeline.funnel.median")}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.funnel.stages.map((s) => (
              <tr key={s.stage} data-stage={s.stage}>
                <td>
                  <StageBadge stage={s.stage} />
                </td>
                <td className="num">{s.reached}</td>
                <td className="bar-cell">
                  <span className="funnel-bar" style={{ width: `${(s.reached / top) * 100}%` }} />
                </td>
                <td className="num">{s.advanced ?? "—"}</td>
                <td className="num">{s.conversionPct === null ? "—" : `${s.conversionPct}%`}</td>
                <td className="num">{s.medianDaysToNext ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t("pipeline.funnel.note")}</p>
      </section>
      <section className="panel">
        <h2>
          {t("pipeline.lost.title")} <span className="muted">({d.funnel.lostTotal})</span>
        </h2>
        {d.funnel.lost.length === 0 ? (
          <p className="muted">{t("pipeline.lost.none")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("pipeline.lost.stage")}</th>
                <th scope="col">{t("pipeline.lost.reason")}</th>
                <th scope="col" className="num">
                  {t("pipeline.lost.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.funnel.lost.map((l) => (
                <tr key={`${l.stage}-${l.reason}`}>
                  <td>
                    <StageBadge stage={l.stage} />
                  </td>
                  <td>{l.reason ? t(`lost.${l.reason}`) : "—"}</td>
                  <td className="num">{l.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
