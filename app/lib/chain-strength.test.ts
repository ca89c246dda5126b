import { describe, expect, it } from "vitest";
import type { ProjectStage, ProjectStatus } from "./domain-values";
import { PROJECT_STAGES } from "./domain-values";
import type { LinkCounts } from "./chain-strength";
import { chainStrength, countProject, emptyCounts, fillsLink, STRONG_FROM, suggestLinks } from "./chain-strength";

const counts = (stages: ProjectStage[], status: ProjectStatus = "active") =>
  stages.reduce<LinkCounts>((c, stage) => countProject(c, { stage, status }), emptyCounts());

describe("what a link counts, stage by stage", () => {
  it.each<[ProjectStage, LinkCounts]>([
    ["lead", { pipeline: 0, signed: 0, landed: 0, building: 0 }],
    ["contacted", { pipeline: 0, signed: 0, landed: 0, building: 0 }],
    ["negotiating", { pipeline: 1, signed: 0, landed: 0, building: 0 }],
    ["evaluating", { pipeline: 1, signed: 0, landed: 0, building: 0 }],
    ["signed", { pipeline: 0, signed: 1, landed: 0, building: 0 }],
    ["registered", { pipeline: 0, signed: 0, landed: 1, building: 0 }],
    ["construction", { pipeline: 0, signed: 0, landed: 1, building: 1 }],
    ["production", { pipeline: 0, signed: 0, landed: 1, building: 1 }],
  ])("a project at %s", (stage, expected) => {
    expect(counts([stage])).toEqual(expected);
    expect(counts([stage], "on_hold")).toEqual(expected);
  });

  it("a lost project counts nowhere, at any stage", () => {
    expect(counts([...PROJECT_STAGES], "lost")).toEqual(emptyCounts());
  });

  it("counts add up", () => {
    expect(counts(["negotiating", "evaluating", "signed", "signed", "registered", "construction", "production"])).toEqual({
      pipeline: 2,
      signed: 2,
      landed: 3,
      building: 2,
    });
  });
});

describe("the strength rule: 空白 / 薄弱 / 已有 / 强", () => {
  it.each<[string, Partial<LinkCounts>, string]>([
    ["nothing at all", {}, "empty"],
    ["one project in the pipeline (someone is negotiating)", { pipeline: 1 }, "weak"],
    ["only pipeline, many", { pipeline: 5 }, "weak"],
    ["one signing, nothing landed", { signed: 1 }, "present"],
    ["one signing and a pipeline", { signed: 1, pipeline: 3 }, "present"],
    ["one landed enterprise", { landed: 1 }, "present"],
    ["one signed and one landed", { signed: 1, landed: 1 }, "present"],
    ["two signed and one landed", { signed: 2, landed: 1 }, "strong"],
    ["three signings, nothing landed", { signed: 3 }, "strong"],
    ["three landed enterprises", { landed: 3 }, "strong"],
    ["four landed enterprises", { landed: 4, building: 4 }, "strong"],
  ])("%s", (_name, c, expected) => {
    expect(chainStrength({ ...emptyCounts(), ...c })).toBe(expected);
  });

  it("a link is strong from three projects signed or beyond", () => {
    expect(STRONG_FROM).toBe(3);
  });

  it("a project fills a link from signing on, unless it is lost", () => {
    expect(PROJECT_STAGES.filter((stage) => fillsLink({ stage, status: "active" }))).toEqual(["signed", "registered", "construction", "production"]);
    expect(fillsLink({ stage: "signed", status: "on_hold" })).toBe(true);
    expect(PROJECT_STAGES.filter((stage) => fillsLink({ stage, status: "lost" }))).toEqual([]);
  });
});

describe("suggesting links from a project's name", () => {
  const links = [
    { id: 1, name: "晶圆衬底", products: ["碳化硅", "衬底", "外延片"] },
    { id: 2, name: "封装测试", products: ["封装", "测试", "封测"] },
    { id: 3, name: "芯片制造", products: [" IGBT ", "功率器件", " x "] },
  ];

  it("matches key products and names, the most matches first", () => {
    expect(suggestLinks("年产10万片碳化硅衬底及封装项目", links).map((l) => l.id)).toEqual([1, 2]);
    expect(suggestLinks("先进封装测试基地", links).map((l) => l.id)).toEqual([2]);
  });

  it("ignores case and one-letter products, and suggests nothing for an empty name", () => {
    expect(suggestLinks("igbt 模块", links).map((l) => l.id)).toEqual([3]);
    expect(suggestLinks("x 项目", links)).toEqual([]);
    expect(suggestLinks("  ", links)).toEqual([]);
  });

  it("keeps the chain's order among equal matches", () => {
    expect(suggestLinks("封装 碳化硅", links).map((l) => l.id)).toEqual([1, 2]);
  });

  it("puts the link with more matching products first, whatever its place in the chain", () => {
    expect(suggestLinks("碳化硅封装测试（封测）", links).map((l) => l.id)).toEqual([2, 1]);
    expect(suggestLinks("碳化硅衬底外延片与封装", links).map((l) => l.id)).toEqual([1, 2]);
  });
});
