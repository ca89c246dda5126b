// A link repeated per row or card (the province's 88 zones × 6 figures, the lists' rows, the board's cards): a
// plain <a href> that the document's one click listener turns into an in-app navigation, instead of a Remix <Link>
// each. Each <Link> runs its hooks on every render (resolving the path, the click handler, prefetch): ~14 µs a link
// on the server, 7.5 of the province page's 33 ms of render for its ~550 links (docs/benchmarks.md, 2026-12-07).
// Same HTML as <Link>; without JavaScript it is the same plain link. Only for absolute paths within the app.
import type { ReactNode } from "react";
import { useEffect } from "react";
import { useNavigate } from "@remix-run/react";
import { appNavigationTarget } from "~/lib/cell-link";

export function CellLink({ to, children, className, title }: { to: string; children: ReactNode; className?: string; title?: string }) {
  return (
    <a href={to} data-cell-link="" className={className} title={title}>
      {children}
    </a>
  );
}

/** The document's listener: a plain left click on a CellLink navigates in the app, as <Link> would. */
export function useCellLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest("a[data-cell-link]") : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const to = appNavigationTarget(event, anchor, window.location.origin);
      if (to === null) return;
      event.preventDefault();
      navigate(to);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
