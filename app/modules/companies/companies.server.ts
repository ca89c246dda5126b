import { eq } from "drizzle-orm";
import type { Executor } from "~db/index";
import { companies } from "~db/schema";

/** A company's name, for messages and notifications ("" when there is no such company). */
export async function companyName(db: Executor, companyId: number) {
  const [row] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  return row?.name ?? "";
}
