// Which of the header's navigation entries sit in its one row at a desk and which go into 更多 (decision 039).
// The entries come in the role's priority order (navigation.ts): the first ones that fit stay in the row, the
// rest go into 更多, so an entry never leaves the row before a less important one.

/** Where an entry sits at a desk: in the row at every desktop width, in the row from 1440 px only, or in 更多. */
export type NavPlace = "bar" | "wide" | "more";

/** The desktop widths the server plans for before the page's script measures the real row (or without it). */
export const NAV_ROOM = {
  /** What the links get at 1200 px, the narrowest desktop header (below it the menu button takes over). */
  narrow: 250,
  /** What they get at 1440 px. */
  wide: 480,
} as const;

/** The width the saved views' dropdown takes beside the links. */
const VIEWS_WIDTH = 60;
/** The width the header's search box leaves to the links where there is none (the province's accounts). */
const SEARCH_WIDTH = 190;

/**
 * How many entries, in priority order, fit in `room` px: all of them when they fit on their own, else as many as
 * fit beside the 更多 button (`more` px wide). Each width includes the gap after the entry.
 */
export function countFitting(widths: readonly number[], more: number, room: number): number {
  const all = widths.reduce((sum, w) => sum + w, 0);
  if (all <= room) return widths.length;
  let used = more;
  for (let k = 0; k < widths.length; k++) {
    used += widths[k];
    if (used > room) return k;
  }
  return widths.length;
}

/**
 * A label's width in the header's links, estimated: 14 px type, a CJK character 14 px, any other character at
 * most 8 px, 0.6 rem padding either side and the 0.15 rem gap. Generous on purpose: the script measures the real
 * widths; without it an entry must not be cut.
 */
export function estimateLabelWidth(label: string): number {
  let text = 0;
  for (const ch of label) text += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 14 : 8;
  return Math.ceil(text + 16.8 + 2.1);
}

/** Each entry's place before measuring: by the estimated widths of its label and of 更多 at 1200 and 1440 px. */
export function planNav(labels: readonly string[], moreLabel: string, header: { views: boolean; search: boolean }): NavPlace[] {
  const widths = labels.map(estimateLabelWidth);
  // 更多's label and its arrow.
  const more = estimateLabelWidth(moreLabel) + 14;
  const besides = (header.views ? -VIEWS_WIDTH : 0) + (header.search ? 0 : SEARCH_WIDTH);
  const narrow = countFitting(widths, more, NAV_ROOM.narrow + besides);
  const wide = countFitting(widths, more, NAV_ROOM.wide + besides);
  return labels.map((_, i) => (i < narrow ? "bar" : i < wide ? "wide" : "more"));
}
