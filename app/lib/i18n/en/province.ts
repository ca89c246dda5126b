import type { province as zh } from "../zh/province";

export const province: Record<keyof typeof zh, string> = {
  "province.title": "Province: three batches",
  "province.titleCity": "City: three batches",
  "province.subtitle":
    "Projects each zone signed, started construction and started production in the period, with their total investment (by each stage's business date, credited to the owning company, every claimed milestone). Click a zone or a number to go down to its companies and projects; a confidential project is counted, never named.",
  "province.total": "Total",
  "province.figures": "Figures",
  "province.totalLive": "Live total (current figures of {n} zones)",
  "province.totalPublished": "Published total ({n} of {of} zones published this period)",
  "province.totalNote":
    "Live total: every zone's figures as they stand now, zones that have not published included. Published total: only zones that published exactly this period, with the figures frozen when they published; the others are left out.",
  "province.countProjects": "{n} projects",
  "province.wanAndYi": "{wan} wan ({yi} yi) CNY",
  "province.byZone": "By zone",
  "province.byZoneNote":
    "A zone that published this period shows its published figures; one marked “not published” shows its live figures. Comparisons use the live figures.",
  "province.byCity": "By city",
  "province.byCluster": "By industry cluster",
  "province.byClusterNote":
    "By the cluster of the owning company (matched across zones by the reference template's cluster names); service and platform companies' projects under “Service and platform companies”. Live figures.",
  "province.liveNote": "Live figures: each zone's data as it stands now.",
  "province.zone": "Zone",
  "province.city": "City",
  "province.noCity": "No city set",
  "province.zoneCount": "Zones",
  "province.publishedCol": "Published",
  "province.publishedAt": "Published {at}",
  "province.notPublished": "Not published",
  "province.otherCompanies": "Service and platform companies",
  "province.noZones": "No zone to show",
  "province.compareNote": "Change in brackets; — where the earlier figure is 0.",
  "province.targetsTitle": "{year} annual targets (to {date})",
  "province.targetCompanies": "Companies with targets",
  "province.targetSignedWan": "Signed investment (wan CNY)",
  "province.targetsNote":
    "A zone's target is the sum of its companies' targets; achieved is the whole zone's live figure since 1 January: “achieved / target · %”. — where a zone set no target.",
  "province.cityTitle": "{city} · three batches",
  "province.back": "Back to the province",
  "province.backCity": "Back to {city}",
  "province.zoneTitle": "{zone} · three batches by company",
  "province.zonePublished": "The zone published this period ({at}): these are its published figures.",
  "province.zoneLive": "The zone has not published this period: these are its live figures.",
  "province.company": "Company",
  "province.zoneTotal": "Zone total",
  "province.projectsTitle": "{zone} · projects",
  "province.projectsNote":
    "Province and city leaders open no project page; a confidential project is counted in the totals, without its name, company or money.",
  "province.allCompanies": "All companies",
  "province.backZone": "Back to {zone}",
  "province.csvFile": "province-three-batches",
} as const;
