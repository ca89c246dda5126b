// Reminders made by a sweep over the zone: next actions due today or overdue (for the owner), projects turned red
// (the owner and the company's managers), handoffs waiting more than 3 days (the receiving company's managers).
// Each reminder carries a dedupe key, unique per user, so running the sweep again makes nothing twice
// (docs/decisions/008-reminder-sweep-and-pipeline.md).
//
// The sweep is incremental (migration 0013): reminder_sweeps remembers the day the zone was last swept, and triggers
// on projects queue every project written since in a way that can make a reminder. A sweep reads the queued
// projects and those whose next action fell due or whose milestone passed the red threshold since that day, so its
// cost follows what changed, not the zone's size. The first sweep of a zone reads the whole zone.
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import { handoffs, notifications, projects, reminderQueue, reminderSweeps, users } from "~db/schema";
import { addDays, todayInZone } from "~/lib/dates";
import { LIGHT_RED_AFTER_DAYS } from "~/lib/light";
import { clock } from "~/lib/clock";
import { overdueSql } from "~/modules/handoffs/handoffs.server";
import { daysLateSql, openWorkWhere, projectLightWhere } from "~/modules/projects/projects.server";
import { deliverRobotMessages, queueRobotDigests } from "./robot.server";

/** Minutes between two sweeps of one zone when run from page loads. */
export const SWEEP_EVERY_MINUTES = 10;

/** Inserts the reminders `select` yields that do not exist yet; how many it made. */
async function insertReminders(tx: Executor, select: SQL) {
  const made = await queryRows<{ id: number }>(
    sql`insert into ${notifications} (zone_id, user_id, kind, params, link, dedupe_key)
      ${select}
      on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
      returning id`,
    tx,
  );
  return made.length;
}

export type SweepResult =
  { full: boolean; queued: number; made: { due: number; red: number; handoff: number }; robotDigests: number } | { skipped: true };

/**
 * Makes the zone's due reminders that do not exist yet, in one transaction. Idempotent. `full` reads the whole zone
 * (as the first sweep of a zone does); otherwise only what changed since the last sweep. A sweep already running for
 * the zone (another process) is not waited for: this one is skipped.
 */
