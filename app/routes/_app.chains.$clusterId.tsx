// One cluster's industry chain (issue 22 item 3): the diagram (ECharts, in the browser), the same figures as a
// table that works without JavaScript and on a phone, the strength rule in words, an export, and a link's projects.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useCallback, useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { toId } from "~/lib/result";
import { useT } from "~/lib/use-i18n";
import { canSeeChains } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { getChainMap, listLinkProjects } from "~/modules/chains/chains.server";
import type { LinkFigures } from "~/modules/chains/chains.server";
import { ChainDiagram } from "~/modules/chains/components/chain-diagram";
import { StrengthBadge, StrengthRule } from "~/modules/chains/components/strength";
import { requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse, parseId } from "~/modules/http/respond.server";
import { ExportLinks } from "~/modules/reports/components/report-filters";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "chains.mapTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeChains(user));
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/chains/${params.clusterId}/export${url.search}`);
  const map = await getChainMap(user, parseId(params.clusterId));
  invariantResponse(map);
  const linkId = url.searchParams.get("link") ? toId(url.searchParams.get("link")) : null;
  const selected = linkId ? await listLinkProjects(user, map.chain.clusterId, linkId) : undefined;
  invariantResponse(!url.searchParams.get("link") || selected);
  return { ...map, selected: selected ?? null };
}

type Row = NonNullable<Awaited<ReturnType<typeof getChainMap>>>["links"][number]["subLinks"][number] & { sub: boolean };
const column = createColumnHelper<Row>();
const num = { numeric: true } satisfies ColumnMeta;

export default function ChainMapPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const linkHref = useCallback((id: number) => `?link=${id}#link-projects`, []);
  const rows: Row[] = useMemo(() => d.links.flatMap((l) => [{ ...l, sub: false }, ...l.subLinks.map((s) => ({ ...s, sub: true }))]), [d.links]);
  const summary = useCallback(
    (f: LinkFigures) =>
      t("chains.summary", {
        landed: formatCount(f.landed),
        building: formatCount(f.building),
        signed: formatCount(f.signed),
        pipeline: formatCount(f.pipeline),
      }),
    [t],
  );
  const diagram = useMemo(
    () =>
      d.links.map((l) => ({
        id: l.id,
        name: l.name,
        segmentLabel: t(`chains.segment.${l.segment}`),
        strength: l.figures.strength,
        strengthLabel: t(`chains.strength.${l.figures.strength}`),
        summary: summary(l.figures),
        subLinks: l.subLinks.map((s) => ({
          id: s.id,
          name: s.name,
          strength: s.figures.strength,
          strengthLabel: t(`chains.strength.${s.figures.strength}`),
          summary: summary(s.figures),
        })),
      })),
    [d.links, t, summary],
  );
  const columns = useMemo(
    () => [
      column.accessor("name", {
        header: t("chains.link"),
        meta: { rowHeader: true, cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <span className={c.row.original.sub ? "chain-sub" : undefined}>
            <Link to={linkHref(c.row.original.id)} preventScrollReset data-testid={`link-${c.getValue()}`}>
              {c.row.original.sub ? "└ " : ""}
              {c.getValue()}
            </Link>
            <div className="muted">{t(`chains.segment.${c.row.original.segment}`)}</div>
          </span>
        ),
      }),
      column.display({
        id: "strength",
        header: t("chains.strengthCol"),
        cell: (c) => <StrengthBadge strength={c.row.original.figures.strength} />,
      }),
      column.display({ id: "landed", header: t("chains.landed"), meta: num, cell: (c) => formatCount(c.row.original.figures.landed) }),
      column.display({ id: "building", header: t("chains.building"), meta: num, cell: (c) => formatCount(c.row.original.figures.building) }),
      column.display({ id: "signed", header: t("chains.signed"), meta: num, cell: (c) => formatCount(c.row.original.figures.signed) }),
      column.display({ id: "pipeline", header: t("chains.pipeline"), meta: num, cell: (c) => formatCount(c.row.original.figures.pipeline) }),
      column.display({
        id: "investment",
        header: t("chains.investment"),
        meta: num,
        cell: (c) => formatWan(c.row.original.figures.investmentWan),
      }),
      column.display({
        id: "pipelineWan",
        header: t("chains.pipelineWan"),
        meta: num,
        cell: (c) => formatWan(c.row.original.figures.pipelineWan),
      }),
      column.accessor("products", {
        header: t("chains.products"),
        meta: { className: "wrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            {c.getValue().join("、")}
            {c.row.original.description ? <div className="muted">{c.row.original.description}</div> : null}
          </>
        ),
      }),
    ],
    [t, linkHref],
  );
  const selected = d.selected;
  return (
    <>
      <p>
        <Link to="/chains">← {t("chains.overviewTitle")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("chains.mapHeading", { cluster: d.chain.clusterName })}</h1>
        <div className="head-actions">
          {d.canEdit ? (
            <Link className="button small" to={`/chains/${d.chain.clusterId}/edit`}>
              {t("chains.edit")}
            </Link>
          ) : null}
          <Link className="button small" to={`/chain-targets?cluster=${d.chain.clusterId}`}>
            {t("nav.chainTargets")}
          </Link>
          <ExportLinks path={`/chains/${d.chain.clusterId}/export`} search="" />
        </div>
      </div>
      <p className="muted" data-testid="chain-version">
        {t("chains.versionLine", { version: d.chain.version, at: formatDateTime(d.chain.updatedAt), by: d.chain.updatedBy ?? "—" })}
      </p>
      <StrengthRule />
      <section className="panel chain-diagram-panel">
        <ChainDiagram links={diagram} linkHref={linkHref} label={t("chains.diagramLabel", { cluster: d.chain.clusterName })} />
      </section>
      <section className="panel">
        <h2>{t("chains.tableTitle")}</h2>
        <p className="muted">{t("chains.counts")}</p>
        <div className="table-wrap">
          <DataTable<Row> data={rows} columns={columns} emptyText={t("chains.noLinks")} getRowId={(r) => String(r.id)} className="chain-table" />
        </div>
      </section>
      {selected ? (
        <section className="panel" id="link-projects" data-testid="link-projects">
          <h2>{t("chains.linkProjects", { link: selected.link.name })}</h2>
          <p className="muted">{t("chains.linkProjectsHelp")}</p>
          {selected.projects.length ? (
            <ul className="plain-list">
              {selected.projects.map((p, i) => (
                <li key={p.id ?? `hidden-${i}`}>
                  {p.visible ? <Link to={`/projects/${p.id}`}>{p.name}</Link> : <span className="muted">{t("chains.hiddenProject")}</span>}{" "}
                  <span className="muted">
                    · {p.company} · {t(`stage.${p.stage}`)}
                    {p.status !== "active" ? ` · ${t(`status.${p.status}`)}` : ""} · {formatWan(p.totalInvestmentWan)} {t("common.wan")}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("chains.noProjects")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
