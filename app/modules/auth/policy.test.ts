import { describe, expect, it } from "vitest";
import type { ProjectFacts, Viewer } from "./policy";
import { canCreateProjectIn, canLogActivity, canManageCompany, canManageUsers, canSeeZoneOverview, homePath, projectAccess } from "./policy";
import type { InvestorFacts } from "./policy";
import { canCreateInvestor, canEditInvestor, canViewInvestor } from "./policy";
import * as hp from "./policy";

const A = 10;
const B = 20;
const staff: Viewer = { id: 1, zoneId: 1, companyId: A, role: "staff" };
const colleague: Viewer = { id: 2, zoneId: 1, companyId: A, role: "staff" };
const manager: Viewer = { id: 3, zoneId: 1, companyId: A, role: "manager" };
const otherManager: Viewer = { id: 4, zoneId: 1, companyId: B, role: "manager" };
const leader: Viewer = { id: 5, zoneId: 1, companyId: 99, role: "leader" };
const admin: Viewer = { id: 6, zoneId: 1, companyId: null, role: "admin" };
const foreignLeader: Viewer = { id: 7, zoneId: 2, companyId: 98, role: "leader" };

const project = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  zoneId: 1,
  companyId: A,
  ownerId: staff.id,
  confidential: false,
  formerCompanyIds: [],
  formerOwnerIds: [],
  ...over,
});

describe("who may do what with a project (DOMAIN.md permission table)", () => {
  it("staff change their own projects and read their colleagues'", () => {
    expect(projectAccess(staff, project())).toBe("write");
    expect(projectAccess(colleague, project())).toBe("read");
  });

  it("managers change every project of their company, and nothing of another", () => {
    expect(projectAccess(manager, project({ ownerId: colleague.id }))).toBe("write");
    expect(projectAccess(otherManager, project())).toBe("none");
  });

  it("a confidential project is for its owner, its company's manager and leaders only", () => {
    const secret = project({ confidential: true });
    expect(projectAccess(staff, secret)).toBe("write");
    expect(projectAccess(colleague, secret)).toBe("none");
    expect(projectAccess(manager, secret)).toBe("write");
    expect(projectAccess(leader, secret)).toBe("read");
    expect(projectAccess(admin, secret)).toBe("none");
  });

  it("after a transfer the handing company and former owner keep read access", () => {
    const moved = project({ companyId: B, ownerId: 44, formerCompanyIds: [A], formerOwnerIds: [staff.id] });
    expect(projectAccess(staff, moved)).toBe("read");
    expect(projectAccess(colleague, moved)).toBe("read");
    expect(projectAccess(manager, moved)).toBe("read");
    expect(projectAccess(otherManager, moved)).toBe("write");
  });

  it("leaders read the whole zone and nothing of another zone; admins never edit projects", () => {
    expect(projectAccess(leader, project({ companyId: B }))).toBe("read");
    expect(projectAccess(foreignLeader, project())).toBe("none");
    expect(projectAccess(admin, project())).toBe("read");
  });

  it("activities are logged by the company's people, not by leaders or admins", () => {
    expect(canLogActivity(colleague, project())).toBe(true);
    expect(canLogActivity(leader, project())).toBe(false);
    expect(canLogActivity(admin, project())).toBe(false);
    expect(canLogActivity(colleague, project({ confidential: true }))).toBe(false);
  });

  it("company-level rights", () => {
    expect(canCreateProjectIn(staff, A)).toBe(true);
    expect(canCreateProjectIn(staff, B)).toBe(false);
    expect(canCreateProjectIn(leader, A)).toBe(false);
    expect(canManageCompany(manager, A)).toBe(true);
    expect(canManageCompany(staff, A)).toBe(false);
    expect(canManageUsers(admin)).toBe(true);
    expect(canManageUsers(leader)).toBe(false);
    expect(canSeeZoneOverview(leader)).toBe(true);
    expect(canSeeZoneOverview(manager)).toBe(false);
  });

  it("imports: a manager into their own company, an admin into any of the zone's but the committee", () => {
    const company = (id: number, over: Partial<Parameters<typeof hp.canImportInto>[1]> = {}) => ({
      id,
      zoneId: 1,
      kind: "attraction" as const,
      ...over,
    });
    expect(hp.canImportInto(manager, company(A))).toBe(true);
    expect(hp.canImportInto(manager, company(B))).toBe(false);
    expect(hp.canImportInto(staff, company(A))).toBe(false);
    expect(hp.canImportInto(leader, company(A))).toBe(false);
    expect(hp.canImportInto(admin, company(B))).toBe(true);
    expect(hp.canImportInto(admin, company(B, { kind: "committee" }))).toBe(false);
    expect(hp.canImportInto(admin, company(B, { zoneId: 2 }))).toBe(false);
  });

  it("each role lands on its home", () => {
    expect([staff, manager, leader, admin].map(homePath)).toEqual(["/my", "/projects", "/overview", "/admin/users"]);
  });
});