export async function sweepReminders(zoneId: number, today = todayInZone(clock.now()), opts: { full?: boolean } = {}): Promise<SweepResult> {
  return getDb().transaction(async (tx) => {
    const [created] = await queryRows<{ swept_on: string }>(
      sql`insert into ${reminderSweeps} (zone_id, swept_on) values (${zoneId}, ${today}::date)
        on conflict (zone_id) do nothing returning swept_on::text`,
      tx,
    );
    const [state] = created
      ? [created]
      : await queryRows<{ swept_on: string }>(sql`select swept_on::text from ${reminderSweeps} where zone_id = ${zoneId} for update skip locked`, tx);
    if (!state) return { skipped: true as const };
    // Taken off the queue: the projects no writer is still holding (a held one stays for the next sweep, which then
    // sees it as that writer leaves it).
    const claimed = await queryRows<{ project_id: number }>(
      sql`delete from ${reminderQueue} q
        where q.zone_id = ${zoneId} and q.project_id in (
          select project_id from ${reminderQueue} where zone_id = ${zoneId} order by project_id for update skip locked)
        returning q.project_id`,
      tx,
    );
    const sweptOn = state.swept_on;
    // A day before the last sweep (a clock set back) or a first sweep: the whole zone.
    const full = opts.full === true || created !== undefined || today < sweptOn;
    const ids = `{${claimed.map((c) => c.project_id).join(",")}}`;
    const changed = (window: SQL) => (full ? sql`true` : sql`(${projects.id} = any(${ids}::int[]) or ${window})`);
    const redBefore = (day: string) => addDays(day, -LIGHT_RED_AFTER_DAYS);

    // A next action due today or overdue: one reminder per project and due date. The project's next action is its
    // earliest open one (closed ones never count); projects in 投产, 搁置 or 流失 are past day-to-day work.
    const due = await insertReminders(
      tx,
      sql`select ${projects.zoneId}, ${projects.ownerId}, 'next_action_due',
            jsonb_build_object('project', ${projects.name}, 'action', coalesce(${projects.nextAction}, ''), 'due', ${projects.nextActionOn}::text),
            '/projects/' || ${projects.id}, 'due:' || ${projects.id} || ':' || ${projects.nextActionOn}::text
          from ${projects}
          join ${users} u on u.id = ${projects.ownerId} and u.disabled = false
          where ${projects.zoneId} = ${zoneId} and ${openWorkWhere()}
            and ${projects.nextActionOn} <= ${today}::date
            and ${changed(sql`${projects.nextActionOn} > ${sweptOn}::date`)}`,
    );
    // A red light: the owner and the company's managers, once per project and stage it is red at.
    const red = await insertReminders(
      tx,
      sql`select ${projects.zoneId}, u.id, 'project_red',
            jsonb_build_object('project', ${projects.name}, 'days', (${daysLateSql(today)})::text),
            '/projects/' || ${projects.id}, 'red:' || ${projects.id} || ':' || ${projects.stage}::text
          from ${projects}
          cross join lateral (
            select ${projects.ownerId} as user_id
            union
            select m.id from ${users} m where m.company_id = ${projects.companyId} and m.role = 'manager'
          ) r
          join ${users} u on u.id = r.user_id and u.disabled = false
          where ${projects.zoneId} = ${zoneId} and ${projectLightWhere("red", today)}
            and ${changed(sql`${projects.milestoneDueOn} >= ${redBefore(sweptOn)}::date`)}`,
    );
    // A handoff waiting more than 3 days: the receiving company's managers, once per handoff. Only pending handoffs
    // are read, a few hundred in a large zone, so this one reads them all.
    const handoff = await insertReminders(
      tx,
      sql`select distinct ${projects.zoneId}, u.id, 'handoff_overdue',
            jsonb_build_object('project', ${projects.name}),
            '/handoffs/' || ${handoffs.id}, 'handoff:' || ${handoffs.id}
          from ${handoffs}
          join ${projects} on ${projects.id} = ${handoffs.projectId}
          join ${users} u on u.disabled = false and u.company_id = ${handoffs.toCompanyId} and u.role = 'manager'
          where ${projects.zoneId} = ${zoneId} and ${overdueSql()}`,
    );
    // The day's digest for each company's group robot, once a day (robot.server.ts); sent after this commits.
    const robotDigests = await queueRobotDigests(tx, zoneId, today);
    await tx.execute(sql`update ${reminderSweeps} set swept_on = ${today}::date where zone_id = ${zoneId}`);
    return { full, queued: claimed.length, made: { due, red, handoff }, robotDigests };
  });
}

const lastSweep = new Map<number, number>();

/**
 * Starts the sweep for a zone from a page load, at most once per SWEEP_EVERY_MINUTES per zone in this process. The
 * page does not wait for it: the reminders it makes show from the next page on. Returns the running sweep (tests
 * and scripts may wait for it), or null when it is not due.
 */
export function sweepRemindersIfDue(zoneId: number): Promise<SweepResult | null> | null {
  const now = clock.now().getTime();
  const last = lastSweep.get(zoneId);
  if (last !== undefined && now - last < SWEEP_EVERY_MINUTES * 60_000) return null;
  lastSweep.set(zoneId, now);
  return sweepReminders(zoneId)
    .then(async (result) => {
      // The group robots' messages go out after the sweep's transaction; a robot that fails is tried next time.
      await deliverRobotMessages(zoneId).catch((error: unknown) => console.error("robot delivery failed", error));
      return result;
    })
    .catch((error: unknown) => {
      // A failed sweep must not break anything; it is tried again at the next page load.
      lastSweep.delete(zoneId);
      console.error("reminder sweep failed", error);
      return null;
    });
}
