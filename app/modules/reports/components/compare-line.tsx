import { formatMoney, formatPercent } from "~/lib/format";
import type { Change } from "~/lib/money";
import type { CellComparison } from "../comparison";
import { useT } from "~/lib/use-i18n";

/**
 * Under a figure: the compared period's figure, the difference and the percentage ("—" where the earlier figure is
 * zero). `previous` is a count or a 万元 decimal string; both are formatted as exact decimals, with the figure's
 * own decimals (0 for a count, 2 for money).
 */
export function CompareLine({ previous, change, testId, decimals = 2 }: { previous: string; change: Change; testId?: string; decimals?: number }) {
  const t = useT();
  const zero = /^-?0(\.0+)?$/.test(change.difference);
  const sign = change.difference.startsWith("-") ? "delta-neg" : zero ? "" : "delta-pos";
  const difference = formatMoney(change.difference, decimals);
  return (
    <div className="compare-line small muted" data-testid={testId}>
      {t("reports.compare.before", { value: formatMoney(previous, decimals) })}{" "}
      <span className={sign}>
        {sign === "delta-pos" ? "+" : ""}
        {difference} ({change.percent === null ? "—" : `${change.percent.startsWith("-") ? "" : "+"}${formatPercent(change.percent)}`})
      </span>
    </div>
  );
}

/** The comparison under a count or a 万元 figure of a report's cell; nothing when there is no comparison. */
export function CompareCell({ cmp, figure, testId }: { cmp: CellComparison | null | undefined; figure: "count" | "investmentWan"; testId?: string }) {
  if (!cmp) return null;
  return <CompareLine previous={String(cmp.previous[figure])} change={cmp[figure]} testId={testId} decimals={figure === "count" ? 0 : 2} />;
}
