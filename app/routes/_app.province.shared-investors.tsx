import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { Pager } from "~/components/pager";
import { formatCount } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeSharedInvestors } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { ExportLinks } from "~/modules/imports/components/export-links";
import type { SharedInvestorRow } from "~/modules/investors/shared-investors.server";
import { listSharedInvestors, parseSharedInvestorParams, viewerCityName } from "~/modules/investors/shared-investors.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shared.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeSharedInvestors(user));
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/province/shared-investors/export${url.search}`);
  const params = parseSharedInvestorParams(url.searchParams);
  const [list, city] = await readingReports(() => Promise.all([listSharedInvestors(user, params), viewerCityName(user)]));
  return { ...list, size: params.size, paged: Boolean(params.after), city };
}

const column = createColumnHelper<SharedInvestorRow>();

export default function SharedInvestorsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const navigation = useNavigation();
  const columns = useMemo(
    () => [
      column.accessor("name", {
        header: t("shared.investor"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.uscc ? <div className="muted mono small">{c.row.original.uscc}</div> : null}
          </>
        ),
      }),
      column.accessor((r) => r.zones.length, { id: "zoneCount", header: t("shared.zoneCount"), meta: { numeric: true } satisfies ColumnMeta }),
      column.accessor("zones", {
        header: t("shared.zones"),
        cell: (c) => (
          <ul className="shared-zones">
            {c.getValue().map((z) => (
              <li key={z.zone}>
                {t("shared.zoneLine", { zone: z.zone, stage: t(`stage.${z.furthestStage}`), since: z.since, projects: z.projects })}
                {z.confidential ? t("shared.confidentialNote", { n: z.confidential }) : null}
              </li>
            ))}
          </ul>
        ),
      }),
    ],
    [t],
  );
  const href = (params: Record<string, string>) => `/province/shared-investors?${new URLSearchParams({ size: String(data.size), ...params })}`;
  return (
    <>
      <div className="page-head">
        <h1>{t("shared.title")}</h1>
        <div className="head-actions">
          <ExportLinks path="/province/shared-investors/export" />
        </div>
      </div>
      <p className="muted page-hint">{t("shared.intro")}</p>
      {data.city ? <p className="muted">{t("shared.cityScope", { city: data.city })}</p> : null}
      <div className="table-wrap" aria-busy={navigation.state === "loading"}>
        <DataTable<SharedInvestorRow> data={data.rows} columns={columns} emptyText={t("shared.none")} getRowId={(r) => r.key} />
        <Pager
          total={data.total}
          label={t("shared.count", { n: formatCount(data.total) })}
          nextCursor={data.nextCursor}
          firstHref={href({})}
          showFirst={data.paged}
          pageHref={(key, cursor) => href({ [key]: cursor })}
          size={{ current: data.size, href: (n) => `/province/shared-investors?size=${n}` }}
        />
      </div>
    </>
  );
}
