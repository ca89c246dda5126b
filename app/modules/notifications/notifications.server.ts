// In-app notices as their reader sees them: the list, the unread count, marking read. They are written by
// notify.server.ts; messages are stored as a kind and parameters and rendered in the reader's language.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "~db/index";
import { notifications } from "~db/schema";
import { clock } from "~/lib/clock";
import type { Viewer } from "~/modules/auth/policy";

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
    .where(and(eq(notifications.userId, viewer.id), id === undefined ? isNull(notifications.readAt) : eq(notifications.id, id)))
    .returning({ link: notifications.link });
  return id === undefined ? { found: true, link: null } : { found: rows.length > 0, link: rows[0]?.link ?? null };
}
