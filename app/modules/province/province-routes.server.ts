// What the province's pages and their exports share: the signed-in reader (a 404 for anyone else) and the URL's
// period and comparison.
import { todayInZone } from "~/lib/dates";
import { comparisonFromSearch, periodFromSearch } from "~/lib/periods";
import { readsProvinceFigures } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse } from "~/modules/http/respond.server";
import type { Milestone } from "~/modules/reports/milestones";
import { MILESTONES } from "~/modules/reports/milestones";
import { provinceReader, readableCity, readableZone } from "./figures.server";

/** A province or city leader; anyone else gets a 404 (the pages do not exist for them). */
export async function requireProvinceReader(request: Request) {
  const user = await requireUser(request);
  invariantResponse(readsProvinceFigures(user));
  return { user, reader: await provinceReader(user) };
}

export function provincePeriod(url: URL) {
  const { period, error } = periodFromSearch(url.searchParams, todayInZone());
  return { period, error, compare: comparisonFromSearch(url.searchParams) };
}

/** A city this reader may read, else a 404 (another city's is the same 404 as none). */
export async function requireCity(reader: Awaited<ReturnType<typeof provinceReader>>, code: string | undefined) {
  const city = code ? await readableCity(reader, code) : null;
  invariantResponse(city);
  return city;
}

/** A zone this reader may read, else a 404. */
export async function requireZone(reader: Awaited<ReturnType<typeof provinceReader>>, code: string | undefined) {
  const zone = code ? await readableZone(reader, code) : null;
  invariantResponse(zone);
  return zone;
}

export function milestoneParam(url: URL): Milestone | null {
  const value = url.searchParams.get("milestone");
  return (MILESTONES as readonly string[]).includes(value ?? "") ? (value as Milestone) : null;
}
