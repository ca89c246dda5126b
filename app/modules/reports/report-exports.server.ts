// The leadership pages' tables as exports (through the one shared XLSX/CSV module), in the viewer's language.
import type { Translate } from "~/lib/i18n";
import type { MeasureDef } from "~/lib/scorecard";
import { MEASURES } from "~/lib/scorecard";
import type { ExportCell, ExportColumn, ExportTable } from "~/modules/export/table-export.server";
import type { MilestoneComparison, ReportComparison } from "./comparison";
import type { scorecard } from "./scorecard.server";
import type { TargetRow } from "./targets.server";
import type { trends } from "./trends.server";
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

/**
 * The scorecard as numbers (issue 18): rank, scores and the total as number cells, percentages with a % format.
 * A missing measure is "—" (never 0) with no score under the default rule; a rescaled total says so in its own
 * columns (the weights scored, the missing measures) and the rule in force heads a column of its own.
 */
export function scorecardExport(card: Awaited<ReturnType<typeof scorecard>>, t: Translate): ExportTable {
  const valueKind = (m: MeasureDef): ExportColumn["kind"] => (m.kind === "wan" ? "wan" : m.kind === "int" ? "int" : m.kind === "percent" ? "percent" : "number");
  return {
    fileName: `${t("scorecard.title")}-${card.period.from}-${card.period.to}`,
    sheetName: t("scorecard.title"),
    missingText: "—",
    columns: [
      { key: "rank", header: t("scorecard.rank"), kind: "int" },
      { key: "previousRank", header: t("scorecard.previousRank"), kind: "int" },
      { key: "company", header: t("reports.company") },
      { key: "total", header: t("scorecard.total"), kind: "number", decimals: 2 },
      { key: "weightCovered", header: `${t("scorecard.weightCovered")}（${card.rows[0]?.weightSum ?? 0}）`, kind: "int" },
      { key: "missing", header: t("scorecard.missingMeasures") },
      { key: "rule", header: t("scorecard.missingRuleColumn") },
      ...MEASURES.flatMap((m) => [
        { key: m.key, header: t(`scorecard.measure.${m.key}`), kind: valueKind(m), decimals: m.kind === "decimal" ? 2 : 1 },
        { key: `${m.key}Score`, header: `${t(`scorecard.measure.${m.key}`)} ${t("scorecard.score")}`, kind: "number" as const, decimals: 2 },
      ]),
    ],
    rows: card.rows.map((r) => ({
      rank: r.rank,
      previousRank: r.previousRank,
      company: r.name,
      total: r.total,
      weightCovered: r.weightCovered,
      missing: r.missing.map((k) => t(`scorecard.measure.${k}`)).join("、"),
      rule: t(`scorecard.rule.name.${card.missing}`),
      ...Object.fromEntries(MEASURES.flatMap((m) => [[m.key, r.values[m.key]], [`${m.key}Score`, r.scores[m.key]]])),
    })),
  };
}

/** The year's targets against what was reached: counts and 万元 as numbers, completion as percentages. */
export function targetsExport(rows: TargetRow[], year: number, asOf: string, t: Translate): ExportTable {
  const pct = { kind: "percent" as const, decimals: 1 };
  return {
    fileName: `${t("targets.title")}-${year}-${asOf}`,
    sheetName: `${t("targets.title")} ${year}`,
    missingText: "—",
    columns: [
      { key: "company", header: t("reports.company") },
      { key: "signedCountTarget", header: `${t("targets.signedCount")} ${t("targets.target")}`, kind: "int" },
      { key: "signedCount", header: `${t("targets.signedCount")} ${t("targets.actual")}`, kind: "int" },
      { key: "signedCountCompletion", header: `${t("targets.signedCount")} ${t("targets.completion")}`, ...pct },
      { key: "signedInvestmentTarget", header: `${t("targets.signedInvestment")} ${t("targets.target")}`, kind: "wan" },
      { key: "signedInvestment", header: `${t("targets.signedInvestment")} ${t("targets.actual")}`, kind: "wan" },
      { key: "signedInvestmentCompletion", header: `${t("targets.signedInvestment")} ${t("targets.completion")}`, ...pct },
      { key: "signedInvestmentGap", header: `${t("targets.signedInvestment")} ${t("targets.gap")}`, kind: "wan" },
      { key: "constructionCountTarget", header: `${t("targets.constructionCount")} ${t("targets.target")}`, kind: "int" },
      { key: "constructionCount", header: `${t("targets.constructionCount")} ${t("targets.actual")}`, kind: "int" },
      { key: "constructionCountCompletion", header: `${t("targets.constructionCount")} ${t("targets.completion")}`, ...pct },
      { key: "productionCountTarget", header: `${t("targets.productionCount")} ${t("targets.target")}`, kind: "int" },
      { key: "productionCount", header: `${t("targets.productionCount")} ${t("targets.actual")}`, kind: "int" },
      { key: "productionCountCompletion", header: `${t("targets.productionCount")} ${t("targets.completion")}`, ...pct },
      { key: "overall", header: t("targets.overall"), ...pct },
    ],
    rows: rows.map((r) => ({
      company: r.company,
      signedCountTarget: r.target?.signedCount ?? null,
      signedCount: r.actual.signedCount,
      signedCountCompletion: r.completion.signedCount,
      signedInvestmentTarget: r.target?.signedInvestmentWan ?? null,
      signedInvestment: r.actual.signedInvestmentWan,
      signedInvestmentCompletion: r.completion.signedInvestment,
      signedInvestmentGap: r.gap?.signedInvestmentWan ?? null,
      constructionCountTarget: r.target?.constructionCount ?? null,
      constructionCount: r.actual.constructionCount,
      constructionCountCompletion: r.completion.constructionCount,
      productionCountTarget: r.target?.productionCount ?? null,
      productionCount: r.actual.productionCount,
      productionCountCompletion: r.completion.productionCount,
      overall: r.overall,
    })),
  };
}

/** The trends page's monthly table (the zone's 三个一批 per month of the year) as a sheet of numeric cells. */
export function trendsExport(tr: Awaited<ReturnType<typeof trends>>, t: Translate): ExportTable {
  return {
    fileName: `${t("trends.title")}-${tr.year}`,
    sheetName: `${t("trends.title")} ${tr.year}`,
    columns: [
      { key: "month", header: t("trends.month") },
      ...MILESTONES.flatMap((m): ExportColumn[] => [
        { key: `${m}Count`, header: `${t(`reports.milestone.${m}`)}${t("reports.count")}`, kind: "int" },
        { key: `${m}Wan`, header: `${t(`reports.milestone.${m}`)}${t("reports.investmentWan")}`, kind: "wan" },
      ]),
    ],
    rows: tr.months.map((month, i) => ({
      month,
      ...Object.fromEntries(
        MILESTONES.flatMap((m) => [
          [`${m}Count`, tr.zone.months[m][i].count],
          [`${m}Wan`, tr.zone.months[m][i].investmentWan],
        ]),
      ),
    })),
    totalsLabel: t("common.total"),
  };
}
