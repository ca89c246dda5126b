// The province's tables as sheets (through the one shared XLSX/CSV module): by zone (with each zone's published
// state), by city, by cluster, the zones' targets. A zone's companies and projects reuse the zone report's sheets.
import type { Translate } from "~/lib/i18n";
import type { ExportCell, ExportColumn, ExportTable } from "~/modules/export/table-export.server";
import type { MilestoneCells } from "~/modules/reports/comparison";
import { MILESTONES } from "~/modules/reports/milestones";
import type { ProvinceReport, ZoneTargetRow } from "./figures.server";

function figureColumns(t: Translate): ExportColumn[] {
  return MILESTONES.flatMap((m) => [
    { key: `${m}Count`, header: `${t(`reports.milestone.${m}`)}${t("reports.count")}`, kind: "int" as const },
    { key: `${m}Wan`, header: `${t(`reports.milestone.${m}`)}${t("reports.investmentWan")}`, kind: "wan" as const },
  ]);
}

function figureCells(cells: MilestoneCells): Record<string, ExportCell> {
  return Object.fromEntries(
    MILESTONES.flatMap((m) => [
      [`${m}Count`, cells[m].count],
      [`${m}Wan`, cells[m].investmentWan],
    ]),
  );
}

const fileName = (t: Translate, part: string, period: { from: string; to: string }) => `${t("province.csvFile")}-${part}-${period.from}-${period.to}`;

/** By zone: each zone's reported figures (published, else live and marked 未发布); the totals row is the live total. */
export function provinceZonesExport(report: ProvinceReport, t: Translate): ExportTable {
  return {
    fileName: fileName(t, "zones", report.period),
    sheetName: t("province.byZone"),
    columns: [
      { key: "zone", header: t("province.zone") },
      { key: "city", header: t("province.city") },
      { key: "published", header: t("province.publishedCol") },
      ...figureColumns(t),
    ],
    rows: report.zones.map((z) => ({
      zone: z.name,
      city: z.city ?? "",
      published: z.published ? t("province.publishedAt", { at: z.published.at.slice(0, 10) }) : t("province.notPublished"),
      ...figureCells(z.reported),
    })),
    totalsLabel: t("province.totalLive", { n: report.total.zones }),
    totals: figureCells(report.total.live),
  };
}

export function provinceCitiesExport(report: ProvinceReport, t: Translate): ExportTable {
  return {
    fileName: fileName(t, "cities", report.period),
    sheetName: t("province.byCity"),
    columns: [{ key: "city", header: t("province.city") }, { key: "zones", header: t("province.zoneCount"), kind: "int" }, ...figureColumns(t)],
    rows: report.cities.map((c) => ({ city: c.name ?? t("province.noCity"), zones: c.zoneCount, ...figureCells(c.live) })),
    totalsLabel: t("province.totalLive", { n: report.total.zones }),
    totals: figureCells(report.total.live),
  };
}

export function provinceClustersExport(report: ProvinceReport, t: Translate): ExportTable {
  return {
    fileName: fileName(t, "clusters", report.period),
    sheetName: t("province.byCluster"),
    columns: [{ key: "cluster", header: t("reports.cluster") }, ...figureColumns(t)],
    rows: report.clusters.map((c) => ({ cluster: c.name || t("province.otherCompanies"), ...figureCells(c.live) })),
    totalsLabel: t("province.totalLive", { n: report.total.zones }),
    totals: figureCells(report.total.live),
  };
}

/** The zones' targets: a zone without targets has empty (—) target and completion cells, never 0. */
export function provinceTargetsExport(rows: ZoneTargetRow[], year: number, asOf: string, t: Translate): ExportTable {
  return {
    fileName: `${t("province.csvFile")}-targets-${year}`,
    sheetName: t("province.targetsTitle", { year, date: asOf }),
    columns: [
      { key: "zone", header: t("province.zone") },
      { key: "companies", header: t("province.targetCompanies"), kind: "int" },
      { key: "signedActual", header: `${t("targets.signedCount")}·${t("targets.actual")}`, kind: "int" },
      { key: "signedTarget", header: `${t("targets.signedCount")}·${t("targets.target")}`, kind: "int" },
      { key: "signedPct", header: `${t("targets.signedCount")}·%`, kind: "percent" },
      { key: "wanActual", header: `${t("province.targetSignedWan")}·${t("targets.actual")}`, kind: "wan" },
      { key: "wanTarget", header: `${t("province.targetSignedWan")}·${t("targets.target")}`, kind: "wan" },
      { key: "wanPct", header: `${t("province.targetSignedWan")}·%`, kind: "percent" },
      { key: "constructionActual", header: `${t("targets.constructionCount")}·${t("targets.actual")}`, kind: "int" },
      { key: "constructionTarget", header: `${t("targets.constructionCount")}·${t("targets.target")}`, kind: "int" },
      { key: "constructionPct", header: `${t("targets.constructionCount")}·%`, kind: "percent" },
      { key: "productionActual", header: `${t("targets.productionCount")}·${t("targets.actual")}`, kind: "int" },
      { key: "productionTarget", header: `${t("targets.productionCount")}·${t("targets.target")}`, kind: "int" },
      { key: "productionPct", header: `${t("targets.productionCount")}·%`, kind: "percent" },
    ],
    rows: rows.map((z) => ({
      zone: z.name,
      companies: z.target?.companies,
      signedActual: z.actual.signedCount,
      signedTarget: z.target?.signedCount,
      signedPct: z.completion.signedCount,
      wanActual: z.actual.signedInvestmentWan,
      wanTarget: z.target?.signedInvestmentWan,
      wanPct: z.completion.signedInvestment,
      constructionActual: z.actual.constructionCount,
      constructionTarget: z.target?.constructionCount,
      constructionPct: z.completion.constructionCount,
      productionActual: z.actual.productionCount,
      productionTarget: z.target?.productionCount,
      productionPct: z.completion.productionCount,
    })),
    missingText: "—",
  };
}
