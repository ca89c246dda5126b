import { date, integer, numeric, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { projectStageEnum, projectStatusEnum } from "./enums";

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
