import { date, index, integer, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { serviceRequestChannelEnum, serviceRequestStatusEnum, serviceRequestTypeEnum } from "./enums";
import { companies } from "./org";
import { projects } from "./projects";
import { users } from "./users";

// 企业诉求: a landed enterprise's problem, routed to a handling company, worked and rated.
export const serviceRequests = pgTable(
  "service_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    channel: serviceRequestChannelEnum().notNull(),
    type: serviceRequestTypeEnum().notNull(),
    raisedBy: text(),
    description: text().notNull(),
    urgent: smallint().notNull().default(0),
    handlingCompanyId: integer()
      .notNull()
      .references(() => companies.id),
    handlerId: integer().references(() => users.id),
    status: serviceRequestStatusEnum().notNull().default("open"),
    receivedOn: date({ mode: "string" }).notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    solvedOn: date({ mode: "string" }),
    resolution: text(),
    satisfaction: smallint(),
    satisfactionComment: text(),
    createdById: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("service_requests_project_idx").on(t.projectId),
    index("service_requests_handling_company_idx").on(t.handlingCompanyId, t.status),
    index("service_requests_handler_idx").on(t.handlerId),
    index("service_requests_created_by_idx").on(t.createdById),
  ],
);

export type ServiceRequest = typeof serviceRequests.$inferSelect;
