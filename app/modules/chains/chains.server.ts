// Industry chains (产业链, issue 22, decision 025): each cluster's links, the projects tagged with them, and what
// each link counts. Every query is scoped by the viewer's zone; a project is named only within the viewer's scope.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { chainLinks, chainTargets, clusters, companies, industryChains, projectChainLinks, projects, users } from "~db/schema";
import type { ChainSegment, ChainStrength, LinkCounts } from "~/lib/chain-strength";
import { CHAIN_SEGMENTS, chainStrength, countProject, emptyCounts, fillsLink } from "~/lib/chain-strength";
import type { ProjectStage, ProjectStatus } from "~/lib/domain-values";
import { sumDecimals } from "~/lib/money";
import type { Conflict, Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, invalid, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canEditChain } from "~/modules/auth/policy";
import { projectScopeWhere } from "~/modules/projects/projects.server";
import { todayInZone } from "~/lib/dates";
import { linksFilledByChain } from "./chain-fills.server";
import type { AddLinkInput, RemoveLinkInput, UpdateLinkInput } from "./chains.schema";
import { splitProducts } from "./chains.schema";

export type LinkRow = {
  id: number;
  parentId: number | null;
  segment: ChainSegment;
  sortOrder: number;
  name: string;
  description: string;
  products: string[];
};

export type LinkFigures = LinkCounts & {
  /** Total investment (万元) of the projects that fill the link (signed or beyond); null when none does. */
  investmentWan: string | null;
  /** Planned investment (万元) of the pipeline (negotiating, in review); null when there is none. */
  pipelineWan: string | null;
  strength: ChainStrength;
};

export type MapLink = LinkRow & { figures: LinkFigures; subLinks: (LinkRow & { figures: LinkFigures })[] };

type TagRow = { linkId: number; projectId: number; stage: ProjectStage; status: ProjectStatus; totalInvestmentWan: string | null };

const segmentRank = (s: string) => CHAIN_SEGMENTS.indexOf(s as ChainSegment);

/** Links in chain order: by segment (上游 → 下游), then their own order. */
function byChainOrder(a: LinkRow, b: LinkRow) {
  return segmentRank(a.segment) - segmentRank(b.segment) || a.sortOrder - b.sortOrder || a.id - b.id;
}

/** The figures of a set of projects (each counted once, however many of the link's sub-links it fills). */
export function figuresOf(tags: TagRow[]): LinkFigures {
  const seen = new Map<number, TagRow>();
  for (const t of tags) seen.set(t.projectId, t);
  const rows = [...seen.values()];
  const counts = rows.reduce(countProject, emptyCounts());
  const filling = rows.filter(fillsLink);
  const pipeline = rows.filter((r) => r.status !== "lost" && (r.stage === "negotiating" || r.stage === "evaluating"));
  return {
    ...counts,
    investmentWan: filling.length ? sumDecimals(filling.map((r) => r.totalInvestmentWan)) : null,
    pipelineWan: pipeline.length ? sumDecimals(pipeline.map((r) => r.totalInvestmentWan)) : null,
    strength: chainStrength(counts),
  };
}

/** Nests links under their parents and gives each its figures; a parent counts its sub-links' projects too. */
export function buildMap(links: LinkRow[], tags: TagRow[]): MapLink[] {
  const byLink = new Map<number, TagRow[]>();
  // Pushed, not spread: copying the list per tag was quadratic (a minute for the zone overview at 140,000 tags).
  for (const t of tags) {
    const list = byLink.get(t.linkId);
    if (list) list.push(t);
    else byLink.set(t.linkId, [t]);
  }
  const sorted = [...links].sort(byChainOrder);
  return sorted
    .filter((l) => l.parentId === null)
    .map((top) => {
      const subs = sorted.filter((s) => s.parentId === top.id);
      const all = [top, ...subs].flatMap((l) => byLink.get(l.id) ?? []);
      return {
        ...top,
        figures: figuresOf(all),
        subLinks: subs.map((s) => ({ ...s, figures: figuresOf(byLink.get(s.id) ?? []) })),
      };
    });
}

const linkColumns = {
  id: chainLinks.id,
  parentId: chainLinks.parentId,
  segment: sql<ChainSegment>`${chainLinks.segment}`,
  sortOrder: chainLinks.sortOrder,
  name: chainLinks.name,
  description: chainLinks.description,
  products: chainLinks.products,
};

