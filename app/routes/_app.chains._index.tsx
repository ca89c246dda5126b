// The zone's industry chains at a glance (issue 22 items 3 and 5): every cluster's chain with its links counted by
// strength, the empty ones named — where attraction should aim —, its company, and the links it filled this year.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatCount } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeChains } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { listZoneChains, yearToDate } from "~/modules/chains/chains.server";
import { StrengthRule } from "~/modules/chains/components/strength";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "chains.overviewTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeChains(user));
  const year = yearToDate();
  return { chains: await listZoneChains(user, year), year };
}

type Row = Awaited<ReturnType<typeof listZoneChains>>[number];
const column = createColumnHelper<Row>();
const num = { numeric: true } satisfies ColumnMeta;

export default function ChainsOverviewPage() {
  const { chains, year } = useLoaderData<typeof loader>();
  const yearNo = year.from.slice(0, 4);
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("clusterName", {
        header: t("chains.cluster"),
        meta: { rowHeader: true, cardTitle: true } satisfies ColumnMeta,
        cell: (c) => <Link to={`/chains/${c.row.original.clusterId}`}>{c.getValue()}</Link>,
      }),
      column.accessor("company", { header: t("chains.company"), cell: (c) => c.getValue() ?? "—" }),
      column.accessor("links", { header: t("chains.linksCol"), meta: num, cell: (c) => formatCount(c.getValue()) }),
      column.accessor("empty", {
        header: t("chains.strength.empty"),
        meta: num,
        cell: (c) => <strong data-testid={`empty-${c.row.original.clusterName}`}>{formatCount(c.getValue())}</strong>,
      }),
      column.accessor("weak", { header: t("chains.strength.weak"), meta: num, cell: (c) => formatCount(c.getValue()) }),
      column.accessor("present", { header: t("chains.strength.present"), meta: num, cell: (c) => formatCount(c.getValue()) }),
      column.accessor("strong", { header: t("chains.strength.strong"), meta: num, cell: (c) => formatCount(c.getValue()) }),
      column.accessor("emptyNames", {
        header: t("chains.emptyLinks"),
        meta: { className: "wrap" } satisfies ColumnMeta,
        cell: (c) => (c.getValue().length ? c.getValue().join("、") : <span className="muted">{t("chains.noEmpty")}</span>),
      }),
      column.accessor("filled", {
        header: t("chains.filledThisYear", { year: yearNo }),
        meta: num,
        cell: (c) => <strong data-testid={`filled-${c.row.original.clusterName}`}>{formatCount(c.getValue())}</strong>,
      }),
      column.accessor("filledNames", {
        header: t("chains.filledNames", { year: yearNo }),
        meta: { className: "wrap" } satisfies ColumnMeta,
        cell: (c) => (c.getValue().length ? c.getValue().join("、") : <span className="muted">{t("chains.noneFilled")}</span>),
      }),
      column.accessor("targets", { header: t("chains.targetsListed"), meta: num, cell: (c) => formatCount(c.getValue()) }),
      column.accessor("targetsContacted", {
        header: t("chains.targetsContacted", { year: yearNo }),
        meta: num,
        cell: (c) => <span data-testid={`contacted-${c.row.original.clusterName}`}>{formatCount(c.getValue())}</span>,
      }),
    ],
    [t, yearNo],
  );
  const totalEmpty = chains.reduce((n, c) => n + c.empty, 0);
  const totalLinks = chains.reduce((n, c) => n + c.links, 0);
  return (
    <>
      <div className="page-head">
        <h1>{t("chains.overviewTitle")}</h1>
        <div className="head-actions">
          <Link className="button small" to="/chain-targets">
            {t("nav.chainTargets")}
          </Link>
        </div>
      </div>
      <p className="muted">{t("chains.overviewIntro", { empty: formatCount(totalEmpty), links: formatCount(totalLinks) })}</p>
      <section className="panel">
        <p className="muted">{t("chains.overviewCounts")}</p>
        <p className="muted">{t("chains.filledNote", { year: yearNo, from: year.from, to: year.to })}</p>
        <p className="muted">{t("chains.targetsNote", { year: yearNo, from: year.from, to: year.to })}</p>
        <div className="table-wrap">
          <DataTable<Row> data={chains} columns={columns} emptyText={t("chains.noChains")} getRowId={(r) => String(r.clusterId)} />
        </div>
      </section>
      <StrengthRule />
    </>
  );
}
