import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allMessageKeys, messagesFor, translator } from "./index";

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
    const root = path.resolve(__dirname, "../..");
    const dictionary = path.resolve(__dirname);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (full !== dictionary) walk(full);
        } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          fs.readFileSync(full, "utf8")
            .split("\n")
            .forEach((line, i) => {
              const code = line
                .replace(/\/\/.*$/, "")
                .replace(/\{?\/\*.*\*\/\}?/, "")
                .replace(/^\s*\*.*$/, "");
              if (/[\u4e00-\u9fff]/.test(code)) offenders.push(`${path.relative(root, full)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
