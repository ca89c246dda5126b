import { describe, expect, it } from "vitest";
import type { ProjectFacts, Viewer } from "~/modules/auth/policy";
import { canAddEvidence, canRemoveEvidence } from "~/modules/auth/policy";

const owner: Viewer = { id: 1, zoneId: 1, companyId: 10, role: "staff" };
const colleague: Viewer = { id: 2, zoneId: 1, companyId: 10, role: "staff" };
const manager: Viewer = { id: 3, zoneId: 1, companyId: 10, role: "manager" };
const leader: Viewer = { id: 5, zoneId: 1, companyId: 99, role: "leader" };
const project: ProjectFacts = { zoneId: 1, companyId: 10, ownerId: owner.id, confidential: false, formerCompanyIds: [], formerOwnerIds: [] };

describe("who may add and remove milestone evidence", () => {
  it("those who may edit the project add evidence; colleagues who only read it and leaders do not", () => {
    expect(canAddEvidence(owner, project)).toBe(true);
    expect(canAddEvidence(manager, project)).toBe(true);
    expect(canAddEvidence(colleague, project)).toBe(false);
    expect(canAddEvidence(leader, project)).toBe(false);
  });

  it("the uploader or the company's manager removes it, while they may still edit the project", () => {
    expect(canRemoveEvidence(owner, project, owner.id)).toBe(true);
    expect(canRemoveEvidence(manager, project, owner.id)).toBe(true);
    // The owner may not remove what the manager uploaded.
    expect(canRemoveEvidence(owner, project, manager.id)).toBe(false);
    // A former owner who uploaded it only reads the project now.
    expect(canRemoveEvidence(owner, { ...project, ownerId: colleague.id, formerOwnerIds: [owner.id] }, owner.id)).toBe(false);
    expect(canRemoveEvidence(leader, project, owner.id)).toBe(false);
  });
});
