// The header search: projects, enterprises (landed projects' registered companies), investors and contacts whose
// stored key (search-keys.server.ts) holds every word typed. Projects and enterprises carry the lists' scope
// (projectScopeWhere: a confidential project only for who may see it, never another zone); investors and their
// contacts are the zone's shared reference data (policy.canViewInvestor). Each word is a LIKE on a trigram-indexed key.
import type { SQL } from "drizzle-orm";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb } from "~db/index";
import { investorContacts, investors, projects } from "~db/schema";
import { searchTerms } from "~/lib/search-match";
import type { Viewer } from "~/modules/auth/policy";
import { projectScopeWhere } from "~/modules/projects/projects.server";
import { fillMissingSearchKeys } from "./search-keys.server";

export const SEARCH_KINDS = ["project", "enterprise", "investor", "contact"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchHit = { kind: SearchKind; id: number; href: string; title: string; detail: string | null };
export type SearchGroup = { kind: SearchKind; hits: SearchHit[]; more: boolean };

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Every word in the key: one LIKE each, which the key's trigram index answers. A trigram index finds a word of three
 * characters or more anywhere; a shorter one has no trigram of its own, and "anywhere" would read every row (0.4 s at
 * 100,000 projects), so it is found where a word of the key starts (a name, its initials, its pinyin, a code): the
 * index pads word starts, and "华恒" or "hh" stays an index lookup. A single character finds keys that start with it.
 */
function holdsAll(key: AnyPgColumn, terms: string[]): SQL {
  return and(
    ...terms.map((term) => {
      const t = escapeLike(term);
      const length = [...term].length;
      if (length >= 3) return sql`${key} like ${`%${t}%`}`;
      if (length === 2) return sql`(${key} like ${`${t}%`} or ${key} like ${`% ${t}%`})`;
      return sql`${key} like ${`${t}%`}`;
    }),
  )!;
}

/** Names that start with what was typed come first, then the shorter ones (the closer match). */
function closeFirst(name: SQL | AnyPgColumn, first: string) {
  return [sql`(lower(${name}) like ${`${escapeLike(first)}%`}) desc`, sql`length(${name})`];
}

/**
 * Up to `perKind` hits of each kind (and whether there are more), in the viewer's scope. Missing keys are computed
 * first (a bounded batch), so a record written without its key is found too.
 */
export async function searchEverything(viewer: Viewer, query: string, perKind = 6): Promise<SearchGroup[]> {
  const terms = searchTerms(query);
  if (!terms.length) return [];
  await fillMissingSearchKeys();
  const db = getDb();
  const limit = perKind + 1;
  const first = terms[0];
  const [projectRows, enterpriseRows, investorRows, contactRows] = await Promise.all([
    db
      .select({ id: projects.id, code: projects.code, name: projects.name })
      .from(projects)
      .where(and(projectScopeWhere(viewer), holdsAll(projects.searchKey, terms)))
      .orderBy(...closeFirst(projects.name, first), asc(projects.id))
      .limit(limit),
    db
      .select({ id: projects.id, name: projects.name, enterprise: projects.projectCompanyName, uscc: projects.projectCompanyUscc })
      .from(projects)
      .where(and(projectScopeWhere(viewer), ne(projects.enterpriseKey, ""), holdsAll(projects.enterpriseKey, terms)))
      .orderBy(...closeFirst(sql`coalesce(${projects.projectCompanyName}, '')`, first), asc(projects.id))
      .limit(limit),
    db
      .select({ id: investors.id, name: investors.name, uscc: investors.uscc, region: investors.region })
      .from(investors)
      .where(and(eq(investors.zoneId, viewer.zoneId), holdsAll(investors.searchKey, terms)))
      .orderBy(...closeFirst(investors.name, first), asc(investors.id))
      .limit(limit),
    db
      .select({
        id: investorContacts.id,
        name: investorContacts.name,
        title: investorContacts.title,
        investorId: investors.id,
        investor: investors.name,
      })
      .from(investorContacts)
      .innerJoin(investors, eq(investors.id, investorContacts.investorId))
      .where(and(eq(investors.zoneId, viewer.zoneId), holdsAll(investorContacts.searchKey, terms)))
      .orderBy(...closeFirst(investorContacts.name, first), asc(investorContacts.id))
      .limit(limit),
  ]);
  const group = (kind: SearchKind, hits: SearchHit[]): SearchGroup => ({ kind, hits: hits.slice(0, perKind), more: hits.length > perKind });
  return [
    group(
      "project",
      projectRows.map((r) => ({ kind: "project", id: r.id, href: `/projects/${r.id}`, title: r.name, detail: r.code })),
    ),
    group(
      "enterprise",
      enterpriseRows.map((r) => ({
        kind: "enterprise",
        id: r.id,
        href: `/projects/${r.id}`,
        title: r.enterprise ?? r.uscc ?? r.name,
        detail: [r.uscc, r.name].filter(Boolean).join(" · ") || null,
      })),
    ),
    group(
      "investor",
      investorRows.map((r) => ({
        kind: "investor",
        id: r.id,
        href: `/investors/${r.id}`,
        title: r.name,
        detail: [r.uscc, r.region].filter(Boolean).join(" · ") || null,
      })),
    ),
    group(
      "contact",
      contactRows.map((r) => ({
        kind: "contact",
        id: r.id,
        href: `/investors/${r.investorId}`,
        title: r.name,
        detail: [r.title, r.investor].filter(Boolean).join(" · ") || null,
      })),
    ),
  ].filter((g) => g.hits.length > 0);
}
