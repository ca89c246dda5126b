// crosszone: English of ../zh/crosszone.ts.
import type { crosszone as zh } from "../zh/crosszone";

export const crosszone: Record<keyof typeof zh, string> = {
  "nav.sharedInvestors": "Shared investors",
  "investors.otherZoneFollowing": "Another zone ({zone}) already follows it",
  "investors.otherZonesTitle": "Other zones",
  "investors.otherZonesHint":
    "For information only; you may still register it. The other zone's people, projects and terms are not shown; to coordinate, ask the province's investment office.",
  "investors.otherZoneMatch.uscc": "same credit code",
  "investors.otherZoneMatch.name": "same name",
  "investors.otherZoneMatch.similar": "similar name",
  "investors.otherZonesFollowing": "Note: another zone ({zones}) already follows this investor.",
  "shared.title": "Investors followed by several zones",
  "shared.intro":
    "Investors that two or more zones follow with a project that is not lost (active or on hold), for coordinating against competition between zones. One investor is grouped by its unified social credit code, or by its name when it has none (spaces, full- and half-width brackets and letter case ignored). Per zone: the stage of its furthest project, since when (the earliest first contact of its projects, else the day registered), and its projects (confidential ones counted, never named).",
  "shared.cityScope": "Only investors with at least one zone in {city} (with the other cities' zones too).",
  "shared.investor": "Investor",
  "shared.uscc": "Credit code",
  "shared.zoneCount": "Zones",
  "shared.zones": "Each zone",
  "shared.zone": "Zone",
  "shared.city": "City",
  "shared.furthestStage": "Furthest stage",
  "shared.since": "Since",
  "shared.projects": "Projects",
  "shared.confidential": "Of which confidential",
  "shared.zoneLine": "{zone}: {stage}, since {since}, {projects} projects",
  "shared.confidentialNote": " ({n} confidential)",
  "shared.count": "{n} investors",
  "shared.none": "No investor is followed by two or more zones.",
};
