// Logging a milestone moves the project (issue 19): the activity and the stage move through its gate in one
// transaction, so a refused gate or someone else's save leaves neither behind. Also the date the stage form opens
// with: the latest logged milestone activity's for that stage.
import { and, desc, eq } from "drizzle-orm";
import type { Transaction } from "~db/index";
import { getDb } from "~db/index";
import { activities } from "~db/schema";
import type { ProjectStage } from "~/lib/domain-values";
import type { Conflict, Invalid, NotFound, Ok } from "~/lib/result";
import { invalid, notFound, ok } from "~/lib/result";
import type { Viewer } from "~/modules/auth/policy";
import { canEditProject, canLogActivity } from "~/modules/auth/policy";
import type { ActivityInput } from "./activity.schema";
import type { MilestoneMove } from "./milestones";
import { milestoneKindFor } from "./milestones";
import { checkActivity, insertActivity } from "./project-activities.server";
import type { ProjectConflict } from "./project-conflict.server";
import { applyForwardMove } from "./project-stages.server";
import { loadProjectFacts } from "./projects.server";

export type MilestoneActivityResult = Ok<{ activityId: number; stage: ProjectStage }> | NotFound | Invalid | Conflict<ProjectConflict>;

/** Carries a refusal out of the transaction, which rolls back the activity already written in it. */
class Refused extends Error {
  constructor(readonly result: NotFound | Invalid | Conflict<ProjectConflict>) {
    super("refused");
  }
}

/**
 * Logs the activity and moves the project to the stage it marks, both or neither. Logging needs the right to log
 * on the project; the move the right to edit it (a colleague or an assist's helper logs but does not move: the
 * box is refused with a message, the activity not written).
 */
export async function logActivityAndMoveStage(
  viewer: Viewer,
  projectId: number,
  activity: ActivityInput,
  move: MilestoneMove,
  withActivity?: (tx: Transaction, at: { zoneId: number; projectId: number; activityId: number }) => Promise<void>,
): Promise<MilestoneActivityResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canLogActivity(viewer, facts)) return notFound();
  if (!canEditProject(viewer, facts)) return invalid({ advanceStage: "milestone.error.cannotMove" });
  const refused = await checkActivity(viewer, projectId, facts.companyId, activity);
  if (refused) return refused;
  try {
    return await getDb().transaction(async (tx) => {
      const created = await insertActivity(tx, viewer, projectId, facts.companyId, activity);
      await withActivity?.(tx, { zoneId: facts.zoneId, projectId, activityId: created.id });
      const moved = await applyForwardMove(tx, viewer, projectId, move.to, move.input, { id: created.id, kind: activity.kind });
      if (moved.kind !== "ok") throw new Refused(moved);
      return ok({ activityId: created.id, stage: moved.value.stage });
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}

/**
 * The latest logged activity that marks `stage` on the project (a passed review meeting for 会商评审, a signing
 * ceremony for 签约 …): the stage form opens with its date. Undefined when none was logged.
 */
export async function latestMilestoneActivity(projectId: number, stage: ProjectStage) {
  const kind = milestoneKindFor(stage);
  if (!kind) return undefined;
  const [row] = await getDb()
    .select({ occurredOn: activities.occurredOn, kind: activities.kind })
    .from(activities)
    .where(
      and(
        eq(activities.projectId, projectId),
        eq(activities.kind, kind),
        kind === "review_meeting" ? eq(activities.reviewOutcome, "approved") : undefined,
      ),
    )
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(1);
  return row;
}
