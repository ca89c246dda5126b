import type { Change } from "~/lib/money";
import type { CellComparison } from "../comparison";
import { formatSigned, formatWan } from "~/lib/money";
import { useT } from "~/lib/use-i18n";

/**
 * Under a figure: the compared period's figure, the difference and the percentage ("—" where the earlier figure is
 * zero). `previous` is a count or a 万元 decimal string; both are formatted as exact decimals.
 */
export function CompareLine({ previous, change, testId }: { previous: string; change: Change; testId?: string }) {
  const t = useT();
  const sign = change.difference.startsWith("-") ? "delta-neg" : /^0(\.0+)?$/.test(change.difference) ? "" : "delta-pos";
  return (
    <div className="compare-line small muted" data-testid={testId}>
      {t("reports.compare.before", { value: formatWan(previous) })}{" "}
      <span className={sign}>
        {formatSigned(change.difference)} ({change.percent === null ? "—" : `${change.percent.startsWith("-") ? "" : "+"}${change.percent}%`})
      </span>
    </div>
  );
}

/** The comparison under a count or a 万元 figure of a report's cell; nothing when there is no comparison. */
export function CompareCell({ cmp, figure, testId }: { cmp: CellComparison | null | undefined; figure: "count" | "investmentWan"; testId?: string }) {
  if (!cmp) return null;
  return <CompareLine previous={String(cmp.previous[figure])} change={cmp[figure]} testId={testId} />;
}
