// Every policy function as a table: role (staff, manager, leader, admin) × the record's relation to the viewer.
// Each row is one role's answers, one letter per relation in the order the relations are listed:
//   W write · R read · K work (a service request) · Y yes · - no / none.
// Flip any condition in policy.ts and at least one cell changes. Some cells describe a relation a role cannot
// have in practice (a leader is never the requester of a handoff); they still record what the function answers.
import { describe, expect, it } from "vitest";
import type { HandoffFacts, InvestorFacts, ProjectFacts, SavedViewFacts, ServiceRequestFacts, Viewer, ViewerCompanyFacts } from "./policy";
import * as policy from "./policy";

const A = 10; // the viewer's company
const OTHER = 50; // another company of the zone
const SOMEONE = 999; // another user

type Role = "staff" | "manager" | "leader" | "admin";
const viewers: Record<Role | "staffNoCompany" | "managerNoCompany" | "adminWithCompany", Viewer> = {
  staff: { id: 1, zoneId: 1, companyId: A, role: "staff" },
  manager: { id: 3, zoneId: 1, companyId: A, role: "manager" },
  leader: { id: 5, zoneId: 1, companyId: 99, role: "leader" }, // the committee's
  admin: { id: 6, zoneId: 1, companyId: null, role: "admin" },
  staffNoCompany: { id: 7, zoneId: 1, companyId: null, role: "staff" },
  managerNoCompany: { id: 8, zoneId: 1, companyId: null, role: "manager" },
  adminWithCompany: { id: 9, zoneId: 1, companyId: A, role: "admin" }, // not how admins are made, but nothing forbids it
};
const ROLE_COLUMNS = ["staff", "manager", "leader", "admin", "staffNoCompany", "managerNoCompany"] as const;

const letter = (x: unknown) =>
  x === true ? "Y" : x === false || x === "none" ? "-" : x === "read" ? "R" : x === "write" ? "W" : x === "work" ? "K" : String(x);

/** Checks one function against its table: each role's row, relation by relation (a failure names the cell). */
function table<F>(
  relations: (v: Viewer) => Record<string, F>,
  fns: Record<string, [(v: Viewer, f: F) => unknown, Partial<Record<keyof typeof viewers, string>>]>,
) {
  for (const [name, [fn, rows]] of Object.entries(fns)) {
    describe(name, () => {
      it.each(Object.entries(rows))("%s: %s", (role, row) => {
        const v = viewers[role as keyof typeof viewers];
        const rel = relations(v);
        const expected = Object.fromEntries(Object.keys(rel).map((k, i) => [k, row!.split(" ")[i]]));
        const actual = Object.fromEntries(Object.entries(rel).map(([k, f]) => [k, letter(fn(v, f))]));
        expect(actual).toEqual(expected);
      });
    });
  }
}

