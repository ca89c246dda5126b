import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companies, zones } from "./org";
import { users } from "./users";

// Reminders pushed to a company's group chat (issue 19): a 企业微信 or 钉钉 group robot's webhook per company, and
// the messages queued for it. docs/decisions/016-reminder-push.md.
export const companyWebhooks = pgTable(
  "company_webhooks",
  {
    companyId: integer()
      .primaryKey()
      .references(() => companies.id),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    /** "wecom" (企业微信群机器人) or "dingtalk" (钉钉自定义机器人). */
    kind: text().notNull(),
    url: text().notNull(),
    /** 钉钉's signing secret ("SEC…"), sealed with the key of app/modules/auth/mfa-crypto.server.ts; null if unsigned. */
    secretSealed: text(),
    enabled: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("company_webhooks_zone_idx").on(t.zoneId), index("company_webhooks_updated_by_idx").on(t.updatedBy)],
);

/** One message for a company's robot: queued in the sweep's transaction, sent after it, its outcome kept. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    /** "digest:<day>" for the day's reminder digest (one a day), "test:<ms>" for a test message. */
    dedupeKey: text().notNull(),
    /** The message's text (Markdown), in the zone's language; the robot's JSON is made from it when sent. */
    body: jsonb().$type<{ title: string; text: string }>().notNull(),
    /** pending → sending → sent | failed (tried again until MAX_ATTEMPTS). */
    status: text().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    claimedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_company_key_uq").on(t.companyId, t.dedupeKey),
    index("webhook_deliveries_open_idx")
      .on(t.zoneId, t.status)
      .where(sql`status in ('pending', 'sending', 'failed')`),
  ],
);

export type CompanyWebhook = typeof companyWebhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
