import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { activities } from "./activities";
import { projectStageEnum } from "./enums";
import { projectApprovals } from "./approvals";
import { policyBenefits } from "./policies";
import { projects } from "./projects";
import { users } from "./users";

// Evidence for a milestone (a scanned agreement, a business licence, a site photo) or a file of an activity (visit
// photos, minutes, business cards). The bytes live in file storage.
export const attachments = pgTable(
  "attachments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    stage: projectStageEnum(),
    // Set for a photo, minutes or business card of an activity (then stage is null); removed with the activity.
    activityId: integer().references(() => activities.id, { onDelete: "cascade" }),
    // Set for a document of an approval item (issue 21); removed with the item.
    approvalId: integer().references(() => projectApprovals.id, { onDelete: "cascade" }),
    // Set for evidence of a policy benefit (政策兑现, issue 21); removed with the benefit.
    benefitId: integer().references(() => policyBenefits.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    uploadedById: integer()
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("attachments_project_idx").on(t.projectId, t.stage),
    index("attachments_uploaded_by_idx").on(t.uploadedById),
    index("attachments_activity_idx").on(t.activityId),
    index("attachments_approval_idx").on(t.approvalId),
    index("attachments_benefit_idx").on(t.benefitId),
  ],
);

export type Attachment = typeof attachments.$inferSelect;
