import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LightDot, StageBadge, StatusBadge } from "~/components/badges";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { projectLight } from "~/lib/light";
import { formatWan } from "~/lib/money";
import type { MessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUser } from "~/modules/auth/session.server";
import { getProjectForViewer } from "~/modules/projects/projects.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? { text: data.project.name } : "error.notFoundTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  // Missing and forbidden look the same: a 404 never reveals that another company's project exists.
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw data(null, { status: 404 });
  const found = await getProjectForViewer(user, id);
  if (!found) throw data(null, { status: 404 });
  const { project, access, events, activities, holdings } = found;
  return {
    project: { ...project, createdAt: project.createdAt.toISOString(), updatedAt: project.updatedAt.toISOString() },
    light: projectLight(project, todayInZone()),
    readOnly: access !== "write",
    handedOver: access === "read" && project.companyId !== user.companyId && user.role !== "leader" && user.role !== "admin",
    events: events.map((e) => ({ ...e, recordedAt: e.recordedAt.toISOString() })),
    activities: activities.map((a) => ({
      ...a,
      createdAt: a.createdAt.toISOString(),
      nextActionDoneAt: a.nextActionDoneAt?.toISOString() ?? null,
    })),
    holdings,
  };
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? "—"}</dd>
    </>
  );
}

