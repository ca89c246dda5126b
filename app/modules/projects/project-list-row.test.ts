import { describe, expect, it } from "vitest";
import { projectListPageRow } from "./project-list-row";
import type { ProjectListRow } from "./projects.server";

const row: ProjectListRow = {
  id: 7,
  code: "P-0007",
  name: "晶圆制造基地",
  investorName: "华恒半导体",
  clusterName: "集成电路",
  companyName: "信创公司",
  ownerName: "张三",
  stage: "negotiating",
  status: "active",
  totalInvestmentWan: "12345.67",
  lastActivityOn: "2026-11-30",
  nextAction: "回访",
  nextActionOn: "2026-12-01",
  signedOn: null,
  plannedSignOn: "2026-10-01",
  plannedConstructionOn: null,
  plannedProductionOn: null,
  confidential: false,
  updatedAt: new Date("2026-12-01T08:00:00Z"),
};

describe("projectListPageRow", () => {
  it("sends only the fields the list page shows: no planned dates, no update time", () => {
    expect(Object.keys(projectListPageRow(row, "2026-12-07")).sort()).toEqual(
      [
        "id",
        "code",
        "name",
        "investorName",
        "confidential",
        "clusterName",
        "companyName",
        "ownerName",
        "stage",
        "status",
        "light",
        "totalInvestmentWan",
        "signedOn",
        "lastActivityOn",
        "nextAction",
        "nextActionOn",
        "nextActionOverdue",
      ].sort(),
    );
  });

  it("makes the light from the planned dates it leaves out, and marks an overdue next action", () => {
    // Signing was planned 67 days ago and not reached: red.
    expect(projectListPageRow(row, "2026-12-07")).toMatchObject({ light: "red", nextActionOverdue: true });
    expect(projectListPageRow(row, "2026-10-15")).toMatchObject({ light: "yellow", nextActionOverdue: false });
    expect(projectListPageRow({ ...row, stage: "signed" }, "2026-12-07")).toMatchObject({ light: "green" });
    expect(projectListPageRow({ ...row, nextActionOn: null }, "2026-12-07")).toMatchObject({ nextActionOverdue: false });
  });
});
