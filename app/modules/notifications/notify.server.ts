// Writing an in-app notice: the one piece of notifications every domain uses (projects, handoffs, auth, admin), so
// it sits below them all (issue 17: projects never import the rest of notifications). Messages are stored as a kind
// and parameters and rendered in the reader's language.
import type { Executor } from "~db/index";
import { notifications } from "~db/schema";

export const NOTIFICATION_KINDS = [
  "investor_followed",
  "handoff_transfer_requested",
  "handoff_assist_requested",
  "handoff_transfer_accepted",
  "handoff_assist_accepted",
  "handoff_rejected",
  "handoff_assist_closed",
  "handoff_cofollow_requested",
  "handoff_cofollow_accepted",
  // Reminders (issue 5): made by the sweep (reminders.server.ts) or when a project is given to someone.
  "next_action_due",
  "project_red",
  "handoff_overdue",
  "project_assigned",
  // An enterprise request given to its handler (issue 19 item 9).
  "service_request_assigned",
  // Sign-in locks (issue 16): the user is told when guessing locked their login, one of their browsers, or the code step.
  "login_locked",
  "login_device_locked",
  "mfa_locked",
  // … and the zone's admins are told whose login it was.
  "login_locked_admin",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export async function notify(
  tx: Executor,
  entry: { zoneId: number; userIds: number[]; kind: NotificationKind; params: Record<string, string>; link: string | null },
) {
  const userIds = [...new Set(entry.userIds)];
  if (userIds.length === 0) return;
  await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ zoneId: entry.zoneId, userId, kind: entry.kind, params: entry.params, link: entry.link })));
}
