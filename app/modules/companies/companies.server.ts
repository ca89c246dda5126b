import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { companies } from "~db/schema";

/** A company's name, for messages and notifications ("" when there is no such company). */
export async function companyName(db: Executor, companyId: number) {
  const [row] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  return row?.name ?? "";
}

/** The zone's active companies in their display order. */
export async function listZoneCompanies(zoneId: number) {
  return getDb()
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.zoneId, zoneId), eq(companies.active, true)))
    .orderBy(asc(companies.sortOrder), asc(companies.id));
}
