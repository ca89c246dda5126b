// The shared-investors list leaves as a sheet: one row per investor and zone, the groups in the page's order.
import type { Translate } from "~/lib/i18n";
import type { Viewer } from "~/modules/auth/policy";
import type { ExportFormat, ExportTable } from "~/modules/export/table-export.server";
import { exportResponse } from "~/modules/export/table-export.server";
import { EXPORT_MAX_ROWS, exportStamp } from "~/modules/imports/list-exports.server";
import { listAllSharedInvestors } from "./shared-investors.server";

export async function exportSharedInvestors(viewer: Viewer, format: ExportFormat, t: Translate) {
  const groups = await listAllSharedInvestors(viewer, EXPORT_MAX_ROWS);
  const table: ExportTable = {
    fileName: `${t("shared.title")}-${exportStamp()}`,
    sheetName: t("nav.sharedInvestors"),
    columns: [
      { key: "name", header: t("shared.investor") },
      { key: "uscc", header: t("shared.uscc") },
      { key: "zoneCount", header: t("shared.zoneCount"), kind: "int" },
      { key: "zone", header: t("shared.zone") },
      { key: "city", header: t("shared.city") },
      { key: "stage", header: t("shared.furthestStage") },
      { key: "since", header: t("shared.since"), kind: "date" },
      { key: "projects", header: t("shared.projects"), kind: "int" },
      { key: "confidential", header: t("shared.confidential"), kind: "int" },
    ],
    rows: groups.flatMap((g) =>
      g.zones.map((z) => ({
        name: g.name,
        uscc: g.uscc,
        zoneCount: g.zones.length,
        zone: z.zone,
        city: z.city,
        stage: t(`stage.${z.furthestStage}`),
        since: z.since,
        projects: z.projects,
        confidential: z.confidential,
      })),
    ),
  };
  return exportResponse(table, format);
}
