import type { MessageKey } from "../keys";

// milestones: English. The keys are Chinese's (../zh/milestones.ts); ../en/index.ts checks none is missing.
export const milestones = {
  "activity.registration": "Registration",
  "activity.construction_start": "Construction start",
  "activity.production_start": "Production start",
  "milestone.title": "Move the stage",
  "milestone.advance": "Also move the stage to “{stage}”",
  "milestone.intro":
    "Logging a “{kind}” can move the project to “{stage}” too: tick the box and the gate checks the fields below; the activity and the stage move are saved together, or neither is.",
  "milestone.dateHint": "The activity's date unless changed",
  "milestone.evidence": "Milestone evidence ({evidence}) is not required to move; upload it on the project page after saving.",
  "milestone.error.kind.evaluating": "Only a review meeting with the outcome “Approved” moves the project to “Evaluating”",
  "milestone.error.kind.signed": "Only a signing ceremony moves the project to “Signed”",
  "milestone.error.kind.registered": "Only a registration moves the project to “Registered”",
  "milestone.error.kind.construction": "Only a construction start moves the project to “Construction”",
  "milestone.error.kind.production": "Only a production start moves the project to “Production”",
  "milestone.error.cannotMove": "Only the project's owner and the company's manager move its stage; log the activity without ticking the box",
  "milestone.logged": "Logged the {kind} and moved the project to “{stage}”",
  "milestone.conflict": "{by} changed the project at {at} (now at “{stage}”); nothing was saved. Check it and submit again.",
  "audit.project.activity_stage_forward": "Logged a {kind} and moved the stage to {stage}",
  "stage.loggedDate": "Date taken from the “{kind}” logged on {on}",
} satisfies Partial<Record<MessageKey, string>>;
