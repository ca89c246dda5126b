import { relations } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { zones } from "./org";
import { users } from "./users";

export const investors = pgTable(
  "investors",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    name: text().notNull(),
    // 统一社会信用代码, when known; identifies the investor within the zone.
    uscc: text(),
    region: text(),
    industry: text(),
    website: text(),
    notes: text(),
    /** The header search's key: name, USCC, pinyin initials and full pinyin, lowercase; null until computed. */
    searchKey: text(),
    createdById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("investors_zone_uscc_uq")
      .on(t.zoneId, t.uscc)
      .where(sql`${t.uscc} is not null`),
    index("investors_zone_name_idx").on(t.zoneId, t.name),
    // The duplicate check across zones (issue 20): the same code in any other zone, by index rather than a scan.
    index("investors_uscc_idx")
      .on(t.uscc)
      .where(sql`${t.uscc} is not null`),
    index("investors_zone_updated_idx").on(t.zoneId, t.updatedAt, t.id),
    index("investors_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("investors_search_key_trgm_idx").using("gin", t.searchKey.op("gin_trgm_ops")),
    index("investors_search_key_missing_idx")
      .on(t.id)
      .where(sql`${t.searchKey} is null`),
    index("investors_created_by_idx").on(t.createdById),
  ],
);

export const investorContacts = pgTable(
  "investor_contacts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    investorId: integer()
      .notNull()
      .references(() => investors.id, { onDelete: "cascade" }),
    name: text().notNull(),
    title: text(),
    mobile: text(),
    // 微信号 (or the phone number WeChat finds the person by); checked by contactSchema.
    wechat: text(),
    email: text(),
    notes: text(),
    /** The header search's key: name, mobile, pinyin initials and full pinyin, lowercase; null until computed. */
    searchKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("investor_contacts_investor_idx").on(t.investorId),
    index("investor_contacts_search_key_trgm_idx").using("gin", t.searchKey.op("gin_trgm_ops")),
    index("investor_contacts_search_key_missing_idx")
      .on(t.id)
      .where(sql`${t.searchKey} is null`),
  ],
);

export const investorsRelations = relations(investors, ({ many, one }) => ({
  contacts: many(investorContacts),
  zone: one(zones, { fields: [investors.zoneId], references: [zones.id] }),
}));
export const investorContactsRelations = relations(investorContacts, ({ one }) => ({
  investor: one(investors, { fields: [investorContacts.investorId], references: [investors.id] }),
}));

export type Investor = typeof investors.$inferSelect;
export type InvestorContact = typeof investorContacts.$inferSelect;
