import type { ZodFormApi } from "~/components/zod-form";
import { Field, TextField } from "~/components/zod-form";
import { useT } from "~/lib/use-i18n";
import type { targetFieldsSchema } from "../targets.schema";
import { TARGET_REASONS } from "../targets.schema";

export type TargetLinkOption = { id: number; name: string; parentName: string | null; clusterName: string };
export type AssigneeGroup = { companyId: number; company: string; people: { id: number; name: string }[] };

/** The fields of a target, shared by the add form and the edit form. */
export function TargetFields({
  f,
  links,
  assignees,
}: {
  f: ZodFormApi<typeof targetFieldsSchema>;
  links: TargetLinkOption[];
  assignees: AssigneeGroup[];
}) {
  const t = useT();
  const clusters = [...new Set(links.map((l) => l.clusterName))];
  return (
    <div className="form-grid">
      <Field form={f} name="linkId" label={t("chains.link")}>
        <select {...f.field("linkId")}>
          <option value="">{t("chainTargets.pickLink")}</option>
          {clusters.map((c) => (
            <optgroup key={c} label={c}>
              {links
                .filter((l) => l.clusterName === c)
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.parentName ? `${l.parentName} › ${l.name}` : l.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <TextField form={f} name="name" label={t("chainTargets.name")} maxLength={100} />
      <TextField form={f} name="uscc" label={t("chainTargets.usccOptional")} maxLength={30} autoComplete="off" />
      <TextField form={f} name="hqCity" label={t("chainTargets.hqCity")} maxLength={30} />
      <Field form={f} name="reason" label={t("chainTargets.reason")}>
        <select {...f.field("reason")}>
          {TARGET_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`chainTargets.reason.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <TextField form={f} name="note" label={t("chainTargets.note")} maxLength={300} />
      <Field form={f} name="assigneeId" label={t("chainTargets.assignee")}>
        <select {...f.field("assigneeId")}>
          <option value="">{t("chainTargets.unassigned")}</option>
          {assignees.map((g) => (
            <optgroup key={g.companyId} label={g.company}>
              {g.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <TextField form={f} name="plannedContactOn" label={t("chainTargets.plannedContactOn")} type="date" />
    </div>
  );
}
