import { Link } from "@remix-run/react";
import { useT } from "~/lib/use-i18n";
import type { InvestorMatch } from "../matches";
import { blockingMatch } from "../matches";

/**
 * The same or similar investors the zone already has, and who follows them (company and owner only). When none of
 * them forbids registering, the user may go on with "我已了解，仍然登记" (a submit button that sends confirmed=1).
 */
export function InvestorMatches({ matches, uscc, confirmable }: { matches: InvestorMatch[]; uscc?: string; confirmable: boolean }) {
  const t = useT();
  if (!matches.length) return null;
  const blocking = blockingMatch(matches, uscc);
  return (
    <section className="flash warn matches" aria-labelledby="matches-title">
      <strong id="matches-title">{t("investors.matchesTitle")}</strong>
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">{t("investors.name")}</th>
            <th scope="col">{t("investors.uscc")}</th>
            <th scope="col">{t("investors.matchKind")}</th>
            <th scope="col">{t("investors.followers")}</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/investors/${m.id}`} target="_blank" rel="noopener">
                  {m.name}
                </Link>
              </td>
              <td className="nowrap mono">{m.uscc ?? "—"}</td>
              <td className="nowrap">
                <span className={`badge match-${m.match}`}>
                  {m.match === "similar"
                    ? t("investors.match.similar", { score: Math.round(m.similarity * 100) })
                    : t(`investors.match.${m.match}`)}
                </span>
              </td>
              <td>
                {m.followers.length ? (
                  <ul className="followers">
                    {m.followers.map((f) => (
                      <li key={`${f.company}|${f.owner ?? ""}`}>
                        {f.owner ? t("investors.followerLine", { company: f.company, owner: f.owner }) : f.company}
                        {f.ownCompany ? <span className="badge"> {t("investors.ownCompany")}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t("investors.noFollowers")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {blocking ? (
        <p className="blocking" role="alert">
          {blocking.match === "uscc"
            ? t("investors.usccTaken", { name: blocking.name })
            : t("investors.nameTaken", { name: blocking.name })}{" "}
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
