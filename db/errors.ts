/** What the drivers put on a PostgreSQL error; drizzle wraps it (DrizzleQueryError) and keeps it as `cause`. */
type DriverError = { code?: string; constraint_name?: string; constraint?: string; message?: string; cause?: unknown };

/**
 * Whether `error`, or any error in its cause chain, is a unique violation (23505) of `constraint`. postgres.js names
 * the constraint in `constraint_name`, PGlite in `constraint`; the message names it on both, as a last resort.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const seen = new Set<unknown>();
  for (let e = error as DriverError | undefined; e && typeof e === "object" && !seen.has(e); e = e.cause as DriverError | undefined) {
    seen.add(e);
    if (e.code !== "23505") continue;
    if (e.constraint_name === constraint || e.constraint === constraint || String(e.message ?? "").includes(constraint)) return true;
  }
  return false;
}
