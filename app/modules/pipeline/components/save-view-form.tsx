import { Form, useLocation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { useT } from "~/lib/use-i18n";

/** Saves the page's current filter under a name (POST /views); managers may share it with the company. */
export function SaveViewForm({ list, canShare }: { list: "projects" | "board" | "chasing"; canShare: boolean }) {
  const t = useT();
  const location = useLocation();
  return (
    <details key={location.key} className="save-view">
      <summary className="button">{t("views.save")}</summary>
      <Form method="post" action="/views" className="save-view-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="list" value={list} />
        <input type="hidden" name="query" value={location.search.replace(/^\?/, "")} />
        <input type="hidden" name="back" value={location.pathname + location.search} />
        <label htmlFor={`view-name-${list}`}>{t("views.name")}</label>
        <input id={`view-name-${list}`} name="name" required maxLength={40} />
        {canShare ? (
          <label className="check">
            <input type="checkbox" name="shared" value="on" /> {t("views.shared")}
          </label>
        ) : null}
        <button type="submit" className="button primary small">
          {t("common.save")}
        </button>
      </Form>
    </details>
  );
}
