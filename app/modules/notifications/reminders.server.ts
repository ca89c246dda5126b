// Reminders made by a sweep over the zone: next actions due today or overdue (for the owner), projects turned red
// (the owner and the company's manager), handoffs waiting more than 3 days (the receiving company's managers).
// Each reminder carries a dedupe key, unique per user, so running the sweep again makes nothing twice
// (docs/decisions/008-reminder-sweep.md).
import { sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { handoffs, notifications, projects, users } from "~db/schema";
import { todayInZone } from "~/lib/dates";
import { clock } from "~/lib/clock";
import { overdueSql } from "~/modules/handoffs/handoffs.server";
import { daysLateSql, projectLightWhere } from "~/modules/projects/projects.server";

/** Minutes between two sweeps of one zone when run from page loads. */
export const SWEEP_EVERY_MINUTES = 10;

const insertReminders = (tx: Executor, select: ReturnType<typeof sql>) =>
  tx.execute(sql`insert into ${notifications} (zone_id, user_id, kind, params, link, dedupe_key)
    ${select}
    on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing`);

/** Makes the zone's due reminders that do not exist yet. Idempotent; one transaction. */
export async function sweepReminders(zoneId: number, today = todayInZone(clock.now())) {
  await getDb().transaction(async (tx) => {
    // A next action due today or overdue: one reminder per project and due date.
    await insertReminders(
      tx,
      sql`select ${projects.zoneId}, ${projects.ownerId}, 'next_action_due',
            jsonb_build_object('project', ${projects.name}, 'action', coalesce(${projects.nextAction}, ''), 'due', ${projects.nextActionOn}::text),
            '/projects/' || ${projects.id}, 'due:' || ${projects.id} || ':' || ${projects.nextActionOn}::text
          from ${projects}
          where ${projects.zoneId} = ${zoneId} and ${projects.ownerId} is not null and ${projects.status} <> 'lost'
            and ${projects.nextActionOn} <= ${today}::date`,
    );
    // A red light: the owner and the company's managers, once per project and stage it is red at.
    await insertReminders(
      tx,
      sql`select distinct ${projects.zoneId}, u.id, 'project_red',
            jsonb_build_object('project', ${projects.name}, 'days', (${daysLateSql(today)})::text),
            '/projects/' || ${projects.id}, 'red:' || ${projects.id} || ':' || ${projects.stage}::text
          from ${projects}
          join ${users} u on u.disabled = false
            and (u.id = ${projects.ownerId} or (u.company_id = ${projects.companyId} and u.role = 'manager'))
          where ${projects.zoneId} = ${zoneId} and ${projectLightWhere("red", today)}`,
    );
    // A handoff waiting more than 3 days: the receiving company's managers, once per handoff.
    await insertReminders(
      tx,
      sql`select distinct ${projects.zoneId}, u.id, 'handoff_overdue',
            jsonb_build_object('project', ${projects.name}),
            '/handoffs/' || ${handoffs.id}, 'handoff:' || ${handoffs.id}
          from ${handoffs}
          join ${projects} on ${projects.id} = ${handoffs.projectId}
          join ${users} u on u.disabled = false and u.company_id = ${handoffs.toCompanyId} and u.role = 'manager'
          where ${projects.zoneId} = ${zoneId} and ${overdueSql()}`,
    );
  });
}

const lastSweep = new Map<number, number>();

/**
 * Runs the sweep for a zone from a page load, at most once per SWEEP_EVERY_MINUTES per zone in this process.
 * The page waits for it (a few indexed inserts), so the badge it shows already counts the new reminders.
 */
export async function sweepRemindersIfDue(zoneId: number) {
  const now = clock.now().getTime();
  const last = lastSweep.get(zoneId);
  if (last !== undefined && now - last < SWEEP_EVERY_MINUTES * 60_000) return false;
  lastSweep.set(zoneId, now);
  try {
    await sweepReminders(zoneId);
  } catch (error) {
    // A failed sweep must not break the page; it is tried again next time.
    lastSweep.delete(zoneId);
    console.error("reminder sweep failed", error);
  }
  return true;
}
