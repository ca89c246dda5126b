// zod building blocks for form fields that arrive as strings. Messages are dictionary keys.
import * as z from "zod";
import { isIsoDate } from "./dates";
import { MAX_ID } from "./result";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Optional text, trimmed, with a length limit; empty becomes undefined. */
export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, "validation.tooLong").optional());

export const requiredText = (min: number, max: number) =>
  z.string("validation.required").trim().min(min, "validation.required").max(max, "validation.tooLong");

/**
 * A decimal amount (万元, 亩 …) with at most 2 places, thousands separators allowed, kept as an exact string.
 * Never parsed into a float.
 */
export const decimalString = (opts: { max?: string } = {}) =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(/[,，\s]/g, ""))
    .refine((v) => /^\d{1,14}(\.\d{1,2})?$/.test(v), "validation.decimal")
    .refine((v) => !opts.max || compareDecimal(v, opts.max) <= 0, "validation.tooLarge");

export const optionalDecimal = (opts: { max?: string } = {}) => z.preprocess(blankToUndefined, decimalString(opts).optional());

export const optionalCount = z.preprocess(
  blankToUndefined,
  z.coerce.number("validation.integer").int("validation.integer").min(0, "validation.integer").max(10_000_000, "validation.tooLarge").optional(),
);

export const isoDate = z.string("validation.required").trim().refine(isIsoDate, "validation.date");
export const optionalDate = z.preprocess(blankToUndefined, isoDate.optional());

export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1" || v === true, z.boolean());

export const idField = z.coerce.number("validation.required").int().positive("validation.required").max(MAX_ID);
export const optionalId = z.preprocess(blankToUndefined, idField.optional());

/** Compares two non-negative decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ""] = a.split(".");
  const [bi, bf = ""] = b.split(".");
  const ia = ai.replace(/^0+(?=\d)/, "");
  const ib = bi.replace(/^0+(?=\d)/, "");
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const fa = af.padEnd(len, "0");
  const fb = bf.padEnd(len, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
