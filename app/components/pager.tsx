import { Link } from "@remix-run/react";
import { PAGE_SIZES } from "~/lib/list-state";
import { useT } from "~/lib/use-i18n";
import { formatCount } from "~/lib/format";

/** The foot of a keyset-paged table: the row count and first / previous / next links. */
export function Pager({
  total,
  more = false,
  prevCursor,
  nextCursor,
  firstHref,
  pageHref,
  showFirst = false,
  size,
  label,
}: {
  total: number;
  /** The count as the page words it (e.g. "共 N 个项目"); "共 N 条" unless told. */
  label?: string;
  /** The count stopped at `total`: there are more rows (shown as "10,000+"). */
  more?: boolean;
  prevCursor?: string;
  nextCursor?: string;
  firstHref: string;
  pageHref: (key: "after" | "before", cursor: string) => string;
  /** A forward-only list past its first page: the way back to it (without a previous-page link). */
  showFirst?: boolean;
  /** The page size and the link to each other size (lists whose URL carries `size`). */
  size?: { current: number; href: (size: number) => string };
}) {
  const t = useT();
  return (
    <div className="table-foot">
      <span>{label ?? t("common.rows", { n: `${formatCount(total)}${more ? "+" : ""}` })}</span>
      <nav className="pager" aria-label="pagination">
        {size ? (
          <span className="page-sizes">
            {t("common.perPage")}
            {PAGE_SIZES.map((n) =>
              n === size.current ? (
                <strong key={n} aria-current="true">
                  {n}
                </strong>
              ) : (
                <Link key={n} to={size.href(n)}>
                  {n}
                </Link>
              ),
            )}
          </span>
        ) : null}
        {prevCursor || showFirst ? (
          <Link className="button small" to={firstHref}>
            {t("common.first")}
          </Link>
        ) : null}
        {prevCursor ? (
          <Link className="button small" to={pageHref("before", prevCursor)} rel="prev">
            {t("common.prev")}
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className="button small" to={pageHref("after", nextCursor)} rel="next">
            {t("common.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
