import * as z from "zod";
import { optionalId } from "~/lib/form-fields";
import { passwordSchema } from "~/modules/admin/users.schema";

// Messages are dictionary keys; the form translates them.

/** A zone's code: 2–16 lowercase letters or digits (its admin signs in as `CODE_admin`). */
export const zoneCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]{2,16}$/, "zones.validation.code");

const zoneFields = {
  code: zoneCodeSchema,
  name: z.string().trim().min(2, "zones.validation.name").max(40, "zones.validation.name"),
  cityId: optionalId,
};

/** The province admin's form: the zone and its admin's first password. */
export const createZoneSchema = z.object({ ...zoneFields, password: passwordSchema });

export type CreateZoneInput = z.infer<typeof createZoneSchema>;
