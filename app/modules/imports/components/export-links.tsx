import { useLocation } from "@remix-run/react";
import { useT } from "~/lib/use-i18n";

/** Download links for a list's current filtered view (its URL's filters and sort, every page) as XLSX or CSV. */
export function ExportLinks({ path }: { path: string }) {
  const location = useLocation();
  const t = useT();
  const href = (format: "xlsx" | "csv") => {
    const params = new URLSearchParams(location.search);
    params.delete("after");
    params.delete("before");
    params.set("export", format);
    return `${path}?${params}`;
  };
  return (
    <span className="export-links">
      <a className="button" href={href("xlsx")} download>
        {t("import.exportXlsx")}
      </a>
      <a className="button" href={href("csv")} download>
        {t("import.exportCsv")}
      </a>
    </span>
  );
}
