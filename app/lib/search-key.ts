// The search keys of the header search and the searchable pickers: what is typed ("bdt", "bandaoti", "半导体",
// a code or a USCC) is found in one lowercase text per record. The same function builds the keys the database
// stores (trigram-indexed) and the keys a picker filters in the browser, so both answer the same way.
import { pinyin } from "pinyin-pro";
import { normalizeSearch } from "./search-match";

const HAN = /\p{Script=Han}/u;

/** The pinyin initials and the full pinyin (no tones, no spaces) of a text's Chinese characters; other characters kept. */
function pinyinForms(text: string): string[] {
  if (!HAN.test(text)) return [];
  const initials = pinyin(text, { pattern: "first", toneType: "none", separator: "", nonZh: "consecutive" });
  const full = pinyin(text, { toneType: "none", separator: "", nonZh: "consecutive", v: true });
  return [initials, full];
}

/**
 * One record's key: each name as written, its pinyin initials and full pinyin, and the identifiers (code, USCC,
 * mobile) as written, lowercase and separated by spaces. Blank parts are left out.
 */
export function searchKey(names: readonly (string | null | undefined)[], identifiers: readonly (string | null | undefined)[] = []): string {
  const parts: string[] = [];
  for (const name of names) {
    if (!name?.trim()) continue;
    // The pinyin forms without spaces and punctuation: "矩阵-本人" is typed "jzbr".
    parts.push(name, ...pinyinForms(name).map((p) => p.replace(/[^\p{L}\p{N}]+/gu, "")));
  }
  for (const id of identifiers) if (id?.trim()) parts.push(id);
  return normalizeSearch(parts.join(" "));
}

// The stored keys of each kind (search-keys.server.ts fills the ones a write left out).
export const projectSearchKey = (p: { name: string; code: string }) => searchKey([p.name], [p.code]);
/** '' for a project without a registered enterprise: computed, nothing to find. */
export const enterpriseSearchKey = (p: { projectCompanyName: string | null; projectCompanyUscc: string | null }) =>
  p.projectCompanyName?.trim() || p.projectCompanyUscc?.trim() ? searchKey([p.projectCompanyName], [p.projectCompanyUscc]) : "";
export const investorSearchKey = (i: { name: string; uscc: string | null }) => searchKey([i.name], [i.uscc]);
export const contactSearchKey = (c: { name: string; mobile: string | null }) => searchKey([c.name], [c.mobile]);
