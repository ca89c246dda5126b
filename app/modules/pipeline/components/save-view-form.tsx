import { useLocation } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { useT } from "~/lib/use-i18n";
import { saveViewSchema } from "../views.schema";

/** Saves the page's current filter under a name (POST /views); managers may share it with the company. */
export function SaveViewForm({ list, canShare }: { list: "projects" | "board" | "chasing"; canShare: boolean }) {
  // Keyed by the location: after saving (a redirect back here) the form starts closed and empty again.
  return <SaveViewDetails key={useLocation().key} list={list} canShare={canShare} />;
}

function SaveViewDetails({ list, canShare }: { list: "projects" | "board" | "chasing"; canShare: boolean }) {
  const t = useT();
  const location = useLocation();
  // The action answers with a redirect back here (a refusal as a flash message): the browser's check is the
  // message next to the field.
  const f = useZodForm(saveViewSchema, { intent: "save" });
  return (
    <details className="save-view">
      <summary className="button">{t("views.save")}</summary>
      <ZodForm form={f} action="/views" className="save-view-form">
        <input type="hidden" name="list" value={list} />
        <input type="hidden" name="query" value={location.search.replace(/^\?/, "")} />
        <input type="hidden" name="back" value={location.pathname + location.search} />
        <TextField form={f} name="name" label={t("views.name")} maxLength={40} />
        {canShare ? (
          <label className="check">
            <input type="checkbox" value="on" {...f.checkbox("shared")} /> {t("views.shared")}
          </label>
        ) : null}
        <button type="submit" className="button primary small">
          {t("common.save")}
        </button>
      </ZodForm>
    </details>
  );
}
