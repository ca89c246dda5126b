// 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
// 18 characters from a 31-symbol alphabet (no I, O, S, V, Z); the 18th is a mod-31 check character.

import type { Translate } from "./i18n";
import { translator } from "./i18n";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem =
  | { kind: "length"; length: number }
  | { kind: "character"; position: number; character: string }
  | { kind: "check"; expected: string; actual: string };

export type UsccResult = { ok: true; value: string } | { ok: false; problem: UsccProblem };

/** Normalises (trim, upper-case) and returns the check character the first 17 characters call for. */
export function computeUsccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid USCC character at ${i + 1}`);
    sum += v * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

export function checkUscc(input: string): UsccResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, problem: { kind: "length", length: value.length } };
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(value[i])) {
      return { ok: false, problem: { kind: "character", position: i + 1, character: value[i] } };
    }
  }
  const expected = computeUsccCheckChar(value.slice(0, 17));
  if (expected !== value[17]) return { ok: false, problem: { kind: "check", expected, actual: value[17] } };
  return { ok: true, value };
}

export function isValidUscc(input: string): boolean {
  return checkUscc(input).ok;
}

/** The message shown next to the field, in the viewer's language (Chinese unless told otherwise). */
export function describeUsccProblem(problem: UsccProblem, t: Translate = translator("zh")): string {
  switch (problem.kind) {
    case "length":
      return t("uscc.length", { length: problem.length });
    case "character":
      return t("uscc.character", { position: problem.position, character: problem.character });
    case "check":
      return t("uscc.check", { expected: problem.expected, actual: problem.actual });
  }
}

/** Builds a valid code from 17 leading characters; used by the demo seed and tests. */
export function completeUscc(first17: string): string {
  return first17 + computeUsccCheckChar(first17);
}
