// Saved views (保存的视图): a named filter of the list, the board or the chasing lists, personal or (managers)
// for the whole company. The query is stored without cursors or exports, so a view always opens at the start.
import { and, asc, eq, isNull, or } from "drizzle-orm";
import * as z from "zod";
import { getDb } from "~db/index";
import { savedViews } from "~db/schema";
import type { Forbidden, NotFound, Ok } from "~/lib/result";
import { forbidden, notFound, ok } from "~/lib/result";
import type { Viewer } from "~/modules/auth/policy";
import { canDeleteSavedView, canSaveCompanyView, canSeeSavedView } from "~/modules/auth/policy";

import type { saveViewSchema, ViewList } from "./views.schema";
import { VIEW_LISTS } from "./views.schema";

export { VIEW_LISTS };
export type { ViewList };

export const VIEW_PATHS: Record<ViewList, string> = { projects: "/projects", board: "/pipeline", chasing: "/pipeline/chasing" };

/** The parameters a view keeps, per page: filters and sort (chasing: its tab), never a cursor. */
const KEPT: Record<ViewList, string[]> = {
  projects: ["q", "stage", "status", "owner", "cluster", "company", "light", "sort", "dir", "hide", "size"],
  board: ["q", "stage", "status", "owner", "cluster", "company", "light"],
  chasing: ["q", "stage", "status", "owner", "cluster", "company", "light", "tab", "sort", "dir"],
};

export function viewQuery(list: ViewList, query: string) {
  const from = new URLSearchParams(query);
  const kept = new URLSearchParams();
  for (const [k, v] of from) if (KEPT[list].includes(k) && v !== "" && v.length <= 200) kept.set(k, v);
  return kept.toString();
}

/** Forbidden: a company view saved by someone who may not share with the company. */
export type SaveViewResult = Ok<{ id: number }> | Forbidden;

export async function saveView(viewer: Viewer, input: z.infer<typeof saveViewSchema>): Promise<SaveViewResult> {
  if (input.shared && !canSaveCompanyView(viewer)) return forbidden();
  const query = viewQuery(input.list, input.query);
  const db = getDb();
  const [existing] = await db
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(eq(savedViews.ownerId, viewer.id), eq(savedViews.list, input.list), eq(savedViews.name, input.name)));
  if (existing) {
    // Saving under a name one already used replaces that view's filter.
    await db
      .update(savedViews)
      .set({ query, companyId: input.shared ? viewer.companyId : null })
      .where(eq(savedViews.id, existing.id));
    return ok({ id: existing.id });
  }
  const [row] = await db
    .insert(savedViews)
    .values({
      zoneId: viewer.zoneId,
      companyId: input.shared ? viewer.companyId : null,
      ownerId: viewer.id,
      list: input.list,
      name: input.name,
      query,
    })
    .returning({ id: savedViews.id });
  return ok({ id: row.id });
}

/** The views a viewer has: their own and their company's, with the link each opens. */
export async function listViews(viewer: Viewer) {
  const rows = await getDb()
    .select({
      id: savedViews.id,
      list: savedViews.list,
      name: savedViews.name,
      query: savedViews.query,
      companyId: savedViews.companyId,
      ownerId: savedViews.ownerId,
      zoneId: savedViews.zoneId,
    })
    .from(savedViews)
    .where(
      and(
        eq(savedViews.zoneId, viewer.zoneId),
        viewer.companyId === null
          ? and(eq(savedViews.ownerId, viewer.id), isNull(savedViews.companyId))
          : or(eq(savedViews.ownerId, viewer.id), eq(savedViews.companyId, viewer.companyId)),
      ),
    )
    .orderBy(asc(savedViews.list), asc(savedViews.name), asc(savedViews.id));
  return rows
    .filter((v) => canSeeSavedView(viewer, v) && (VIEW_LISTS as readonly string[]).includes(v.list))
    .map((v) => ({
      id: v.id,
      list: v.list as ViewList,
      name: v.name,
      shared: v.companyId !== null,
      href: `${VIEW_PATHS[v.list as ViewList]}${v.query ? `?${v.query}` : ""}`,
      deletable: canDeleteSavedView(viewer, v),
    }));
}

/** Deletes a view: its owner, or for a company view the company's manager. Others: not found or forbidden. */
export async function deleteView(viewer: Viewer, id: number): Promise<Ok<undefined> | NotFound | Forbidden> {
  const db = getDb();
  const [view] = await db
    .select({ zoneId: savedViews.zoneId, companyId: savedViews.companyId, ownerId: savedViews.ownerId })
    .from(savedViews)
    .where(eq(savedViews.id, id));
  if (!view || !canSeeSavedView(viewer, view)) return notFound();
  if (!canDeleteSavedView(viewer, view)) return forbidden();
  await db.delete(savedViews).where(eq(savedViews.id, id));
  return ok();
}
