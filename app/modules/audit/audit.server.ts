import type { Executor } from "~db/index";
import { auditLog } from "~db/schema";
import { clock } from "~/lib/clock";

export type AuditInput = {
  zoneId: number | null;
  actorId: number | null;
  entity: "project" | "investor" | "handoff" | "target" | "user" | "company" | "api_token";
  entityId: number;
  action: string;
  before?: unknown;
  after?: unknown;
};

/** Writes one audit row; call it inside the transaction that makes the change. */
export async function writeAudit(tx: Executor, entry: AuditInput) {
  await tx.insert(auditLog).values({
    zoneId: entry.zoneId,
    actorId: entry.actorId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: clock.now(),
  });
}
