import { sql } from "drizzle-orm";
import { date, foreignKey, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { assistNeedEnum, handoffKindEnum, handoffStatusEnum } from "./enums";
import { companies } from "./org";
import { projects } from "./projects";
import { users } from "./users";

// A transfer (移交) or an assist request (协办) from one company to another.
export const handoffs = pgTable(
  "handoffs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // The project's zone (a handoff never changes zone), so the inbox and its counts need not join the projects;
    // the (zone_id, project_id) foreign key keeps it equal to the project's.
    zoneId: integer().notNull(),
    kind: handoffKindEnum().notNull(),
    status: handoffStatusEnum().notNull().default("pending"),
    fromCompanyId: integer()
      .notNull()
      .references(() => companies.id),
    toCompanyId: integer()
      .notNull()
      .references(() => companies.id),
    requestedById: integer()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    need: assistNeedEnum(),
    wishedByOn: date({ mode: "string" }),
    answeredById: integer().references(() => users.id),
    answeredAt: timestamp({ withTimezone: true }),
    answerNote: text(),
    // Transfer: the new owner named on acceptance. Assist: the helper named by the receiving manager.
    assigneeId: integer().references(() => users.id),
    outcome: text(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    foreignKey({ name: "handoffs_project_zone_fk", columns: [t.zoneId, t.projectId], foreignColumns: [projects.zoneId, projects.id] })
      .onDelete("cascade")
      .onUpdate("cascade"),
    // With zone_id: it also serves the (zone_id, project_id) foreign key to projects.
    index("handoffs_project_idx").on(t.projectId, t.zoneId),
    // A leader's inbox: the counts per status and a status tab's newest first, read from the index alone.
    index("handoffs_zone_status_created_idx").on(t.zoneId, t.status, t.createdAt, t.id),
    // A leader's inbox without a status tab: newest first; the waiting ones (few) come from the index above.
    index("handoffs_zone_created_idx")
      .on(t.zoneId, t.createdAt, t.id)
      .where(sql`status <> 'pending'`),
    // The scorecard's transfers of a period: created in it (in and out per company) and answered in it (the median
    // days to answer), index-only ranges instead of every transfer of the zone.
    index("handoffs_zone_kind_created_idx").on(t.zoneId, t.kind, t.createdAt, t.toCompanyId, t.fromCompanyId),
    index("handoffs_zone_kind_answered_idx").on(t.zoneId, t.kind, t.answeredAt, t.createdAt, t.toCompanyId),
    index("handoffs_from_company_idx").on(t.fromCompanyId, t.status),
    index("handoffs_to_company_idx").on(t.toCompanyId, t.status),
    // The scope's "open assists to my company" without reading the company's (many) transfers.
    index("handoffs_to_company_kind_idx").on(t.toCompanyId, t.kind, t.status, t.projectId),
    index("handoffs_requested_by_idx").on(t.requestedById),
    index("handoffs_answered_by_idx").on(t.answeredById),
    index("handoffs_assignee_idx").on(t.assigneeId),
  ],
);

export type Handoff = typeof handoffs.$inferSelect;
