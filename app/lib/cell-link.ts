// When a click on a table's plain link (app/components/cell-link.tsx) becomes an in-app navigation, and to where:
// the rules of React Router's <Link> click handler (a plain left click, no modifier key, no other target, no
// download, the same origin, not already handled); anything else is left to the browser.

export type ClickLike = {
  defaultPrevented: boolean;
  button: number;
  metaKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
};
export type AnchorLike = { href: string; target: string; hasAttribute(name: string): boolean };

/** The path, query and hash to navigate to in the app, or null when the browser should follow the link itself. */
export function appNavigationTarget(event: ClickLike, anchor: AnchorLike, origin: string): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return null;
  if (anchor.target !== "" && anchor.target !== "_self") return null;
  if (anchor.hasAttribute("download") || anchor.hasAttribute("data-reload")) return null;
  let url: URL;
  try {
    url = new URL(anchor.href);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return url.pathname + url.search + url.hash;
}
