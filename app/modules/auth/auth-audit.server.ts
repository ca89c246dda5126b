// Security events in the audit log: who signed in or failed to, MFA changes, refused requests. Never a password,
// a code or a token: only the login name, the address and what happened.
import { getDb } from "~db/index";
import type { Executor } from "~db/index";
import { writeAudit } from "~/modules/audit/audit.server";

export type AuthEvent =
  | "login_succeeded"
  | "login_failed"
  | "login_throttled"
  | "login_locked"
  | "address_locked"
  | "device_locked"
  | "mfa_locked"
  | "devices_revoked"
  | "logout"
  | "mfa_challenge_succeeded"
  | "mfa_challenge_failed"
  | "mfa_challenge_throttled"
  | "mfa_recovery_code_used"
  | "mfa_enabled"
  | "mfa_disabled"
  | "mfa_reset_by_admin"
  | "password_changed"
  | "password_change_failed"
  | "sessions_ended_by_admin";

export async function auditAuth(
  entry: {
    zoneId: number | null;
    actorId: number | null;
    userId: number | null;
    action: AuthEvent;
    login?: string;
    ip?: string;
    detail?: Record<string, unknown>;
  },
  db: Executor = getDb(),
) {
  await writeAudit(db, {
    zoneId: entry.zoneId,
    actorId: entry.actorId,
    entity: "auth",
    entityId: entry.userId ?? 0,
    action: entry.action,
    after: { login: entry.login?.slice(0, 64) ?? null, ip: entry.ip ?? null, ...entry.detail },
  });
}

/** A request the policy refused (403) or answered as not found (404) for a signed-in user. */
export async function auditAccessRefused(entry: { zoneId: number; actorId: number; status: number; method: string; path: string }) {
  await writeAudit(getDb(), {
    zoneId: entry.zoneId,
    actorId: entry.actorId,
    entity: "access",
    entityId: entry.actorId,
    action: entry.status === 403 ? "refused_403" : "refused_404",
    after: { method: entry.method, path: entry.path.slice(0, 300) },
  });
}
