import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInZone } from "~/lib/dates";
import { getTranslator } from "~/modules/auth/lang.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse } from "~/modules/http/respond.server";
import { zoneCompanyReport, zoneProjects } from "~/modules/province/drill.server";
import { provinceReport, provinceTargets, readableZones } from "~/modules/province/figures.server";
import { provinceCitiesExport, provinceClustersExport, provinceTargetsExport, provinceZonesExport } from "~/modules/province/province-exports.server";
import { milestoneParam, provincePeriod, requireCity, requireProvinceReader, requireZone } from "~/modules/province/province-routes.server";
import { drillDownExport, threeBatchesExport } from "~/modules/reports/report-exports.server";
import { reportCompanies } from "~/modules/reports/three-batches.server";

// The downloads of the province's pages: /province/export/<table>?<the page's query>&export=xlsx|csv, for the
// same reader and the same zones the page shows (a city leader's city only).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, reader } = await requireProvinceReader(request);
  const url = new URL(request.url);
  const format = requestedExport(url) ?? "xlsx";
  const t = await getTranslator(request);
  const { period, compare } = provincePeriod(url);
  switch (params.table) {
    case "zones":
    case "cities":
    case "clusters": {
      const report = await provinceReport(await readableZones(reader), period, compare);
      const table = params.table === "zones" ? provinceZonesExport : params.table === "cities" ? provinceCitiesExport : provinceClustersExport;
      return exportResponse(table(report, t), format);
    }
    case "targets": {
      const year = Number(period.to.slice(0, 4));
      const today = todayInZone();
      const asOf = today < `${year}-12-31` ? today : `${year}-12-31`;
      return exportResponse(provinceTargetsExport(await provinceTargets(await readableZones(reader), year, asOf), year, asOf, t), format);
    }
    case "city": {
      const city = await requireCity(reader, url.searchParams.get("city") ?? undefined);
      return exportResponse(provinceZonesExport(await provinceReport(city.zones, period, compare), t), format);
    }
    case "zone": {
      const zone = await requireZone(reader, url.searchParams.get("zone") ?? undefined);
      return exportResponse(threeBatchesExport(await zoneCompanyReport(zone, period), t), format);
    }
    case "zone-projects": {
      const zone = await requireZone(reader, url.searchParams.get("zone") ?? undefined);
      const companyParam = url.searchParams.get("company");
      const company = companyParam ? (await reportCompanies(zone.id)).find((c) => String(c.id) === companyParam) : null;
      invariantResponse(!companyParam || company);
      const result = await zoneProjects(
        user,
        zone,
        { from: period.from, to: period.to, companyId: company?.id ?? null, milestone: milestoneParam(url) },
        null,
      );
      const rows = result.rows.map((r) => ({ ...r, projectId: 0, companyId: 0, ownerId: null }));
      return exportResponse(drillDownExport(rows, period, t, result.total), format);
    }
    default:
      invariantResponse(false);
  }
}
