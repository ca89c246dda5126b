import { Link } from "@remix-run/react";
import { useT } from "~/lib/use-i18n";
import type { MessageKey } from "~/lib/i18n";

type ColumnsMenuProps = {
  /** The columns a user may hide, as [column id, label key]. */
  columns: readonly (readonly [string, MessageKey])[];
  hidden: readonly string[];
  /** The URL of this list with `hide` set to the given columns (empty: none hidden). */
  hideHref: (hidden: string) => string;
};

/** The "显示列" menu: links that add or drop a column from the URL's `hide`, so it works without JavaScript. */
export function ColumnsMenu({ columns, hidden, hideHref }: ColumnsMenuProps) {
  const t = useT();
  return (
    <details className="columns-menu">
      <summary className="button">{t("common.columns")}</summary>
      <div className="columns-list">
        {columns.map(([id, key]) => {
          const shown = !hidden.includes(id);
          const next = shown ? [...hidden, id] : hidden.filter((h) => h !== id);
          return (
            <Link key={id} to={hideHref(next.join(","))} preventScrollReset>
              {shown ? "☑" : "☐"} {t(key)}
            </Link>
          );
        })}
      </div>
    </details>
  );
}

/** The hideable columns the URL's `hide` names, unknown ones dropped. */
export function parseHidden<C extends string>(searchParams: URLSearchParams, hideable: readonly C[]): C[] {
  return (searchParams.get("hide") ?? "").split(",").filter((c): c is C => (hideable as readonly string[]).includes(c));
}
