import type { MessageKey } from "../keys";

// search: English. The keys are Chinese's (../zh/search.ts); ../en/index.ts checks none is missing.
export const search = {
  "search.label": "Search",
  "search.placeholder": "Search projects, investors, enterprises, contacts (press / )",
  "search.submit": "Search",
  "search.title": "Search",
  "search.hint": "By name, project code, USCC or pinyin initials (e.g. bdt for 半导体); only records you may see are listed.",
  "search.kind.project": "Projects",
  "search.kind.enterprise": "Enterprises",
  "search.kind.investor": "Investors",
  "search.kind.contact": "Contacts",
  "search.none": "Nothing matches “{q}”.",
  "search.tooShort": "Type at least 1 character.",
  "search.results": "{n} results",
  "search.showAll": "All results",
  "search.more": "Only the first {n} are listed: type more words to narrow.",
  "combobox.filter": "Type a name or pinyin initials to filter",
  "combobox.none": "No matching option",
  "combobox.count": "{n} options",
  "combobox.clear": "Clear",
} satisfies Partial<Record<MessageKey, string>>;
