import type { ChainStrength } from "~/lib/chain-strength";
import { CHAIN_STRENGTHS, STRONG_FROM } from "~/lib/chain-strength";
import { useT } from "~/lib/use-i18n";

/** A link's strength as a coloured badge (the diagram's colours). */
export function StrengthBadge({ strength }: { strength: ChainStrength }) {
  const t = useT();
  return (
    <span className={`strength strength-${strength}`} data-strength={strength}>
      {t(`chains.strength.${strength}`)}
    </span>
  );
}

/** The rule the colours follow, written out on the page (app/lib/chain-strength.ts is the rule itself). */
export function StrengthRule() {
  const t = useT();
  return (
    <section className="panel chain-rule" aria-label={t("chains.ruleTitle")}>
      <h2>{t("chains.ruleTitle")}</h2>
      <ul className="chain-rule-list">
        {CHAIN_STRENGTHS.map((s) => (
          <li key={s}>
            <StrengthBadge strength={s} /> {t(`chains.rule.${s}`, { n: STRONG_FROM })}
          </li>
        ))}
      </ul>
      <p className="muted">{t("chains.ruleNote")}</p>
    </section>
  );
}
