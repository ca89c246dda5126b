// The import form's fields besides the file (which the server streams, see import.server.ts). Which company an
// admin's choice names, and whether the user may choose at all, is the server's check (importTarget).
import * as z from "zod";

export const importFormSchema = z.object({
  company: z.string("validation.invalid").max(20, "validation.invalid").optional(),
});
