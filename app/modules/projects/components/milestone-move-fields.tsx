// The activity form's offer to move the stage (issue 19): a checkbox "同时推进阶段到「签约」" and the gate's fields,
// prefilled from what is being logged. Without JavaScript everything is rendered and the server decides by the
// checkbox; with it, the offer shows only for the activity that marks the stage and the fields once it is ticked.
import { useEffect, useState } from "react";
import { TextField } from "~/components/zod-form";
import type { ZodFormApi } from "~/components/zod-form";
import type { ACTIVITY_KINDS, REVIEW_OUTCOMES } from "~/lib/domain-values";
import { translateError } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import type { activityMilestoneFieldsSchema, MilestoneStage } from "../milestones";
import { milestoneKindFor, milestoneStageOf } from "../milestones";

type Form = ZodFormApi<typeof activityMilestoneFieldsSchema>;

const EVIDENCE = {
  evaluating: null,
  signed: "evidence.kind.signed",
  registered: "evidence.kind.registered",
  construction: "evidence.kind.construction",
  production: "evidence.kind.production",
} as const satisfies Record<MilestoneStage, string | null>;

export function MilestoneMoveFields({ form: f, to, version, today }: { form: Form; to: MilestoneStage; version: number; today: string }) {
  const t = useT();
  // Before hydration (and without JavaScript) the whole offer is on the page.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const kind = f.watch("kind") as (typeof ACTIVITY_KINDS)[number] | undefined;
  const outcome = f.watch("reviewOutcome") as (typeof REVIEW_OUTCOMES)[number] | "" | undefined;
  const ticked = f.watch("advanceStage");
  const occurredOn = f.watch("occurredOn");
  const { setValue, getFieldState } = f.form;
  // The stage's date follows the activity's until the user sets it apart.
  useEffect(() => {
    if (typeof occurredOn === "string" && occurredOn && !getFieldState("businessOn").isDirty) setValue("businessOn", occurredOn);
  }, [occurredOn, setValue, getFieldState]);

  const matches = kind ? milestoneStageOf(kind, outcome || undefined) === to : false;
  if (hydrated && !matches) return null;
  const open = !hydrated || ticked === true || ticked === "on";
  const stage = t(`stage.${to}`);
  const evidence = EVIDENCE[to];
  const markKind = milestoneKindFor(to);
  const advanceError = f.error("advanceStage");
  return (
    <section className="panel milestone-move" aria-labelledby="milestone-move-title">
      <h2 id="milestone-move-title">{t("milestone.title")}</h2>
      <input type="hidden" name="advanceTo" value={to} />
      <input type="hidden" name="version" value={version} />
      <p className="muted">{t("milestone.intro", { kind: markKind ? t(`activity.${markKind}`) : "", stage })}</p>
      <label className="checkbox">
        <input type="checkbox" {...f.checkbox("advanceStage")} /> <strong>{t("milestone.advance", { stage })}</strong>
      </label>
      {advanceError ? (
        <p className="field-error" id={`${f.id("advanceStage")}-error`} role="alert">
          {translateError(t, advanceError)}
        </p>
      ) : null}
      <div hidden={!open}>
        <p className="muted">{t("stage.gateIntro", { stage })}</p>
        <div className="form-grid">
          <TextField form={f} name="businessOn" label={`${t(`stage.businessOn.${to}`)}（${t("milestone.dateHint")}）`} type="date" max={today} />
          {to === "evaluating" ? (
            <>
              <TextField form={f} name="landMu" label={t("projects.land")} inputMode="decimal" />
              <TextField form={f} name="annualOutputWan" label={t("projects.annualOutput")} inputMode="decimal" />
            </>
          ) : null}
          {to === "signed" ? (
            <>
              <TextField form={f} name="agreementNo" label={t("projects.agreementNo")} />
              <TextField form={f} name="contractedInvestmentWan" label={t("projects.contractedInvestment")} inputMode="decimal" />
            </>
          ) : null}
          {to === "registered" ? (
            <>
              <TextField form={f} name="projectCompanyName" label={t("projects.projectCompany")} />
              <TextField form={f} name="projectCompanyUscc" label={t("projects.projectCompanyUscc")} maxLength={18} />
            </>
          ) : null}
        </div>
        {evidence ? <p className="muted">{t("milestone.evidence", { evidence: t(evidence) })}</p> : null}
      </div>
    </section>
  );
}