export async function tagsOfLinks(db: Executor, zoneId: number, linkIds: number[]): Promise<TagRow[]> {
  if (!linkIds.length) return [];
  return db
    .select({
      linkId: projectChainLinks.linkId,
      projectId: projects.id,
      stage: projects.stage,
      status: projects.status,
      totalInvestmentWan: projects.totalInvestmentWan,
    })
    .from(projectChainLinks)
    .innerJoin(projects, eq(projects.id, projectChainLinks.projectId))
    .where(and(eq(projectChainLinks.zoneId, zoneId), eq(projects.zoneId, zoneId), inArray(projectChainLinks.linkId, linkIds)));
}

/** The cluster the viewer's company is responsible for (null for the committee, service and platform companies). */
export async function viewerClusterId(viewer: Viewer, db: Executor = getDb()) {
  if (viewer.companyId === null) return null;
  const [row] = await db.select({ clusterId: companies.clusterId }).from(companies).where(eq(companies.id, viewer.companyId));
  return row?.clusterId ?? null;
}

async function findChain(db: Executor, zoneId: number, clusterId: number) {
  const [row] = await db
    .select({
      id: industryChains.id,
      zoneId: industryChains.zoneId,
      clusterId: industryChains.clusterId,
      clusterName: clusters.name,
      version: industryChains.version,
      updatedAt: industryChains.updatedAt,
      updatedBy: users.displayName,
    })
    .from(industryChains)
    .innerJoin(clusters, eq(clusters.id, industryChains.clusterId))
    .leftJoin(users, eq(users.id, industryChains.updatedById))
    .where(and(eq(industryChains.zoneId, zoneId), eq(industryChains.clusterId, clusterId)));
  return row;
}

/** A cluster's chain map: its links nested and counted, and whether the viewer may edit it; undefined if not in the zone. */
export async function getChainMap(viewer: Viewer, clusterId: number) {
  const db = getDb();
  const chain = await findChain(db, viewer.zoneId, clusterId);
  if (!chain) return undefined;
  const links = await db.select(linkColumns).from(chainLinks).where(eq(chainLinks.chainId, chain.id));
  const tags = await tagsOfLinks(
    db,
    viewer.zoneId,
    links.map((l) => l.id),
  );
  const canEdit = canEditChain(viewer, chain, await viewerClusterId(viewer, db));
  return { chain: { ...chain, updatedAt: chain.updatedAt.toISOString() }, links: buildMap(links, tags), canEdit };
}

