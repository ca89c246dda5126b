import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { companies, zones } from "./org";
import { users } from "./users";

export type ImportRowError = { row: number; column: string; message: string };

// One import of a project sheet, whether it was written or refused: who, which file, what came of it.
export const importRuns = pgTable(
  "import_runs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    /** The company imported into, when the importer chose one (managers: always their own). */
    companyId: integer().references(() => companies.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    fileName: text(),
    /** csv or xlsx */
    format: text().notNull(),
    /** running, done, refused (bad rows), failed (server error; nothing written) */
    status: text().notNull(),
    totalRows: integer().notNull().default(0),
    createdCount: integer().notNull().default(0),
    updatedCount: integer().notNull().default(0),
    /** Items created and updated from the workbook's further sheets, by sheet (decision 029): { approvals: { created, updated } }. */
    sheetCounts: jsonb().$type<Record<string, { created: number; updated: number }>>(),
    errors: jsonb().$type<ImportRowError[]>(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** While running: checking or writing, and the rows done of totalRows (any app process may be asked). */
    phase: text(),
    doneRows: integer().notNull().default(0),
    /** Touched by the process running the import; a running run whose heartbeat is stale was cut off. */
    heartbeatAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("import_runs_zone_idx").on(t.zoneId, t.startedAt),
    index("import_runs_user_idx").on(t.userId),
    index("import_runs_company_idx").on(t.companyId),
  ],
);

export type ImportRun = typeof importRuns.$inferSelect;
