import { date, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
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
    index("handoffs_project_idx").on(t.projectId),
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
