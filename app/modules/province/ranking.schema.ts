// The province's weights of 四比四看 between zones: one whole number 0–100 per measure and a note on why.
import * as z from "zod";
import { optionalText } from "~/lib/form-fields";
import type { ZoneMeasureKey } from "~/lib/zone-ranking";
import { ZONE_MEASURE_KEYS } from "~/lib/zone-ranking";

const weight = z.coerce.number("reports.error.weight").int("reports.error.weight").min(0, "reports.error.weight").max(100, "reports.error.weight");

export const zoneWeightsSchema = z
  .object({
    ...(Object.fromEntries(ZONE_MEASURE_KEYS.map((key) => [key, weight])) as Record<ZoneMeasureKey, typeof weight>),
    note: optionalText(200),
  })
  .refine((v) => ZONE_MEASURE_KEYS.some((key) => v[key] > 0), { message: "reports.error.noWeight", path: ["_form"] });
export type ZoneWeightsInput = z.output<typeof zoneWeightsSchema>;
