import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { zones } from "./org";
import { users } from "./users";

// Who changed what, when, before → after. Written in the same transaction as the change.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer().references(() => zones.id),
    actorId: integer().references(() => users.id),
    entity: text().notNull(), // project, investor, handoff, target, user, …
    entityId: integer().notNull(),
    action: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_zone_idx").on(t.zoneId, t.at),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
