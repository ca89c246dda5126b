// 速度 (issue 21 item 4, docs/decisions/027): a company's approval items per item type and its projects' days
// 注册→开工, 签约→开工, 开工→投产 over a period — median and the slowest by the pure rule of speed-rules.ts.
// Every project of the company counts, confidential ones too; the slowest is named only to a viewer who may read
// it (the policy's projectAccess), otherwise it is "a confidential project".
import { and, between, eq, isNotNull, not, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { getDb } from "~db/index";
import { approvalCatalogue, projectApprovals, projects } from "~db/schema";
import type { Viewer } from "~/modules/auth/policy";
import { projectAccess } from "~/modules/auth/policy";
import type { ProjectSpan } from "./speed-rules";
import { approvalSpeed, medianDays, PROJECT_SPANS, projectSpans, slowestOf, spanDays } from "./speed-rules";

type ProjectRef = { id: number; name: string | null; code: string | null; confidential: boolean };

/** The project as the viewer may see it: named when they may read it, else only "confidential". */
function refFor(
  viewer: Viewer,
  p: { id: number; name: string; code: string; zoneId: number; companyId: number; ownerId: number | null; confidential: boolean },
): ProjectRef {
  // Former companies and assists only ever grant access; left out, a project is at worst not named.
  const facts = {
    zoneId: p.zoneId,
    companyId: p.companyId,
    ownerId: p.ownerId,
    confidential: p.confidential,
    formerCompanyIds: [],
    formerOwnerIds: [],
  };
  return projectAccess(viewer, facts) === "none"
    ? { id: 0, name: null, code: null, confidential: true }
    : { id: p.id, name: p.name, code: p.code, confidential: p.confidential };
}

export type SpeedScope = { zoneId: number; companyId: number | undefined; from: string; to: string };

/**
 * The speed of a company (or the whole zone for a leader without a pick) in a period: approval items granted in
 * it (by approval date) per item type, and the projects that started construction (注册→开工, 签约→开工) or
 * production (开工→投产) in it. The caller has checked that the viewer may see the company's figures.
 */
export async function companySpeed(viewer: Viewer, scope: SpeedScope) {
  const inScope: SQL[] = [eq(projects.zoneId, scope.zoneId)];
  if (scope.companyId !== undefined) inScope.push(eq(projects.companyId, scope.companyId));
  const project = {
    projectId: projects.id,
    projectName: projects.name,
    projectCode: projects.code,
    zoneId: projects.zoneId,
    companyId: projects.companyId,
    ownerId: projects.ownerId,
    confidential: projects.confidential,
  };
  const [items, milestones] = await Promise.all([
    getDb()
      .select({
        id: projectApprovals.id,
        name: projectApprovals.name,
        catalogueId: projectApprovals.catalogueId,
        catalogueName: approvalCatalogue.name,
        sortOrder: sql<number>`coalesce(${approvalCatalogue.sortOrder}, ${projectApprovals.sortOrder})`.mapWith(Number),
        allowedDays: projectApprovals.allowedDays,
        submittedOn: projectApprovals.submittedOn,
        approvedOn: projectApprovals.approvedOn,
        ...project,
      })
      .from(projectApprovals)
      .innerJoin(projects, eq(projects.id, projectApprovals.projectId))
      .leftJoin(approvalCatalogue, eq(approvalCatalogue.id, projectApprovals.catalogueId))
      .where(
        and(
          ...inScope,
          between(projectApprovals.approvedOn, scope.from, scope.to),
          isNotNull(projectApprovals.submittedOn),
          not(projectApprovals.notApplicable),
        ),
      ),
    getDb()
      .select({
        registeredOn: projects.registeredOn,
        signedOn: projects.signedOn,
        constructionOn: projects.constructionOn,
        productionOn: projects.productionOn,
        ...project,
      })
      .from(projects)
      .where(and(...inScope, or(between(projects.constructionOn, scope.from, scope.to), between(projects.productionOn, scope.from, scope.to)))),
  ]);

  // Item types: the catalogue item a checklist row was copied from (under the catalogue's name today); an item
  // added by hand is its own type by name.
  type Sample = { id: number; days: number; on: string; allowedDays: number; project: ProjectRef };
  const types = new Map<string, { key: string; name: string; sortOrder: number; samples: Sample[] }>();
  for (const i of items) {
    const key = i.catalogueId !== null ? `c${i.catalogueId}` : `n:${i.name}`;
    const type = types.get(key) ?? { key, name: i.catalogueName ?? i.name, sortOrder: i.sortOrder, samples: [] };
    types.set(key, type);
    type.samples.push({
      id: i.id,
      days: spanDays(i.submittedOn, i.approvedOn)!,
      on: i.approvedOn!,
      allowedDays: i.allowedDays,
      project: refFor(viewer, { ...i, id: i.projectId, name: i.projectName, code: i.projectCode }),
    });
  }
  const itemTypes = [...types.values()]
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, "zh-CN"))
    .map((t) => ({ key: t.key, name: t.name, ...approvalSpeed(t.samples) }));
  const allItems = approvalSpeed([...types.values()].flatMap((t) => t.samples));

  const spans = Object.fromEntries(
    PROJECT_SPANS.map((span) => {
      const toDate = span === "constructionToProduction" ? "productionOn" : "constructionOn";
      const samples = milestones.flatMap((m) => {
        const on = m[toDate];
        const days = projectSpans(m)[span].days;
        if (!on || on < scope.from || on > scope.to || days === null) return [];
        return [{ id: m.projectId, days, on, project: refFor(viewer, { ...m, id: m.projectId, name: m.projectName, code: m.projectCode }) }];
      });
      // Reached the stage in the period but a date to count from is missing: shown, never counted as 0.
      const undated = milestones.filter((m) => {
        const on = m[toDate];
        return on && on >= scope.from && on <= scope.to && projectSpans(m)[span].days === null;
      }).length;
      return [span, { count: samples.length, undated, medianDays: medianDays(samples.map((s) => s.days)), slowest: slowestOf(samples) }];
    }),
  ) as Record<
    ProjectSpan,
    { count: number; undated: number; medianDays: string | null; slowest: { id: number; days: number; on: string; project: ProjectRef } | null }
  >;

  return { itemTypes, allItems, spans };
}
