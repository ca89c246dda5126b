import { describe, expect, it } from "vitest";
import { cleanFileName } from "./file-name";

describe("stored names of uploaded files", () => {
  it("drops the right-to-left override and every other bidi control", () => {
    expect(cleanFileName("x\u202Etxt.exe.pdf")).toBe("xtxt.exe.pdf");
    for (const c of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"]) {
      expect(cleanFileName(`协议${c}书.pdf`), `U+${c.codePointAt(0)!.toString(16)}`).toBe("协议书.pdf");
    }
  });

  it("drops C0 and C1 controls and DEL, keeps Chinese and ordinary punctuation", () => {
    expect(cleanFileName("a\u0000b\u0007c\u001b[31m\u007f\u0085\u009f.pdf")).toBe("abc[31m.pdf");
    expect(cleanFileName("营业执照（副本）-2026.pdf")).toBe("营业执照（副本）-2026.pdf");
  });

  it("keeps only the last path part and at most 200 characters with the extension", () => {
    expect(cleanFileName("C:\\Users\\x\\..\\协议.pdf")).toBe("协议.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    const long = cleanFileName(`${"长".repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});
