import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { completeNextActionSchema, TERM_TOPICS } from "~/modules/projects/activity.schema";
import { EVIDENCE_DELETE_INTENT } from "~/modules/attachments/attachments.schema";
import { deleteEvidenceAction, isEvidenceUpload, uploadEvidenceAction } from "~/modules/attachments/evidence-action.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canLogActivity, canRequestHandoff, canSeeChains } from "~/modules/auth/policy";
import { HandoffTable } from "~/modules/handoffs/components/handoff-table";
import { ActivityFileList } from "~/modules/projects/components/activity-file-list";
import { completeNextAction } from "~/modules/projects/project-activities.server";
import { PROJECT_FIELD_LABELS, showFieldValue } from "~/modules/projects/field-labels";
import { loadProjectPage } from "~/modules/project-page/project-page.server";
import { getProjectForViewer } from "~/modules/projects/projects.server";
import { LightDot, StageBadge, StatusBadge } from "~/components/badges";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { projectLight, stageReached } from "~/lib/light";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import type { MessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { EvidencePanel } from "~/modules/attachments/components/evidence-panel";
import { ChecklistTimeline } from "~/modules/approvals/components/checklist-timeline";
import { ProjectSpeed } from "~/modules/approvals/components/project-speed";
import { ProjectPolicies } from "~/modules/policies/components/project-policies";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks } from "~/modules/imports/components/export-links";
import { canLogServiceRequest } from "~/modules/auth/policy";
import { ServiceRequestsPanel } from "~/modules/service/components/service-requests-panel";
import { invariantResponse, parseId } from "~/modules/http/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? { text: data.project.name } : "error.notFoundTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Missing and forbidden look the same: a 404 never reveals that another company's project exists.
  const id = parseId(params.id);
  // The activities as a file: their own route (a page cannot answer with a download), which checks access too.
  const exportFormat = requestedExport(new URL(request.url));
  if (exportFormat) throw redirect(`/projects/${id}/activities/export?export=${exportFormat}`);
  const found = await loadProjectPage(user, id);
  invariantResponse(found);
  const {
    project,
    access,
    events,
    activities,
    holdings,
    facts,
    changes,
    handoffs,
    evidence,
    serviceRequests,
    viewerCompany,
    activityFiles,
    checklist,
    chainPaths,
    policies,
    fromTarget,
  } = found;
  return {
    chainPaths,
    // The admin sees projects but not the chain pages: the path is then text, not links.
    chainLinkable: canSeeChains(user),
    canEdit: access === "write",
    canHandoff: !!facts && canRequestHandoff(user, facts),
    handoffs: handoffs.map((h) => ({ ...h, createdAt: h.createdAt.toISOString(), answeredAt: null, closedAt: null })),
    canLog: !!facts && canLogActivity(user, facts),
    changes: changes.map((c) => ({
      ...c,
      before: c.before as Record<string, string | number | boolean | null> | null,
      after: c.after as Record<string, string | number | boolean | null> | null,
      at: c.at.toISOString(),
    })),
    // The hydration data carries what the page shows (issue 23): not the ids behind the names, the version or the times.
    project: shownProject(project),
    light: projectLight(project, todayInZone()),
    readOnly: access !== "write",
    // Read-only because it was handed over from the viewer (not because their company assists on it).
    handedOver: access === "read" && !!facts && user.companyId !== null && facts.formerCompanyIds.includes(user.companyId),
    events: events.map((e) => ({ ...e, recordedAt: e.recordedAt.toISOString() })),
    activities: activities.map(({ createdAt: _createdAt, ...a }) => ({
      ...a,
      nextActionDoneAt: a.nextActionDoneAt?.toISOString() ?? null,
      files: activityFiles.filter((file) => file.activityId === a.id),
    })),
    holdings,
    evidence,
    serviceRequests,
    canLogService: !!facts && canLogServiceRequest(user, viewerCompany, { ...facts, stage: project.stage }),
    // 审批事项 (issue 21): the checklist signing created, as a timeline.
    approvals: checklist ? { items: checklist.items, canEdit: checklist.canEdit } : null,
    // The target list's credit (issue 22): the target the project came from and who found it.
    fromTarget: fromTarget ?? null,
    // 政策对接 (issue 21): qualifying and nearly-qualifying policies, benefits promised and delivered.
    policies: policies
      ? { qualifying: policies.qualifying, nearly: policies.nearly, benefits: policies.benefits, canRecord: policies.canRecord }
      : null,
  };
}

