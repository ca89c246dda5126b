// The leadership pages' tables as exports (through the one shared XLSX/CSV module), in the viewer's language.
import type { Translate } from "~/lib/i18n";
import { MEASURES } from "~/lib/scorecard";
import type { ExportCell, ExportColumn, ExportTable } from "~/modules/export/table-export.server";
import type { MilestoneComparison, ReportComparison } from "./comparison";
import type { scorecard } from "./scorecard.server";
import type { DrillDownRow, ThreeBatchesReport } from "./three-batches.server";
import { MILESTONES } from "./three-batches.server";

/** Excel refuses sheet names with : \\ / ? * [ ] (the English titles have colons). */

/** The columns of one figure against the compared period: its figure there, the difference and the percentage. */
function comparedColumns(key: string, label: string, kind: "int" | "wan", t: Translate): ExportColumn[] {
  return [
    { key: `${key}Previous`, header: t("reports.compare.previousCol", { label }), kind },
    { key: `${key}Difference`, header: t("reports.compare.differenceCol", { label }), kind },
    { key: `${key}Percent`, header: t("reports.compare.percentCol", { label }), kind: "percent" },
  ];
}

function comparedCells(c: MilestoneComparison): Record<string, ExportCell> {
  return Object.fromEntries(
    MILESTONES.flatMap((m) => [
      [`${m}CountPrevious`, c[m].previous.count],
      [`${m}CountDifference`, c[m].count.difference],
      [`${m}CountPercent`, c[m].count.percent],
      [`${m}WanPrevious`, c[m].previous.investmentWan],
      [`${m}WanDifference`, c[m].investmentWan.difference],
      [`${m}WanPercent`, c[m].investmentWan.percent],
    ]),
  );
}

/** 三个一批 as a sheet; with a comparison (同比/环比), each figure is followed by the compared figure, difference and %. */
export function threeBatchesExport(report: ThreeBatchesReport, t: Translate, comparison?: ReportComparison | null): ExportTable {
  const { from, to } = report.period;
  return {
    fileName: `${t("reports.csvFile")}-${from}-${to}${comparison ? `-${comparison.comparison}` : ""}`,
    sheetName: t("reports.threeBatches.title"),
    columns: [
      { key: "company", header: t("reports.company") },
      { key: "cluster", header: t("reports.cluster") },
      ...MILESTONES.flatMap((m) => {
        const count = `${t(`reports.milestone.${m}`)}${t("reports.count")}`;
        const wan = `${t(`reports.milestone.${m}`)}${t("reports.investmentWan")}`;
        return [
          { key: `${m}Count`, header: count, kind: "int" as const },
          ...(comparison ? comparedColumns(`${m}Count`, count, "int", t) : []),
          { key: `${m}Wan`, header: wan, kind: "wan" as const },
          ...(comparison ? comparedColumns(`${m}Wan`, wan, "wan", t) : []),
        ];
      }),
    ],
    rows: report.rows.map((r) => {
      const c = comparison?.rows[String(r.id)];
      return {
        company: r.name,
        cluster: r.cluster ?? "",
        ...Object.fromEntries(MILESTONES.flatMap((m) => [[`${m}Count`, r[m].count], [`${m}Wan`, r[m].investmentWan]])),
        ...(c ? comparedCells(c) : {}),
      };
    }),
    totalsLabel: t("reports.zoneTotal"),
    // The zone's comparison is the totals' own (a sum of the companies' percentages means nothing).
    ...(comparison ? { totals: comparedCells(comparison.total) } : {}),
  };
}

/**
 * The drill-down as a sheet. A hidden row (a confidential project the viewer may not open) says only "保密项目" and
 * its milestone; the totals row is the report's (summed in SQL, exact to the 万元), so hidden rows still count
 * without any one confidential project's figure in the sheet.
 */
export function drillDownExport(
  rows: (DrillDownRow & { hidden?: boolean })[],
  period: { from: string; to: string },
  t: Translate,
  total?: { investmentWan: string },
): ExportTable {
  return {
    fileName: `${t("reports.csvFile")}-${period.from}-${period.to}-projects`,
    sheetName: t("reports.drill.title"),
    columns: [
      { key: "code", header: t("reports.code") },
      { key: "name", header: t("reports.project") },
      { key: "milestone", header: t("reports.milestone") },
      { key: "businessOn", header: t("reports.businessOn"), kind: "date" },
      { key: "investmentWan", header: t("reports.investmentWan"), kind: "wan" },
      { key: "creditCompany", header: t("reports.creditCompany") },
      { key: "ownerCompany", header: t("reports.ownerCompany") },
      { key: "owner", header: t("reports.owner") },
      { key: "stage", header: t("reports.stage") },
      { key: "status", header: t("reports.status") },
      { key: "evidence", header: t("reports.hasEvidence") },
    ],
    rows: rows.map((r) =>
        r.hidden
          ? { code: "", name: t("reports.confidential"), milestone: t(`reports.milestone.${r.milestone}`), businessOn: null, investmentWan: null, creditCompany: "", ownerCompany: "", owner: "", stage: "", status: "", evidence: "" }
          : {
              code: r.code,
              name: r.name,
              milestone: t(`reports.milestone.${r.milestone}`),
              businessOn: r.businessOn,
              investmentWan: r.investmentWan,
              creditCompany: r.creditCompanyName,
              ownerCompany: r.companyName,
              owner: r.ownerName ?? "",
              stage: t(`stage.${r.stage as "lead"}`),
              status: t(`status.${r.status as "active"}`),
              evidence: r.hasEvidence ? t("common.yes") : t("common.no"),
            },
    ),
    totalsLabel: t("common.total"),
    ...(total ? { totals: { investmentWan: total.investmentWan } } : {}),
  };
}

export function scorecardExport(card: Awaited<ReturnType<typeof scorecard>>, t: Translate): ExportTable {
  return {
    fileName: `${t("scorecard.title")}-${card.period.from}-${card.period.to}`,
    sheetName: t("scorecard.title"),
    columns: [
      { key: "rank", header: t("scorecard.rank"), kind: "text" },
      { key: "previousRank", header: t("scorecard.previousRank"), kind: "text" },
      { key: "company", header: t("reports.company") },
      { key: "total", header: t("scorecard.total"), kind: "text" },
      ...MEASURES.flatMap((m) => [
        { key: m.key, header: t(`scorecard.measure.${m.key}`), kind: m.kind === "wan" ? ("wan" as const) : m.kind === "int" ? ("int" as const) : ("text" as const) },
        { key: `${m.key}Score`, header: `${t(`scorecard.measure.${m.key}`)} ${t("scorecard.score")}`, kind: "text" as const },
      ]),
    ],
    rows: card.rows.map((r) => ({
      rank: String(r.rank),
      previousRank: r.previousRank === null ? "" : String(r.previousRank),
      company: r.name,
      total: r.total.toFixed(2),
      ...Object.fromEntries(MEASURES.flatMap((m) => [[m.key, r.values[m.key]], [`${m.key}Score`, r.scores[m.key].toFixed(2)]])),
    })),
  };
}
