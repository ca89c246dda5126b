import { relations, sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { clusters, zones } from "./org";
import { projects } from "./projects";
import { users } from "./users";

// Industry chains (产业链, issue 22, decision 025): one chain per cluster of a zone, its links ordered from upstream to
// downstream and nested one level. The chain carries the version every edit of its links moves on (decision 004).
export const industryChains = pgTable(
  "industry_chains",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    clusterId: integer()
      .notNull()
      .references(() => clusters.id),
    version: integer().notNull().default(1),
    updatedById: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("industry_chains_cluster_uq").on(t.clusterId),
    index("industry_chains_zone_idx").on(t.zoneId),
    index("industry_chains_updated_by_idx").on(t.updatedById),
  ],
);

export const chainLinks = pgTable(
  "chain_links",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    chainId: integer()
      .notNull()
      .references(() => industryChains.id),
    /** The link a sub-link belongs to; null for a top-level link. Only one level: a sub-link has no sub-links. */
    parentId: integer().references((): AnyPgColumn => chainLinks.id, { onDelete: "cascade" }),
    /** upstream 上游 / midstream 中游 / downstream 下游; a sub-link has its parent's. */
    segment: text().notNull(),
    sortOrder: integer().notNull().default(0),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Key products, used to suggest links from a project's name. */
    products: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    index("chain_links_chain_idx").on(t.chainId, t.sortOrder),
    index("chain_links_parent_idx").on(t.parentId),
    index("chain_links_zone_idx").on(t.zoneId),
    check("chain_links_segment_ck", sql`${t.segment} in ('upstream', 'midstream', 'downstream')`),
  ],
);

/** The links a project (and the enterprise it lands as) fills. */
export const projectChainLinks = pgTable(
  "project_chain_links",
  {
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    linkId: integer()
      .notNull()
      .references(() => chainLinks.id, { onDelete: "cascade" }),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.linkId] }),
    index("project_chain_links_link_idx").on(t.linkId),
    index("project_chain_links_zone_idx").on(t.zoneId),
  ],
);

export const chainLinksRelations = relations(chainLinks, ({ one }) => ({
  chain: one(industryChains, { fields: [chainLinks.chainId], references: [industryChains.id] }),
}));

export type ChainLink = typeof chainLinks.$inferSelect;
