import type { ColumnDef } from "@tanstack/react-table";
import { CellLink } from "~/components/cell-link";
import type { ColumnMeta } from "~/components/data-table";
import type { Translate } from "~/lib/i18n";
import { formatCount } from "~/lib/format";
import { formatWan } from "~/lib/money";
import type { MilestoneCells, MilestoneComparison } from "~/modules/reports/comparison";
import { CompareCell } from "~/modules/reports/components/compare-line";
import { MILESTONES } from "~/modules/reports/milestones";
import type { Milestone } from "~/modules/reports/milestones";

/**
 * The six figure columns of 三个一批 (count and 万元 of signed, construction, production) for a province table, with
 * 同比/环比 under each figure when asked and a link to the next level down when the row has one.
 */
export function milestoneColumns<T>(
  t: Translate,
  cellsOf: (row: T) => MilestoneCells,
  compareOf: (row: T) => MilestoneComparison | null,
  linkOf?: (row: T, m: Milestone) => string | null,
): ColumnDef<T, unknown>[] {
  return MILESTONES.flatMap((m) =>
    (["count", "investmentWan"] as const).map((figure): ColumnDef<T, unknown> => ({
      id: `${m}-${figure}`,
      header: `${t(`reports.milestone.${m}`)}${t(figure === "count" ? "reports.count" : "reports.investmentWan")}`,
      meta: { numeric: true } satisfies ColumnMeta,
      cell: ({ row: { original } }) => {
        const cell = cellsOf(original)[m];
        const text = figure === "count" ? formatCount(cell.count) : formatWan(cell.investmentWan);
        const href = linkOf && cell.count ? linkOf(original, m) : null;
        return (
          <>
            {href ? <CellLink to={href}>{text}</CellLink> : cell.count ? text : <span className="muted">{text}</span>}
            <CompareCell cmp={compareOf(original)?.[m]} figure={figure} />
          </>
        );
      },
    })),
  );
}
