// The dictionary: every message said in both languages with the same placeholders, in the same domain file, and used
// somewhere in the app's code (issue 17: a key nobody reads is text nobody maintains, and it ships to every browser).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { allMessageKeys, messagesFor, translator } from "./index";

const APP = path.resolve(__dirname, "../..");
const DICTIONARY = path.resolve(__dirname);
const DOMAIN_DIRS = { zh: path.join(DICTIONARY, "zh"), en: path.join(DICTIONARY, "en") };

/** The app's own code (not the dictionary, not tests), file by file. */
function appSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== DICTIONARY) walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        out.push({ file: path.relative(APP, full), text: fs.readFileSync(full, "utf8") });
      }
    }
  };
  walk(APP);
  return out;
}

/**
 * Keys the code builds from data rather than writing them out (neither a literal nor a template literal): each prefix
 * says where its keys come from. Keep this list short; a key written in full needs no entry.
 */
const DYNAMIC_PREFIXES: Record<string, string> = {};

function codedKey(template: string) {
  let depth = 0;
  for (let i = 0; i < template.length; i++) {
    if (template.startsWith("${", i)) depth++;
    else if (template[i] === "}" && depth > 0) depth--;
    else if (template[i] === "|" && depth === 0) return template.slice(0, i);
  }
  return template;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What the code names: every quoted string, and every template literal that looks like a key, as a pattern (each
 * `${…}` one segment or more: `stage.${s}` reads `stage.signed` but not `stage` itself).
 */
function namedInCode(code: string[]): { literals: Set<string>; templates: RegExp[] } {
  const literals = new Set<string>();
  const templates = new Map<string, RegExp>();
  for (const text of code) {
    for (const m of text.matchAll(/"([A-Za-z][\w.:-]*)"|'([A-Za-z][\w.:-]*)'|`([A-Za-z][\w.:-]*)`/g)) literals.add(m[1] ?? m[2] ?? m[3]);
    for (const m of text.matchAll(/`([A-Za-z][\w.:-]*\$\{[^`]*)`/g)) {
      // A coded message ("key|name=…", app/lib/forms.ts) names its key before the first "|" outside a `${…}`.
      const parts = codedKey(m[1]).split(/\$\{[^}]*\}/);
      if (!parts.every((p) => /^[\w.]*$/.test(p)) || !parts[0].includes(".")) continue;
      templates.set(m[1], new RegExp(`^${parts.map(escape).join("[\\w.:-]+")}$`));
    }
  }
  return { literals, templates: [...templates.values()] };
}

const domainFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .sort();

/** Each domain file's keys (`robot` → the keys `zh/robot.ts` exports). */
async function domainKeys(dir: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const file of domainFiles(dir)) {
    const domain = file.replace(/\.ts$/, "");
    const module = (await import(path.join(dir, file))) as Record<string, object>;
    out[domain] = Object.keys(module[domain]).sort();
  }
  return out;
}

describe("the dictionary", () => {
  it("says every message in both languages, with the same placeholders", () => {
    const zh = messagesFor("zh");
    const en = messagesFor("en");
    for (const key of allMessageKeys()) {
      expect(zh[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
      // English text has no Chinese left in it (the language switch's own label is the one exception).
      if (key !== "nav.language") expect(/[\u4e00-\u9fff]/.test(en[key]), `${key}: ${en[key]}`).toBe(false);
    }
  });

  it("fills placeholders", () => {
    expect(translator("zh")("common.rows", { n: 12 })).toBe("共 12 条");
    expect(translator("en")("common.rows", { n: 12 })).toBe("12 rows");
  });

  it("is the only place user-facing Chinese is written in the app's code", () => {
    const offenders: string[] = [];
    for (const { file, text } of appSources()) {
      text.split("\n").forEach((line, i) => {
        const code = line
          .replace(/\/\/.*$/, "")
          .replace(/\{?\/\*.*\*\/\}?/, "")
          .replace(/^\s*\*.*$/, "");
        if (/[\u4e00-\u9fff]/.test(code)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe("the dictionary's keys", () => {
  let zh: Record<string, string[]>;
  let en: Record<string, string[]>;
  beforeAll(async () => {
    zh = await domainKeys(DOMAIN_DIRS.zh);
    en = await domainKeys(DOMAIN_DIRS.en);
  });

  it("are the same in Chinese and English, domain file by domain file", () => {
    expect(domainFiles(DOMAIN_DIRS.en)).toEqual(domainFiles(DOMAIN_DIRS.zh));
    for (const domain of Object.keys(zh)) {
      const onlyZh = zh[domain].filter((k) => !en[domain].includes(k));
      const onlyEn = en[domain].filter((k) => !zh[domain].includes(k));
      expect({ domain, onlyZh, onlyEn }).toEqual({ domain, onlyZh: [], onlyEn: [] });
    }
  });

  it("are each used by the app's code", () => {
    const { literals, templates } = namedInCode(appSources().map((s) => s.text));
    const prefixes = Object.keys(DYNAMIC_PREFIXES);
    const all = Object.values(zh).flat();
    const unused = all.filter((key) => !literals.has(key) && !templates.some((t) => t.test(key)) && !prefixes.some((p) => key.startsWith(p)));
    expect(unused).toEqual([]);
  });
});
