import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-i18n";

/** The pipeline pages' sub-navigation; `query` keeps the company a leader picked (and the filters, where shared). */
export function PipelineTabs({ query, showTeam }: { query: string; showTeam: boolean }) {
  const t = useT();
  const tabs: [string, MessageKey][] = [
    ["/pipeline", "pipeline.tab.board"],
    ["/pipeline/funnel", "pipeline.tab.funnel"],
    ["/pipeline/chasing", "pipeline.tab.chasing"],
    ...(showTeam ? [["/pipeline/team", "pipeline.tab.team"] as [string, MessageKey]] : []),
    ["/pipeline/speed", "pipeline.tab.speed"],
  ];
  return (
    <nav className="sub-tabs" aria-label={t("pipeline.title")}>
      {tabs.map(([to, label]) => (
        <NavLink key={to} to={`${to}${query ? `?${query}` : ""}`} end className={({ isActive }) => (isActive ? "active" : undefined)}>
          {t(label)}
        </NavLink>
      ))}
    </nav>
  );
}
