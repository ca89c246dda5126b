import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect: only paths on this site", () => {
  const hostile: [string, string][] = [
    ["tab inside", "/\t/evil.example/x"],
    ["tab first", "\t/evil.example"],
    ["newline", "/\n/evil.example"],
    ["carriage return", "/\r\n/evil.example"],
    ["backslash first", "\\evil.example"],
    ["slash backslash", "/\\evil.example"],
    ["backslash later", "/x\\..\\evil"],
    ["two slashes", "//evil.example"],
    ["three slashes", "///evil.example"],
    ["absolute URL", "https://evil.example/x"],
    ["scheme-relative with tab", "/\t/\tevil.example"],
    ["encoded two slashes", "%2F%2Fevil.example"],
    ["slash then encoded slash", "/%2Fevil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded newline", "/%0a/evil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["twice encoded tab", "/%2509/evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["javascript: after slash", "/javascript:alert(1)\n"],
    ["NUL", "/projects\u0000"],
    ["encoded NUL", "/projects%00"],
    ["DEL", "/\u007f/evil.example"],
    ["line separator", "/\u2028/evil.example"],
    ["malformed escape", "/%E0%A4%A"],
    ["dot segments to two slashes", "/./\t/evil.example"],
    ["empty", ""],
    ["too long", "/" + "a".repeat(2001)],
  ];
  it.each(hostile)("refuses %s", (_name, value) => {
    expect(safeRedirect(value, "/home")).toBe("/home");
  });

  it("keeps ordinary paths with their query and fragment", () => {
    expect(safeRedirect("/projects?owner=me&sort=-updated", "/")).toBe("/projects?owner=me&sort=-updated");
    expect(safeRedirect("/projects/12#evidence", "/")).toBe("/projects/12#evidence");
    expect(safeRedirect("/projects?q=%E5%8D%8A%E5%AF%BC%E4%BD%93", "/")).toBe("/projects?q=%E5%8D%8A%E5%AF%BC%E4%BD%93");
    expect(safeRedirect("/", "/x")).toBe("/");
  });

  it("takes no value, a file or a non-string as the fallback", () => {
    expect(safeRedirect(null, "/f")).toBe("/f");
    expect(safeRedirect(undefined, "/f")).toBe("/f");
    expect(safeRedirect(new File(["x"], "x.txt"), "/f")).toBe("/f");
  });
});
