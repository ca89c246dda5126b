import { Form, useLocation } from "@remix-run/react";
import { useLang, useT } from "~/lib/use-i18n";

export function LanguageSwitch({ className }: { className?: string }) {
  const lang = useLang();
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/lang" reloadDocument className="inline">
      <input type="hidden" name="lang" value={lang === "zh" ? "en" : "zh"} />
      <input type="hidden" name="back" value={location.pathname + location.search} />
      <button type="submit" className={className ?? "button small"}>
        {t("nav.language")}
      </button>
    </Form>
  );
}