/** From 1 January of today's year (in the zone's time zone) to today: "this year" for the leaders' chain overview. */
export function yearToDate(today = todayInZone()) {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/**
 * Every cluster of the zone with its chain's links counted by strength (sub-links included), the attraction company
 * responsible for it, and the links filled in `filledIn` (this year by default): unfilled at its start, signed on in it.
 */
/**
 * Per cluster of the zone, its targets (招商目标库): how many are listed and how many had their first contact recorded
 * in the period (the day of the contact in the zone's time). Counted over the whole zone, whoever may see them, as
 * the coverage on the target list is: these are counts, no target is named.
 */
async function targetsByCluster(zoneId: number, period: { from: string; to: string }, db: Executor) {
  const contactedOn = sql`(${chainTargets.convertedAt} at time zone 'Asia/Shanghai')::date`;
  const rows = await db
    .select({
      clusterId: chainTargets.clusterId,
      listed: sql<number>`count(*)::int`,
      contacted: sql<number>`(count(*) filter (where ${contactedOn} between ${period.from}::date and ${period.to}::date))::int`,
    })
    .from(chainTargets)
    .where(eq(chainTargets.zoneId, zoneId))
    .groupBy(chainTargets.clusterId);
  return new Map(rows.map((r) => [r.clusterId, { listed: Number(r.listed), contacted: Number(r.contacted) }]));
}

export async function listZoneChains(viewer: Viewer, filledIn: { from: string; to: string } = yearToDate()) {
  const db = getDb();
  const [chains, filledBy, targetsBy] = await Promise.all([
    db
      .select({
        id: industryChains.id,
        clusterId: clusters.id,
        clusterName: clusters.name,
        // The cluster's attraction company (one in practice; a subquery, so two would never double the row).
        company: sql<string | null>`(select string_agg(${companies.shortName}, '、' order by ${companies.sortOrder}) from ${companies}
          where ${companies.clusterId} = ${clusters.id} and ${companies.kind} = 'attraction' and ${companies.active})`,
      })
      .from(clusters)
      .innerJoin(industryChains, eq(industryChains.clusterId, clusters.id))
      .where(eq(clusters.zoneId, viewer.zoneId))
      .orderBy(asc(clusters.sortOrder), asc(clusters.id)),
    linksFilledByChain(viewer.zoneId, filledIn, db),
    targetsByCluster(viewer.zoneId, filledIn, db),
  ]);
  const links = await db
    .select({ ...linkColumns, chainId: chainLinks.chainId })
    .from(chainLinks)
    .where(eq(chainLinks.zoneId, viewer.zoneId));
  const tags = await tagsOfLinks(
    db,
    viewer.zoneId,
    links.map((l) => l.id),
  );
  const chainOf = new Map(links.map((l) => [l.id, l.chainId]));
  const tagsByChain = new Map<number, TagRow[]>();
  for (const t of tags) {
    const chainId = chainOf.get(t.linkId)!;
    const list = tagsByChain.get(chainId);
    if (list) list.push(t);
    else tagsByChain.set(chainId, [t]);
  }
  return chains.map((c) => {
    const map = buildMap(
      links.filter((l) => l.chainId === c.id),
      tagsByChain.get(c.id) ?? [],
    );
    const all = map.flatMap((l) => [l, ...l.subLinks]);
    const by = (s: ChainStrength) => all.filter((l) => l.figures.strength === s).length;
    const filled = filledBy.get(c.id) ?? [];
    return {
      clusterId: c.clusterId,
      clusterName: c.clusterName,
      company: c.company,
      links: all.length,
      empty: by("empty"),
      weak: by("weak"),
      present: by("present"),
      strong: by("strong"),
      /** The empty links' names, in chain order (sub-links after their parent). */
      emptyNames: all.filter((l) => l.figures.strength === "empty").map((l) => l.name),
      /** Links filled in the period (补链): unfilled at its start, a project signed on them in it. */
      filled: filled.length,
      filledNames: filled.map((l) => l.name),
      /** The cluster's target list: targets listed, and first contacts recorded in the period (a project opened). */
      targets: targetsBy.get(c.clusterId)?.listed ?? 0,
      targetsContacted: targetsBy.get(c.clusterId)?.contacted ?? 0,
    };
  });
}

/**
 * The projects on one link (and its sub-links): every one counted; named, with its code, only when the viewer's
 * project scope holds it (a confidential project of another owner stays unnamed).
 */
export async function listLinkProjects(viewer: Viewer, clusterId: number, linkId: number) {
  const db = getDb();
  const chain = await findChain(db, viewer.zoneId, clusterId);
  if (!chain) return undefined;
  const [link] = await db
    .select(linkColumns)
    .from(chainLinks)
    .where(and(eq(chainLinks.id, linkId), eq(chainLinks.chainId, chain.id)));
  if (!link) return undefined;
  const subs = await db.select({ id: chainLinks.id }).from(chainLinks).where(eq(chainLinks.parentId, link.id));
  const rows = await db
    .selectDistinct({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      company: companies.shortName,
      stage: projects.stage,
      status: projects.status,
      totalInvestmentWan: projects.totalInvestmentWan,
      visible: sql<boolean>`(${projectScopeWhere(viewer)})`,
    })
    .from(projectChainLinks)
    .innerJoin(projects, eq(projects.id, projectChainLinks.projectId))
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .where(and(eq(projects.zoneId, viewer.zoneId), inArray(projectChainLinks.linkId, [link.id, ...subs.map((s) => s.id)])))
    .orderBy(sql`${projects.stage} desc`, asc(projects.id));
  const projectsOnLink = rows.map((r) =>
    r.visible
      ? { ...r, visible: true as const }
      : {
          id: null,
          code: null,
          name: null,
          company: r.company,
          stage: r.stage,
          status: r.status,
          totalInvestmentWan: r.totalInvestmentWan,
          visible: false as const,
        },
  );
  return { link, projects: projectsOnLink };
}

// Editing (a cluster's company manager and the committee's leaders): every edit carries the chain's version.

export type ChainConflict = { version: number; by: string | null; at: string; current: LinkRow | null };
export type EditChainResult = Ok<undefined> | NotFound | Forbidden | Invalid | Conflict<ChainConflict>;

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/** Locks the chain, checks the right and the version, runs the edit, moves the version on and audits it. */
async function editChain(
  viewer: Viewer,
  clusterId: number,
  input: { version: number; linkId?: number },
  edit: (tx: Tx, chain: { id: number; zoneId: number }) => Promise<Ok<{ action: string; before?: unknown; after?: unknown }> | Invalid | NotFound>,
): Promise<EditChainResult> {
  return getDb().transaction(async (tx): Promise<EditChainResult> => {
    const [chain] = await tx
      .select()
      .from(industryChains)
      .where(and(eq(industryChains.zoneId, viewer.zoneId), eq(industryChains.clusterId, clusterId)))
      .for("update");
    if (!chain) return notFound();
    if (!canEditChain(viewer, chain, await viewerClusterId(viewer, tx))) return forbidden();
    if (chain.version !== input.version) {
      const [by] = chain.updatedById ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, chain.updatedById)) : [];
      const [current] = input.linkId
        ? await tx
            .select(linkColumns)
            .from(chainLinks)
            .where(and(eq(chainLinks.id, input.linkId), eq(chainLinks.chainId, chain.id)))
        : [];
      return conflict({ version: chain.version, by: by?.name ?? null, at: chain.updatedAt.toISOString(), current: current ?? null });
    }
    const done = await edit(tx, chain);
    if (done.kind !== "ok") return done;
    await tx
      .update(industryChains)
      .set({ version: chain.version + 1, updatedById: viewer.id, updatedAt: new Date() })
      .where(eq(industryChains.id, chain.id));
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "industry_chain",
      entityId: chain.id,
      action: done.value.action,
      before: done.value.before,
      after: { ...(done.value.after as object), version: chain.version + 1 },
    });
    return ok();
  });
}

