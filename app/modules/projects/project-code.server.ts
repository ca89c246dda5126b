import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { projects } from "~db/schema";

// A project's code is ZS-<year>-<five digits>, numbered per zone and year from the highest already given. Projects
// created in the app and imported from a sheet are numbered here alike.

/** The code of the `n`th project of `year`: ZS-2026-00001. */
export function projectCode(year: number, n: number) {
  return `ZS-${year}-${String(n).padStart(5, "0")}`;
}

/** The next free number of the zone's codes of `year`, above those it has and above `alsoTaken` (a sheet's codes). */
export async function nextProjectCodeNumber(db: Executor, zoneId: number, year: number, alsoTaken: readonly string[] = []) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(split_part(${projects.code}, '-', 3)::int), 0)::int` })
    .from(projects)
    .where(and(eq(projects.zoneId, zoneId), sql`${projects.code} ~ ${`^ZS-${year}-\\d+$`}`));
  const pattern = new RegExp(`^ZS-${year}-(\\d+)$`);
  let n = row.n;
  for (const code of alsoTaken) {
    const m = pattern.exec(code);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return n + 1;
}

/** The next free code of the zone for `year`. */
export async function nextProjectCode(db: Executor, zoneId: number, year: number) {
  return projectCode(year, await nextProjectCodeNumber(db, zoneId, year));
}
