import { index, integer, numeric, pgTable, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companies, zones } from "./org";
import { users } from "./users";

// A company's annual targets, set by leaders.
export const annualTargets = pgTable(
  "annual_targets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    year: integer().notNull(),
    signedCount: integer().notNull().default(0),
    signedInvestmentWan: numeric({ precision: 16, scale: 2 }).notNull().default("0"),
    constructionCount: integer().notNull().default(0),
    productionCount: integer().notNull().default(0),
    version: integer().notNull().default(1),
    updatedById: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("annual_targets_company_year_uq").on(t.companyId, t.year),
    index("annual_targets_zone_year_idx").on(t.zoneId, t.year),
    index("annual_targets_updated_by_idx").on(t.updatedById),
  ],
);

export type AnnualTarget = typeof annualTargets.$inferSelect;
