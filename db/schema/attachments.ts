import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projectStageEnum } from "./enums";
import { projects } from "./projects";
import { users } from "./users";

// Evidence for a milestone (a scanned agreement, a business licence, a site photo). The bytes live in file storage.
export const attachments = pgTable(
  "attachments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    stage: projectStageEnum(),
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
  (t) => [index("attachments_project_idx").on(t.projectId, t.stage), index("attachments_uploaded_by_idx").on(t.uploadedById)],
);

export type Attachment = typeof attachments.$inferSelect;
