import type { KeyboardEvent, ReactNode } from "react";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "@remix-run/react";
import { countFitting, planNav } from "~/lib/nav-fit";
import type { NavPlace } from "~/lib/nav-fit";
import { useT } from "~/lib/use-i18n";
import type { NavItem } from "~/modules/auth/navigation";

type HeaderNavProps = {
  nav: NavItem[];
  /** The current page's path and query, to mark its entry. */
  current: string;
  /** The saved views' dropdown, after 更多. */
  views?: ReactNode;
  /** Whether the header shows the search box (it takes room from the row). */
  search: boolean;
};

// "我的项目" (/projects?owner=me) and "公司项目" (/projects) share a path: the most specific match wins.
function isActive(to: string, current: string, nav: NavItem[]) {
  const [path, query] = to.split("?");
  const [currentPath, currentQuery = ""] = current.split("?");
  if (!currentPath.startsWith(path)) return false;
  // A longer entry that also matches is the page (/province/ranking, not /province).
  if (nav.some((n) => n.to.split("?")[0].length > path.length && currentPath.startsWith(n.to.split("?")[0]))) return false;
  if (query) return currentQuery.includes(query);
  return !nav.some((n) => n.to.startsWith(`${path}?`) && currentQuery.includes(n.to.split("?")[1]));
}

/** The width an element takes in its flex row, its margins included. */
function outerWidth(element: Element) {
  const style = getComputedStyle(element);
  return element.getBoundingClientRect().width + parseFloat(style.marginLeft) + parseFloat(style.marginRight);
}

/**
 * The header's navigation at a desk: the role's entries that fit in the one row, in priority order, and the rest
 * in a 更多 menu at its end (decision 039). The server places them by estimated widths (media queries choose
 * between 1200 and 1440 px), so the row holds without JavaScript; the script then measures the real row and moves
 * entries in or out as the window changes. Below 1200 px the menu button's panel lists every entry instead.
 */
export function HeaderNav({ nav, current, views, search }: HeaderNavProps) {
  const t = useT();
  const location = useLocation();
  const labels = nav.map((item) => t(item.label));
  const hasViews = views != null;
  const planned = planNav(labels, t("nav.more"), { views: hasViews, search });
  // How many entries the measured row holds; null until the script has measured it.
  const [fit, setFit] = useState<number | null>(null);
  const navRef = useRef<HTMLElement>(null);
  const labelsKey = labels.join("\n");

  useEffect(() => {
    const element = navRef.current;
    if (!element) return;
    const desk = window.matchMedia("(min-width: 1200px)");
    const measure = () => {
      if (!desk.matches) return;
      // Every entry and 更多 shown in the row for a moment (no paint happens in between) to read their widths.
      element.setAttribute("data-measuring", "");
      const row = element.querySelector(".nav-links")!;
      const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
      const widths = Array.from(row.children, (link) => outerWidth(link) + gap);
      const more = element.querySelector(".more-menu");
      const moreWidth = more ? outerWidth(more) : 0;
      const navGap = parseFloat(getComputedStyle(element).columnGap) || 0;
      let room = element.clientWidth - navGap;
      for (const other of Array.from(element.children)) {
        if (other !== row && other !== more) room -= outerWidth(other) + navGap;
      }
      element.removeAttribute("data-measuring");
      // A pixel to spare against rounding.
      setFit(countFitting(widths, moreWidth, room - 1));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    // The labels' widths change once the web fonts have loaded.
    void document.fonts?.ready.then(measure);
    return () => observer.disconnect();
    // Measured again after a navigation (the current entry is bold) and when the views dropdown comes or goes.
  }, [labelsKey, current, hasViews]);

  const places: NavPlace[] = planned.map((place, i) => (fit === null ? place : i < fit ? "bar" : "more"));
  const active = nav.map((item) => isActive(item.to, current, nav));
  const activeIndex = active.indexOf(true);
  // What 更多 holds: "more" (at every desktop width), "wide" (below 1440 px only) or nothing.
  const holds = places.includes("more") ? "more" : places.includes("wide") ? "wide" : undefined;

  return (
    // data-measured: the script has measured the row (the tests wait for it).
    <nav ref={navRef} className="nav" aria-label="main" data-measured={fit === null ? undefined : ""}>
      <div className="nav-links">
        {nav.map((item, i) => (
          <Link
            key={item.to}
            to={item.to}
            data-place={places[i]}
            className={active[i] ? "active" : undefined}
            aria-current={active[i] ? "page" : undefined}
          >
            {labels[i]}
          </Link>
        ))}
      </div>
      {/* Keyed by the location: a navigation closes the menu. */}
      <MoreMenu
        key={location.key}
        holds={holds}
        current={activeIndex >= 0 && places[activeIndex] !== "bar" ? places[activeIndex] : undefined}
        label={t("nav.more")}
      >
        {nav.map((item, i) => (
          <li key={item.to} role="none" data-place={places[i]}>
            <Link to={item.to} role="menuitem" aria-current={active[i] ? "page" : undefined}>
              {labels[i]}
            </Link>
          </li>
        ))}
      </MoreMenu>
      {views}
    </nav>
  );
}

type MoreMenuProps = {
  holds: NavPlace | undefined;
  /** Where the current page's entry sits when it is not in the row: 更多 is then marked as the current place. */
  current: NavPlace | undefined;
  label: string;
  children: ReactNode;
};

/**
 * 更多: a <details> like the saved views' dropdown, so it opens without JavaScript; the script adds the menu
 * button's keys (arrows move through the entries, Escape closes and returns to the button), closes it on a click
 * outside or when the focus leaves it, and tells assistive technology whether it is open.
 */
function MoreMenu({ holds, current, label, children }: MoreMenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  // null until hydrated: without the script the browser reports the <details>' own state.
  const [open, setOpen] = useState<boolean | null>(null);
  useEffect(() => setOpen(ref.current?.open ?? false), []);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);

  const items = () => Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []).filter((item) => item.offsetParent !== null);
  const summary = () => ref.current?.querySelector("summary");

  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    const details = ref.current;
    if (!details) return;
    if (event.key === "Escape" && details.open) {
      event.preventDefault();
      details.open = false;
      summary()?.focus();
      return;
    }
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
    event.preventDefault();
    if (!details.open) details.open = true;
    const list = items();
    if (list.length === 0) return;
    const at = list.indexOf(document.activeElement as HTMLElement);
    let next: number;
    if (event.key === "Home") next = 0;
    else if (event.key === "End") next = list.length - 1;
    else if (at < 0) next = event.key === "ArrowUp" ? list.length - 1 : 0;
    else next = (at + (event.key === "ArrowDown" ? 1 : list.length - 1)) % list.length;
    list[next].focus();
  };

  return (
    // The keys reach the <details> from its summary and entries, which are focusable themselves.
    <details
      ref={ref}
      className="more-menu"
      data-holds={holds}
      data-current={current}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (ref.current?.open && !ref.current.contains(event.relatedTarget as Node | null)) ref.current.open = false;
      }}
    >
      <summary aria-haspopup="menu" aria-expanded={open ?? undefined}>
        {label}
      </summary>
      <ul role="menu" aria-label={label}>
        {children}
      </ul>
    </details>
  );
}
