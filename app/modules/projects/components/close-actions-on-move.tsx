// On the stage page: moving to 投产, 搁置 or 流失 closes the project's open next actions; this says how many, with a
// box that keeps them. A plain checkbox outside the gate's schema: the action reads it as is (works without JS).
import { useT } from "~/lib/use-i18n";

export const KEEP_NEXT_ACTIONS_FIELD = "keepNextActions";

export function CloseActionsOnMove({ open, intent }: { open: number; intent: string }) {
  const t = useT();
  if (open === 0) return null;
  return (
    <div className="close-actions-on-move">
      <p className="flash warn">{t("todo.closesOnMove", { n: open })}</p>
      <label className="checkbox">
        <input type="checkbox" name={KEEP_NEXT_ACTIONS_FIELD} id={`${intent}-${KEEP_NEXT_ACTIONS_FIELD}`} /> {t("todo.keepOnMove")}
      </label>
    </div>
  );
}
