import { describe, expect, it } from "vitest";
import { DEFAULT_APPROVAL_ITEMS } from "../../../db/seed/approval-catalogue";
import type { ApprovalTiming, ProjectType } from "./approval-rules";
import { approvalDateProblems, approvalDueOn, approvalLight, appliesTo, blocksConstruction, takesNewLand } from "./approval-rules";

const today = "2026-12-07";
const base: ApprovalTiming = { notApplicable: false, allowedDays: 20, submittedOn: null, approvedOn: null, plannedSubmitOn: null };

describe("an approval item's light, row by row", () => {
  const rows: [Partial<ApprovalTiming>, string][] = [
    [{ approvedOn: "2026-12-01", submittedOn: "2026-10-01" }, "done"], // approved, however late
    [{ notApplicable: true, submittedOn: "2026-01-01" }, "na"],
    [{}, "waiting"], // not submitted, no plan
    [{ plannedSubmitOn: "2026-12-07" }, "waiting"], // planned for today: not late yet
    [{ plannedSubmitOn: "2026-12-06" }, "overdue"], // planned for yesterday, not submitted
    [{ submittedOn: "2026-12-01" }, "on_time"], // due 12-21: 14 days left
    [{ submittedOn: "2026-11-20" }, "due_soon"], // due 12-10: 3 days left
    [{ submittedOn: "2026-11-17" }, "due_soon"], // due 12-07: today
    [{ submittedOn: "2026-11-16" }, "overdue"], // due 12-06
    [{ submittedOn: "2026-11-19" }, "due_soon"], // due 12-09: 2 days left
  ];
  it.each(rows)("%o → %s", (over, light) => {
    expect(approvalLight({ ...base, ...over }, today)).toBe(light);
  });
  it("4 days left is on time", () => expect(approvalLight({ ...base, submittedOn: "2026-11-21" }, today)).toBe("on_time"));
  it("the due day is submission plus the allowed days, none before submission", () => {
    expect(approvalDueOn({ submittedOn: "2026-12-25", allowedDays: 7 })).toBe("2027-01-01");
    expect(approvalDueOn({ submittedOn: null, allowedDays: 7 })).toBeNull();
  });
});

describe("the template: which default items a project gets", () => {
  const names = (type: ProjectType | null, newLand: boolean) =>
    DEFAULT_APPROVAL_ITEMS.filter((i) => appliesTo(i, { type, newLand })).map((i) => i.name);
  it("新建 with new land: all twelve; a project without a type is 新建", () => {
    expect(names("new", true)).toHaveLength(12);
    expect(names(null, true)).toEqual(names("new", true));
  });
  it("without new land the land items drop out", () => {
    expect(names("new", false)).not.toContain("土地出让/标准地");
    expect(names("new", false)).toHaveLength(9);
  });
  it("增资扩产 skips company registration; 技改 keeps filing, assessments, fire and completion", () => {
    expect(names("expansion", true)).not.toContain("企业设立登记");
    expect(names("expansion", true)).toContain("施工许可");
    expect(names("upgrade", true)).toEqual(["项目备案/核准", "环评", "能评", "安评", "消防设计审查", "竣工验收"]);
  });
  it("new land is a land demand above 0 亩", () => {
    expect([takesNewLand(null), takesNewLand("0"), takesNewLand("0.00"), takesNewLand("0.5"), takesNewLand("120")]).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});

describe("what blocks 开工 and the order of the dates", () => {
  it.each([
    [{ requiredForConstruction: true, notApplicable: false, approvedOn: null }, true],
    [{ requiredForConstruction: true, notApplicable: false, approvedOn: "2026-12-01" }, false],
    [{ requiredForConstruction: true, notApplicable: true, approvedOn: null }, false],
    [{ requiredForConstruction: false, notApplicable: false, approvedOn: null }, false],
  ])("%o blocks: %s", (item, blocks) => expect(blocksConstruction(item)).toBe(blocks));

  it.each([
    [{ submittedOn: "2026-12-01", acceptedOn: "2026-12-02", approvedOn: "2026-12-05" }, {}],
    [{ submittedOn: "2026-12-01", acceptedOn: "2026-12-01", approvedOn: "2026-12-01" }, {}],
    [{ submittedOn: "2026-12-08", acceptedOn: null, approvedOn: null }, { submittedOn: "approvals.error.future" }],
    [{ submittedOn: "2026-12-02", acceptedOn: "2026-12-01", approvedOn: null }, { acceptedOn: "approvals.error.order" }],
    [{ submittedOn: null, acceptedOn: "2026-12-01", approvedOn: null }, { acceptedOn: "approvals.error.order" }],
    [{ submittedOn: null, acceptedOn: null, approvedOn: "2026-12-01" }, { approvedOn: "approvals.error.order" }],
    [{ submittedOn: "2026-12-01", acceptedOn: "2026-12-04", approvedOn: "2026-12-03" }, { approvedOn: "approvals.error.order" }],
    [{ submittedOn: "2026-12-04", acceptedOn: null, approvedOn: "2026-12-03" }, { approvedOn: "approvals.error.order" }],
  ])("%o: %o", (dates, problems) => expect(approvalDateProblems(dates, today)).toStrictEqual(problems));
});
