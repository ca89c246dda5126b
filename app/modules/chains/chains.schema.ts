import * as z from "zod";
import { CHAIN_SEGMENTS } from "~/lib/chain-strength";
import { idField, optionalId, optionalText, requiredText } from "~/lib/form-fields";

// The chain editor's forms (issue 22): each carries the chain's version it was loaded with (decision 004).
const version = z.coerce.number("validation.required").int().min(1, "validation.required");

/** Key products as typed: separated by 、 , ， ; ； or new lines; blanks dropped, each trimmed. */
export function splitProducts(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[、,，;；\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const linkFields = {
  version,
  segment: z.enum(CHAIN_SEGMENTS, "validation.required"),
  name: requiredText(1, 30),
  description: optionalText(200),
  products: optionalText(300),
  sortOrder: z.coerce.number("validation.integer").int("validation.integer").min(0, "validation.integer").max(999, "validation.tooLarge"),
};

/** The fields the add and the edit form share. */
export const linkFieldsSchema = z.object(linkFields);

/** A new link; with a parent, a sub-link (it takes its parent's segment). */
export const addLinkSchema = z.object({ ...linkFields, parentId: optionalId });

export const updateLinkSchema = z.object({ ...linkFields, linkId: idField });

export const removeLinkSchema = z.object({ version, linkId: idField });

export type AddLinkInput = z.infer<typeof addLinkSchema>;
export type UpdateLinkInput = z.infer<typeof updateLinkSchema>;
export type RemoveLinkInput = z.infer<typeof removeLinkSchema>;
