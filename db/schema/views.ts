import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companies, zones } from "./org";
import { users } from "./users";

// A named filter of a list or the board: the URL query string it stands for. Personal views belong to their
// creator (companyId null); a manager may save a view for the whole company (companyId set).
export const savedViews = pgTable(
  "saved_views",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    /** Set for a company view (shared with everyone in it); null for a personal view. */
    companyId: integer().references(() => companies.id),
    ownerId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Which page the view filters: projects, board, investors, chasing, … */
    list: text().notNull(),
    name: text().notNull(),
    /** The query string without the leading "?" (only filter and sort parameters, never a cursor). */
    query: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("saved_views_owner_list_name_uq").on(t.ownerId, t.list, t.name),
    index("saved_views_company_idx").on(t.companyId, t.list),
    index("saved_views_zone_idx").on(t.zoneId),
  ],
);

export type SavedView = typeof savedViews.$inferSelect;
