import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LightDot, StageBadge } from "~/components/badges";
import { todayInZone } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeMyDesk } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { getMyDesk } from "~/modules/projects/my-desk.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeMyDesk(user));
  return getMyDesk(user, todayInZone());
}

export default function MyDeskPage() {
  const desk = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("home.title")}</h1>
        <div className="head-actions">
          <Link to="/projects?owner=me">{t("home.allMine")}</Link>
          <Link to="/projects/new" className="button primary">
            {t("projects.new")}
          </Link>
        </div>
      </div>
      <div className="kpis">
        <div className="kpi">
          <div className="label">{t("home.myProjects")}</div>
          <div className="value">{desk.counts.all}</div>
          <div className="sub">
            {t("home.activeProjects")} {desk.counts.active}
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("home.dueToday")}</div>
          <div className="value">{desk.due.length}</div>
        </div>
        <div className="kpi">
          <div className="label">{t("home.red")}</div>
          <div className="value">{desk.counts.red}</div>
        </div>
        <div className="kpi">
          <div className="label">{t("home.yellow")}</div>
          <div className="value">{desk.counts.yellow}</div>
        </div>
      </div>
      <div className="two-col">
        <section className="panel">
          <h2>{t("home.dueToday")}</h2>
          {desk.due.length === 0 ? <p className="muted">{t("home.none")}</p> : null}
          <table className="data">
            <tbody>
              {desk.due.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">
                    <span className={d.overdueDays > 0 ? "overdue" : undefined}>{d.nextActionOn}</span>
                    <div className="muted">{d.overdueDays > 0 ? t("home.overdueDays", { n: d.overdueDays }) : t("home.dueTodayBadge")}</div>
                  </td>
                  <td>
                    <Link to={`/projects/${d.id}`}>{d.name}</Link>
                    <div className="muted">{d.nextAction}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div>
          <section className="panel">
            <h2>{t("home.lights")}</h2>
            {desk.lights.length === 0 ? <p className="muted">{t("home.none")}</p> : null}
            <table className="data">
              <tbody>
                {desk.lights.map((l) => (
                  <tr key={l.id}>
                    <td className="nowrap">
                      <LightDot light={l.light} />
                    </td>
                    <td>
                      <Link to={`/projects/${l.id}`}>{l.name}</Link>
                    </td>
                    <td>
                      <StageBadge stage={l.stage} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel">
            <h2>{t("home.recent")}</h2>
            {desk.recent.length === 0 ? <p className="muted">{t("home.none")}</p> : null}
            <ul className="timeline">
              {desk.recent.map((a) => (
                <li key={a.id}>
                  <div className="meta">
                    {a.occurredOn} · {t(`activity.${a.kind}`)} · <Link to={`/projects/${a.projectId}`}>{a.projectName}</Link>
                  </div>
                  <div>{a.summary}</div>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}
