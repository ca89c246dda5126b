import { boolean, date, index, integer, numeric, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { projectStageEnum, projectStatusEnum } from "./enums";
import { projects } from "./projects";

/**
 * How many projects, and how much investment, each company of a zone has per stage and status. Derived data,
 * kept exact by statement-level triggers on projects (migration 0006) in the same transaction as the change,
 * whoever writes (forms, handoffs, imports): the overview reads a few hundred rows instead of the whole zone.
 */
export const projectRollups = pgTable(
  "project_rollups",
  {
    zoneId: integer().notNull(),
    companyId: integer().notNull(),
    stage: projectStageEnum().notNull(),
    status: projectStatusEnum().notNull(),
    projects: integer().notNull().default(0),
    investmentWan: numeric({ precision: 18, scale: 2 }).notNull().default("0"),
    /** Of those, the projects of 1亿元 (10,000万元, the scorecard's BIG_PROJECT_WAN) or more. */
    bigProjects: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.companyId, t.stage, t.status] })],
);

/**
 * How many activities each company logged on each calendar day (the zone is the company's). Derived data, kept
 * exact by statement-level triggers on activities (migration 0007) in the same transaction as the change: the
 * scorecard sums a few thousand rows for a year instead of counting the zone's activities one by one.
 */
export const activityDailyCounts = pgTable(
  "activity_daily_counts",
  {
    companyId: integer().notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    activities: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.occurredOn] })],
);

/**
 * When each project first reached each stage (the earliest business date of its created / imported / stage events
 * into it) and when it first reached the stage after it, with the project's zone, company and confidentiality for
 * the funnel's scope. Derived data, kept exact by statement-level triggers on project_events and projects
 * (migration 0009) in the same transaction as the change: the funnel counts a period's rows by index instead of
 * pivoting every event of the company's projects.
 */
export const projectStageFirsts = pgTable(
  "project_stage_firsts",
  {
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    stage: projectStageEnum().notNull(),
    zoneId: integer().notNull(),
    companyId: integer().notNull(),
    confidential: boolean().notNull(),
    reachedOn: date({ mode: "string" }).notNull(),
    /** The first date of the next stage of PROJECT_STAGES (null: not reached, or the last stage). */
    nextOn: date({ mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.stage] }),
    // Reached in a period (and advanced since), and reached the next stage in a period: index-only range counts.
    index("project_stage_firsts_company_reached_idx").on(t.zoneId, t.companyId, t.stage, t.reachedOn, t.nextOn, t.confidential),
    index("project_stage_firsts_company_next_idx").on(t.zoneId, t.companyId, t.stage, t.nextOn, t.reachedOn, t.confidential),
    index("project_stage_firsts_zone_reached_idx").on(t.zoneId, t.stage, t.reachedOn, t.nextOn, t.confidential),
    index("project_stage_firsts_zone_next_idx").on(t.zoneId, t.stage, t.nextOn, t.reachedOn, t.confidential),
  ],
);

/** The credit bases of the 三个一批 report (credit.server.ts `creditCompanyColumn`). */
export type RollupBasis = "owner" | "firstContact";

/**
 * What a row of project_day_rollups counts, each on a business day of the project:
 * - `signed`, `construction`, `production`: the 三个一批 milestones on their date, for both credit bases, split by
 *   whether the project has evidence (an attachment) of that stage; with the projects' total investment.
 * - `created` (the Shanghai day of created_at), `contacted` (contacted_on, else signed_on), `converted` (the later of
 *   those two, for a signed project) and `last_activity` (last_activity_on of an active project): owner basis only,
 *   for the scorecard.
 */
export type RollupMeasure = "signed" | "construction" | "production" | "created" | "contacted" | "converted" | "last_activity";

/**
 * How many projects, and how much investment, count for each company on each day and in each month, per measure.
 * Derived data, kept exact by triggers on projects and attachments (migration 0012) in the same transaction as the
 * change, whoever writes: a year of the 三个一批 report reads one year row per company and measure, whatever the
 * zone's size; other ranges read whole months and the days at their edges, or their year minus the rest
 * (app/lib/rollup-spans.ts).
 */
export const projectDayRollups = pgTable(
  "project_day_rollups",
  {
    zoneId: integer().notNull(),
    basis: text().$type<RollupBasis>().notNull(),
    measure: text().$type<RollupMeasure>().notNull(),
    /**
     * `day`: periodOn is the day; `month`: periodOn is the first of the month and the row sums its days; `year`
     * (migration t20_year_rollups): periodOn is January 1 and the row sums its months. `last_activity` has days only.
     */
    grain: text().$type<"day" | "month" | "year">().notNull(),
    periodOn: date({ mode: "string" }).notNull(),
    companyId: integer().notNull(),
    evidenced: boolean().notNull(),
    projects: integer().notNull().default(0),
    investmentWan: numeric({ precision: 18, scale: 2 }).notNull().default("0"),
  },
  (t) => [primaryKey({ name: "project_day_rollups_pk", columns: [t.zoneId, t.basis, t.measure, t.grain, t.periodOn, t.companyId, t.evidenced] })],
);

/**
 * The province's shared-investor list (issue 20, decision 034): per investor group key (`investor_group_key(uscc,
 * name)`: the code, else the normalised name) and zone, how many of the zone's projects with such an investor are
 * not lost. Derived data, kept exact by statement-level triggers on projects and investors (the t20 scale
 * migration) in the same transaction as the change; a row at 0 stays.
 */
export const investorKeyZones = pgTable(
  "investor_key_zones",
  {
    groupKey: text().notNull(),
    zoneId: integer().notNull(),
    projects: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.groupKey, t.zoneId] })],
);

/**
 * Per investor group key: how many zones (not the province's pseudo-zone) follow it (`investor_key_zones.projects`
 * > 0), recounted by the same triggers. The list walks the partial index of keys two or more zones follow.
 */
export const investorKeys = pgTable(
  "investor_keys",
  {
    groupKey: text().primaryKey(),
    zones: integer().notNull().default(0),
  },
  (t) => [
    index("investor_keys_shared_idx")
      .on(sql`${t.zones} desc`, t.groupKey)
      .where(sql`${t.zones} >= 2`),
  ],
);
