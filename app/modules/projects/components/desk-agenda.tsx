// 我的工作台's agenda: the coming 7 days (zone dates), each day with the next actions due and milestones planned.
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-i18n";

type AgendaDay = {
  on: string;
  weekday: number;
  items: { on: string; kind: "next_action" | "sign" | "construction" | "production"; projectId: number; projectName: string; text: string | null }[];
};

export function DeskAgenda({ days }: { days: AgendaDay[] }) {
  const t = useT();
  const empty = days.every((d) => d.items.length === 0);
  return (
    <section className="panel" id="agenda">
      <h2>{t("todo.agenda")}</h2>
      {empty ? <p className="muted">{t("todo.agendaNone")}</p> : null}
      <ol className="agenda">
        {days
          .filter((d) => d.items.length > 0)
          .map((d) => (
            <li key={d.on} data-day={d.on}>
              <h3>
                {d.on} <span className="muted">{t(`todo.weekday.${d.weekday}` as MessageKey)}</span>
              </h3>
              <ul>
                {d.items.map((item, i) => (
                  <li key={`${item.kind}-${item.projectId}-${i}`}>
                    <span className="badge">{t(`todo.kind.${item.kind}`)}</span> <Link to={`/projects/${item.projectId}`}>{item.projectName}</Link>
                    {item.text ? <div className="muted">{item.text}</div> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
      </ol>
    </section>
  );
}