describe("who may register and edit an investor (shared reference data of the zone)", () => {
  const investor = (over: Partial<InvestorFacts> = {}): InvestorFacts => ({ zoneId: 1, createdById: null, companyIds: [], ...over });

  it("everyone of the zone reads an investor; nobody of another zone does", () => {
    for (const viewer of [staff, manager, leader, admin]) expect(canViewInvestor(viewer, investor())).toBe(true);
    expect(canViewInvestor(foreignLeader, investor())).toBe(false);
  });

  it("staff and managers register investors; leaders and admins do not", () => {
    expect(canCreateInvestor(staff)).toBe(true);
    expect(canCreateInvestor(manager)).toBe(true);
    expect(canCreateInvestor(leader)).toBe(false);
    expect(canCreateInvestor(admin)).toBe(false);
    expect(canCreateInvestor({ ...staff, companyId: null })).toBe(false);
  });

  it("a company with a project of the investor edits it, whoever of the company created the project", () => {
    const followedByA = investor({ companyIds: [A] });
    expect(canEditInvestor(staff, followedByA)).toBe(true);
    expect(canEditInvestor(colleague, followedByA)).toBe(true);
    expect(canEditInvestor(manager, followedByA)).toBe(true);
    expect(canEditInvestor(otherManager, followedByA)).toBe(false);
  });

  it("whoever registered it edits it, even before any project exists", () => {
    expect(canEditInvestor(colleague, investor({ createdById: colleague.id }))).toBe(true);
    expect(canEditInvestor(staff, investor({ createdById: colleague.id }))).toBe(false);
  });

  it("leaders and admins only read, and another zone's user never edits", () => {
    const followedByAll = investor({ companyIds: [A, B, 99], createdById: leader.id });
    expect(canEditInvestor(leader, followedByAll)).toBe(false);
    expect(canEditInvestor(admin, followedByAll)).toBe(false);
    expect(canEditInvestor({ ...staff, zoneId: 2 }, investor({ companyIds: [A], createdById: staff.id }))).toBe(false);
  });
});

