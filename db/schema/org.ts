import { relations, sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companyKindEnum } from "./enums";

/** The province's prefecture-level cities (山西's 11), reference data loaded by the migration that made the table. */
export const cities = pgTable("cities", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  /** Pinyin, e.g. "taiyuan": what the CLI's --city also accepts. */
  code: text().notNull().unique(),
  name: text().notNull().unique(),
  sortOrder: integer().notNull().default(0),
});

export const zones = pgTable(
  "zones",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    name: text().notNull(),
    timeZone: text().notNull().default("Asia/Shanghai"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null for zones made before cities were data (decision 019). */
    cityId: integer().references(() => cities.id),
    /**
     * The province's own pseudo-zone (decision 019): the home of province-level accounts, holding no companies,
     * projects or investors, so a zone-scoped query run for such an account finds nothing. At most one.
     */
    province: boolean().notNull().default(false),
  },
  (t) => [
    index("zones_city_idx").on(t.cityId),
    uniqueIndex("zones_one_province_uq")
      .on(t.province)
      .where(sql`${t.province}`),
  ],
);

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
    /** Raised by every edit of the zone admin's form: a save made from an older version is refused, not lost. */
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("companies_zone_name_uq").on(t.zoneId, t.name),
    uniqueIndex("companies_zone_code_uq").on(t.zoneId, t.code),
    index("companies_cluster_idx").on(t.clusterId),
  ],
);

export const zonesRelations = relations(zones, ({ many, one }) => ({
  clusters: many(clusters),
  companies: many(companies),
  city: one(cities, { fields: [zones.cityId], references: [cities.id] }),
}));
export const clustersRelations = relations(clusters, ({ one }) => ({
  zone: one(zones, { fields: [clusters.zoneId], references: [zones.id] }),
}));
export const companiesRelations = relations(companies, ({ one }) => ({
  zone: one(zones, { fields: [companies.zoneId], references: [zones.id] }),
  cluster: one(clusters, { fields: [companies.clusterId], references: [clusters.id] }),
}));

export type City = typeof cities.$inferSelect;
export type Zone = typeof zones.$inferSelect;
export type Cluster = typeof clusters.$inferSelect;
export type Company = typeof companies.$inferSelect;
