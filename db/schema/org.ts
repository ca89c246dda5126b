import { relations } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companyKindEnum } from "./enums";

export const zones = pgTable("zones", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  name: text().notNull(),
  timeZone: text().notNull().default("Asia/Shanghai"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const clusters = pgTable(
  "clusters",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    name: text().notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("clusters_zone_name_uq").on(t.zoneId, t.name)],
);

export const companies = pgTable(
  "companies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    name: text().notNull(),
    shortName: text().notNull(),
    /** A short stable code for other systems (the reporting API), e.g. "bdt"; unique in the zone, optional. */
    code: text(),
    kind: companyKindEnum().notNull(),
    // The cluster an attraction company is responsible for; null for the other kinds.
    clusterId: integer().references(() => clusters.id),
    /** The company that answers the zone's one hotline (一话通办) and logs requests for any landed enterprise. */
    hotline: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("companies_zone_name_uq").on(t.zoneId, t.name),
    uniqueIndex("companies_zone_code_uq").on(t.zoneId, t.code),
    index("companies_cluster_idx").on(t.clusterId),
  ],
);

export const zonesRelations = relations(zones, ({ many }) => ({ clusters: many(clusters), companies: many(companies) }));
export const clustersRelations = relations(clusters, ({ one }) => ({
  zone: one(zones, { fields: [clusters.zoneId], references: [zones.id] }),
}));
export const companiesRelations = relations(companies, ({ one }) => ({
  zone: one(zones, { fields: [companies.zoneId], references: [zones.id] }),
  cluster: one(clusters, { fields: [companies.clusterId], references: [clusters.id] }),
}));

export type Zone = typeof zones.$inferSelect;
export type Cluster = typeof clusters.$inferSelect;
export type Company = typeof companies.$inferSelect;