describe("projects: role × relation", () => {
  const projects = (v: Viewer): Record<string, ProjectFacts> => {
    const c = v.companyId ?? A;
    const base = { zoneId: 1, companyId: c, ownerId: SOMEONE, confidential: false, formerCompanyIds: [] as number[], formerOwnerIds: [] as number[] };
    return {
      own: { ...base, ownerId: v.id },
      ownCompany: { ...base },
      otherCompany: { ...base, companyId: OTHER },
      confidentialOwn: { ...base, ownerId: v.id, confidential: true },
      confidential: { ...base, confidential: true },
      confidentialOther: { ...base, companyId: OTHER, confidential: true },
      // handed over (移交) from the viewer, who owned it, and their company
      handedOver: { ...base, companyId: OTHER, formerCompanyIds: [c], formerOwnerIds: [v.id] },
      fromCompany: { ...base, companyId: OTHER, formerCompanyIds: [c] },
      formerOwner: { ...base, companyId: OTHER, formerOwnerIds: [v.id] },
      confidentialHanded: { ...base, companyId: OTHER, confidential: true, formerCompanyIds: [c], formerOwnerIds: [v.id] },
      // the viewer's company helps (协办): asked, accepted with the viewer named, accepted with a colleague named
      assisting: { ...base, companyId: OTHER, openAssists: [{ companyId: c, assigneeId: null, accepted: false }] },
      assistingNamed: { ...base, companyId: OTHER, openAssists: [{ companyId: c, assigneeId: v.id, accepted: true }] },
      assistingColleague: { ...base, companyId: OTHER, openAssists: [{ companyId: c, assigneeId: SOMEONE, accepted: true }] },
      otherZone: { ...base, ownerId: v.id, zoneId: 2 },
      // another company helps with another company's project
      assistedByAnother: { ...base, companyId: OTHER, openAssists: [{ companyId: 70, assigneeId: SOMEONE, accepted: true }] },
    };
  };
  // relations: own ownCompany otherCompany confidentialOwn confidential confidentialOther handedOver fromCompany
  //            formerOwner confidentialHanded assisting assistingNamed assistingColleague otherZone assistedByAnother
  const plain: ViewerCompanyFacts = { kind: "attraction", hotline: false };
  const hotline: ViewerCompanyFacts = { kind: "service", hotline: true };
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(projects, {
    projectAccess: [policy.projectAccess, {
      staff:   "W R - W - - R R - - R R R - -",
      manager: "W W - W W - R R - - R R R - -",
      leader:  "R R R R R R R R R R R R R - R",
      admin:   "R R R - - - R R R - R R R - R",
    }],
    canViewProject: [policy.canViewProject, {
      staff:   "Y Y - Y - - Y Y - - Y Y Y - -",
      manager: "Y Y - Y Y - Y Y - - Y Y Y - -",
      leader:  "Y Y Y Y Y Y Y Y Y Y Y Y Y - Y",
      admin:   "Y Y Y - - - Y Y Y - Y Y Y - Y",
    }],
    canEditProject: [policy.canEditProject, {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canLogActivity: [policy.canLogActivity, {
      staff:   "Y Y - Y - - - - - - - Y - - -",
      manager: "Y Y - Y Y - - - - - - Y Y - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
      staffNoCompany: "- - - - - - - - - - - - - - -",
    }],
    canCompleteNextAction: [policy.canCompleteNextAction, {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canAddEvidence: [policy.canAddEvidence, {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    "canRemoveEvidence (their own upload)": [(v, f) => policy.canRemoveEvidence(v, f, v.id), {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    "canRemoveEvidence (someone else's upload)": [(v, f) => policy.canRemoveEvidence(v, f, SOMEONE), {
      staff:   "- - - - - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canRequestHandoff: [policy.canRequestHandoff, {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canCommentOnProject: [policy.canCommentOnProject, {
      staff:   "- - - - - - - - - - - - - - -",
      manager: "- - - - - - - - - - - - - - -",
      leader:  "Y Y Y Y Y Y Y Y Y Y Y Y Y - Y",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canEditChecklist: [policy.canEditChecklist, {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    // issue 21: the agent (代办员) of an item works it where they see the project, in its company
    "canWorkApproval (the viewer is the agent)": [(v, f) => policy.canWorkApproval(v, f, v.id), {
      staff:   "Y Y - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
      staffNoCompany: "- - - - - - - - - - - - - - -",
    }],
    "canWorkApproval (someone else is the agent)": [(v, f) => policy.canWorkApproval(v, f, SOMEONE), {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canEscalateApproval: [policy.canEscalateApproval, {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canResolveEscalation: [policy.canResolveEscalation, {
      staff:   "- - - - - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "Y Y Y Y Y Y Y Y Y Y Y Y Y - Y",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    // issue 21: benefits (政策兑现) are recorded by the project's editors
    canRecordBenefit: [policy.canRecordBenefit, {
      staff:   "Y - - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    canOverrideApprovalGate: [policy.canOverrideApprovalGate, {
      staff:   "- - - - - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    "canLogServiceRequest (a landed enterprise; an attraction company)": [(v, f) => policy.canLogServiceRequest(v, plain, { ...f, stage: "registered" }), {
      staff:   "Y Y - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    "canLogServiceRequest (a landed enterprise; the hotline company)": [(v, f) => policy.canLogServiceRequest(v, hotline, { ...f, stage: "production" }), {
      staff:   "Y Y Y Y Y Y Y Y Y Y Y Y Y - Y",
      manager: "Y Y Y Y Y Y Y Y Y Y Y Y Y - Y",
      leader:  "- - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - -",
    }],
    "canLogServiceRequest (a landed enterprise; a viewer whose company is not known)": [(v, f) => policy.canLogServiceRequest(v, null, { ...f, stage: "construction" }), {
      staff:   "Y Y - Y - - - - - - - - - - -",
      manager: "Y Y - Y Y - - - - - - - - - -",
    }],
    "canLogServiceRequest (not landed yet: signed; the hotline company)": [(v, f) => policy.canLogServiceRequest(v, hotline, { ...f, stage: "signed" }), {
      staff:   "- - - - - - - - - - - - - - -",
      manager: "- - - - - - - - - - - - - - -",
    }],
  });
});

describe("handoffs: role × relation", () => {
  const handoffs = (v: Viewer): Record<string, HandoffFacts> => {
    const c = v.companyId ?? A;
    const b: HandoffFacts = {
      zoneId: 1,
      kind: "transfer",
      status: "pending",
      fromCompanyId: OTHER,
      toCompanyId: 60,
      requestedById: SOMEONE,
      assigneeId: null,
    };
    return {
      mineRequested: { ...b, fromCompanyId: c, requestedById: v.id },
      fromMyCompany: { ...b, fromCompanyId: c },
      toMyCompany: { ...b, toCompanyId: c },
      toMyCompanyAnswered: { ...b, toCompanyId: c, status: "rejected" },
      mineCancelled: { ...b, fromCompanyId: c, requestedById: v.id, status: "cancelled" },
      assistMine: { ...b, kind: "assist", status: "accepted", toCompanyId: c, assigneeId: v.id },
      assistColleague: { ...b, kind: "assist", status: "accepted", toCompanyId: c, assigneeId: SOMEONE },
      assistPending: { ...b, kind: "assist", toCompanyId: c, assigneeId: v.id },
      assistClosed: { ...b, kind: "assist", status: "closed", toCompanyId: c, assigneeId: v.id },
      transferAccepted: { ...b, status: "accepted", toCompanyId: c, assigneeId: v.id },
      neither: { ...b },
      otherZone: { ...b, zoneId: 2, fromCompanyId: c, toCompanyId: c, requestedById: v.id, assigneeId: v.id },
      otherZoneAssist: { ...b, zoneId: 2, kind: "assist", status: "accepted", fromCompanyId: c, toCompanyId: c, assigneeId: v.id },
    };
  };
  // relations: mineRequested fromMyCompany toMyCompany toMyCompanyAnswered mineCancelled assistMine assistColleague
  //            assistPending assistClosed transferAccepted neither otherZone otherZoneAssist
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(handoffs, {
    canAnswerHandoff: [policy.canAnswerHandoff, {
      staff:   "- - - - - - - - - - - - -",
      manager: "- - Y - - - - Y - - - - -",
      leader:  "- - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - -",
    }],
    canCancelHandoff: [policy.canCancelHandoff, {
      staff:   "Y - - - - - - - - - - - -",
      manager: "Y Y - - - - - - - - - - -",
      leader:  "Y - - - - - - - - - - - -",
      // The table's admin belongs to no company: a request named after them grants nothing outside their company.
      admin:   "- - - - - - - - - - - - -",
    }],
    canCloseAssist: [policy.canCloseAssist, {
      staff:   "- - - - - Y - - - - - - -",
      manager: "- - - - - Y Y - - - - - -",
      leader:  "- - - - - Y - - - - - - -",
      admin:   "- - - - - - - - - - - - -",
    }],
    // whose step it is, whatever the state (the handoff page's 403; a step out of turn is the domain's 409)
    answersHandoff: [policy.answersHandoff, {
      staff:   "- - - - - - - - - - - - -",
      manager: "- - Y Y - Y Y Y Y Y - - -",
      leader:  "- - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - -",
    }],
    cancelsHandoff: [policy.cancelsHandoff, {
      staff:   "Y - - - Y - - - - - - - -",
      manager: "Y Y - - Y - - - - - - - -",
      leader:  "Y - - - Y - - - - - - - -",
      admin:   "- - - - - - - - - - - - -",
    }],
    closesAssist: [policy.closesAssist, {
      staff:   "- - - - - Y - Y Y - - - -",
      manager: "- - - - - Y Y Y Y - - - -",
      leader:  "- - - - - Y - Y Y - - - -",
      admin:   "- - - - - - - - - - - - -",
    }],
    canViewHandoff: [policy.canViewHandoff, {
      staff:   "Y Y Y Y Y Y Y Y Y Y - - -",
      manager: "Y Y Y Y Y Y Y Y Y Y - - -",
      leader:  "Y Y Y Y Y Y Y Y Y Y Y - -",
      admin:   "- - - - - - - - - - - - -",
      staffNoCompany: "- - - - - - - - - - - - -",
    }],
  });
});

describe("handoffs: the page offers a step exactly when its action lets it through", () => {
  // The action refuses (403) whoever's step it is not; the page shows the step while the state allows it; in
  // between, the step's person on a stale page gets the domain's 409. So: may = right state ∧ whose step.
  const states: HandoffFacts["status"][] = ["pending", "accepted", "rejected", "cancelled", "closed"];
  const people: Viewer[] = [
    { id: 1, zoneId: 1, companyId: A, role: "staff" },
    { id: 3, zoneId: 1, companyId: A, role: "manager" },
    { id: 4, zoneId: 1, companyId: OTHER, role: "manager" },
    { id: 5, zoneId: 1, companyId: 99, role: "leader" },
    { id: 6, zoneId: 1, companyId: null, role: "admin" },
    { id: 3, zoneId: 2, companyId: A, role: "manager" },
  ];
  const cases = people.flatMap((v) =>
    states.flatMap((status) =>
      (["transfer", "assist"] as const).flatMap((kind) =>
        [
          { fromCompanyId: A, toCompanyId: OTHER, requestedById: 1, assigneeId: null },
          { fromCompanyId: OTHER, toCompanyId: A, requestedById: 4, assigneeId: 1 },
        ].map((who) => [v, { zoneId: 1, kind, status, ...who }] as const),
      ),
    ),
  );
  it.each(cases)("%o on %o", (v, h) => {
    expect(policy.canAnswerHandoff(v, h)).toBe(h.status === "pending" && policy.answersHandoff(v, h));
    expect(policy.canCancelHandoff(v, h)).toBe(h.status === "pending" && policy.cancelsHandoff(v, h));
    expect(policy.canCloseAssist(v, h)).toBe(h.status === "accepted" && policy.closesAssist(v, h));
  });
});

describe("enterprise requests (企业诉求): role × relation", () => {
  const project = (companyId: number, over: Partial<ProjectFacts> = {}): ProjectFacts => ({
    zoneId: 1,
    companyId,
    ownerId: SOMEONE,
    confidential: false,
    formerCompanyIds: [],
    formerOwnerIds: [],
    ...over,
  });
  const requests = (v: Viewer): Record<string, ServiceRequestFacts> => {
    const c = v.companyId ?? A;
    const b: ServiceRequestFacts = {
      zoneId: 1,
      handlingCompanyId: OTHER,
      handlerId: SOMEONE,
      loggedByCompanyId: 70,
      status: "assigned",
      project: project(80),
    };
    return {
      handler: { ...b, handlingCompanyId: c, handlerId: v.id },
      handlingCompany: { ...b, handlingCompanyId: c },
      loggedByUs: { ...b, loggedByCompanyId: c },
      ourProject: { ...b, project: project(c) },
      ourSecretProject: { ...b, project: project(c, { confidential: true }) },
      ourOwnSecret: { ...b, project: project(c, { confidential: true, ownerId: v.id }) },
      othersProject: { ...b, project: project(OTHER) },
      solvedHandler: { ...b, handlingCompanyId: c, handlerId: v.id, status: "solved" },
      solvedHandling: { ...b, handlingCompanyId: c, status: "solved" },
      solvedLogged: { ...b, loggedByCompanyId: c, status: "solved" },
      solvedOurProject: { ...b, project: project(c), status: "solved" },
      solvedOthers: { ...b, status: "solved" },
      reopenedHandler: { ...b, handlingCompanyId: c, handlerId: v.id, status: "reopened" },
      otherZone: { ...b, zoneId: 2, handlingCompanyId: c, handlerId: v.id },
      loggedByNobody: { ...b, loggedByCompanyId: null },
      // the project was handed over from the viewer's company, which still reads the project, not its requests
      projectHandedFromUs: { ...b, project: project(OTHER, { formerCompanyIds: [c] }) },
    };
  };
  // relations: handler handlingCompany loggedByUs ourProject ourSecretProject ourOwnSecret othersProject solvedHandler
  //            solvedHandling solvedLogged solvedOurProject solvedOthers reopenedHandler otherZone loggedByNobody
  //            projectHandedFromUs
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(requests, {
    serviceRequestAccess: [policy.serviceRequestAccess, {
      staff:   "K K R R - R - K K R R - K - - -",
      manager: "K K R R R R - K K R R - K - - -",
      leader:  "R R R R R R R R R R R R R - R R",
      admin:   "- - - - - - - - - - - - - - - -",
      staffNoCompany: "- - - - - - - - - - - - - - - -",
      adminWithCompany: "- - - - - - - - - - - - - - - -",
    }],
    canViewServiceRequest: [policy.canViewServiceRequest, {
      staff:   "Y Y Y Y - Y - Y Y Y Y - Y - - -",
      manager: "Y Y Y Y Y Y - Y Y Y Y - Y - - -",
      leader:  "Y Y Y Y Y Y Y Y Y Y Y Y Y - Y Y",
      admin:   "- - - - - - - - - - - - - - - -",
    }],
    canAssignServiceRequest: [policy.canAssignServiceRequest, {
      staff:   "- - - - - - - - - - - - - - - -",
      manager: "Y Y - - - - - - - - - - Y - - -",
      leader:  "- - - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - - -",
    }],
    canWorkServiceRequest: [policy.canWorkServiceRequest, {
      staff:   "Y - - - - - - - - - - - Y - - -",
      manager: "Y Y - - - - - - - - - - Y - - -",
      leader:  "- - - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - - -",
    }],
    canReopenServiceRequest: [policy.canReopenServiceRequest, {
      staff:   "- - - - - - - - - Y Y - - - - -",
      manager: "- - - - - - - Y Y Y Y - - - - -",
      leader:  "- - - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - - -",
    }],
    // issue 18: the rating comes from the enterprise, asked by the hotline company, never by the handling company
    "canLogFollowUp (the hotline company)": [(v, f) => policy.canLogFollowUp(v, { kind: "service", hotline: true }, f), {
      staff:   "- - - - - - - - - Y Y Y - - - -",
      manager: "- - - - - - - - - Y Y Y - - - -",
      leader:  "- - - - - - - - - - - - - - - -",
      admin:   "- - - - - - - - - - - - - - - -",
      staffNoCompany: "- - - - - - - - - - - - - - - -",
    }],
    "canLogFollowUp (another company)": [(v, f) => policy.canLogFollowUp(v, { kind: "attraction", hotline: false }, f), {
      staff:   "- - - - - - - - - - - - - - - -",
      manager: "- - - - - - - - - - - - - - - -",
    }],
    canShowRatingLink: [policy.canShowRatingLink, {
      staff:   "- - - - - - - Y Y Y Y - - - - -",
      manager: "- - - - - - - Y Y Y Y - - - - -",
      leader:  "- - - - - - - Y Y Y Y Y - - - -",
      admin:   "- - - - - - - - - - - - - - - -",
    }],
  });
});

describe("investors: role × relation", () => {
  const investors = (v: Viewer): Record<string, InvestorFacts> => {
    const c = v.companyId ?? A;
    return {
      registeredByMe: { zoneId: 1, createdById: v.id, companyIds: [] },
      followedByUs: { zoneId: 1, createdById: SOMEONE, companyIds: [OTHER, c] },
      neither: { zoneId: 1, createdById: SOMEONE, companyIds: [OTHER] },
      nobody: { zoneId: 1, createdById: null, companyIds: [] },
      otherZone: { zoneId: 2, createdById: v.id, companyIds: [c] },
    };
  };
  // relations: registeredByMe followedByUs neither nobody otherZone
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(investors, {
    canViewInvestor: [policy.canViewInvestor, { staff: "Y Y Y Y -", manager: "Y Y Y Y -", leader: "Y Y Y Y -", admin: "Y Y Y Y -" }],
    canEditInvestor: [policy.canEditInvestor, { staff: "Y Y - - -", manager: "Y Y - - -", leader: "- - - - -", admin: "- - - - -", staffNoCompany: "- - - - -" }],
  });
});

describe("saved views: role × relation", () => {
  const views = (v: Viewer): Record<string, SavedViewFacts> => {
    const c = v.companyId ?? A;
    return {
      mine: { zoneId: 1, companyId: null, ownerId: v.id },
      someonesPersonal: { zoneId: 1, companyId: null, ownerId: SOMEONE },
      ourCompanyMine: { zoneId: 1, companyId: c, ownerId: v.id },
      ourCompany: { zoneId: 1, companyId: c, ownerId: SOMEONE },
      otherCompany: { zoneId: 1, companyId: OTHER, ownerId: SOMEONE },
      otherZone: { zoneId: 2, companyId: c, ownerId: v.id },
    };
  };
  // relations: mine someonesPersonal ourCompanyMine ourCompany otherCompany otherZone
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(views, {
    canSeeSavedView: [policy.canSeeSavedView, { staff: "Y - Y Y - -", manager: "Y - Y Y - -", leader: "Y - Y Y - -", admin: "Y - Y - - -" }],
    canDeleteSavedView: [policy.canDeleteSavedView, { staff: "Y - Y - - -", manager: "Y - Y Y - -", leader: "Y - Y - - -", admin: "Y - Y - - -" }],
  });
});

describe("company-level rights: role × own or other company", () => {
  const companies = (v: Viewer) => ({ own: v.companyId ?? A, other: OTHER });
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(companies, {
    canCreateProjectIn: [policy.canCreateProjectIn, { staff: "Y -", manager: "Y -", leader: "- -", admin: "- -", staffNoCompany: "- -" }],
    canManageCompany: [policy.canManageCompany, { staff: "- -", manager: "Y -", leader: "- -", admin: "- -", managerNoCompany: "- -" }],
    // the company's own manager, or an admin for any company (the route checks the company is of the admin's zone)
    canConfigureRobot: [policy.canConfigureRobot, { staff: "- -", manager: "Y -", leader: "- -", admin: "Y Y", managerNoCompany: "- -" }],
    // a leader's "own" is the committee: they read any company's team
    canSeeTeamOf: [policy.canSeeTeamOf, { staff: "- -", manager: "Y -", leader: "Y Y", admin: "- -", managerNoCompany: "- -" }],
  });
});

describe("board cards: role × the card's company and owner", () => {
  const cards = (v: Viewer) => {
    const c = v.companyId ?? A;
    return {
      mine: { companyId: c, ownerId: v.id },
      colleagues: { companyId: c, ownerId: SOMEONE },
      unowned: { companyId: c, ownerId: null },
      mineElsewhere: { companyId: OTHER, ownerId: v.id },
      other: { companyId: OTHER, ownerId: SOMEONE },
    };
  };
  // relations: mine colleagues unowned mineElsewhere other (staff see only their company's board)
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(cards, {
    canMoveBoardCard: [policy.canMoveBoardCard, { staff: "Y - - Y -", manager: "Y Y Y - -", leader: "- - - - -", admin: "- - - - -" }],
  });
});

describe("imports: role × the project or run", () => {
  const projects = (v: Viewer) => {
    const c = v.companyId ?? A;
    return {
      ownCompany: { companyId: c, confidential: false },
      ownConfidential: { companyId: c, confidential: true },
      otherCompany: { companyId: OTHER, confidential: false },
      otherConfidential: { companyId: OTHER, confidential: true },
    };
  };
  // relations: ownCompany ownConfidential otherCompany otherConfidential
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(projects, {
    canUpdateByImport: [policy.canUpdateByImport, { staff: "- - - -", manager: "Y Y - -", leader: "- - - -", admin: "Y - Y -", managerNoCompany: "- - - -" }],
  });
  const runs = (v: Viewer) => {
    const c = v.companyId ?? A;
    return {
      mine: { userId: v.id, companyId: c },
      myCompany: { userId: SOMEONE, companyId: c },
      otherCompany: { userId: SOMEONE, companyId: OTHER },
      mineElsewhere: { userId: v.id, companyId: OTHER },
      byFile: { userId: SOMEONE, companyId: null },
    };
  };
  // relations: mine myCompany otherCompany mineElsewhere byFile
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(runs, {
    canSeeImportRun: [policy.canSeeImportRun, { staff: "- - - - -", manager: "Y Y - Y -", leader: "- - - - -", admin: "Y Y Y Y Y", managerNoCompany: "- - - - -" }],
  });
});

describe("industry chains: role × the chain's cluster", () => {
  const CLUSTER = 7; // the cluster of the viewer's company
  // Each viewer's company is responsible for CLUSTER (or for none: the last two relations).
  const chains = (): Record<string, [{ zoneId: number; clusterId: number }, number | null]> => ({
    ownCluster: [{ zoneId: 1, clusterId: CLUSTER }, CLUSTER],
    otherCluster: [{ zoneId: 1, clusterId: 8 }, CLUSTER],
    otherZone: [{ zoneId: 2, clusterId: CLUSTER }, CLUSTER],
    companyWithoutCluster: [{ zoneId: 1, clusterId: CLUSTER }, null],
  });
  table(chains, {
    canEditChain: [
      (v, [chain, cluster]) => policy.canEditChain(v, chain, cluster),
      {
        staff: "- - - -",
        manager: "Y - - -",
        leader: "Y Y - Y",
        admin: "- - - -",
        staffNoCompany: "- - - -",
        managerNoCompany: "Y - - -",
      },
    ],
  });
});

describe("chain targets: role × the target's company and assignee", () => {
  const targets = (v: Viewer): Record<string, policy.TargetFacts> => {
    const c = v.companyId ?? A;
    return {
      assignedToMe: { zoneId: 1, companyId: c, assigneeId: v.id },
      colleagues: { zoneId: 1, companyId: c, assigneeId: SOMEONE },
      unassigned: { zoneId: 1, companyId: c, assigneeId: null },
      otherCompany: { zoneId: 1, companyId: OTHER, assigneeId: SOMEONE },
      otherCompanyMine: { zoneId: 1, companyId: OTHER, assigneeId: v.id },
      otherZone: { zoneId: 2, companyId: c, assigneeId: v.id },
    };
  };
  // relations: assignedToMe colleagues unassigned otherCompany otherCompanyMine otherZone
  // The rows are aligned by hand (a column is a relation): the formatter leaves them.
  // prettier-ignore
  table(targets, {
    canSeeTarget: [policy.canSeeTarget, {
      staff:            "Y - - - - -",
      manager:          "Y Y Y - - -",
      leader:           "Y Y Y Y Y -",
      admin:            "- - - - - -",
      staffNoCompany:   "- - - - - -",
      managerNoCompany: "- - - - - -",
    }],
    canManageTargets: [policy.canManageTargets, {
      staff:            "- - - - - -",
      manager:          "Y Y Y - - -",
      leader:           "Y Y Y Y Y -",
      admin:            "- - - - - -",
      staffNoCompany:   "- - - - - -",
      managerNoCompany: "- - - - - -",
    }],
    canContactTarget: [policy.canContactTarget, {
      staff:            "Y - - - - -",
      manager:          "Y Y Y - - -",
      leader:           "- - - - - -",
      admin:            "- - - - - -",
      staffNoCompany:   "- - - - - -",
      managerNoCompany: "- - - - - -",
    }],
  });
});

describe("policies (政策库): role × the policy's keeper", () => {
  const kept = (): Record<string, { zoneId: number; companyId: number | null }> => ({
    ownCompany: { zoneId: 1, companyId: A },
    otherCompany: { zoneId: 1, companyId: OTHER },
    committee: { zoneId: 1, companyId: null },
    otherZone: { zoneId: 2, companyId: null },
  });
  table(kept, {
    canEditPolicy: [
      policy.canEditPolicy,
      {
        staff: "- - - -",
        manager: "Y - - -",
        leader: "Y Y Y -",
        admin: "- - - -",
        staffNoCompany: "- - - -",
        managerNoCompany: "- - - -",
        adminWithCompany: "- - - -",
      },
    ],
  });
});

describe("role-level rights", () => {
  // columns: staff manager leader admin staffNoCompany managerNoCompany
  const byRole: Record<string, [(v: Viewer) => unknown, string]> = {
    canCreateInvestor: [policy.canCreateInvestor, "Y Y - - - -"],
    canSeeZoneOverview: [policy.canSeeZoneOverview, "- - Y - - -"],
    canManageUsers: [policy.canManageUsers, "- - - Y - -"],
    canSetTargets: [policy.canSetTargets, "- - Y - - -"],
    canFilterByCompany: [policy.canFilterByCompany, "- - Y Y - -"],
    homePath: [policy.homePath, "/my /projects /overview /admin/users /my /projects"],
    canListServiceRequests: [policy.canListServiceRequests, "Y Y Y - Y Y"],
    canEditServiceDeadlines: [policy.canEditServiceDeadlines, "- - Y - - -"],
    canSeePipeline: [policy.canSeePipeline, "Y Y Y - - -"],
    canSeeChains: [policy.canSeeChains, "Y Y Y - Y Y"],
    targetListScope: [policy.targetListScope, "assigned company zone - - -"],
    canSeeTeam: [policy.canSeeTeam, "- Y Y - - -"],
    canSaveCompanyView: [policy.canSaveCompanyView, "- Y - - - -"],
    // admins read the reports but never publish, weigh or set targets
    canSeeReports: [policy.canSeeReports, "- - Y Y - -"],
    canPublishPeriods: [policy.canPublishPeriods, "- - Y - - -"],
    canSetScorecardWeights: [policy.canSetScorecardWeights, "- - Y - - -"],
    canManageApiTokens: [policy.canManageApiTokens, "- - - Y - -"],
    "canLogHotlineRequests (the hotline company)": [(v) => policy.canLogHotlineRequests(v, { kind: "service", hotline: true }), "Y Y - - Y Y"],
    "canLogHotlineRequests (another company)": [(v) => policy.canLogHotlineRequests(v, { kind: "service", hotline: false }), "- - - - - -"],
    "canLogHotlineRequests (no company)": [(v) => policy.canLogHotlineRequests(v, null), "- - - - - -"],
    "canListFollowUps (the hotline company)": [(v) => policy.canListFollowUps(v, { kind: "service", hotline: true }), "Y Y - - - -"],
    "canListFollowUps (another company)": [(v) => policy.canListFollowUps(v, { kind: "service", hotline: false }), "- - - - - -"],
    "canListFollowUps (no company)": [(v) => policy.canListFollowUps(v, null), "- - - - - -"],
    // issue 17: rules that lived in routes and modules
    isCompanyRole: [policy.isCompanyRole, "Y Y - - Y Y"],
    companyOfRole: [policy.companyOfRole, "company company committee - company company"], // - : none
    seesWholeZone: [policy.seesWholeZone, "- - Y - - -"],
    mfaRequired: [policy.mfaRequired, "- - Y Y - -"],
    canSeeMyDesk: [policy.canSeeMyDesk, "Y Y - - Y Y"],
    canSeeHandoffs: [policy.canSeeHandoffs, "Y Y Y - Y Y"],
    canOpenServiceRequestForm: [policy.canOpenServiceRequestForm, "Y Y - - Y Y"],
    canMoveOnBoard: [policy.canMoveOnBoard, "Y Y - - Y Y"],
    canNameOwner: [policy.canNameOwner, "- Y - - - Y"],
    canImport: [policy.canImport, "- Y - Y - -"],
    canImportIntoAnyCompany: [policy.canImportIntoAnyCompany, "- - - Y - -"],
    // issue 21: the committee sets the approval catalogue; its admin keeps it
    canEditApprovalCatalogue: [policy.canEditApprovalCatalogue, "- - Y Y - -"],
    // issue 21: the policy library is read by the zone's people; leaders and companies' managers add to it
    canSeePolicies: [policy.canSeePolicies, "Y Y Y Y Y Y"],
    canCreatePolicy: [policy.canCreatePolicy, "- Y Y - - -"],
    policyKeeperOf: [(v) => policy.policyKeeperOf(v) ?? false, "- 10 - - - -"],
    hidesConfidentialInReports: [policy.hidesConfidentialInReports, "- - - Y - -"],
    // issue 16: an API token carries only what its user may do on the pages (r = reports:read, i = imports:write)
    grantableApiScopes: [
      (v) =>
        policy
          .grantableApiScopes(v)
          .map((s) => (s === "reports:read" ? "r" : "i"))
          .join("") || false,
      "- i r ri - -",
    ],
  };
  it.each(Object.entries(byRole))("%s", (_name, [fn, row]) => {
    const expected = Object.fromEntries(ROLE_COLUMNS.map((k, i) => [k, row.split(" ")[i]]));
    const actual = Object.fromEntries(ROLE_COLUMNS.map((k) => [k, letter(fn(viewers[k]))]));
    expect(actual).toEqual(expected);
  });

  it("an admin may not publish periods, weigh the scorecard or set targets, though they read the reports", () => {
    expect(policy.canSeeReports(viewers.admin)).toBe(true);
    expect(policy.canPublishPeriods(viewers.admin)).toBe(false);
    expect(policy.canSetScorecardWeights(viewers.admin)).toBe(false);
    expect(policy.canSetTargets(viewers.admin)).toBe(false);
  });

  it("an admin gets no company pages even when the account names a company", () => {
    expect(policy.canSeePipeline(viewers.adminWithCompany)).toBe(false);
    expect(policy.canSeeTeam(viewers.adminWithCompany)).toBe(false);
    expect(policy.canSaveCompanyView(viewers.adminWithCompany)).toBe(false);
    expect(policy.canListServiceRequests(viewers.adminWithCompany)).toBe(false);
  });

  it("companyRoles() (for queries) holds exactly the roles isCompanyRole accepts", () => {
    const roles = ["staff", "manager", "leader", "admin"] as const;
    expect(policy.companyRoles()).toEqual(roles.filter((role) => policy.isCompanyRole({ role })));
  });

  it("a project is a landed enterprise from registration on", () => {
    const stages = ["lead", "contacted", "negotiating", "evaluating", "signed", "registered", "construction", "production"];
    expect(stages.filter(policy.isLandedStage)).toEqual(["registered", "construction", "production"]);
  });
});

describe("the province's figures: reader × zone or city (issue 20)", () => {
  // columns: a zone of city 1, a zone of city 2, a zone without a city, the province's pseudo-zone
  const TAIYUAN = 1;
  const DATONG = 2;
  const zones = [
    { province: false, cityId: TAIYUAN },
    { province: false, cityId: DATONG },
    { province: false, cityId: null },
    { province: true, cityId: null },
  ];
  const readers: Record<string, policy.ProvinceReader> = {
    provinceLeader: { role: "province_leader", cityId: null },
    cityLeader: { role: "city_leader", cityId: TAIYUAN },
    cityLeaderNoCity: { role: "city_leader", cityId: null }, // the check constraint forbids it; the rule still says no
    provinceAdmin: { role: "province_admin", cityId: null },
    provinceAdminWithCity: { role: "province_admin", cityId: TAIYUAN },
    leader: { role: "leader", cityId: TAIYUAN },
    admin: { role: "admin", cityId: null },
    staff: { role: "staff", cityId: null },
  };
  const rows: Record<string, [string, string]> = {
    // canReadZoneFigures per zone · canReadCityFigures for city 1 then city 2
    provinceLeader: ["Y Y Y -", "Y Y"],
    cityLeader: ["Y - - -", "Y -"],
    cityLeaderNoCity: ["- - - -", "- -"],
    provinceAdmin: ["- - - -", "- -"],
    provinceAdminWithCity: ["- - - -", "- -"],
    leader: ["- - - -", "- -"],
    admin: ["- - - -", "- -"],
    staff: ["- - - -", "- -"],
  };
  it.each(Object.entries(rows))("%s", (name, [zoneRow, cityRow]) => {
    const r = readers[name];
    expect(zones.map((z) => letter(policy.canReadZoneFigures(r, z))).join(" ")).toBe(zoneRow);
    expect([TAIYUAN, DATONG].map((c) => letter(policy.canReadCityFigures(r, c))).join(" ")).toBe(cityRow);
  });

  it("only a city leader's page is one city's", () => {
    const answers = Object.fromEntries(Object.entries(readers).map(([name, r]) => [name, policy.readsOneCity(r)]));
    expect(Object.keys(answers).filter((name) => answers[name])).toEqual(["cityLeader", "cityLeaderNoCity"]);
  });

  it("province and city leaders may hold reports:read (their figures by zone), the province admin no scope", () => {
    expect(policy.grantableApiScopes({ role: "province_leader", companyId: null })).toEqual(["reports:read"]);
    expect(policy.grantableApiScopes({ role: "city_leader", companyId: null })).toEqual(["reports:read"]);
    expect(policy.grantableApiScopes({ role: "province_admin", companyId: null })).toEqual([]);
  });
});
