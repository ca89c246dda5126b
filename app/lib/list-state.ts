// The URL state every server-driven list shares: search text, sort, direction, keyset cursors and page size.
// Unknown or bad values fall back to defaults instead of failing the page.
import * as z from "zod";

export const PAGE_SIZES = [25, 50, 100] as const;
/** Rows a list page shows unless the URL asks for more (the pager offers the other sizes). */
export const DEFAULT_PAGE_SIZE = 25;

/** A keyset cursor for the URL: the page edge's sort values as base64url JSON (read on the server). */
export function encodeKeyset(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The cursor back, checked against its shape; a tampered or stale one is undefined (the first page). */
export function decodeKeyset<T>(schema: z.ZodType<T>, value: string | null | undefined): T | undefined {
  if (!value) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const searchTextSchema = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || undefined)
  .catch(undefined);

/** Sorting and keyset paging fields for a list whose whitelisted sorts are `sorts` (the first is the default). */
export function pagingShape<S extends readonly [string, ...string[]]>(sorts: S) {
  return {
    sort: z
      .enum(sorts)
      .default(sorts[0] as never)
      .catch(sorts[0] as never),
    dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
    after: z.string().max(400).optional().catch(undefined),
    before: z.string().max(400).optional().catch(undefined),
    size: z.coerce
      .number()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
      .default(DEFAULT_PAGE_SIZE)
      .catch(DEFAULT_PAGE_SIZE),
  };
}

/** Search params as a plain record, empty values dropped (an empty select means "all"). */
export function searchParamsRecord(searchParams: URLSearchParams): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of searchParams) if (value !== "") raw[key] = value;
  return raw;
}

type Paging = { sort: string; dir: "asc" | "desc"; size: number };

/**
 * Links that change one thing of a list's URL and keep the rest: sorting (which starts again at the first page),
 * paging, and the first page. `filters` are the list's other parameters, without defaults.
 */
export function listLinks(params: Paging, filters: Record<string, string | number | undefined>, defaultSort = "updated") {
  const base = () => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "") sp.set(k, String(v));
    if (params.size !== DEFAULT_PAGE_SIZE) sp.set("size", String(params.size));
    return sp;
  };
  const sorted = (sort: string, dir: "asc" | "desc") => {
    const sp = base();
    if (sort !== defaultSort) sp.set("sort", sort);
    if (dir !== "desc") sp.set("dir", dir);
    return sp;
  };
  return {
    sortHref: (sort: string, dir: "asc" | "desc") => `?${sorted(sort, dir)}`,
    pageHref: (key: "after" | "before", cursor: string) => {
      const sp = sorted(params.sort, params.dir);
      sp.set(key, cursor);
      return `?${sp}`;
    },
    firstHref: `?${sorted(params.sort, params.dir)}`,
    /** The first page at another page size, same sort and filters. */
    sizeHref: (size: number) => {
      const sp = sorted(params.sort, params.dir);
      if (size === DEFAULT_PAGE_SIZE) sp.delete("size");
      else sp.set("size", String(size));
      return `?${sp}`;
    },
    /** The current list URL with one filter changed (e.g. the visible columns). */
    withFilter: (key: string, value: string | undefined) => {
      const sp = sorted(params.sort, params.dir);
      if (value) sp.set(key, value);
      else sp.delete(key);
      return `?${sp}`;
    },
  };
}
