import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { StageBadge, StatusBadge } from "~/components/badges";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
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

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;
type ProjectRow = PageData["projects"][number];
type ContactRow = PageData["contacts"][number];
const projectColumn = createColumnHelper<ProjectRow>();
const contactColumn = createColumnHelper<ContactRow>();

export default function InvestorPage() {
  const {
    investor: i,
    contacts,
    projects,
    otherFollowers,
    canEdit,
    showEditHint,
    showOtherFollowers,
    canCreateProject,
  } = useLoaderData<typeof loader>();
  const t = useT();
  const projectColumns = useMemo(
    () => [
      projectColumn.accessor("code", { header: t("projects.code"), meta: { className: "nowrap", cardHidden: true } satisfies ColumnMeta }),
      projectColumn.accessor("name", {
        header: t("projects.name"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/projects/${c.row.original.id}`}>{c.getValue()}</Link>
            {c.row.original.confidential ? <span className="badge confidential"> {t("projects.confidential")}</span> : null}
          </>
        ),
      }),
      projectColumn.accessor("companyName", { header: t("projects.company"), meta: { className: "nowrap" } satisfies ColumnMeta }),
      projectColumn.accessor("ownerName", { header: t("projects.owner"), meta: { className: "nowrap" } satisfies ColumnMeta }),
      projectColumn.accessor("stage", {
        header: t("projects.stage"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <StageBadge stage={c.getValue()} />
            {c.row.original.status !== "active" ? (
              <>
                {" "}
                <StatusBadge status={c.row.original.status} />
              </>
            ) : null}
          </>
        ),
      }),
      projectColumn.accessor("totalInvestmentWan", {
        header: t("projects.totalInvestment"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
    ],
    [t],
  );
  const contactColumns = useMemo(
    () => [
      contactColumn.accessor("name", {
        header: t("investors.contactName"),
        meta: { cardTitle: true, className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.notes ? <div className="muted small">{c.row.original.notes}</div> : null}
          </>
        ),
      }),
      contactColumn.accessor("title", { header: t("investors.contactTitle") }),
      contactColumn.accessor("mobile", { header: t("investors.contactMobile"), meta: { className: "nowrap mono" } satisfies ColumnMeta }),
      contactColumn.accessor("wechat", { header: t("investors.contactWechat"), meta: { className: "nowrap mono" } satisfies ColumnMeta }),
      contactColumn.accessor("email", {
        header: t("investors.contactEmail"),
        cell: (c) => {
          const email = c.getValue();
          return email ? <a href={`mailto:${email}`}>{email}</a> : "—";
        },
      }),
    ],
    [t],
  );
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
              <DataTable<ProjectRow> data={projects} columns={projectColumns} emptyText={t("investors.noProjects")} getRowId={(p) => String(p.id)} />
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
              <DataTable<ContactRow> data={contacts} columns={contactColumns} emptyText={t("investors.noContacts")} getRowId={(c) => String(c.id)} />
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
