// How a policy's conditions and a project's outcome against them read on the page. One helper for the library,
// the policy's page and the project's section.
import type { Translate } from "~/lib/i18n";
import type { ConditionOutcome, PolicyCondition, SourceField } from "../policy-rules";

/** "接入电压等级 ≥ 110 千伏", "产业集群 属于 半导体、光伏". */
export function conditionText(c: PolicyCondition, t: Translate): string {
  if (c.fact === "projectType")
    return `${t("policies.fact.projectType")} ${t(`policies.op.${c.op}`)} ${c.values.map((v) => t(`investmentType.${v}`)).join("、")}`;
  if (c.fact === "cluster" || c.fact === "company") return `${t(`policies.fact.${c.fact}`)} ${t(`policies.op.${c.op}`)} ${c.values.join("、")}`;
  return `${t(`policies.fact.${c.fact}`)} ${t(`policies.op.${c.op}`)} ${c.value} ${t(`policies.unit.${c.fact}`)}`;
}

/** The outcome of one condition: met, what is missing, or how far off. */
export function outcomeText(c: PolicyCondition, o: ConditionOutcome, t: Translate): string {
  if (o.status === "pass") return t("policies.outcome.pass");
  if (o.status === "unknown") return t("policies.outcome.missing", { fields: missingText(o.missing, t) });
  if (o.gap === null || c.fact === "cluster" || c.fact === "company" || c.fact === "projectType") return t("policies.outcome.notMet");
  return t("policies.outcome.gap", { gap: o.gap, unit: t(`policies.unit.${c.fact}`) });
}

export function missingText(fields: SourceField[], t: Translate): string {
  return fields.map((f) => t(`policies.field.${f}`)).join("、");
}

export function ConditionList({ conditions, t }: { conditions: PolicyCondition[]; t: Translate }) {
  if (conditions.length === 0) return <span className="muted">{t("policies.noConditions")}</span>;
  return (
    <ul className="plain-list">
      {conditions.map((c, i) => (
        <li key={i}>{conditionText(c, t)}</li>
      ))}
    </ul>
  );
}
