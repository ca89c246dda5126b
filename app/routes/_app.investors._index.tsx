import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { Pager } from "~/components/pager";
import { formatDateTime } from "~/lib/dates";
import { listLinks } from "~/lib/list-state";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canCreateInvestor } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks } from "~/modules/imports/components/export-links";
import { parseInvestorListParams } from "~/modules/investors/investors.schema";
import { listInvestors } from "~/modules/investors/investors.server";
import { formatCount } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "investors.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  // A page cannot answer with a download: the export is its own route, with the same filters.
  if (requestedExport(url)) throw redirect(`/investors/export${url.search}`);
  const params = parseInvestorListParams(url.searchParams);
  const list = await listInvestors(user, params);
  return {
    params,
    rows: list.rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    total: list.total,
    nextCursor: list.nextCursor,
    prevCursor: list.prevCursor,
    canCreate: canCreateInvestor(user),
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const column = createColumnHelper<Row>();

export default function InvestorListPage() {
  const data = useLoaderData<typeof loader>();
  const { params } = data;
  const t = useT();
  const navigation = useNavigation();
  const location = useLocation();

  const columns = useMemo(
    () => [
      column.accessor("name", {
        id: "name",
        header: t("investors.name"),
        meta: { sortKey: "name", cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/investors/${c.row.original.id}`}>{c.getValue()}</Link>
            {c.row.original.uscc ? <div className="muted mono small">{c.row.original.uscc}</div> : null}
          </>
        ),
      }),
      column.accessor("region", { id: "region", header: t("investors.region"), cell: (c) => c.getValue() ?? "—" }),
      column.accessor("industry", { id: "industry", header: t("investors.industry"), cell: (c) => c.getValue() ?? "—" }),
      column.accessor("companies", {
        id: "companies",
        header: t("investors.followers"),
        cell: (c) =>
          c.getValue().length ? (
            <span className="chips">
              {c.getValue().map((name) => (
                <span key={name} className="badge">
                  {name}
                </span>
              ))}
            </span>
          ) : (
            <span className="muted">{t("investors.noFollowers")}</span>
          ),
      }),
      column.accessor("visibleProjects", {
        id: "projects",
        header: t("investors.visibleProjects"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => (c.getValue() ? c.getValue() : <span className="muted">0</span>),
      }),
      column.accessor("updatedAt", {
        id: "updated",
        header: t("investors.updatedAt"),
        meta: { sortKey: "updated" } satisfies ColumnMeta,
        cell: (c) => <span className="nowrap">{formatDateTime(c.getValue())}</span>,
      }),
    ],
    [t],
  );

  const { sortHref, pageHref, firstHref, sizeHref } = listLinks(params, { q: params.q });

  return (
    <>
      <div className="page-head">
        <h1>{t("investors.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("common.rows", { n: formatCount(data.total) })}</span>
          <ExportLinks path="/investors/export" />
          {data.canCreate ? (
            <Link to="/investors/new" className="button primary">
              {t("investors.new")}
            </Link>
          ) : null}
        </div>
      </div>

      {/* Keyed by the URL: the field is uncontrolled, so a navigation must reset it. */}
      <Form key={location.search} method="get" className="filters" role="search">
        {params.sort !== "updated" ? <input type="hidden" name="sort" value={params.sort} /> : null}
        {params.dir !== "desc" ? <input type="hidden" name="dir" value={params.dir} /> : null}
        <div className="field">
          <label htmlFor="q">{t("common.search")}</label>
          <input id="q" type="search" name="q" defaultValue={params.q ?? ""} placeholder={t("investors.searchPlaceholder")} />
        </div>
        <button type="submit" className="button primary">
          {t("common.search")}
        </button>
        <Link to="/investors" className="button">
          {t("common.reset")}
        </Link>
      </Form>

      <div className="table-wrap" aria-busy={navigation.state === "loading"}>
        <DataTable<Row>
          data={data.rows}
          columns={columns}
          sort={params.sort}
          dir={params.dir}
          sortHref={sortHref}
          emptyText={t("common.noRows")}
          getRowId={(r) => String(r.id)}
        />
        <Pager
          total={data.total}
          prevCursor={data.prevCursor}
          nextCursor={data.nextCursor}
          firstHref={firstHref}
          pageHref={pageHref}
          size={{ current: params.size, href: sizeHref }}
        />
      </div>
    </>
  );
}
