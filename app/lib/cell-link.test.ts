import { describe, expect, it } from "vitest";
import type { AnchorLike, ClickLike } from "./cell-link";
import { appNavigationTarget } from "./cell-link";

const plain: ClickLike = { defaultPrevented: false, button: 0, metaKey: false, altKey: false, ctrlKey: false, shiftKey: false };
const anchor = (href: string, attrs: Record<string, string> = {}, target = ""): AnchorLike => ({
  href,
  target,
  hasAttribute: (name) => name in attrs,
});
const origin = "https://crm.example.cn";

describe("a click on a table's plain link", () => {
  it("navigates in the app to the path, query and hash of a plain left click", () => {
    expect(appNavigationTarget(plain, anchor(`${origin}/province/zones/z02?from=2026-01-01#m`), origin)).toBe(
      "/province/zones/z02?from=2026-01-01#m",
    );
    expect(appNavigationTarget(plain, anchor(`${origin}/x`, {}, "_self"), origin)).toBe("/x");
  });

  it("leaves to the browser a click with a modifier key, another button or already handled", () => {
    for (const key of ["metaKey", "altKey", "ctrlKey", "shiftKey"] as const) {
      expect(appNavigationTarget({ ...plain, [key]: true }, anchor(`${origin}/x`), origin)).toBeNull();
    }
    expect(appNavigationTarget({ ...plain, button: 1 }, anchor(`${origin}/x`), origin)).toBeNull();
    expect(appNavigationTarget({ ...plain, defaultPrevented: true }, anchor(`${origin}/x`), origin)).toBeNull();
  });

  it("leaves to the browser another window, a download, a reload, another origin or a broken address", () => {
    expect(appNavigationTarget(plain, anchor(`${origin}/x`, {}, "_blank"), origin)).toBeNull();
    expect(appNavigationTarget(plain, anchor(`${origin}/x.xlsx`, { download: "" }), origin)).toBeNull();
    expect(appNavigationTarget(plain, anchor(`${origin}/x`, { "data-reload": "" }), origin)).toBeNull();
    expect(appNavigationTarget(plain, anchor("https://evil.example.com/x"), origin)).toBeNull();
    expect(appNavigationTarget(plain, anchor("http://crm.example.cn/x"), origin)).toBeNull();
    expect(appNavigationTarget(plain, anchor("not a url"), origin)).toBeNull();
  });
});
