import { describe, expect, it } from "vitest";
import { EVIDENCE_ERRORS, evidenceErrorOf, evidenceInvalid } from "./attachments.schema";

describe("an evidence refusal as the result type's invalid", () => {
  it("puts the message under its field, and the page's URL gets the same code back", () => {
    expect(evidenceInvalid("type")).toEqual({ kind: "invalid", fieldErrors: { file: "evidence.error.type" } });
    expect(evidenceInvalid("stage")).toEqual({ kind: "invalid", fieldErrors: { stage: "evidence.error.stage" } });
    expect(evidenceInvalid("tooLarge")).toEqual({
      kind: "invalid",
      fieldErrors: { file: "evidence.error.tooLarge" },
      params: { file: { max: "20" } },
    });
    for (const code of EVIDENCE_ERRORS) expect(evidenceErrorOf(evidenceInvalid(code))).toBe(code);
  });
});
