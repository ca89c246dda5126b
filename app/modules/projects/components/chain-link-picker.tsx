// The links of the project's cluster's industry chain it fills (issue 22): checkboxes of one name, those of the
// chosen cluster only; links whose key products appear in the project's name are suggested. Without JavaScript
// the cluster the page opened with decides which links are listed; the server refuses links of another cluster.
import type { ZodFormApi } from "~/components/zod-form";
import { suggestLinks } from "~/lib/chain-strength";
import type { ChainSegment } from "~/lib/chain-strength";
import { translateError } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import type { createProjectSchema, updateProjectSchema } from "../project-form.schema";

export type ChainLinkOption = { id: number; clusterId: number; parentId: number | null; name: string; segment: ChainSegment; products: string[] };

export function ChainLinkPicker({
  form: f,
  links,
}: {
  form: ZodFormApi<typeof createProjectSchema> | ZodFormApi<typeof updateProjectSchema>;
  links: ChainLinkOption[];
}) {
  const t = useT();
  const g = f as ZodFormApi<typeof updateProjectSchema>;
  const clusterId = Number(g.watch("clusterId"));
  const name = String(g.watch("name") ?? "");
  const own = links.filter((l) => l.clusterId === clusterId);
  const suggested = new Set(suggestLinks(name, own).map((l) => l.id));
  const error = g.error("chainLinkIds");
  if (!clusterId) return null;
  return (
    <fieldset className="chain-link-picker" aria-describedby={error ? "chain-links-error" : undefined}>
      <legend>{t("projects.chainLinks")}</legend>
      {own.length ? (
        <>
          <p className="muted small">{suggested.size ? t("projects.chainLinksSuggested") : t("projects.chainLinksHint")}</p>
          <div className="chain-link-options">
            {own.map((l) => (
              <label key={l.id} className={`checkbox${l.parentId ? " chain-sub" : ""}`}>
                <input {...g.option("chainLinkIds", l.id)} /> {l.parentId ? "└ " : ""}
                {l.name} <span className="muted">· {t(`chains.segment.${l.segment}`)}</span>
                {suggested.has(l.id) ? <span className="tag suggested"> {t("projects.chainLinkSuggested")}</span> : null}
              </label>
            ))}
          </div>
        </>
      ) : (
        <p className="muted small">{t("projects.chainLinksNone")}</p>
      )}
      {error ? (
        <p id="chain-links-error" className="field-error" role="alert">
          {translateError(t, error)}
        </p>
      ) : null}
    </fieldset>
  );
}
