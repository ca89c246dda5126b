import type { MessageKey } from "../keys";

// search: English. The keys are Chinese's (../zh/search.ts); ../en/index.ts checks none is missing.
export const search = {
  "search.label": "Search",
  "search.placeholder": "Search projects, investors, enterprises, contacts (press / )",
  "search.submit": "Search",
  "search.title": "Search",
  "search.hint": "By name, project code, USCC or pinyin initials (e.g. bdt for bandaoti, semiconductor); only records you may see are listed.",
  "search.kind.project": "Projects",
  "search.kind.enterprise": "Enterprises",
  "search.kind.investor": "Investors",
  "search.kind.contact": "Contacts",
  "search.none": "Nothing matches “{q}”.",
  "search.showAll": "All results",
  "search.more": "Only the first {n} are listed: type more words to narrow.",
  "combobox.filter": "Type a name or pinyin initials to filter",
  "combobox.none": "No matching option",
} satisfies Partial<Record<MessageKey, string>>;
