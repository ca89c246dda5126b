import { describe, expect, it } from "vitest";
import { enterpriseSearchKey, investorSearchKey, projectSearchKey, searchKey } from "./search-key";
import { matchesSearch, searchTerms } from "./search-match";

describe("search keys", () => {
  it("hold the name, its pinyin initials and full pinyin, and the identifiers, lowercase", () => {
    expect(searchKey(["半导体材料"], ["XM-2026-0001"])).toBe("半导体材料 bdtcl bandaoticailiao xm-2026-0001");
    expect(projectSearchKey({ name: "光伏项目", code: "GF-1" })).toContain("gfxm");
    expect(investorSearchKey({ name: "Acme 投资", uscc: "91140100MA0K123456" })).toContain("91140100ma0k123456");
  });

  it("are empty for a project without an enterprise, so it is never an enterprise hit", () => {
    expect(enterpriseSearchKey({ projectCompanyName: null, projectCompanyUscc: null })).toBe("");
    expect(enterpriseSearchKey({ projectCompanyName: "太原中芯", projectCompanyUscc: null })).toContain("tyzx");
  });

  it("match a query word by word", () => {
    const key = searchKey(["苏州半导体产业园"]);
    expect(matchesSearch(key, searchTerms("bdt SZ"))).toBe(true);
    expect(matchesSearch(key, searchTerms("bdt gf"))).toBe(false);
  });
});
