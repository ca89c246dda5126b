import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companies, zones } from "./org";
import { projects } from "./projects";
import { users } from "./users";

// The weights of the 四比四看 scorecard. Saving inserts a new version; the highest version is in force and the
// older ones stay for the record.
export const scorecardWeightSets = pgTable(
  "scorecard_weight_sets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    version: integer().notNull(),
    /** measure key → weight (a decimal string), e.g. { "signedInvestment": "20" }. */
    weights: jsonb().$type<Record<string, string>>().notNull(),
    note: text(),
    createdById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scorecard_weight_sets_zone_version_uq").on(t.zoneId, t.version),
    index("scorecard_weight_sets_created_by_idx").on(t.createdById),
  ],
);

// The province's weights of 四比四看 between zones (issue 20 item 3), set by a province leader. Like the zone
// scorecard's: saving inserts a new version, the highest is in force and the older ones stay for the record. One
// province per deployment, so no zone column.
export const zoneRankingWeightSets = pgTable(
  "zone_ranking_weight_sets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    version: integer().notNull(),
    /** measure key (app/lib/zone-ranking.ts) → weight (a decimal string). */
    weights: jsonb().$type<Record<string, string>>().notNull(),
    note: text(),
    createdById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("zone_ranking_weight_sets_version_uq").on(t.version), index("zone_ranking_weight_sets_created_by_idx").on(t.createdById)],
);

// A period whose 三个一批 figures a leader has published. Its facts are frozen below; later edits of those
// projects show as "changed since published" against them, never altering the published number.
export const publishedPeriods = pgTable(
  "published_periods",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    /** month, quarter or year */
    kind: text().notNull(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }).notNull(),
    publishedById: integer().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    note: text(),
    /** Anything else frozen with the period (e.g. the scorecard as ranked when published). */
    snapshot: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("published_periods_zone_kind_start_uq").on(t.zoneId, t.kind, t.startsOn),
    index("published_periods_published_by_idx").on(t.publishedById),
  ],
);

// One frozen milestone of a published period: the project, which milestone, its business date and investment
// as they stood when published, and both credit bases so either switch can be replayed.
export const publishedFacts = pgTable(
  "published_facts",
  {
    periodId: integer()
      .notNull()
      .references(() => publishedPeriods.id, { onDelete: "cascade" }),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    /** signed, construction or production */
    milestone: text().notNull(),
    businessOn: date({ mode: "string" }).notNull(),
    investmentWan: numeric({ precision: 16, scale: 2 }).notNull(),
    ownerCompanyId: integer()
      .notNull()
      .references(() => companies.id),
    firstContactCompanyId: integer().references(() => companies.id),
    hasEvidence: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.projectId, t.milestone] }),
    index("published_facts_project_idx").on(t.projectId),
    index("published_facts_owner_company_idx").on(t.ownerCompanyId),
    index("published_facts_first_contact_company_idx").on(t.firstContactCompanyId),
  ],
);

export type ScorecardWeightSet = typeof scorecardWeightSets.$inferSelect;
export type ZoneRankingWeightSet = typeof zoneRankingWeightSets.$inferSelect;
export type PublishedPeriod = typeof publishedPeriods.$inferSelect;
export type PublishedFact = typeof publishedFacts.$inferSelect;
