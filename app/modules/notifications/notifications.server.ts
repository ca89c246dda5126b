// In-app notices. Messages are stored as a kind and parameters and rendered in the reader's language.
import { and, count, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { notifications, projects, users } from "~db/schema";
import { clock } from "~/lib/clock";
import type { Viewer } from "~/modules/auth/policy";

export const NOTIFICATION_KINDS = [
  "investor_followed",
  "handoff_transfer_requested",
  "handoff_assist_requested",
  "handoff_transfer_accepted",
  "handoff_assist_accepted",
  "handoff_rejected",
  "handoff_assist_closed",
  // Reminders (issue 5): made by the sweep (reminders.server.ts) or when a project is given to someone.
  "next_action_due",
  "project_red",
  "handoff_overdue",
  "project_assigned",
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
  await tx.insert(notifications).values(
    userIds.map((userId) => ({ zoneId: entry.zoneId, userId, kind: entry.kind, params: entry.params, link: entry.link })),
  );
}

/**
 * Who follows an investor in other companies than `exceptCompanyId`: the owners of their open projects and
 * those companies' managers. They are told when another company opens a project for the same investor.
 */
export async function investorFollowerUserIds(tx: Executor, zoneId: number, investorId: number, exceptCompanyId: number) {
  const followed = await tx
    .selectDistinct({ companyId: projects.companyId, ownerId: projects.ownerId })
    .from(projects)
    .where(
      and(eq(projects.zoneId, zoneId), eq(projects.investorId, investorId), ne(projects.status, "lost"), ne(projects.companyId, exceptCompanyId)),
    );
  if (followed.length === 0) return [];
  const companyIds = [...new Set(followed.map((f) => f.companyId))];
  const managers = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.companyId, companyIds), eq(users.role, "manager"), eq(users.disabled, false)));
  return [...followed.map((f) => f.ownerId).filter((id): id is number => id !== null), ...managers.map((m) => m.id)];
}

export async function listNotifications(viewer: Viewer, limit = 100) {
  return getDb()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, viewer.id))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countUnread(viewer: Viewer): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
  return row.n;
}

/** Marks one notice (or all, without an id) read; returns the notice's link. Only the viewer's own notices. */
export async function markRead(viewer: Viewer, id?: number) {
  const rows = await getDb()
    .update(notifications)
    .set({ readAt: clock.now() })
    .where(
      and(
        eq(notifications.userId, viewer.id),
        id === undefined ? isNull(notifications.readAt) : eq(notifications.id, id),
      ),
    )
    .returning({ link: notifications.link });
  return id === undefined ? { found: true, link: null } : { found: rows.length > 0, link: rows[0]?.link ?? null };
}
