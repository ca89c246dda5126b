// The zones' ranking as a sheet (issue 20 item 3): rank, change and scores as numbers, a missing measure as "—"
// (never 0), the weights scored, the missing measures and the rule in force in columns of their own.
import type { Translate } from "~/lib/i18n";
import type { ZoneMeasureDef } from "~/lib/zone-ranking";
import { rankChangeText, ZONE_MEASURES } from "~/lib/zone-ranking";
import type { ExportColumn, ExportTable } from "~/modules/export/table-export.server";
import type { ZoneRanking } from "./ranking.server";

const valueKind = (m: ZoneMeasureDef): ExportColumn["kind"] =>
  m.kind === "wan" ? "wan" : m.kind === "int" ? "int" : m.kind === "percent" ? "percent" : "number";

export function zoneRankingExport(ranking: ZoneRanking, t: Translate): ExportTable {
  return {
    fileName: t("ranking.export.file", { from: ranking.period.from, to: ranking.period.to }),
    sheetName: t("ranking.export.sheet"),
    missingText: "—",
    columns: [
      { key: "rank", header: t("scorecard.rank"), kind: "int" },
      { key: "previousRank", header: t("scorecard.previousRank"), kind: "int" },
      { key: "change", header: t("ranking.change") },
      { key: "zone", header: t("ranking.zone") },
      { key: "city", header: t("ranking.city") },
      { key: "total", header: t("scorecard.total"), kind: "number", decimals: 2 },
      { key: "weightCovered", header: `${t("ranking.export.weights")}（${ranking.rows[0]?.weightSum ?? 0}）`, kind: "int" },
      { key: "missing", header: t("ranking.export.missing") },
      { key: "rule", header: t("ranking.export.rule") },
      ...ZONE_MEASURES.flatMap((m): ExportColumn[] => [
        { key: m.key, header: t(`ranking.measure.${m.key}`), kind: valueKind(m), decimals: m.kind === "decimal" ? 2 : 1 },
        { key: `${m.key}Score`, header: `${t(`ranking.measure.${m.key}`)} ${t("scorecard.score")}`, kind: "number", decimals: 2 },
      ]),
    ],
    rows: ranking.rows.map((r) => ({
      rank: r.rank,
      previousRank: r.previousRank,
      change: rankChangeText(r.change, t("ranking.change.new")),
      zone: r.name,
      city: r.city,
      total: r.total,
      weightCovered: r.weightCovered,
      missing: r.missing.map((k) => t(`ranking.measure.${k}`)).join("、"),
      rule: t(`scorecard.rule.name.${ranking.missing}`),
      ...Object.fromEntries(
        ZONE_MEASURES.flatMap((m) => [
          [m.key, r.values[m.key]],
          [`${m.key}Score`, r.scores[m.key]],
        ]),
      ),
    })),
  };
}
