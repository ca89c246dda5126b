// Saving a view: the form (in the list, board and chasing pages) and the action of /views check the same fields.
import * as z from "zod";

export const VIEW_LISTS = ["projects", "board", "chasing"] as const;
export type ViewList = (typeof VIEW_LISTS)[number];

export const saveViewSchema = z.object({
  list: z.enum(VIEW_LISTS),
  name: z.string("validation.required").trim().min(1, "validation.required").max(40, "validation.tooLong"),
  query: z.string().max(2000).default(""),
  shared: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1"),
});
