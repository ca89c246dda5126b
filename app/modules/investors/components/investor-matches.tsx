import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { useT } from "~/lib/use-i18n";
import type { InvestorMatch } from "../matches";
import { blockingMatch } from "../matches";

const column = createColumnHelper<InvestorMatch>();

/**
 * The same or similar investors the zone already has, and who follows them (company and owner only). When none of
 * them forbids registering, the user may go on with "我已了解，仍然登记" (a submit button that sends confirmed=1).
 */
export function InvestorMatches({ matches, uscc, confirmable }: { matches: InvestorMatch[]; uscc?: string; confirmable: boolean }) {
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("name", {
        header: t("investors.name"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <Link to={`/investors/${c.row.original.id}`} target="_blank" rel="noopener">
            {c.getValue()}
          </Link>
        ),
      }),
      column.accessor("uscc", { header: t("investors.uscc"), meta: { className: "nowrap mono" } satisfies ColumnMeta }),
      column.accessor("match", {
        header: t("investors.matchKind"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => {
          const m = c.row.original;
          return (
            <span className={`badge match-${m.match}`}>
              {m.match === "similar" ? t("investors.match.similar", { score: Math.round(m.similarity * 100) }) : t(`investors.match.${m.match}`)}
            </span>
          );
        },
      }),
      column.accessor("followers", {
        header: t("investors.followers"),
        cell: (c) =>
          c.getValue().length ? (
            <ul className="followers">
              {c.getValue().map((f) => (
                <li key={`${f.company}|${f.owner ?? ""}`}>
                  {f.owner ? t("investors.followerLine", { company: f.company, owner: f.owner }) : f.company}
                  {f.ownCompany ? <span className="badge"> {t("investors.ownCompany")}</span> : null}
                  {f.cofollow ? <span className="badge"> {t("cofollow.follower")}</span> : null}
                  {!f.ownCompany && !f.cofollow ? (
                    // Its own page (a form inside this form is not allowed), in a new tab so the form keeps its input.
                    <Link
                      className="button small cofollow-link"
                      to={`/investors/${c.row.original.id}/cofollow?company=${f.companyId}`}
                      target="_blank"
                      rel="noopener"
                      aria-label={t("cofollow.askLabel", { company: f.company })}
                    >
                      {t("cofollow.ask")}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">{t("investors.noFollowers")}</span>
          ),
      }),
    ],
    [t],
  );
  if (!matches.length) return null;
  const blocking = blockingMatch(matches, uscc);
  return (
    <section className="flash warn matches" aria-labelledby="matches-title">
      <strong id="matches-title">{t("investors.matchesTitle")}</strong>
      <DataTable<InvestorMatch> data={matches} columns={columns} emptyText="" getRowId={(m) => String(m.id)} sticky={false} className="compact" />
      {blocking ? (
        <p className="blocking" role="alert">
          {blocking.match === "uscc" ? t("investors.usccTaken", { name: blocking.name }) : t("investors.nameTaken", { name: blocking.name })}{" "}
          <Link to={`/investors/${blocking.id}`}>{t("investors.viewExisting")} →</Link>
        </p>
      ) : confirmable ? (
        <div className="confirm-row">
          <span className="muted">{t("investors.confirmHint")}</span>
          <button type="submit" name="confirmed" value="1" className="button">
            {t("investors.confirm")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
