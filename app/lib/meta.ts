import type { MessageKey } from "./i18n";
import { parseLang, translator } from "./i18n";

type Match = { id: string; data: unknown };

/** "<page> · <app name>" in the viewer's language, read from the root loader's data. */
export function pageTitle(matches: Match[], page: MessageKey | { text: string }) {
  const root = matches.find((m) => m.id === "root")?.data as { lang?: string } | undefined;
  const t = translator(parseLang(root?.lang));
  const name = typeof page === "string" ? t(page) : page.text;
  return [{ title: `${name} · ${t("app.name")}` }];
}