export default function ProjectPage() {
  const { project: p, light, events, activities, holdings, handedOver } = useLoaderData<typeof loader>();
  const t = useT();
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : v);
  const money = (v: string | null) => (v ? formatWan(v) : "—");

  return (
    <>
      <p>
        <Link to="/projects">← {t("common.backToList")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {p.name}{" "}
          {p.confidential ? <span className="badge confidential">{t("projects.confidential")}</span> : null}
        </h1>
        <span className="muted">{p.code}</span>
      </div>
      {handedOver ? <div className="flash ok">{t("projects.readOnlyHint")}</div> : null}

      <div className="kpis">
        <div className="kpi">
          <div className="label">{t("projects.stage")}</div>
          <div className="value">
            <StageBadge stage={p.stage} /> {p.status !== "active" ? <StatusBadge status={p.status} /> : null}
          </div>
          {p.status === "lost" && p.lostReason ? <div className="sub">{t(`lost.${p.lostReason}`)}</div> : null}
          {p.statusNote ? <div className="sub">{p.statusNote}</div> : null}
        </div>
        <div className="kpi">
          <div className="label">{t("projects.totalInvestment")}</div>
          <div className="value">{money(p.totalInvestmentWan)}</div>
        </div>
        <div className="kpi">
          <div className="label">{t("projects.light")}</div>
          <div className="value">
            <LightDot light={light} />
          </div>
        </div>
        <div className="kpi">
          <div className="label">{t("projects.nextAction")}</div>
          <div className="value" style={{ fontSize: "1rem" }}>
            {p.nextAction ? `${p.nextActionOn ?? ""} ${p.nextAction}` : "—"}
          </div>
        </div>
      </div>

      <div className="two-col">
        <div>
          <section className="panel">
            <h2>{t("projects.basics")}</h2>
            <div className="detail-grid">
              <dl className="facts">
                <Fact label={t("projects.investor")}>
                  {p.investorName}
                  {p.investorUscc ? <div className="muted">{p.investorUscc}</div> : null}
                </Fact>
                <Fact label={t("projects.contact")}>
                  {p.contactName ? `${p.contactName}${p.contactTitle ? `（${p.contactTitle}）` : ""}` : "—"}
                </Fact>
                <Fact label={t("projects.cluster")}>{p.clusterName}</Fact>
                <Fact label={t("projects.company")}>{p.companyName}</Fact>
                <Fact label={t("projects.owner")}>{dash(p.ownerName)}</Fact>
                <Fact label={t("projects.firstContactCompany")}>{dash(p.firstContactCompanyName)}</Fact>
              </dl>
              <dl className="facts">
                <Fact label={t("projects.sourceChannel")}>{p.sourceChannel ? t(`source.${p.sourceChannel}`) : "—"}</Fact>
                <Fact label={t("projects.investmentType")}>
                  {p.investmentType ? t(`investmentType.${p.investmentType}`) : "—"}
                </Fact>
                <Fact label={t("projects.content")}>{dash(p.content)}</Fact>
                <Fact label={t("projects.note")}>{dash(p.note)}</Fact>
                {holdings.length > 1 ? (
                  <Fact label={t("projects.holdings")}>
                    {holdings.map((h) => `${h.companyName}（${h.fromOn}${h.untilOn ? ` – ${h.untilOn}` : ""}）`).join("，")}
                  </Fact>
                ) : null}
              </dl>
            </div>
          </section>

          <section className="panel">
            <h2>{t("projects.economics")}</h2>
            <div className="detail-grid">
              <dl className="facts">
                <Fact label={t("projects.plannedInvestment")}>{money(p.plannedInvestmentWan)}</Fact>
                <Fact label={t("projects.contractedInvestment")}>{money(p.contractedInvestmentWan)}</Fact>
                <Fact label={t("projects.fixedAsset")}>{money(p.fixedAssetInvestmentWan)}</Fact>
                <Fact label={t("projects.foreignInvestment")}>{money(p.foreignInvestmentUsdWan)}</Fact>
              </dl>
              <dl className="facts">
                <Fact label={t("projects.land")}>{money(p.landMu)}</Fact>
                <Fact label={t("projects.intensity")}>{money(p.intensityWanPerMu)}</Fact>
                <Fact label={t("projects.annualOutput")}>{money(p.annualOutputWan)}</Fact>
                <Fact label={t("projects.annualTax")}>{money(p.annualTaxWan)}</Fact>
                <Fact label={t("projects.taxPerMu")}>{money(p.taxPerMuWan)}</Fact>
                <Fact label={t("projects.jobs")}>{dash(p.jobs)}</Fact>
              </dl>
            </div>
          </section>

          <section className="panel">
            <h2>{t("projects.activities")}</h2>
            {activities.length === 0 ? <p className="muted">{t("projects.noActivities")}</p> : null}
            <ul className="timeline">
              {activities.map((a) => (
                <li key={a.id}>
                  <div className="meta">
                    <strong>{a.occurredOn}</strong> · {t(`activity.${a.kind}`)} · {a.authorName}（{a.companyName}）
                    {a.reviewOutcome ? ` · ${t("projects.reviewOutcome")}：${t(`review.${a.reviewOutcome}`)}` : ""}
                  </div>
                  <div>{a.summary}</div>
                  {a.users.length || a.contacts.length ? (
                    <div className="meta">
                      {t("projects.participants")}：{[...a.users, ...a.contacts].join("、")}
                    </div>
                  ) : null}
                  {a.terms?.length ? (
                    <ul className="terms">
                      {a.terms.map((term, i) => (
                        <li key={i}>
                          <strong>{term.topic}</strong>：{term.detail}（{term.agreed ? t("projects.agreed") : t("projects.open")}）
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {a.nextAction ? (
                    <div className="meta">
                      {t("projects.nextAction")}：{a.nextAction}
                      {a.nextActionDueOn ? `（${t("projects.due")} ${a.nextActionDueOn}）` : ""}
                      {a.nextActionDoneAt ? " ✓" : ""}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        </div>

        <div>
          <section className="panel">
            <h2>{t("projects.plannedDates")}</h2>
            <dl className="facts">
              <Fact label={t("projects.plannedSign")}>{dash(p.plannedSignOn)}</Fact>
              <Fact label={t("projects.plannedConstruction")}>{dash(p.plannedConstructionOn)}</Fact>
              <Fact label={t("projects.plannedProduction")}>{dash(p.plannedProductionOn)}</Fact>
            </dl>
          </section>
          <section className="panel">
            <h2>{t("projects.milestones")}</h2>
            <dl className="facts">
              <Fact label={t("projects.contactedOn")}>{dash(p.contactedOn)}</Fact>
              <Fact label={t("projects.reviewOn")}>
                {dash(p.reviewOn)}
                {p.reviewOutcome ? `（${t(`review.${p.reviewOutcome}`)}）` : ""}
              </Fact>
              <Fact label={t("projects.signedOn")}>
                {dash(p.signedOn)}
                {p.agreementNo ? <div className="muted">{`${t("projects.agreementNo")} ${p.agreementNo}`}</div> : null}
              </Fact>
              <Fact label={t("projects.registeredOn")}>
                {dash(p.registeredOn)}
                {p.projectCompanyName ? (
                  <div className="muted">
                    {p.projectCompanyName} {p.projectCompanyUscc}
                  </div>
                ) : null}
              </Fact>
              <Fact label={t("projects.constructionOn")}>{dash(p.constructionOn)}</Fact>
              <Fact label={t("projects.productionOn")}>{dash(p.productionOn)}</Fact>
            </dl>
          </section>
          <section className="panel">
            <h2>{t("projects.history")}</h2>
            <table className="data">
              <thead>
                <tr>
                  <th>{t("projects.businessDate")}</th>
                  <th>{t("projects.stage")}</th>
                  <th>{t("projects.by")}</th>
                  <th>{t("projects.recordedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{e.businessOn}</td>
                    <td>
                      {t(`event.${e.kind}` as MessageKey)}
                      {e.toStage ? `：${e.fromStage ? `${t(`stage.${e.fromStage}`)} → ` : ""}${t(`stage.${e.toStage}`)}` : ""}
                      {e.toStatus ? `：${t(`status.${e.toStatus}`)}` : ""}
                      {e.note ? <div className="muted">{e.note}</div> : null}
                    </td>
                    <td className="nowrap">{dash(e.actorName)}</td>
                    <td className="nowrap muted">{formatDateTime(e.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      </div>
    </>
  );
}
