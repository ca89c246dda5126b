import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { Lang } from "./i18n";
import { translator } from "./i18n";

type RootData = { lang: Lang };

export function useLang(): Lang {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.lang ?? "zh";
}

export function useT() {
  const lang = useLang();
  return useMemo(() => translator(lang), [lang]);
}
