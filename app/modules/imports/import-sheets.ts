// The sheets of an import workbook besides the first (decision 029): the first sheet holds the projects, as it
// always did; each further kind of record (审批事项, 政策兑现 …) has a sheet of its own, named in Chinese with
// an English alias, read in the same file and written in the same transaction. This file is the shared part:
// which sheets exist, how a sheet's header maps to its columns, and how a problem names its sheet. Each sheet's
// own rules live in its module (approval-sheet.ts, benefit-sheet.ts). Pure: no database, no framework.
import type { MessageKey, Translate } from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n";
import type { ImportRowError } from "./import-rows";
import type { NamedSheet } from "./read-sheet";

/** A further sheet: its key, and the i18n key of its Chinese name (the English name is accepted too). */
export type SheetKind = { key: string; nameKey: MessageKey };

/** Every sheet an import reads besides the first. A new kind of sheet adds one line here. */
export const EXTRA_SHEETS = [
  { key: "approvals", nameKey: "importSheets.approvals.sheet" },
  { key: "benefits", nameKey: "importSheets.benefits.sheet" },
] as const satisfies readonly SheetKind[];
export type ExtraSheetKey = (typeof EXTRA_SHEETS)[number]["key"];

/** The names a sheet is found by: its Chinese name (what the export and the template write) and its English one. */
export function sheetNames(kind: SheetKind): string[] {
  return [...new Set([messagesFor("zh")[kind.nameKey], messagesFor("en")[kind.nameKey]])];
}

/** Every name the reader is asked for (ReadOptions.extraSheets). */
export const extraSheetNames = (): string[] => EXTRA_SHEETS.flatMap(sheetNames);

/** The Chinese name of a sheet, as the export writes it and an error names it. */
export const sheetTitle = (kind: SheetKind): string => messagesFor("zh")[kind.nameKey];

/**
 * The sheets the reader found, by kind. A kind given twice (under its Chinese and its English name) is refused
 * by the caller with `duplicateSheet`; the first is kept here.
 */
export function sheetsByKind(extra: NamedSheet[]): { found: Map<ExtraSheetKey, NamedSheet>; twice: string[] } {
  const found = new Map<ExtraSheetKey, NamedSheet>();
  const twice: string[] = [];
  for (const kind of EXTRA_SHEETS) {
    const names = sheetNames(kind);
    for (const s of extra.filter((e) => names.includes(e.name))) {
      if (found.has(kind.key)) twice.push(s.name);
      else found.set(kind.key, s);
    }
  }
  return { found, twice };
}

/** The file-level problems of the workbook's sheets: unknown visible sheets and a kind given twice. */
export function workbookProblems(unknown: string[], twice: string[], t: Translate): ImportRowError[] {
  const known = [t("importSheets.firstSheet"), ...EXTRA_SHEETS.map(sheetTitle)].join("、");
  return [
    ...unknown.map((name) => ({ row: 0, column: t("importSheets.sheet"), message: t("importSheets.unknownSheet", { name, known }) })),
    ...twice.map((name) => ({ row: 0, column: t("importSheets.sheet"), message: t("importSheets.duplicateSheet", { name }) })),
  ];
}

/** A sheet's column: its key and the i18n key of its Chinese header (the English key is accepted as a header too). */
export type SheetColumn<K extends string> = { key: K; labelKey: MessageKey };

/** "审批事项 › 提交日期": the column of a problem in a sheet besides the first names the sheet. */
export const sheetColumn = (sheet: string, column: string) => `${sheet} › ${column}`;

/**
 * The column each header cell names, by its Chinese header or its English key (brackets either way, spaces
 * dropped), with the header's problems: unknown and repeated headers, missing required columns. Maps only: a
 * header such as "__proto__" is an unknown column like any other.
 */
export function mapSheetHeader<K extends string>(
  header: string[],
  columns: readonly SheetColumn<K>[],
  required: readonly K[],
  sheet: string,
  t: Translate,
): { columns: (K | null)[]; errors: ImportRowError[] } {
  const zh = messagesFor("zh");
  const normal = (h: string) => h.replace(/（/g, "(").replace(/）/g, ")").replace(/\s+/g, "");
  const byName = new Map<string, K>();
  for (const c of columns) {
    byName.set(normal(zh[c.labelKey]), c.key);
    byName.set(c.key.toLowerCase(), c.key);
  }
  const errors: ImportRowError[] = [];
  const seen = new Set<K>();
  const mapped = header.map((h) => {
    if (h === "") return null;
    const key = byName.get(normal(h)) ?? byName.get(normal(h).toLowerCase());
    if (key === undefined) {
      errors.push({ row: 1, column: sheetColumn(sheet, h), message: t("import.error.unknownColumn", { name: h }) });
      return null;
    }
    if (seen.has(key)) {
      errors.push({ row: 1, column: sheetColumn(sheet, h), message: t("import.error.duplicateColumn", { name: h }) });
      return null;
    }
    seen.add(key);
    return key;
  });
  for (const key of required) {
    if (!seen.has(key)) {
      const label = columns.find((c) => c.key === key)!.labelKey;
      errors.push({ row: 1, column: sheetColumn(sheet, t(label)), message: t("import.error.missingColumn") });
    }
  }
  return { columns: mapped, errors };
}
