import type { TargetLight } from "~/lib/target-light";
import { useT } from "~/lib/use-i18n";

/** A target's light (红: 60 days without contact; 黄: planned first contact passed) with its words. */
export function TargetLightDot({ light }: { light: TargetLight }) {
  const t = useT();
  const label = t(`chainTargets.light.${light}`);
  return (
    <span className="nowrap" title={label} data-light={light}>
      <span className={`light light-${light}`} aria-hidden="true" />
      <span className={light === "green" ? "muted" : undefined}>{label}</span>
    </span>
  );
}
