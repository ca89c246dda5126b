import type { ApprovalLight } from "../approval-rules";
import { useT } from "~/lib/use-i18n";

const DOT: Record<ApprovalLight, string> = { done: "green", na: "none", waiting: "none", on_time: "green", due_soon: "yellow", overdue: "red" };

/** An approval item's light: the project lights' dots, with the item's own words. */
export function ApprovalLightBadge({ light }: { light: ApprovalLight }) {
  const t = useT();
  const label = t(`approvals.light.${light}`);
  return (
    <span className="nowrap" data-light={light}>
      <span className={`light light-${DOT[light]}`} aria-hidden="true" />
      <span className={light === "overdue" ? "overdue" : light === "due_soon" ? undefined : "muted"}>{label}</span>
    </span>
  );
}