describe("who may log, see and work an enterprise's request (企业诉求)", async () => {
  const p = await import("./policy");
  const HOTLINE = 30;
  const PLATFORM = 40;
  const hotlineStaff: Viewer = { id: 31, zoneId: 1, companyId: HOTLINE, role: "staff" };
  const platformManager: Viewer = { id: 41, zoneId: 1, companyId: PLATFORM, role: "manager" };
  const handler: Viewer = { id: 42, zoneId: 1, companyId: PLATFORM, role: "staff" };
  const platformColleague: Viewer = { id: 43, zoneId: 1, companyId: PLATFORM, role: "staff" };
  const hotline = { kind: "service" as const, hotline: true };
  const plain = { kind: "attraction" as const, hotline: false };
  const landed = { ...project(), stage: "registered" };
  const request = (over: Partial<ServiceRequestFacts> = {}): ServiceRequestFacts => ({
    zoneId: 1,
    handlingCompanyId: PLATFORM,
    handlerId: handler.id,
    loggedByCompanyId: HOTLINE,
    status: "assigned",
    project: project(),
    ...over,
  });
  type ServiceRequestFacts = import("./policy").ServiceRequestFacts;

  it("the project's company and the hotline company log requests only for landed enterprises", () => {
    expect(p.canLogServiceRequest(staff, plain, landed)).toBe(true);
    expect(p.canLogServiceRequest(otherManager, plain, landed)).toBe(false);
    expect(p.canLogServiceRequest(hotlineStaff, hotline, landed)).toBe(true);
    expect(p.canLogServiceRequest(hotlineStaff, hotline, { ...landed, stage: "signed" })).toBe(false);
    expect(p.canLogServiceRequest(staff, plain, { ...landed, stage: "negotiating" })).toBe(false);
    expect(p.canLogServiceRequest(leader, null, landed)).toBe(false);
    expect(p.canLogServiceRequest({ ...hotlineStaff, zoneId: 2 }, hotline, landed)).toBe(false);
    expect(p.canLogHotlineRequests(hotlineStaff, hotline)).toBe(true);
    expect(p.canLogHotlineRequests(staff, plain)).toBe(false);
  });

  it("only the handling company works a request; the owner's and the logging company read it; leaders read the zone", () => {
    expect(p.serviceRequestAccess(platformManager, request())).toBe("work");
    expect(p.serviceRequestAccess(staff, request())).toBe("read");
    expect(p.serviceRequestAccess(hotlineStaff, request())).toBe("read");
    expect(p.serviceRequestAccess(otherManager, request())).toBe("none");
    expect(p.serviceRequestAccess(leader, request())).toBe("read");
    expect(p.serviceRequestAccess(foreignLeader, request())).toBe("none");
    expect(p.serviceRequestAccess(admin, request())).toBe("none");
    expect(p.serviceRequestAccess(staff, request({ project: project({ confidential: true, ownerId: colleague.id }) }))).toBe("none");
  });

  it("the handling manager assigns; the handler or the manager notes and closes; others of the company only read", () => {
    expect(p.canAssignServiceRequest(platformManager, request())).toBe(true);
    expect(p.canAssignServiceRequest(handler, request())).toBe(false);
    expect(p.canAssignServiceRequest(manager, request())).toBe(false);
    expect(p.canWorkServiceRequest(handler, request())).toBe(true);
    expect(p.canWorkServiceRequest(platformManager, request())).toBe(true);
    expect(p.canWorkServiceRequest(platformColleague, request())).toBe(false);
    expect(p.canWorkServiceRequest(staff, request())).toBe(false);
    expect(p.canWorkServiceRequest(handler, request({ status: "solved" }))).toBe(false);
  });

  it("a solved request is reopened by the handling manager or a company that reads it, never by leaders", () => {
    const solved = request({ status: "solved" });
    expect(p.canReopenServiceRequest(platformManager, solved)).toBe(true);
    expect(p.canReopenServiceRequest(handler, solved)).toBe(false);
    expect(p.canReopenServiceRequest(staff, solved)).toBe(true);
    expect(p.canReopenServiceRequest(hotlineStaff, solved)).toBe(true);
    expect(p.canReopenServiceRequest(leader, solved)).toBe(false);
    expect(p.canReopenServiceRequest(platformManager, request())).toBe(false);
  });

  it("the hotline asks the enterprise for its rating; the handler and the handling company never rate their own work", () => {
    const solved = request({ status: "solved" });
    expect(p.canLogFollowUp(hotlineStaff, hotline, solved)).toBe(true);
    expect(p.canLogFollowUp(hotlineStaff, hotline, request())).toBe(false);
    expect(p.canLogFollowUp(handler, plain, solved)).toBe(false);
    expect(p.canLogFollowUp(platformManager, plain, solved)).toBe(false);
    // The hotline company handling a request itself: its own people do not rate it either.
    expect(p.canLogFollowUp(hotlineStaff, hotline, request({ status: "solved", handlingCompanyId: HOTLINE, handlerId: hotlineStaff.id }))).toBe(
      false,
    );
    expect(p.canLogFollowUp({ ...hotlineStaff, id: 32 }, hotline, request({ status: "solved", handlingCompanyId: HOTLINE }))).toBe(false);
    expect(p.canLogFollowUp({ ...hotlineStaff, zoneId: 2 }, hotline, solved)).toBe(false);
    expect(p.canListFollowUps(hotlineStaff, hotline)).toBe(true);
    expect(p.canListFollowUps(staff, plain)).toBe(false);
    expect(p.canShowRatingLink(handler, solved)).toBe(true);
    expect(p.canShowRatingLink(handler, request())).toBe(false);
    expect(p.canShowRatingLink(otherManager, solved)).toBe(false);
  });

  it("leaders edit the deadlines; admins have no request list", () => {
    expect(p.canEditServiceDeadlines(leader)).toBe(true);
    expect(p.canEditServiceDeadlines(manager)).toBe(false);
    expect(p.canListServiceRequests(admin)).toBe(false);
    expect(p.isLandedStage("production")).toBe(true);
    expect(p.isLandedStage("signed")).toBe(false);
  });
});

