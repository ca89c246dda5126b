import { relations } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { activityKindEnum, reviewOutcomeEnum } from "./enums";
import { investorContacts } from "./investors";
import { companies } from "./org";
import { projects } from "./projects";
import { users } from "./users";

/** A term discussed in a negotiation round (land, electricity price, subsidies, buildings, funds). */
export type NegotiationTerm = { topic: string; detail: string; agreed: boolean };

export const activities = pgTable(
  "activities",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // The company whose people logged it (an assisting company logs on another's project).
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    kind: activityKindEnum().notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    summary: text().notNull(),
    reviewOutcome: reviewOutcomeEnum(),
    terms: jsonb().$type<NegotiationTerm[]>(),
    nextAction: text(),
    nextActionDueOn: date({ mode: "string" }),
    nextActionDoneAt: timestamp({ withTimezone: true }),
    createdById: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("activities_project_idx").on(t.projectId, t.occurredOn),
    // created_by_id too: the team page counts each member's activities of the month index-only.
    index("activities_company_idx").on(t.companyId, t.occurredOn, t.createdById),
    index("activities_created_by_idx").on(t.createdById, t.occurredOn),
    index("activities_next_action_idx").on(t.nextActionDueOn),
  ],
);

export const activityUsers = pgTable(
  "activity_users",
  {
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.userId] }), index("activity_users_user_idx").on(t.userId)],
);

export const activityContacts = pgTable(
  "activity_contacts",
  {
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    contactId: integer()
      .notNull()
      .references(() => investorContacts.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.contactId] }), index("activity_contacts_contact_idx").on(t.contactId)],
);

export const activitiesRelations = relations(activities, ({ one }) => ({
  project: one(projects, { fields: [activities.projectId], references: [projects.id] }),
  createdBy: one(users, { fields: [activities.createdById], references: [users.id] }),
}));

export type Activity = typeof activities.$inferSelect;
