import type { ProjectStage } from "~/lib/domain-values";
import { PROJECT_STAGES } from "~/lib/domain-values";
import { daysBetween } from "./dates";

// 亮灯: a planned milestone date passed without the stage being reached. Up to 30 days late is yellow, past it red.
/** The lights in the order the filters offer them. */
export const LIGHTS = ["red", "yellow", "green", "none"] as const;
export type Light = (typeof LIGHTS)[number];
export const LIGHT_RED_AFTER_DAYS = 30;

export type LightInput = {
  stage: ProjectStage;
  status: "active" | "on_hold" | "lost";
  plannedSignOn: string | null;
  plannedConstructionOn: string | null;
  plannedProductionOn: string | null;
};

export function stageIndex(stage: ProjectStage) {
  return PROJECT_STAGES.indexOf(stage);
}

export function stageReached(current: ProjectStage, target: ProjectStage) {
  return stageIndex(current) >= stageIndex(target);
}

/** Days the most overdue planned milestone is late (0 when none is). */
export function daysLate(p: LightInput, today: string): number {
  const checks: [string | null, ProjectStage][] = [
    [p.plannedSignOn, "signed"],
    [p.plannedConstructionOn, "construction"],
    [p.plannedProductionOn, "production"],
  ];
  let worst = 0;
  for (const [planned, stage] of checks) {
    if (planned && planned < today && !stageReached(p.stage, stage)) worst = Math.max(worst, daysBetween(planned, today));
  }
  return worst;
}

export function projectLight(p: LightInput, today: string): Light {
  if (p.status === "lost") return "none";
  if (!p.plannedSignOn && !p.plannedConstructionOn && !p.plannedProductionOn) return "none";
  const late = daysLate(p, today);
  if (late === 0) return "green";
  return late > LIGHT_RED_AFTER_DAYS ? "red" : "yellow";
}
