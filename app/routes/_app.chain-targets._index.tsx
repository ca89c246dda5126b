// The target list (招商目标库, issue 22 item 4): the viewer's targets with their lights, the chain's coverage (empty
// links nobody has a target for), filters in the URL, and an export of what the list shows.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatCount } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { TARGET_LIGHTS, TARGET_STALE_DAYS } from "~/lib/target-light";
import { useT } from "~/lib/use-i18n";
import { canManageTargets, canSeeChains, seesWholeZone } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { StrengthBadge } from "~/modules/chains/components/strength";
import { TargetLightDot } from "~/modules/chains/components/target-light-dot";
import { targetListSchema } from "~/modules/chains/targets.schema";
import type { TargetListRow } from "~/modules/chains/targets.server";
import { listTargets, targetCoverage } from "~/modules/chains/targets.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { ExportLinks } from "~/modules/reports/components/report-filters";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "chainTargets.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeChains(user));
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/chain-targets/export${url.search}`);
  const params = targetListSchema.parse(Object.fromEntries(url.searchParams));
  const [list, coverage] = await Promise.all([listTargets(user, params), targetCoverage(user)]);
  const canAdd = coverage.length > 0 && canManageTargets(user, { zoneId: user.zoneId, companyId: user.companyId ?? 0 });
  return { ...list, coverage, params, canAdd, leader: seesWholeZone(user) };
}

const column = createColumnHelper<TargetListRow>();

export default function TargetListPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const columns = useMemo(
    () => [
      column.accessor("name", {
        header: t("chainTargets.name"),
        meta: { rowHeader: true, cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/chain-targets/${c.row.original.id}`}>{c.getValue()}</Link>
            {c.row.original.hqCity ? <div className="muted">{c.row.original.hqCity}</div> : null}
          </>
        ),
      }),
      column.display({
        id: "light",
        header: t("chainTargets.light"),
        cell: (c) =>
          c.row.original.light ? <TargetLightDot light={c.row.original.light} /> : <span className="muted">{t("chainTargets.contacted")}</span>,
      }),
      column.accessor("linkName", {
        header: t("chains.link"),
        cell: (c) => (
          <>
            {c.getValue() ?? t("chainTargets.noLink")}
            <div className="muted">{c.row.original.clusterName}</div>
          </>
        ),
      }),
      column.accessor("reason", {
        header: t("chainTargets.reason"),
        meta: { className: "wrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            {t(`chainTargets.reason.${c.getValue()}`)}
            {c.row.original.note ? <div className="muted">{c.row.original.note}</div> : null}
          </>
        ),
      }),
      column.accessor("assigneeName", { header: t("chainTargets.assignee"), cell: (c) => c.getValue() ?? "—" }),
      column.accessor("plannedContactOn", { header: t("chainTargets.plannedContactOn"), cell: (c) => c.getValue() ?? "—" }),
      column.accessor("daysOpen", {
        header: t("chainTargets.daysOpen"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => (c.getValue() === null ? "—" : formatCount(c.getValue()!)),
      }),
      column.accessor("projectCode", {
        header: t("chainTargets.project"),
        cell: (c) => (c.row.original.projectId ? <Link to={`/projects/${c.row.original.projectId}`}>{c.getValue()}</Link> : "—"),
      }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("chainTargets.title")}</h1>
        <div className="head-actions">
          {d.canAdd ? (
            <Link className="button small primary" to="/chain-targets/new">
              {t("chainTargets.add")}
            </Link>
          ) : null}
          <ExportLinks path="/chain-targets/export" search={location.search} />
        </div>
      </div>
      <p className="muted">{t("chainTargets.intro", { days: TARGET_STALE_DAYS })}</p>

      <section className="panel" data-testid="coverage">
        <h2>{t("chainTargets.coverageTitle")}</h2>
        <p className="muted">{t("chainTargets.coverageHelp")}</p>
        {d.coverage.length === 0 ? <p>{t("chainTargets.noChain")}</p> : null}
        {d.coverage.map((c) => (
          <div key={c.clusterId} className="coverage-chain">
            <h3>
              <Link to={`/chains/${c.clusterId}`}>{c.clusterName}</Link>{" "}
              <span className="muted">
                {t("chainTargets.coverageCounts", {
                  empty: formatCount(c.links.filter((l) => l.strength === "empty").length),
                  uncovered: formatCount(c.uncovered.length),
                  targets: formatCount(c.links.reduce((n, l) => n + l.openTargets, 0)),
                })}
              </span>
            </h3>
            {c.uncovered.length ? (
              <ul className="chip-list" data-testid={`uncovered-${c.clusterName}`}>
                {c.uncovered.map((l) => (
                  <li key={l.id}>
                    <StrengthBadge strength={l.strength} /> {l.parentName ? `${l.parentName} › ` : ""}
                    {l.name}
                    {d.canAdd ? (
                      <>
                        {" "}
                        <Link to={`/chain-targets/new?link=${l.id}`} data-testid={`add-on-${l.name}`}>
                          {t("chainTargets.addHere")}
                        </Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("chainTargets.allCovered")}</p>
            )}
          </div>
        ))}
      </section>

      <section className="panel">
        <h2>{t("chainTargets.listTitle")}</h2>
        <Form method="get" className="filters">
          {d.leader ? (
            <label>
              {t("chains.cluster")}{" "}
              <select name="cluster" defaultValue={d.params.cluster ?? ""}>
                <option value="">{t("chainTargets.allClusters")}</option>
                {d.coverage.map((c) => (
                  <option key={c.clusterId} value={c.clusterId}>
                    {c.clusterName}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t("chainTargets.state")}{" "}
            <select name="state" defaultValue={d.params.state}>
              {(["open", "contacted", "all"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`chainTargets.state.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("chainTargets.light")}{" "}
            <select name="light" defaultValue={d.params.light ?? ""}>
              <option value="">{t("chainTargets.anyLight")}</option>
              {TARGET_LIGHTS.map((l) => (
                <option key={l} value={l}>
                  {t(`chainTargets.light.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button small">
            {t("chainTargets.filter")}
          </button>
        </Form>
        <p className="muted">{t("chainTargets.lightRule", { days: TARGET_STALE_DAYS })}</p>
        {d.capped ? <p className="flash warn">{t("chainTargets.capped")}</p> : null}
        <div className="table-wrap">
          <DataTable<TargetListRow>
            data={d.rows}
            columns={columns}
            emptyText={t("chainTargets.empty")}
            getRowId={(r) => String(r.id)}
            clientSort
            data-testid="target-table"
          />
        </div>
      </section>
    </>
  );
}
