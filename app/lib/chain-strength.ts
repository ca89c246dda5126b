// How strong a link of an industry chain is (issue 22, decision 025): a pure rule over the projects tagged with it,
// shared by the chain map, its table, its export and the zone overview. The page writes the rule out in words.
import type { ProjectStage, ProjectStatus } from "./domain-values";

export const CHAIN_SEGMENTS = ["upstream", "midstream", "downstream"] as const;
export type ChainSegment = (typeof CHAIN_SEGMENTS)[number];

export const CHAIN_STRENGTHS = ["empty", "weak", "present", "strong"] as const;
/** 空白 / 薄弱 / 已有 / 强 */
export type ChainStrength = (typeof CHAIN_STRENGTHS)[number];

/** A link is strong from this many projects signed or beyond (not lost) on. */
export const STRONG_FROM = 3;

const PIPELINE: readonly ProjectStage[] = ["negotiating", "evaluating"];
const LANDED: readonly ProjectStage[] = ["registered", "construction", "production"];
const BUILDING: readonly ProjectStage[] = ["construction", "production"];

/** What a link counts: projects not lost, by where they stand. */
export type LinkCounts = {
  /** 洽谈储备: negotiating or in review, not yet signed. */
  pipeline: number;
  /** 已签约: signed, not yet registered. */
  signed: number;
  /** 落地企业: registered, in construction or in production. */
  landed: number;
  /** of the landed, in construction or production (开工/投产). */
  building: number;
};

export function emptyCounts(): LinkCounts {
  return { pipeline: 0, signed: 0, landed: 0, building: 0 };
}

/** Adds one project to a link's counts; a lost project (终止) and one before negotiating count nowhere. */
export function countProject(counts: LinkCounts, p: { stage: ProjectStage; status: ProjectStatus }): LinkCounts {
  if (p.status === "lost") return counts;
  return {
    pipeline: counts.pipeline + (PIPELINE.includes(p.stage) ? 1 : 0),
    signed: counts.signed + (p.stage === "signed" ? 1 : 0),
    landed: counts.landed + (LANDED.includes(p.stage) ? 1 : 0),
    building: counts.building + (BUILDING.includes(p.stage) ? 1 : 0),
  };
}

/** Whether a project fills a link: signed or beyond and not lost (a signing on an empty link is a 补链 project). */
export function fillsLink(p: { stage: ProjectStage; status: ProjectStatus }) {
  return p.status !== "lost" && (p.stage === "signed" || LANDED.includes(p.stage));
}

/**
 * 空白: nobody on it — no project negotiating, in review, signed or beyond; 薄弱: someone is working on it (projects
 * negotiating or in review) but nothing is signed yet; 已有: one or two projects signed or beyond (a signing fills the
 * link, issue 22); 强: three or more. Until a signing, a link is unfilled (空白 or 薄弱): a signing there is 补链.
 */
export function chainStrength(c: LinkCounts): ChainStrength {
  const filled = c.signed + c.landed;
  if (filled >= STRONG_FROM) return "strong";
  if (filled > 0) return "present";
  if (c.pipeline > 0) return "weak";
  return "empty";
}

/**
 * The links whose key products (or name) appear in a project's name, best first: the picker's suggestion.
 * Products shorter than two characters are ignored (too many false matches).
 */
export function suggestLinks<L extends { id: number; name: string; products: string[] }>(projectName: string, links: L[]): L[] {
  const name = projectName.toLowerCase();
  const scored = links
    .map((l) => ({ l, score: [l.name, ...l.products].filter((w) => w.trim().length >= 2 && name.includes(w.trim().toLowerCase())).length }))
    .filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score);
  return scored.map((s) => s.l);
}