const linkValues = (input: AddLinkInput | UpdateLinkInput) => ({
  name: input.name,
  description: input.description ?? "",
  products: splitProducts(input.products),
  sortOrder: input.sortOrder,
});

export async function addChainLink(viewer: Viewer, clusterId: number, input: AddLinkInput) {
  return editChain(viewer, clusterId, input, async (tx, chain) => {
    let segment: ChainSegment = input.segment;
    if (input.parentId) {
      const [parent] = await tx
        .select({ id: chainLinks.id, parentId: chainLinks.parentId, segment: chainLinks.segment })
        .from(chainLinks)
        .where(and(eq(chainLinks.id, input.parentId), eq(chainLinks.chainId, chain.id)));
      // One level only: a sub-link's parent is a top-level link of the same chain.
      if (!parent || parent.parentId !== null) return invalid({ parentId: "chains.error.parent" });
      segment = parent.segment as ChainSegment;
    }
    const values = { ...linkValues(input), segment, parentId: input.parentId ?? null };
    const [row] = await tx
      .insert(chainLinks)
      .values({ zoneId: chain.zoneId, chainId: chain.id, ...values })
      .returning({ id: chainLinks.id });
    return ok({ action: "link.add", after: { linkId: row.id, ...values } });
  });
}

export async function updateChainLink(viewer: Viewer, clusterId: number, input: UpdateLinkInput) {
  return editChain(viewer, clusterId, input, async (tx, chain) => {
    const [before] = await tx
      .select(linkColumns)
      .from(chainLinks)
      .where(and(eq(chainLinks.id, input.linkId), eq(chainLinks.chainId, chain.id)));
    if (!before) return notFound();
    // A sub-link keeps its parent's segment; moving a top-level link moves its sub-links with it.
    const values = { ...linkValues(input), ...(before.parentId === null ? { segment: input.segment } : {}) };
    await tx.update(chainLinks).set(values).where(eq(chainLinks.id, before.id));
    if (before.parentId === null) await tx.update(chainLinks).set({ segment: input.segment }).where(eq(chainLinks.parentId, before.id));
    return ok({ action: "link.update", before, after: { linkId: before.id, ...values } });
  });
}

