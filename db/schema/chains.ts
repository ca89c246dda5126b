import { relations, sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { investors } from "./investors";
import { clusters, companies, zones } from "./org";
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

/**
 * The target list (招商目标库, issue 22 item 4, decision 030): enterprises the cluster's company means to attract onto a
 * link. Owned by one company (the cluster's attraction company); contacting one turns it into an investor and a
 * project in one transaction, which `project_id` records (unique: a target becomes one project, never two).
 */
export const chainTargets = pgTable(
  "chain_targets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    clusterId: integer()
      .notNull()
      .references(() => clusters.id),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    /** The link it would fill; null once the link was removed from the chain (the target stays, unplaced). */
    linkId: integer().references(() => chainLinks.id, { onDelete: "set null" }),
    name: text().notNull(),
    uscc: text(),
    hqCity: text(),
    /** leader 环节龙头 / supplier 落地企业的配套供应商 / other (the note says why). */
    reason: text().notNull(),
    note: text(),
    assigneeId: integer().references(() => users.id),
    plannedContactOn: date({ mode: "string" }),
    /** Who found it: the credit the project keeps. */
    createdById: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    investorId: integer().references(() => investors.id),
    projectId: integer().references(() => projects.id),
    convertedById: integer().references(() => users.id),
    convertedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("chain_targets_zone_idx").on(t.zoneId, t.clusterId),
    index("chain_targets_company_idx").on(t.companyId),
    index("chain_targets_cluster_idx").on(t.clusterId),
    index("chain_targets_link_idx").on(t.linkId),
    index("chain_targets_assignee_idx").on(t.assigneeId),
    index("chain_targets_created_by_idx").on(t.createdById),
    index("chain_targets_investor_idx").on(t.investorId),
    index("chain_targets_converted_by_idx").on(t.convertedById),
    uniqueIndex("chain_targets_project_uq").on(t.projectId),
    check("chain_targets_reason_ck", sql`${t.reason} in ('leader', 'supplier', 'other')`),
  ],
);

export type ChainTarget = typeof chainTargets.$inferSelect;

export const chainLinksRelations = relations(chainLinks, ({ one }) => ({
  chain: one(industryChains, { fields: [chainLinks.chainId], references: [industryChains.id] }),
}));

export type ChainLink = typeof chainLinks.$inferSelect;
