import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { todayInZone } from "~/lib/dates";
import { projectLight } from "~/lib/light";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canFilterByCompany, canMoveBoardCard, canMoveOnBoard, canSaveCompanyView, canSeePipeline, canSeeTeam } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { PipelineBoard } from "~/modules/pipeline/components/pipeline-board";
import { ProjectFilters } from "~/modules/projects/components/project-filters";
import { PipelineTabs } from "~/modules/pipeline/components/pipeline-tabs";
import { SaveViewForm } from "~/modules/pipeline/components/save-view-form";
import { filterQuery, parseBoardParams } from "~/modules/pipeline/pipeline.schema";
import { getBoard } from "~/modules/pipeline/pipeline.server";
import { listFilterOptions } from "~/modules/projects/projects.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "pipeline.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePipeline(user));
  const url = new URL(request.url);
  const { filters, cursors, only } = parseBoardParams(url.searchParams);
  const today = todayInZone();
  const [columns, options] = await Promise.all([
    getBoard(user, filters, cursors, today, only),
    only ? Promise.resolve({ clusters: [], companies: [], owners: [] }) : listFilterOptions(user, filters.company),
  ]);
  return {
    filters,
    query: filterQuery(filters).toString(),
    // Paged further than the first cards without JavaScript: offer the way back.
    paged: Object.keys(cursors).length > 0,
    columns: columns.map((c) => ({
      ...c,
      cards: c.cards.map(({ ownerId, companyId, plannedSignOn, plannedConstructionOn, plannedProductionOn, ...card }) => ({
        ...card,
        light: projectLight({ ...card, plannedSignOn, plannedConstructionOn, plannedProductionOn }, today),
        nextActionOverdue: !!card.nextActionOn && card.nextActionOn < today,
        // The stage form decides; the board only offers the move to those it would let through.
        movable: canMoveBoardCard(user, { companyId, ownerId }),
      })),
    })),
    options,
    showCompany: canFilterByCompany(user),
    showTeam: canSeeTeam(user),
    canShare: canSaveCompanyView(user),
    // Leaders read the board; only the companies' people move cards.
    canMove: canMoveOnBoard(user),
  };
}

export default function PipelineBoardPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const tabQuery = d.filters.company ? `company=${d.filters.company}` : "";
  return (
    <>
      <div className="page-head">
        <h1>{t("pipeline.title")}</h1>
        <div className="head-actions">
          <span className="segmented">
            <Link to={`/projects${d.query ? `?${d.query}` : ""}`}>{t("pipeline.viewTable")}</Link>
            <span className="active" aria-current="page">
              {t("pipeline.viewBoard")}
            </span>
          </span>
          <SaveViewForm list="board" canShare={d.canShare} />
        </div>
      </div>
      <PipelineTabs query={tabQuery} showTeam={d.showTeam} />
      <ProjectFilters values={d.filters} options={d.options} showCompany={d.showCompany} resetTo="/pipeline" />
      <p className="muted small">
        {d.canMove ? t("pipeline.dragHint") : null}
        {d.paged ? (
          <>
            {" "}
            <Link to={`/pipeline${d.query ? `?${d.query}` : ""}`}>{t("pipeline.fromStart")}</Link>
          </>
        ) : null}
      </p>
      <PipelineBoard columns={d.columns} filterQuery={d.query} />
    </>
  );
}
