// The target list's light (招商目标库, issue 22, decision 030): a target nobody has contacted for 60 days since it was
// added is red; one whose planned first contact has passed is yellow; a contacted one has no light.
import { daysBetween } from "./dates";

export const TARGET_STALE_DAYS = 60;
export const TARGET_LIGHTS = ["red", "yellow", "green"] as const;
export type TargetLight = (typeof TARGET_LIGHTS)[number];

export type TargetLightInput = {
  /** The calendar date (zone time) it was added. */
  addedOn: string;
  plannedContactOn: string | null;
  contacted: boolean;
};

/** Days since the target was added without a contact; null once contacted. */
export function daysUncontacted(t: TargetLightInput, today: string): number | null {
  return t.contacted ? null : Math.max(0, daysBetween(t.addedOn, today));
}

export function targetLight(t: TargetLightInput, today: string): TargetLight | null {
  const days = daysUncontacted(t, today);
  if (days === null) return null;
  if (days >= TARGET_STALE_DAYS) return "red";
  if (t.plannedContactOn !== null && t.plannedContactOn < today) return "yellow";
  return "green";
}