/** The project's fields the page reads: the ids behind the names, the version and the times stay on the server. */
function shownProject(project: NonNullable<Awaited<ReturnType<typeof loadProjectPage>>>["project"]) {
  const {
    investorId: _investorId,
    investorContactId: _investorContactId,
    clusterId: _clusterId,
    companyId: _companyId,
    ownerId: _ownerId,
    version: _version,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    ...shown
  } = project;
  return shown;
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The evidence upload is the page's one multipart form: its access is checked before the body is read.
  if (isEvidenceUpload(request)) {
    const user = await requireUser(request);
    return uploadEvidenceAction(request, user, parseId(params.id), await getTranslator(request));
  }
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  invariantResponse(await getProjectForViewer(user, id));
  const t = await getTranslator(request);
  if (form.get("intent") === EVIDENCE_DELETE_INTENT) return deleteEvidenceAction(form, user, id, t);
  invariantResponse(form.get("intent") === COMPLETE_NEXT_ACTION, 400);
  const parsed = parseForm(completeNextActionSchema, form);
  const result = parsed.ok ? await completeNextAction(user, id, parsed.data.activityId) : null;
  // Whatever stops it (a bad id, not the viewer's to log on, no such open next action) has always answered 403 here.
  invariantResponse(result?.kind === "ok", 403);
  return redirect(`/projects/${id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("projects.nextActionDone", { action: result.value.action }) }) },
  });
}

const COMPLETE_NEXT_ACTION = "complete-next-action";

/** "Done" on an open next action: a button and the activity's id. */
function CompleteNextActionForm({ activityId }: { activityId: number }) {
  const t = useT();
  const f = useZodForm(completeNextActionSchema, { intent: COMPLETE_NEXT_ACTION, defaults: { activityId } });
  return (
    <ZodForm form={f} className="inline-form">
      <input type="hidden" {...f.field("activityId")} id={undefined} />
      <button type="submit" className="button small">
        {t("projects.markDone")}
      </button>
    </ZodForm>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? "—"}</dd>
    </>
  );
}

type ChainPath = ReturnType<typeof useLoaderData<typeof loader>>["chainPaths"][number];

/** The project's chain links as cluster › link › sub-link, each part opening the chain map at that link. */
function ChainPaths({ paths, linkable }: { paths: ChainPath[]; linkable: boolean }) {
  const t = useT();
  if (!paths.length) return <span className="muted">{t("projects.chainLinksUntagged")}</span>;
  const part = (label: string, to: string, title?: string) =>
    linkable ? (
      <Link to={to} title={title}>
        {label}
      </Link>
    ) : (
      label
    );
  const map = (c: ChainPath) => `/chains/${c.clusterId}`;
  const at = (c: ChainPath, linkId: number) => `${map(c)}?link=${linkId}#link-projects`;
  return (
    <ul className="chain-paths" data-testid="chain-paths">
      {paths.map((c) => (
        <li key={c.linkId}>
          {part(c.clusterName, map(c))}
          {" › "}
          {c.parentId !== null && c.parentName !== null ? (
            <>
              {part(c.parentName, at(c, c.parentId), t("projects.chainLinkOpen", { link: c.parentName }))}
              {" › "}
            </>
          ) : null}
          {part(c.name, at(c, c.linkId), t("projects.chainLinkOpen", { link: c.name }))}
        </li>
      ))}
    </ul>
  );
}

type ProjectEvent = ReturnType<typeof useLoaderData<typeof loader>>["events"][number];
const eventColumn = createColumnHelper<ProjectEvent>();

export default function ProjectPage() {
  const {
    project: p,
    light,
    events,
    activities,
    holdings,
    handedOver,
    readOnly,
    evidence,
    canEdit,
    canLog,
    changes,
    canHandoff,
    handoffs,
    serviceRequests,
    canLogService,
    approvals,
    fromTarget,
    chainPaths,
    chainLinkable,
    policies,
  } = useLoaderData<typeof loader>();
  const t = useT();
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : v);
  const money = (v: string | null) => (v ? formatWan(v) : "—");
  const eventColumns = useMemo(
    () => [
      eventColumn.accessor("businessOn", { header: t("projects.businessDate"), meta: { className: "nowrap" } satisfies ColumnMeta }),
      eventColumn.accessor("kind", {
        header: t("projects.stage"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => {
          const e = c.row.original;
          return (
            <>
              {t(`event.${e.kind}` as MessageKey)}
              {e.toStage ? `：${e.fromStage ? `${t(`stage.${e.fromStage}`)} → ` : ""}${t(`stage.${e.toStage}`)}` : ""}
              {e.toStatus ? `：${t(`status.${e.toStatus}`)}` : ""}
              {e.note ? <div className="muted">{e.note}</div> : null}
              {e.gateOverrideReason ? (
                <div className="overdue" data-override>
                  {t("approvals.overrideInHistory", { reason: e.gateOverrideReason })}
                </div>
              ) : null}
            </>
          );
        },
      }),
      eventColumn.accessor("actorName", { header: t("projects.by"), meta: { className: "nowrap" } satisfies ColumnMeta }),
      eventColumn.accessor("recordedAt", {
        header: t("projects.recordedAt"),
        meta: { className: "nowrap muted" } satisfies ColumnMeta,
        cell: (c) => formatDateTime(c.getValue()),
      }),
    ],
    [t],
  );

  return (
    <>
      <p>
        <Link to="/projects">← {t("common.backToList")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {p.name} {p.confidential ? <span className="badge confidential">{t("projects.confidential")}</span> : null}
        </h1>
        <span className="muted">{p.code}</span>
      </div>
      {handedOver ? <div className="flash ok">{t("projects.readOnlyHint")}</div> : null}
      {canEdit || canLog ? (
        <div className="action-bar">
          {canEdit ? (
            <>
              <Link className="button primary" to={`/projects/${p.id}/stage`}>
                {t("projects.actions")}
              </Link>
              <Link className="button" to={`/projects/${p.id}/edit`}>
                {t("projects.edit")}
              </Link>
            </>
          ) : null}
          {canHandoff ? (
            <Link className="button" to={`/projects/${p.id}/handoff`}>
              {t("handoffs.action")}
            </Link>
          ) : null}
          {canLog ? (
            <Link className="button" to={`/projects/${p.id}/activities/new`}>
              {t("projects.logActivity")}
            </Link>
          ) : null}
        </div>
      ) : null}

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
                <Fact label={t("projects.contact")}>{p.contactName ? `${p.contactName}${p.contactTitle ? `（${p.contactTitle}）` : ""}` : "—"}</Fact>
                <Fact label={t("projects.cluster")}>{p.clusterName}</Fact>
                <Fact label={t("projects.company")}>{p.companyName}</Fact>
                <Fact label={t("projects.owner")}>{dash(p.ownerName)}</Fact>
                <Fact label={t("projects.firstContactCompany")}>{dash(p.firstContactCompanyName)}</Fact>
                <Fact label={t("projects.chainLinks")}>
                  <ChainPaths paths={chainPaths} linkable={chainLinkable} />
                </Fact>
              </dl>
              <dl className="facts">
                <Fact label={t("projects.sourceChannel")}>{p.sourceChannel ? t(`source.${p.sourceChannel}`) : "—"}</Fact>
                {fromTarget ? (
                  <Fact label={t("chainTargets.fromTarget")}>
                    <span data-testid="from-target">
                      {fromTarget.name}
                      {fromTarget.linkName ? ` · ${fromTarget.linkName}` : ""} · {t("chainTargets.foundBy")}：{fromTarget.foundBy ?? "—"}
                    </span>
                  </Fact>
                ) : null}
                <Fact label={t("projects.investmentType")}>{p.investmentType ? t(`investmentType.${p.investmentType}`) : "—"}</Fact>
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
                <Fact label={t("projects.jobs")}>{formatCount(p.jobs)}</Fact>
                <Fact label={t("projects.voltageKv")}>{dash(p.voltageKv)}</Fact>
              </dl>
            </div>
          </section>

          {handoffs.length ? (
            <section className="panel">
              <h2>{t("handoffs.panel")}</h2>
              <HandoffTable rows={handoffs} showProject={false} />
            </section>
          ) : null}

          <section className="panel">
            <div className="panel-head">
              <h2>{t("projects.activities")}</h2>
              {activities.length ? <ExportLinks path={`/projects/${p.id}/activities/export`} /> : null}
            </div>
            {activities.length === 0 ? <p className="muted">{t("projects.noActivities")}</p> : null}
            <ul className="timeline">
              {activities.map((a) => (
                <li key={a.id}>
                  <div className="meta">
                    <strong>{a.occurredOn}</strong> · {t(`activity.${a.kind}`)} · {a.authorName}（{a.companyName}）
                    {a.reviewOutcome ? ` · ${t("projects.reviewOutcome")}：${t(`review.${a.reviewOutcome}`)}` : ""}
                  </div>
                  <div>{a.summary}</div>
                  <ActivityFileList files={a.files} />
                  {a.users.length || a.contacts.length ? (
                    <div className="meta">
                      {t("projects.participants")}：{[...a.users, ...a.contacts].join("、")}
                    </div>
                  ) : null}
                  {a.terms?.length ? (
                    <ul className="terms">
                      {a.terms.map((term, i) => (
                        <li key={i}>
                          <strong>
                            {(TERM_TOPICS as readonly string[]).includes(term.topic)
                              ? t(`term.${term.topic as (typeof TERM_TOPICS)[number]}`)
                              : term.topic}
                          </strong>
                          ：{term.detail}（{term.agreed ? t("projects.agreed") : t("projects.open")}）
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {a.nextAction ? (
                    <div className="meta">
                      {t("projects.nextAction")}：{a.nextAction}
                      {a.nextActionDueOn ? `（${t("projects.due")} ${a.nextActionDueOn}）` : ""}
                      {a.nextActionDoneAt ? " ✓" : ""}
                      {!a.nextActionDoneAt && canLog ? <CompleteNextActionForm activityId={a.id} /> : null}
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
          <ProjectSpeed project={p} items={approvals?.items ?? []} />
          {/* The checklist from signing on (issue 21); before, only an item added by hand shows it. */}
          {approvals && (approvals.items.length || (approvals.canEdit && stageReached(p.stage, "signed"))) ? (
            <ChecklistTimeline projectId={p.id} items={approvals.items} canEdit={approvals.canEdit} />
          ) : null}
          {policies ? <ProjectPolicies projectId={p.id} {...policies} /> : null}
          <EvidencePanel stage={p.stage} items={evidence} canUpload={!readOnly} />
          <ServiceRequestsPanel projectId={p.id} rows={serviceRequests} canLog={canLogService} />
          <section className="panel">
            <h2>{t("projects.history")}</h2>
            <DataTable<ProjectEvent> data={events} columns={eventColumns} emptyText={t("common.noRows")} getRowId={(e) => String(e.id)} />
          </section>
          <section className="panel">
            <h2>{t("projects.changes")}</h2>
            {changes.length === 0 ? <p className="muted">{t("projects.noChanges")}</p> : null}
            <ul className="changes">
              {changes.map((c) => (
                <li key={c.id}>
                  <div className="meta">
                    {formatDateTime(c.at)} · {c.by ?? "—"} ·{" "}
                    {c.action === "activity_stage_forward"
                      ? t("audit.project.activity_stage_forward", {
                          kind: t(`activity.${String(c.after?.activityKind)}` as MessageKey),
                          stage: t(`stage.${String(c.after?.stage)}` as MessageKey),
                        })
                      : t(`audit.${c.entity}.${c.action}` as MessageKey)}
                  </div>
                  {c.entity === "project" && c.before && c.after ? (
                    <ul className="change-fields">
                      {Object.keys(c.after)
                        .filter((f) => PROJECT_FIELD_LABELS[f])
                        .map((f) => (
                          <li key={f}>
                            {t(PROJECT_FIELD_LABELS[f])}：{showFieldValue(f, c.before?.[f], t)} → {showFieldValue(f, c.after?.[f], t)}
                          </li>
                        ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}
