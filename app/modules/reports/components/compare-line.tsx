import type { Change } from "~/lib/money";
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
