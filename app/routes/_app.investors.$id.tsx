import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StageBadge, StatusBadge } from "~/components/badges";
import { formatDateTime } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { formatWan } from "~/lib/money";
import { useT } from "~/lib/use-i18n";
import { canCreateInvestor, canCreateProjectIn } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { getInvestorForViewer } from "~/modules/investors/investors.server";
import { invariantResponse, parseId } from "~/modules/http/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? { text: data.investor.name } : "error.notFoundTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Another zone's investor, or none: the same 404.
  const found = await getInvestorForViewer(user, parseId(params.id));
  invariantResponse(found);
  const { investor, contacts, projects, otherFollowers, canEdit } = found;
  return {
    investor: { ...investor, createdAt: investor.createdAt.toISOString(), updatedAt: investor.updatedAt.toISOString() },
    contacts: contacts.map(({ inUse: _u, ...c }) => c),
    projects,
    otherFollowers,
    canEdit,
    // Staff and managers who may not edit are told who may; leaders and admins only read anyway.
    showEditHint: !canEdit && canCreateInvestor(user),
    // Leaders see every project, so nobody else's follow-up is hidden from them: the panel would always be empty.
    showOtherFollowers: otherFollowers.length > 0 || canCreateInvestor(user),
    canCreateProject: user.companyId !== null && canCreateProjectIn(user, user.companyId),
  };
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const dash = (v: string | null | undefined) => (v ? v : "—");

/** Only a web address becomes a link (never javascript: or the like). */
function Website({ url }: { url: string | null }) {
  if (!url) return <>—</>;
  const href = /^https?:\/\//i.test(url) ? url : /^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(url) ? `https://${url}` : null;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {url}
    </a>
  ) : (
    <>{url}</>
  );
}

export default function InvestorPage() {
  const { investor: i, contacts, projects, otherFollowers, canEdit, showEditHint, showOtherFollowers, canCreateProject } =
    useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/investors">← {t("investors.title")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {i.name} {i.uscc ? <span className="muted mono title-code">{i.uscc}</span> : null}
        </h1>
        <div className="head-actions">
          {canCreateProject ? (
            <Link to={`/projects/new?investor=${i.id}`} className="button">
              {t("investors.newProject")}
            </Link>
          ) : null}
          {canEdit ? (
            <Link to={`/investors/${i.id}/edit`} className="button primary">
              {t("investors.edit")}
            </Link>
          ) : null}
        </div>
      </div>
      {showEditHint ? <p className="muted page-hint">{t("investors.readOnlyHint")}</p> : null}

      <div className="two-col">
        <div>
          <section className="panel">
            <h2>{t("investors.basics")}</h2>
            <div className="detail-grid">
              <dl className="facts">
                <Fact label={t("investors.uscc")}>
                  <span className="mono">{dash(i.uscc)}</span>
                </Fact>
                <Fact label={t("investors.region")}>{dash(i.region)}</Fact>
                <Fact label={t("investors.industry")}>{dash(i.industry)}</Fact>
                <Fact label={t("investors.website")}>
                  <Website url={i.website} />
                </Fact>
              </dl>
              <dl className="facts">
                <Fact label={t("investors.createdBy")}>{dash(i.createdByName)}</Fact>
                <Fact label={t("investors.createdAt")}>{formatDateTime(i.createdAt)}</Fact>
                <Fact label={t("investors.updatedAt")}>{formatDateTime(i.updatedAt)}</Fact>
                <Fact label={t("investors.notes")}>{dash(i.notes)}</Fact>
              </dl>
            </div>
          </section>

          <section className="panel">
            <h2>
              {t("investors.projects")} <span className="muted count">{projects.length}</span>
            </h2>
            {projects.length ? (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t("projects.code")}</th>
                    <th scope="col">{t("projects.name")}</th>
                    <th scope="col">{t("projects.company")}</th>
                    <th scope="col">{t("projects.owner")}</th>
                    <th scope="col">{t("projects.stage")}</th>
                    <th scope="col" className="num">
                      {t("projects.totalInvestment")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {projects.map((p) => (
                    <tr key={p.id}>
                      <td className="nowrap">{p.code}</td>
                      <td>
                        <Link to={`/projects/${p.id}`}>{p.name}</Link>
                        {p.confidential ? <span className="badge confidential"> {t("projects.confidential")}</span> : null}
                      </td>
                      <td className="nowrap">{p.companyName}</td>
                      <td className="nowrap">{dash(p.ownerName)}</td>
                      <td className="nowrap">
                        <StageBadge stage={p.stage} />
                        {p.status !== "active" ? (
                          <>
                            {" "}
                            <StatusBadge status={p.status} />
                          </>
                        ) : null}
                      </td>
                      <td className="num">{formatWan(p.totalInvestmentWan)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">{t("investors.noProjects")}</p>
            )}
          </section>
        </div>

        <div>
          <section className="panel">
            <h2>
              {t("investors.contacts")} <span className="muted count">{contacts.length}</span>
            </h2>
            {contacts.length ? (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t("investors.contactName")}</th>
                    <th scope="col">{t("investors.contactTitle")}</th>
                    <th scope="col">{t("investors.contactMobile")}</th>
                    <th scope="col">{t("investors.contactEmail")}</th>
                  </tr>
                </thead>
                <tbody>
                  {contacts.map((c) => (
                    <tr key={c.id}>
                      <td className="nowrap">
                        {c.name}
                        {c.notes ? <div className="muted small">{c.notes}</div> : null}
                      </td>
                      <td>{dash(c.title)}</td>
                      <td className="nowrap mono">{dash(c.mobile)}</td>
                      <td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">{t("investors.noContacts")}</p>
            )}
          </section>

          {showOtherFollowers ? (
            <section className="panel">
              <h2>{t("investors.otherFollowers")}</h2>
              {otherFollowers.length ? (
                <>
                  <p className="muted small">{t("investors.otherFollowersHint")}</p>
                  <ul className="followers">
                    {otherFollowers.map((f) => (
                      <li key={`${f.company}|${f.owner ?? ""}`}>
                        {f.owner ? t("investors.followerLine", { company: f.company, owner: f.owner }) : f.company}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="muted">{t("investors.noOtherFollowers")}</p>
              )}
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}
