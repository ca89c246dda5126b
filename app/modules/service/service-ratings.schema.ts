// The enterprise's rating (decision 018): the 回访 call's form, the list's form (which request) and the public link's.
import * as z from "zod";
import { idField, optionalText } from "~/lib/form-fields";

const score = z.coerce
  .number("service.error.satisfaction")
  .int("service.error.satisfaction")
  .min(1, "service.error.satisfaction")
  .max(5, "service.error.satisfaction");

export const ratingSchema = z.object({ score, comment: optionalText(500) });
export type RatingInput = z.output<typeof ratingSchema>;

/** A row of the 回访 list posts which request it rates. */
export const followUpSchema = ratingSchema.extend({ requestId: idField });
