// URL state of the pipeline pages: the project list's filters (the same parameters), per-column board cursors,
// the funnel's period and the chasing lists' tab and sort.
import * as z from "zod";
import { addDays, isIsoDate } from "~/lib/dates";
import { LOST_REASONS, PROJECT_STAGES } from "~/lib/domain-values";
import type { ProjectStage } from "~/lib/domain-values";
import { searchParamsRecord } from "~/lib/list-state";
import { MAX_ID } from "~/lib/result";
import { projectListParamsSchema } from "~/modules/projects/projects.schema";

/** Cards a board column shows at a time (its "more" link loads the next ones): eight columns of 20 stay readable and render fast. */
export const BOARD_PAGE_SIZE = 20;

/** The board's cursor of a column: `c_<stage>` holds the id of the last card shown before. */
export const columnCursorKey = (stage: ProjectStage) => `c_${stage}`;

export function parseBoardParams(searchParams: URLSearchParams) {
  const filters = projectListParamsSchema.parse(searchParamsRecord(searchParams));
  const cursors: Partial<Record<ProjectStage, number>> = {};
  for (const stage of PROJECT_STAGES) {
    const raw = Number(searchParams.get(columnCursorKey(stage)));
    if (Number.isSafeInteger(raw) && raw > 0) cursors[stage] = raw;
  }
  const onlyRaw = searchParams.get("column");
  const only = (PROJECT_STAGES as readonly string[]).includes(onlyRaw ?? "") ? (onlyRaw as ProjectStage) : undefined;
  return { filters, cursors, only };
}

export type BoardFilters = ReturnType<typeof parseBoardParams>["filters"];

/** The filter parameters a board, list or chasing URL keeps (never a cursor or an export). */
export const FILTER_KEYS = ["q", "stage", "status", "owner", "cluster", "company", "light"] as const;

export function filterQuery(filters: Partial<Record<(typeof FILTER_KEYS)[number], string | number | undefined>>) {
  const sp = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v !== undefined && v !== "") sp.set(key, String(v));
  }
  return sp;
}

export const PERIOD_PRESETS = ["month", "quarter", "year", "last30", "last90", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const isoDate = z.string().refine(isIsoDate);

/** A period from a preset or from/to; bad values fall back to this year. */
export function parsePeriod(searchParams: URLSearchParams, today: string) {
  const preset = z
    .enum(PERIOD_PRESETS)
    .catch("year")
    .parse(searchParams.get("period") ?? "year");
  const year = today.slice(0, 4);
  const month = today.slice(5, 7);
  const quarterStartMonth = String(Math.floor((Number(month) - 1) / 3) * 3 + 1).padStart(2, "0");
  const from = isoDate.safeParse(searchParams.get("from"));
  const to = isoDate.safeParse(searchParams.get("to"));
  if (preset === "custom" && from.success && to.success && from.data <= to.data) {
    return { preset, from: from.data, to: to.data };
  }
  switch (preset) {
    case "month":
      return { preset, from: `${year}-${month}-01`, to: today };
    case "quarter":
      return { preset, from: `${year}-${quarterStartMonth}-01`, to: today };
    case "last30":
      return { preset, from: addDays(today, -29), to: today };
    case "last90":
      return { preset, from: addDays(today, -89), to: today };
    default:
      return { preset: "year" as const, from: `${year}-01-01`, to: today };
  }
}

export const CHASING_TABS = ["stale", "overdue", "red", "yellow", "handoffs"] as const;
export type ChasingTab = (typeof CHASING_TABS)[number];
export const CHASING_SORTS = ["days", "name", "owner", "investment"] as const;
export type ChasingSort = (typeof CHASING_SORTS)[number];

export const chasingParamsSchema = z.object({
  tab: z.enum(CHASING_TABS).default("stale").catch("stale"),
  sort: z.enum(CHASING_SORTS).default("days").catch("days"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
});

/** Days without activity before an active project counts as stale. */
export const STALE_AFTER_DAYS = 30;

/** The reassign form: projects as "id:version" (the version the page was loaded with) and the new owner. */
export const reassignSchema = z.object({
  toOwnerId: z.coerce.number("validation.required").int().positive("validation.required").max(MAX_ID),
  // One ticked box arrives as a string, several as an array.
  projects: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(
        z
          .string()
          .regex(/^\d{1,10}:\d{1,10}$/)
          .transform((v) => {
            const [id, version] = v.split(":").map(Number);
            return { id, version };
          }),
      )
      .min(1, "pipeline.reassignPick")
      .max(500),
  ),
});
export type ReassignInput = z.infer<typeof reassignSchema>;

/** The funnel's drill-down numbers (funnel.server.ts): a stage's reached / advanced / at-least count. */
export const FUNNEL_MEASURES = ["reached", "advanced", "atLeast"] as const;
export type FunnelMeasure = (typeof FUNNEL_MEASURES)[number];
/** A lost project without a recorded reason: the funnel's "—" row. */
export const NO_LOST_REASON = "none";

/**
 * Which number of the funnel the drill-down lists: a stage's measure, or (status=lost) the projects lost in the
 * period, optionally at one stage and for one reason (`none`: without a reason). Anything else is no number.
 */
export const funnelDrillSchema = z.union([
  z.object({
    status: z.literal("lost"),
    stage: z.enum(PROJECT_STAGES).optional(),
    reason: z.enum([...LOST_REASONS, NO_LOST_REASON]).optional(),
    after: z.string().max(1000).optional(),
  }),
  z.object({
    status: z.undefined(),
    stage: z.enum(PROJECT_STAGES),
    measure: z.enum(FUNNEL_MEASURES).default("reached"),
    after: z.string().max(1000).optional(),
  }),
]);
export type FunnelDrill = z.infer<typeof funnelDrillSchema>;

/** The drill-down's keyset cursor: the page's last date and project id (sealed in the URL). */
export const funnelCursorSchema = z.object({ on: z.string().refine(isIsoDate), id: z.number().int().positive().max(MAX_ID) });
export type FunnelCursor = z.infer<typeof funnelCursorSchema>;

/** The drill-down's filter from the URL, or null when it names no number of the funnel. */
export function parseFunnelDrill(searchParams: URLSearchParams): FunnelDrill | null {
  const raw = searchParamsRecord(searchParams);
  const parsed = funnelDrillSchema.safeParse({ status: raw.status, stage: raw.stage, measure: raw.measure, reason: raw.reason, after: raw.after });
  return parsed.success ? parsed.data : null;
}
