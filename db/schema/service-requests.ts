import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import {
  serviceRatingSourceEnum,
  serviceRequestChannelEnum,
  serviceRequestEventKindEnum,
  serviceRequestStatusEnum,
  serviceRequestTypeEnum,
} from "./enums";
import { companies, zones } from "./org";
import { projects } from "./projects";
import { users } from "./users";

// 企业诉求: a landed enterprise's problem, routed to a handling company, worked and closed; the enterprise rates it
// afterwards (service_request_ratings).
export const serviceRequests = pgTable(
  "service_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
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
    createdById: integer()
      .notNull()
      .references(() => users.id),
    /** The company the request was logged by (the owner's, or the hotline's): it keeps read access. */
    loggedByCompanyId: integer().references(() => companies.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("service_requests_zone_idx").on(t.zoneId, t.receivedOn),
    index("service_requests_project_idx").on(t.projectId),
    index("service_requests_handling_company_idx").on(t.handlingCompanyId, t.status),
    index("service_requests_handler_idx").on(t.handlerId),
    index("service_requests_created_by_idx").on(t.createdById),
    index("service_requests_logged_by_company_idx").on(t.loggedByCompanyId),
    index("service_requests_due_idx").on(t.status, t.dueOn),
    index("service_requests_solved_idx").on(t.solvedOn),
  ],
);

// The request's history: logged, assigned, notes, solved (with the rating given then) and reopened. A reopened
// request clears its current resolution; the earlier one stays here.
export const serviceRequestEvents = pgTable(
  "service_request_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .references(() => serviceRequests.id, { onDelete: "cascade" }),
    kind: serviceRequestEventKindEnum().notNull(),
    actorId: integer()
      .notNull()
      .references(() => users.id),
    text: text(),
    /** For "assigned": the handler; for "solved": resolution, satisfaction, comment and date. */
    details: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_request_events_request_idx").on(t.requestId, t.at), index("service_request_events_actor_idx").on(t.actorId)],
);

// Days allowed to solve a request, per zone and type; leaders change them. A change applies to requests logged later.
export const serviceDeadlines = pgTable(
  "service_deadlines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    type: serviceRequestTypeEnum().notNull(),
    days: integer().notNull(),
    updatedById: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("service_deadlines_zone_type_uq").on(t.zoneId, t.type), index("service_deadlines_updated_by_idx").on(t.updatedById)],
);

// The enterprise's rating of a solved request (decision 018): from the hotline's 回访 call or the enterprise's one-time
// link, never from the handler. One per request: the unique index makes a second answer lose.
export const serviceRequestRatings = pgTable(
  "service_request_ratings",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .references(() => serviceRequests.id, { onDelete: "cascade" }),
    source: serviceRatingSourceEnum().notNull(),
    score: smallint().notNull(),
    comment: text(),
    /** Who logged the 回访 call; null for the enterprise's own answer through its link. */
    byId: integer().references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("service_request_ratings_request_uq").on(t.requestId),
    index("service_request_ratings_by_idx").on(t.byId),
    check("service_request_ratings_score_ck", sql`${t.score} between 1 and 5`),
  ],
);

// The enterprise's one-time rating link: only a hash of the token is stored; the token itself is an HMAC of the
// row's nonce under the server's key, so the request page can show it again and a copy of the database cannot.
export const serviceRatingLinks = pgTable(
  "service_rating_links",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .references(() => serviceRequests.id, { onDelete: "cascade" }),
    nonce: text().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("service_rating_links_token_uq").on(t.tokenHash), index("service_rating_links_request_idx").on(t.requestId)],
);

export type ServiceRequestRating = typeof serviceRequestRatings.$inferSelect;
export type ServiceRequest = typeof serviceRequests.$inferSelect;
export type ServiceRequestEvent = typeof serviceRequestEvents.$inferSelect;
export type ServiceDeadline = typeof serviceDeadlines.$inferSelect;
