import { describe, expect, it } from "vitest";
import { evidenceInvalid } from "./attachments.schema";

describe("an evidence refusal as the result type's invalid", () => {
  it("puts the message under its field", () => {
    expect(evidenceInvalid("type")).toEqual({ kind: "invalid", fieldErrors: { file: "evidence.error.type" } });
    expect(evidenceInvalid("stage")).toEqual({ kind: "invalid", fieldErrors: { stage: "evidence.error.stage" } });
    expect(evidenceInvalid("tooLarge")).toEqual({
      kind: "invalid",
      fieldErrors: { file: "evidence.error.tooLarge" },
      params: { file: { max: "20" } },
    });
  });
});
