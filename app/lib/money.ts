// Money is carried as decimal strings of 万元 (exact, from PostgreSQL numeric) and never passes through a float.
// Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

const wanFormat = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const yiFormat = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function formatDecimal(format: Intl.NumberFormat, value: string) {
  return format.format(value as unknown as number);
}

/** "1234567.50" → "1,234,567.5" (万元). */
export function formatWan(value: string | null | undefined): string {
  if (value == null || value === "") return "—";
  if (!isDecimalString(value)) throw new Error(`not a decimal: ${value}`);
  return formatDecimal(wanFormat, value);
}

/** Shifts the decimal point four places left: 万元 → 亿元, exactly. */
export function wanToYi(value: string): string {
  if (!isDecimalString(value)) throw new Error(`not a decimal: ${value}`);
  const negative = value.startsWith("-");
  const [intPart, frac = ""] = value.replace("-", "").split(".");
  const padded = intPart.padStart(5, "0");
  const yiInt = padded.slice(0, -4).replace(/^0+(?=\d)/, "");
  const yiFrac = (padded.slice(-4) + frac).replace(/0+$/, "");
  return `${negative ? "-" : ""}${yiInt}${yiFrac ? `.${yiFrac}` : ""}`;
}

/** "123456.78" 万元 → "12.35" 亿元. */
export function formatYi(value: string | null | undefined): string {
  if (value == null || value === "") return "—";
  return formatDecimal(yiFormat, wanToYi(value));
}

/** Large sums read better in 亿元; smaller ones in 万元. */
export function formatMoneyAuto(value: string | null | undefined, units: { wan: string; yi: string }): string {
  if (value == null || value === "") return "—";
  const abs = value.replace("-", "").split(".")[0];
  return abs.length >= 5 ? `${formatYi(value)} ${units.yi}` : `${formatWan(value)} ${units.wan}`;
}
