import * as z from "zod";
import { PROJECT_STAGES, PROJECT_STATUSES } from "~/lib/domain-values";
import { LIGHTS } from "~/lib/light";
import { decodeKeyset, encodeKeyset, pagingShape, searchParamsRecord, searchTextSchema } from "~/lib/list-state";
import { MAX_ID } from "~/lib/result";

export const PROJECT_SORTS = ["updated", "code", "name", "stage", "investment", "lastActivity", "nextAction", "signed"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
export { PAGE_SIZES } from "~/lib/list-state";

const optionalId = z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined);

/** The project list's URL state. Unknown or bad values fall back to defaults instead of failing the page. */
export const projectListParamsSchema = z.object({
  q: searchTextSchema,
  stage: z.enum(PROJECT_STAGES).optional().catch(undefined),
  // "open" is every project not lost (active and on hold).
  status: z
    .enum([...PROJECT_STATUSES, "open"])
    .optional()
    .catch(undefined),
  owner: z
    .union([z.literal("me"), z.coerce.number().int().positive().max(MAX_ID)])
    .optional()
    .catch(undefined),
  cluster: optionalId,
  company: optionalId,
  // 亮灯 (see app/lib/light.ts): the same rule in SQL, projectLightWhere in projects.server.ts.
  light: z.enum(LIGHTS).optional().catch(undefined),
  ...pagingShape(PROJECT_SORTS),
});

export type ProjectListParams = z.infer<typeof projectListParamsSchema>;

export function parseProjectListParams(searchParams: URLSearchParams): ProjectListParams {
  return projectListParamsSchema.parse(searchParamsRecord(searchParams));
}

/** A keyset cursor: the sort column's value (as text) and the id of the row at the page edge. */
export const cursorSchema = z.object({ v: z.string().max(200).nullable(), id: z.number().int().positive() });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return encodeKeyset(cursor);
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  return decodeKeyset(cursorSchema, value);
}
