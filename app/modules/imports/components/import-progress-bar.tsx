import { useT } from "~/lib/use-i18n";
import { formatCount } from "~/lib/format";

/** How far a running import is: checking the rows, then writing them. Indeterminate until the first answer. */
export function ImportProgressBar({ progress }: { progress: { phase: "checking" | "writing"; done: number; total: number } | null }) {
  const t = useT();
  const known = progress && progress.total > 0;
  return (
    <div className="import-progress" role="status" aria-live="polite">
      {known ? <progress max={progress.total} value={progress.done} /> : <progress />}
      <span className="muted">
        {progress ? `${t(progress.phase === "checking" ? "import.checking" : "import.writing")} · ` : ""}
        {known ? t("import.progress", { done: formatCount(progress.done), total: formatCount(progress.total) }) : t("import.working")}
      </span>
    </div>
  );
}
