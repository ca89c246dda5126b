// The duplicate check's answer, shared by the server (which decides) and the form (which shows it as the user types).

import type { InvestorFollower } from "~/modules/projects/followers";

export type MatchKind = "uscc" | "name" | "similar";

/** pg_trgm similarity above which two names count as similar (besides the index's `%`). */
export const SIMILARITY = 0.4;

export type InvestorMatch = {
  id: number;
  name: string;
  uscc: string | null;
  match: MatchKind;
  /** pg_trgm similarity of the names, 0–1. */
  similarity: number;
  followers: InvestorFollower[];
};

/**
 * The match that forbids registering: the same code, or the same name where no code tells the two apart
 * (DOMAIN.md: an investor is identified by its code where known, otherwise by its exact name).
 */
export function blockingMatch(matches: InvestorMatch[], uscc: string | undefined | null, exceptId?: number) {
  const others = matches.filter((m) => m.id !== exceptId);
  return others.find((m) => m.match === "uscc") ?? others.find((m) => m.match === "name" && (!uscc || !m.uscc));
}

/**
 * Another zone follows the same or a similar investor (issue 20): only which zone — "太原 · 某开发区" — and how the
 * names or codes matched. Never that zone's investor, company, owner, project or terms (decision 022).
 */
export type OtherZoneMatch = { zone: string; match: MatchKind };
