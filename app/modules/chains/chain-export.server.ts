// The chain map's table as a file: one row per link (sub-links after their parent), the same figures as the page.
import type { Translate } from "~/lib/i18n";
import type { ExportTable } from "~/modules/export/table-export.server";
import { exportStamp } from "~/modules/imports/list-exports.server";
import type { getChainMap } from "./chains.server";

export function chainExportTable(map: NonNullable<Awaited<ReturnType<typeof getChainMap>>>, t: Translate): ExportTable {
  const rows = map.links.flatMap((l) => [l, ...l.subLinks.map((s) => ({ ...s, parentName: l.name }))]);
  return {
    fileName: `${t("chains.fileName", { cluster: map.chain.clusterName })}-${exportStamp()}`,
    sheetName: map.chain.clusterName.slice(0, 31),
    missingText: "—",
    columns: [
      { key: "segment", header: t("chains.segmentCol") },
      { key: "name", header: t("chains.link") },
      { key: "parent", header: t("chains.parentCol") },
      { key: "strength", header: t("chains.strengthCol") },
      { key: "landed", header: t("chains.landed"), kind: "int" },
      { key: "building", header: t("chains.building"), kind: "int" },
      { key: "signed", header: t("chains.signed"), kind: "int" },
      { key: "pipeline", header: t("chains.pipeline"), kind: "int" },
      { key: "investment", header: t("chains.investment"), kind: "wan" },
      { key: "pipelineWan", header: t("chains.pipelineWan"), kind: "wan" },
      { key: "products", header: t("chains.products") },
      { key: "description", header: t("chains.description") },
    ],
    rows: rows.map((l) => ({
      segment: t(`chains.segment.${l.segment}`),
      name: l.name,
      parent: "parentName" in l ? l.parentName : "",
      strength: t(`chains.strength.${l.figures.strength}`),
      landed: l.figures.landed,
      building: l.figures.building,
      signed: l.figures.signed,
      pipeline: l.figures.pipeline,
      investment: l.figures.investmentWan,
      pipelineWan: l.figures.pipelineWan,
      products: l.products.join("、"),
      description: l.description,
    })),
  };
}
