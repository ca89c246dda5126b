// 同比 / 环比 of 三个一批: each figure beside the same figure of the compared period (a year earlier, or the period
// just before), with the exact difference and its percentage. Pure: the page, the export and the API share it.
import type { Change } from "~/lib/money";
import { changeOf } from "~/lib/money";
import type { Comparison, Period } from "~/lib/periods";
import type { Milestone } from "./milestones";
import { MILESTONES } from "./milestones";

export type Cell = { count: number; investmentWan: string };
export type MilestoneCells = Record<Milestone, Cell>;

/** One figure pair against the compared period. */
export type CellComparison = { previous: Cell; count: Change; investmentWan: Change };
export type MilestoneComparison = Record<Milestone, CellComparison>;

export type ReportComparison = {
  comparison: Comparison;
  period: Period;
  /** By company id (as text: the loader's JSON keeps it a plain object). */
  rows: Record<string, MilestoneComparison>;
  total: MilestoneComparison;
};

const zero: Cell = { count: 0, investmentWan: "0.00" };

export function compareCells(current: MilestoneCells, previous: MilestoneCells | undefined): MilestoneComparison {
  const pair = (m: Milestone): CellComparison => {
    const before = previous?.[m] ?? zero;
    return {
      previous: before,
      count: changeOf(String(current[m].count), String(before.count)),
      investmentWan: changeOf(current[m].investmentWan, before.investmentWan),
    };
  };
  return Object.fromEntries(MILESTONES.map((m) => [m, pair(m)])) as MilestoneComparison;
}

type Report = { rows: ({ id: number } & MilestoneCells)[]; total: MilestoneCells };

/** The current report against the compared period's report (same companies, switches and basis). */
export function compareReports(current: Report, previous: Report & { period: Period }, comparison: Comparison): ReportComparison {
  const before = new Map(previous.rows.map((r) => [r.id, r]));
  return {
    comparison,
    period: previous.period,
    rows: Object.fromEntries(current.rows.map((r) => [String(r.id), compareCells(r, before.get(r.id))])),
    total: compareCells(current.total, previous.total),
  };
}
