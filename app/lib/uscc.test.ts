import { describe, expect, it } from "vitest";
import { checkUscc, completeUscc, describeUsccProblem, isValidUscc } from "./uscc";

describe("统一社会信用代码 check", () => {
  it("accepts real published codes", () => {
    // Codes printed on public business licences.
    expect(isValidUscc("91350100M000100Y43")).toBe(true);
    expect(isValidUscc("911100001000079554")).toBe(true);
    expect(isValidUscc("91440300708461136T")).toBe(true);
    expect(isValidUscc(" 91110108551385082q ")).toBe(true);
  });

  it("refuses a code whose check character does not match and names the expected one", () => {
    const result = checkUscc("91350100M000100Y44");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toEqual({ kind: "check", expected: "3", actual: "4" });
      expect(describeUsccProblem(result.problem)).toContain("第18位");
    }
  });

  it("names the position of a forbidden character", () => {
    const result = checkUscc("91350100I000100Y43");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeUsccProblem(result.problem)).toContain("第9位");
  });

  it("refuses a wrong length", () => {
    const result = checkUscc("9135010");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeUsccProblem(result.problem)).toBe("统一社会信用代码应为18位，当前为7位");
  });

  it("completes 17 characters into a valid code", () => {
    const code = completeUscc("91140100MA0K12345");
    expect(code).toHaveLength(18);
    expect(isValidUscc(code)).toBe(true);
  });
});

describe("统一社会信用代码 messages and building", () => {
  it("the check-character message names both characters", () => {
    const message = describeUsccProblem({ kind: "check", expected: "3", actual: "4" });
    expect(message).toContain("应为“3”");
    expect(message).toContain("实际为“4”");
    expect(message).not.toContain("{");
  });

  it("refuses to complete a code with a forbidden character", () => {
    expect(() => completeUscc("91140100IA0K12345")).toThrow("invalid USCC character at 9");
  });
});
