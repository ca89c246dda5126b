import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { zones } from "./org";
import { projects } from "./projects";
import { users } from "./users";

// 审批事项 (issue 21, docs/decisions/024): the zone's catalogue of approval items and each signed project's checklist.

/** The zone's catalogue: each item's authority, allowed days, flags and the template (which project types). */
export const approvalCatalogue = pgTable(
  "approval_catalogue",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    code: text().notNull(), // stable key of a default item ("environment"), or one the zone chose
    name: text().notNull(),
    authority: text().notNull(), // 审批部门
    allowedDays: integer().notNull(),
    commitment: boolean().notNull().default(false), // 承诺制
    requiredForConstruction: boolean().notNull().default(false),
    appliesNew: boolean().notNull().default(true),
    appliesExpansion: boolean().notNull().default(true),
    appliesUpgrade: boolean().notNull().default(true),
    newLandOnly: boolean().notNull().default(false),
    sortOrder: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    updatedById: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("approval_catalogue_zone_code_uq").on(t.zoneId, t.code), index("approval_catalogue_updated_by_idx").on(t.updatedById)],
);

/** A project's checklist item: copied from the catalogue at signing (the catalogue may change later), then worked. */
export const projectApprovals = pgTable(
  "project_approvals",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    catalogueId: integer().references(() => approvalCatalogue.id, { onDelete: "set null" }),
    name: text().notNull(),
    authority: text().notNull(),
    allowedDays: integer().notNull(),
    commitment: boolean().notNull().default(false),
    requiredForConstruction: boolean().notNull().default(false),
    sortOrder: integer().notNull().default(0),
    agentId: integer().references(() => users.id), // 代办员: a user of the project's company
    plannedSubmitOn: date({ mode: "string" }),
    plannedApproveOn: date({ mode: "string" }),
    submittedOn: date({ mode: "string" }),
    acceptedOn: date({ mode: "string" }),
    approvedOn: date({ mode: "string" }),
    notApplicable: boolean().notNull().default(false),
    notApplicableReason: text(),
    note: text(),
    version: integer().notNull().default(1),
    updatedById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("project_approvals_project_idx").on(t.projectId, t.sortOrder),
    index("project_approvals_catalogue_idx").on(t.catalogueId),
    index("project_approvals_updated_by_idx").on(t.updatedById),
    // The speed measures (issue 21 item 4): items granted in a period, read by approval date with their days.
    index("project_approvals_approved_idx")
      .on(t.approvedOn, t.projectId, t.submittedOn, t.allowedDays)
      .where(sql`approved_on is not null and submitted_on is not null and not not_applicable`),
    // The desk's "my items due" and the chasing list's overdue approvals: open items only.
    index("project_approvals_agent_idx")
      .on(t.agentId, t.submittedOn)
      .where(sql`approved_on is null and not not_applicable`),
  ],
);

/**
 * A blocker logged on an item (卡点), optionally escalated to the committee (督办) with a deadline, and resolved.
 * The committee's leaders see the open escalations on the chasing page.
 */
export const approvalBlockers = pgTable(
  "approval_blockers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    approvalId: integer()
      .notNull()
      .references(() => projectApprovals.id, { onDelete: "cascade" }),
    note: text().notNull(),
    loggedById: integer()
      .notNull()
      .references(() => users.id),
    loggedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    escalatedAt: timestamp({ withTimezone: true }),
    escalatedById: integer().references(() => users.id),
    escalationDueOn: date({ mode: "string" }),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedById: integer().references(() => users.id),
    resolution: text(),
  },
  (t) => [
    index("approval_blockers_approval_idx").on(t.approvalId),
    index("approval_blockers_logged_by_idx").on(t.loggedById),
    index("approval_blockers_escalated_by_idx").on(t.escalatedById),
    index("approval_blockers_resolved_by_idx").on(t.resolvedById),
    index("approval_blockers_open_escalations_idx")
      .on(t.escalationDueOn)
      .where(sql`escalated_at is not null and resolved_at is null`),
  ],
);

export type ProjectApproval = typeof projectApprovals.$inferSelect;
export type ApprovalCatalogueItem = typeof approvalCatalogue.$inferSelect;
