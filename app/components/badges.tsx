import type { Light } from "~/lib/light";
import { useT } from "~/lib/use-i18n";
import type { ProjectStage, ProjectStatus } from "~/lib/domain-values";

export function StageBadge({ stage }: { stage: ProjectStage }) {
  const t = useT();
  return <span className={`badge stage-${stage}`}>{t(`stage.${stage}`)}</span>;
}

export function StatusBadge({ status }: { status: ProjectStatus }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

export function LightDot({ light }: { light: Light }) {
  const t = useT();
  const label = t(`light.${light}`);
  return (
    <span className="nowrap" title={label}>
      <span className={`light light-${light}`} aria-hidden="true" />
      <span className={light === "green" || light === "none" ? "muted" : undefined}>{label}</span>
    </span>
  );
}
