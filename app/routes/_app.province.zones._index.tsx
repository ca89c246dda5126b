import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canAdministerZones } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { listZones } from "~/modules/zones/zones.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "zones.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canAdministerZones(user));
  const zones = await listZones();
  return { zones: zones.map((z) => ({ ...z, createdAt: z.createdAt.toISOString() })) };
}

type ZoneRow = ReturnType<typeof useLoaderData<typeof loader>>["zones"][number];
const column = createColumnHelper<ZoneRow>();

export default function ZonesPage() {
  const { zones } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("name", { header: t("zones.name"), meta: { cardTitle: true } satisfies ColumnMeta }),
      column.accessor("code", { header: t("zones.code") }),
      column.accessor("city", { header: t("zones.city"), cell: (c) => c.getValue() ?? t("common.none") }),
      column.accessor("companies", { header: t("zones.companies"), meta: { className: "num" } satisfies ColumnMeta }),
      column.accessor("users", { header: t("zones.users"), meta: { className: "num" } satisfies ColumnMeta }),
      column.accessor("admins", { header: t("zones.admins"), cell: (c) => (c.getValue().length ? c.getValue().join("、") : t("common.none")) }),
      column.accessor("createdAt", {
        header: t("zones.createdAt"),
        meta: { className: "nowrap muted" } satisfies ColumnMeta,
        cell: (c) => formatDateTime(c.getValue()),
      }),
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("zones.title")}</h1>
        <Link to="/province/zones/new" className="button primary">
          {t("zones.new")}
        </Link>
      </div>
      <p className="muted">{t("zones.intro")}</p>
      <div className="table-wrap">
        <DataTable<ZoneRow> data={zones} columns={columns} emptyText={t("common.noRows")} getRowId={(z) => String(z.id)} />
        <div className="table-foot">{t("common.rows", { n: zones.length })}</div>
      </div>
    </>
  );
}
