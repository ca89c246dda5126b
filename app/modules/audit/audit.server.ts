import type { Executor } from "~db/index";
import { auditLog } from "~db/schema";
import { clock } from "~/lib/clock";

export type AuditEntity =
  | "project"
  | "investor"
  | "investor_contact"
  | "activity"
  | "attachment"
  | "handoff"
  | "target"
  | "user"
  | "company"
  | "zone"
  | "api_token"
  | "service_request"
  | "service_deadline"
  | "published_period"
  | "scorecard_weights"
  | "zone_ranking_weights"
  // approval items (issue 21): the catalogue, a project's checklist, blockers and escalations
  | "approval_catalogue"
  | "project_approval"
  | "approval_blocker"
  | "industry_chain"
  // the target list (issue 22 item 4)
  | "chain_target"
  // the policy library and benefits promised and delivered (issue 21)
  | "policy"
  | "policy_benefit"
  // sign-in, sign-out, MFA and password events; refused requests (issue 9)
  | "auth"
  | "access";

export type AuditInput = {
  zoneId: number | null;
  actorId: number | null;
  entity: AuditEntity;
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

type Row = Record<string, unknown>;

const normalise = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

/** The fields whose values differ, as { before, after } holding only those fields. */
export function changedFields(before: Row, after: Row, fields: string[] = Object.keys(after)) {
  const b: Row = {};
  const a: Row = {};
  for (const field of fields) {
    const x = normalise(before[field]);
    const y = normalise(after[field]);
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[field] = x;
      a[field] = y;
    }
  }
  return { before: b, after: a, changed: Object.keys(a) };
}

/** An audit row for an update, with only the fields that changed; nothing is written when nothing changed. */
export async function auditUpdate(tx: Executor, entry: Omit<AuditInput, "before" | "after"> & { before: Row; after: Row; fields?: string[] }) {
  const diff = changedFields(entry.before, entry.after, entry.fields);
  if (diff.changed.length === 0) return diff;
  await writeAudit(tx, { ...entry, before: diff.before, after: diff.after });
  return diff;
}
