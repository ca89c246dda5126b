import { useT } from "~/lib/use-i18n";
import type { OtherZoneMatch } from "../matches";

/**
 * Another zone already follows the investor being registered: which zone and how it matched, nothing of theirs and
 * no link (decision 022). A warning, never a block: the form saves as usual.
 */
export function OtherZonesWarning({ otherZones }: { otherZones: OtherZoneMatch[] }) {
  const t = useT();
  if (!otherZones.length) return null;
  return (
    <section className="flash warn other-zones" aria-labelledby="other-zones-title">
      <strong id="other-zones-title">{t("investors.otherZonesTitle")}</strong>
      <ul>
        {otherZones.map((z) => (
          <li key={z.zone}>
            {t("investors.otherZoneFollowing", { zone: z.zone })} <span className="badge">{t(`investors.otherZoneMatch.${z.match}`)}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">{t("investors.otherZonesHint")}</p>
    </section>
  );
}
