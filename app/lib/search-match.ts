// Matching what is typed against search keys (search-key.ts builds them on the server, with pinyin): pure string
// work, small enough for the browser, where the searchable pickers (components/combobox.tsx) filter with it.

/** Lowercase, whitespace collapsed: how a query and a key are compared. */
export function normalizeSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The words of a query, each to be found in the key (so "苏州 bdt" narrows). At most five, each at most 40 characters. */
export function searchTerms(query: string): string[] {
  return normalizeSearch(query)
    .split(" ")
    .filter(Boolean)
    .slice(0, 5)
    .map((w) => w.slice(0, 40));
}

/** Whether a key holds every word of a query (the browser's filter; the server asks the same of its index). */
export function matchesSearch(key: string, terms: readonly string[]): boolean {
  return terms.every((term) => key.includes(term));
}
