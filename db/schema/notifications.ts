import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { zones } from "./org";
import { users } from "./users";

// In-app notices for one user: "another company opened a project for an investor you follow", and later the
// reminders of the pipeline (next actions due, handoffs waiting, lights turning red, assignments).
export const notifications = pgTable(
  "notifications",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    /** Parameters for the message, rendered through the dictionary in the reader's language. */
    params: jsonb().$type<Record<string, string>>().notNull().default({}),
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    /** Reminders made by a sweep carry a key (e.g. "red:42:2026-11-27") so the same reminder is made once. */
    dedupeKey: text(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt),
    index("notifications_zone_idx").on(t.zoneId),
    uniqueIndex("notifications_user_dedupe_uq")
      .on(t.userId, t.dedupeKey)
      .where(sql`dedupe_key is not null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;

/**
 * Per zone, the day the last reminder sweep covered (migration 0013): the next sweep looks at the due dates and red
 * thresholds passed since, plus the queued projects, instead of the whole zone. The row is also the sweep's lock.
 */
export const reminderSweeps = pgTable("reminder_sweeps", {
  zoneId: integer()
    .primaryKey()
    .references(() => zones.id),
  sweptOn: date({ mode: "string" }).notNull(),
});

/**
 * Projects written since the last sweep in a way that can make a reminder (owner, company, status, stage, next
 * action date, milestone due date). Filled by triggers on projects, whoever writes; emptied by the sweep.
 */
export const reminderQueue = pgTable(
  "reminder_queue",
  {
    zoneId: integer().notNull(),
    projectId: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.projectId] })],
);
