// The target list as a file (?export=xlsx|csv): the rows the list shows with its filters, one target a row.
import type { Translate } from "~/lib/i18n";
import type { ExportTable } from "~/modules/export/table-export.server";
import { exportStamp } from "~/modules/imports/list-exports.server";
import type { TargetListRow } from "./targets.server";

export function targetExportTable(rows: TargetListRow[], t: Translate): ExportTable {
  return {
    fileName: `${t("chainTargets.fileName")}-${exportStamp()}`,
    sheetName: t("chainTargets.title").slice(0, 31),
    missingText: "—",
    columns: [
      { key: "cluster", header: t("chains.cluster") },
      { key: "link", header: t("chains.link") },
      { key: "name", header: t("chainTargets.name") },
      { key: "uscc", header: t("chainTargets.uscc") },
      { key: "hqCity", header: t("chainTargets.hqCity") },
      { key: "reason", header: t("chainTargets.reason") },
      { key: "note", header: t("chainTargets.note") },
      { key: "assignee", header: t("chainTargets.assignee") },
      { key: "plannedContactOn", header: t("chainTargets.plannedContactOn") },
      { key: "addedOn", header: t("chainTargets.addedOn") },
      { key: "foundBy", header: t("chainTargets.foundBy") },
      { key: "light", header: t("chainTargets.light") },
      { key: "daysOpen", header: t("chainTargets.daysOpen"), kind: "int" },
      { key: "project", header: t("chainTargets.project") },
    ],
    rows: rows.map((r) => ({
      cluster: r.clusterName,
      link: r.linkName,
      name: r.name,
      uscc: r.uscc,
      hqCity: r.hqCity,
      reason: t(`chainTargets.reason.${r.reason}`),
      note: r.note,
      assignee: r.assigneeName,
      plannedContactOn: r.plannedContactOn,
      addedOn: r.addedOn,
      foundBy: r.foundBy,
      light: r.light ? t(`chainTargets.light.${r.light}`) : t("chainTargets.contacted"),
      daysOpen: r.daysOpen,
      project: r.projectCode,
    })),
  };
}
