// The activity form's part of "one to-do list": which open next actions the new one replaces (closed when the form
// saves with a next action), and the box that keeps them on purpose. Plain inputs: it works without JavaScript.
import type { ZodFormApi } from "~/components/zod-form";
import { useT } from "~/lib/use-i18n";
import type { activityFieldsSchema } from "~/modules/projects/activity.schema";

export type OpenNextActionView = { id: number; nextAction: string; dueOn: string | null };

export function NextActionReplace({ form: f, open }: { form: ZodFormApi<typeof activityFieldsSchema>; open: OpenNextActionView[] }) {
  const t = useT();
  if (open.length === 0) return null;
  return (
    <div className="next-action-replace" id="next-action-replace">
      <p>{t("todo.replaces")}</p>
      <ul>
        {open.map((a) => (
          <li key={a.id}>
            <input type="hidden" name="replaceIds" value={a.id} />
            {a.nextAction}
            <span className="muted">（{a.dueOn ? t("todo.due", { date: a.dueOn }) : t("todo.noDue")}）</span>
          </li>
        ))}
      </ul>
      <label className="checkbox">
        <input type="checkbox" value="on" {...f.checkbox("keepNextActions")} /> {t("todo.keep")}
      </label>
      <p className="muted">{t("todo.keepHint")}</p>
    </div>
  );
}
