// The header's search box: a plain GET form to /search (which lists the results without JavaScript); with
// JavaScript it answers as you type in a listbox grouped by kind (the ARIA 1.2 combobox pattern: focus stays in the
// box, ArrowUp/Down move the active option, Enter opens it, Escape closes the list, then clears the box), and `/`
// anywhere outside a field puts the cursor in it.
import { Form, useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useT } from "~/lib/use-i18n";
import type { SearchGroup } from "../search.server";

const DEBOUNCE_MS = 150;

function typingInField(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function HeaderSearch() {
  const t = useT();
  const navigate = useNavigate();
  const fetcher = useFetcher<{ groups: SearchGroup[] }>();
  const inputRef = useRef<HTMLInputElement>(null);
  const base = useId().replace(/:/g, "");
  const listId = `${base}-list`;
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // `/` focuses the box unless the user is typing somewhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // Asks once the typing pauses; the answer of an older query is replaced by the fetcher's newer one.
  const { load } = fetcher;
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const timer = setTimeout(() => load(`/search?box=1&q=${encodeURIComponent(q)}`), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, load]);

  const answered = fetcher.data && query.trim() ? fetcher.data : undefined;
  const groups = answered?.groups ?? [];
  const hits = groups.flatMap((g) => g.hits);
  const expanded = open && answered !== undefined;
  const optionId = (i: number) => `${base}-opt-${i}`;
  useEffect(() => setActive(-1), [fetcher.data]);

  const go = (href: string) => {
    setOpen(false);
    setQuery("");
    navigate(href);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!hits.length) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the box itself: past the last option (or before the first) the active option goes back to none.
      setActive((i) => {
        const next = i + step;
        return next >= hits.length ? -1 : next < -1 ? hits.length - 1 : next;
      });
    } else if (event.key === "Enter" && expanded && active >= 0 && hits[active]) {
      event.preventDefault();
      go(hits[active].href);
    } else if (event.key === "Escape") {
      if (expanded) setOpen(false);
      else setQuery("");
      setActive(-1);
    }
  };

  let index = -1;
  return (
    <Form method="get" action="/search" role="search" className="header-search" onSubmit={() => setOpen(false)}>
      <label htmlFor={`${base}-q`} className="sr-only">
        {t("search.label")}
      </label>
      <input
        ref={inputRef}
        id={`${base}-q`}
        type="search"
        name="q"
        value={query}
        placeholder={t("search.placeholder")}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/"
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="header-search-submit">
        {t("search.submit")}
      </button>
      <div id={listId} role="listbox" aria-label={t("search.label")} className="header-search-list" hidden={!expanded}>
        {expanded && hits.length === 0 ? (
          <div className="header-search-empty" role="presentation">
            {t("search.none", { q: query.trim() })}
          </div>
        ) : null}
        {groups.map((g) => (
          <div key={g.kind} role="group" aria-labelledby={`${base}-g-${g.kind}`}>
            <div id={`${base}-g-${g.kind}`} role="presentation" className="header-search-kind">
              {t(`search.kind.${g.kind}`)}
            </div>
            {g.hits.map((h) => {
              index += 1;
              const i = index;
              return (
                <div
                  key={`${h.kind}-${h.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? "header-search-option active" : "header-search-option"}
                  // mousedown, not click: the box's blur would close the list before the click lands.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    go(h.href);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  <span>{h.title}</span>
                  {h.detail ? <small>{h.detail}</small> : null}
                </div>
              );
            })}
          </div>
        ))}
        {hits.length > 0 ? (
          <a
            className="header-search-all"
            href={`/search?q=${encodeURIComponent(query.trim())}`}
            onMouseDown={(event) => {
              event.preventDefault();
              go(`/search?q=${encodeURIComponent(query.trim())}`);
            }}
          >
            {t("search.showAll")}
          </a>
        ) : null}
      </div>
    </Form>
  );
}