// handoffs (移交 / 协办)
describe("handoffs between companies", () => {
  const HELPER = 30;
  const helperManager: Viewer = { id: 40, zoneId: 1, companyId: HELPER, role: "manager" };
  const helper: Viewer = { id: 41, zoneId: 1, companyId: HELPER, role: "staff" };
  const helperColleague: Viewer = { id: 42, zoneId: 1, companyId: HELPER, role: "staff" };
  const assisted = (accepted: boolean, over: Partial<ProjectFacts> = {}) =>
    project({ openAssists: [{ companyId: HELPER, assigneeId: accepted ? helper.id : null, accepted }], ...over });
  const handoff = (over: Partial<hp.HandoffFacts> = {}): hp.HandoffFacts => ({
    zoneId: 1,
    kind: "transfer",
    status: "pending",
    fromCompanyId: A,
    toCompanyId: B,
    requestedById: staff.id,
    assigneeId: null,
    ...over,
  });

  it("the owner and their manager request handoffs; colleagues, other companies, leaders and admins do not", () => {
    expect(hp.canRequestHandoff(staff, project())).toBe(true);
    expect(hp.canRequestHandoff(manager, project({ ownerId: colleague.id }))).toBe(true);
    expect(hp.canRequestHandoff(colleague, project())).toBe(false);
    expect(hp.canRequestHandoff(otherManager, project())).toBe(false);
    expect(hp.canRequestHandoff(leader, project())).toBe(false);
    expect(hp.canRequestHandoff(admin, project())).toBe(false);
  });

  it("only the receiving company's manager answers, and only while it waits", () => {
    expect(hp.canAnswerHandoff(otherManager, handoff())).toBe(true);
    expect(hp.canAnswerHandoff(manager, handoff())).toBe(false);
    expect(hp.canAnswerHandoff({ ...otherManager, role: "staff" }, handoff())).toBe(false);
    expect(hp.canAnswerHandoff(leader, handoff())).toBe(false);
    expect(hp.canAnswerHandoff(otherManager, handoff({ status: "accepted" }))).toBe(false);
    expect(hp.canAnswerHandoff({ ...otherManager, zoneId: 2 }, handoff())).toBe(false);
  });

  it("the requester or their manager withdraws a waiting request", () => {
    expect(hp.canCancelHandoff(staff, handoff())).toBe(true);
    expect(hp.canCancelHandoff(manager, handoff())).toBe(true);
    expect(hp.canCancelHandoff(colleague, handoff())).toBe(false);
    expect(hp.canCancelHandoff(otherManager, handoff())).toBe(false);
    expect(hp.canCancelHandoff(staff, handoff({ status: "rejected" }))).toBe(false);
  });

  it("both companies and leaders see a handoff; nobody else", () => {
    expect(hp.canViewHandoff(staff, handoff())).toBe(true);
    expect(hp.canViewHandoff(otherManager, handoff())).toBe(true);
    expect(hp.canViewHandoff(leader, handoff())).toBe(true);
    expect(hp.canViewHandoff(helperManager, handoff())).toBe(false);
    expect(hp.canViewHandoff(admin, handoff())).toBe(false);
    expect(hp.canViewHandoff(foreignLeader, handoff())).toBe(false);
  });

  it("the helper company reads a project while an assist is open; the project stays with its owner", () => {
    expect(projectAccess(helperManager, assisted(false))).toBe("read");
    expect(projectAccess(helperColleague, assisted(true))).toBe("read");
    expect(projectAccess(helperManager, project())).toBe("none");
    expect(projectAccess(helperManager, assisted(true, { confidential: true }))).toBe("none");
    expect(projectAccess(staff, assisted(true))).toBe("write");
  });

  it("an accepted assist's helper and the helper company's manager log activities; others of that company do not", () => {
    expect(canLogActivity(helper, assisted(true))).toBe(true);
    expect(canLogActivity(helperManager, assisted(true))).toBe(true);
    expect(canLogActivity(helperColleague, assisted(true))).toBe(false);
    expect(canLogActivity(helperManager, assisted(false))).toBe(false);
    expect(canLogActivity(helper, project())).toBe(false);
  });

  it("an accepted assist is closed by its helper or the helper company's manager", () => {
    const assist = handoff({ kind: "assist", toCompanyId: HELPER, status: "accepted", assigneeId: helper.id });
    expect(hp.canCloseAssist(helper, assist)).toBe(true);
    expect(hp.canCloseAssist(helperManager, assist)).toBe(true);
    expect(hp.canCloseAssist(helperColleague, assist)).toBe(false);
    expect(hp.canCloseAssist(staff, assist)).toBe(false);
    expect(hp.canCloseAssist(helper, { ...assist, status: "closed" })).toBe(false);
    expect(hp.canCloseAssist(helper, { ...assist, kind: "transfer" })).toBe(false);
  });
});
