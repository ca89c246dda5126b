// The three milestones of 三个一批, shared by the server modules and the pages (which cannot import *.server.ts).
export const MILESTONES = ["signed", "construction", "production"] as const;
export type Milestone = (typeof MILESTONES)[number];