/** Removes a link, its sub-links and their tags (the projects stay; the audit keeps what was removed). */
export async function removeChainLink(viewer: Viewer, clusterId: number, input: RemoveLinkInput) {
  return editChain(viewer, clusterId, input, async (tx, chain) => {
    const [before] = await tx
      .select(linkColumns)
      .from(chainLinks)
      .where(and(eq(chainLinks.id, input.linkId), eq(chainLinks.chainId, chain.id)));
    if (!before) return notFound();
    const tagged = await tx.select({ projectId: projectChainLinks.projectId }).from(projectChainLinks).where(eq(projectChainLinks.linkId, before.id));
    await tx.delete(chainLinks).where(eq(chainLinks.id, before.id));
    return ok({ action: "link.remove", before: { ...before, projectIds: tagged.map((t) => t.projectId) }, after: {} });
  });
}

// Tagging: a project (and the enterprise it lands as) names the links of its cluster's chain it fills.

/** The links of each cluster's chain in the zone, in chain order, for the project form's picker. */
export async function listLinkOptions(zoneId: number, db: Executor = getDb()) {
  const rows = await db
    .select({ ...linkColumns, clusterId: industryChains.clusterId })
    .from(chainLinks)
    .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
    .where(eq(chainLinks.zoneId, zoneId));
  return rows.sort(byChainOrder);
}

/** The links a project is tagged with. */
export async function projectLinkIds(projectId: number, db: Executor = getDb()) {
  const rows = await db.select({ linkId: projectChainLinks.linkId }).from(projectChainLinks).where(eq(projectChainLinks.projectId, projectId));
  return rows.map((r) => r.linkId);
}

/**
 * Replaces a project's links with `linkIds`, which must all belong to the chain of the project's cluster; run it in
 * the transaction that saves the project. Answers the ids it refused (nothing is written then).
 */
export async function setProjectLinks(tx: Executor, project: { id: number; zoneId: number; clusterId: number }, linkIds: number[]) {
  const wanted = [...new Set(linkIds)];
  const allowed = wanted.length
    ? await tx
        .select({ id: chainLinks.id })
        .from(chainLinks)
        .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
        .where(and(eq(industryChains.zoneId, project.zoneId), eq(industryChains.clusterId, project.clusterId), inArray(chainLinks.id, wanted)))
    : [];
  const refused = wanted.filter((id) => !allowed.some((a) => a.id === id));
  if (refused.length) return { refused };
  await tx.delete(projectChainLinks).where(eq(projectChainLinks.projectId, project.id));
  if (wanted.length) await tx.insert(projectChainLinks).values(wanted.map((linkId) => ({ projectId: project.id, linkId, zoneId: project.zoneId })));
  return { refused: [] as number[] };
}

/**
 * The links a project is tagged with as paths for its page: cluster › link › sub-link, in chain order. The caller has
 * already checked that the viewer may see the project; the links are the zone's own.
 */
export async function projectChainPaths(zoneId: number, projectId: number, db: Executor = getDb()) {
  const parent = alias(chainLinks, "parent");
  const rows = await db
    .select({
      ...linkColumns,
      clusterId: industryChains.clusterId,
      clusterName: clusters.name,
      parentName: parent.name,
      parentSortOrder: parent.sortOrder,
    })
    .from(projectChainLinks)
    .innerJoin(chainLinks, eq(chainLinks.id, projectChainLinks.linkId))
    .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
    .innerJoin(clusters, eq(clusters.id, industryChains.clusterId))
    .leftJoin(parent, eq(parent.id, chainLinks.parentId))
    .where(and(eq(projectChainLinks.projectId, projectId), eq(projectChainLinks.zoneId, zoneId)));
  // A sub-link sorts with its parent: by segment, then the parent's order, then its own.
  rows.sort(
    (a, b) =>
      segmentRank(a.segment) - segmentRank(b.segment) ||
      (a.parentSortOrder ?? a.sortOrder) - (b.parentSortOrder ?? b.sortOrder) ||
      (a.parentId ?? a.id) - (b.parentId ?? b.id) ||
      (a.parentId === null ? -1 : a.sortOrder) - (b.parentId === null ? -1 : b.sortOrder) ||
      a.id - b.id,
  );
  return rows.map((r) => ({
    linkId: r.id,
    name: r.name,
    parentId: r.parentId,
    parentName: r.parentName,
    segment: r.segment,
    clusterId: r.clusterId,
    clusterName: r.clusterName,
  }));
}
