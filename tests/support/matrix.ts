// The authorization matrix: every route of the app × every role × every scope → the status the real server must
// answer. tests/e2e/authorization-matrix.test.ts runs it and fails when a built route, loader or action has no row;
// the forged-request checks (same file) and the input fuzzing (tests/e2e/hostile-input.test.ts) take their list of
// actions from here, so a route added with its rows is covered by all three.
//
// Adding a route: add `"routes/<id>": [ …checks ]` below — a GET row for a loader, a POST row for an action, with
// `expect` per role, or per scope (own, ownCompany, otherCompany, confidential, handedOver, otherZone) when the
// path names a record (World, tests/support/world.ts, has one of each).
import path from "node:path";
import type { World } from "./world";
import type { ZoneWorld } from "./zone-world";

// provinceAdmin: the province's 省级管理员 (decision 019), refused every zone page; zoneAdmin: the admin of a zone
// made by createZone (World.newZone), who finds none of the first zone's records; provinceLeader and cityLeader:
// 省级领导 and 市级领导, who read only the province's own pages (a zone page is a 404 for them, as for provinceAdmin).
export type Role = "anonymous" | "staff" | "manager" | "leader" | "admin" | "provinceAdmin" | "zoneAdmin" | "provinceLeader" | "cityLeader";
export type Scope = "own" | "ownCompany" | "otherCompany" | "confidential" | "handedOver" | "otherZone" | "movedAway";
export const ROLES: Role[] = ["anonymous", "staff", "manager", "leader", "admin", "provinceAdmin", "zoneAdmin", "provinceLeader", "cityLeader"];
/** Roles a row may leave out: casesOf fills them in (the new zone's admin as the admin, the province's leaders as its admin). */
type Derived = "zoneAdmin" | "provinceLeader" | "cityLeader";

/** An expected answer: a status, or a redirect to a path. */
export type Outcome = number | `→${string}`;
/**
 * The new zone's admin answers as the zone's admin, and the province's leaders as the province admin, unless a row
 * says otherwise (casesOf fills them in).
 */
export type PerRole = Record<Exclude<Role, Derived>, Outcome> & Partial<Record<Derived, Outcome>>;

export type Check = {
  method: "GET" | "POST";
  /** Builds the path for a scope's record (or without one). */
  path: (w: World, scope?: Scope) => string;
  body?: (w: World) => Record<string, string>;
  expect: PerRole | Partial<Record<Scope, PerRole>>;
};

/**
 * The same outcome for every signed-in role. The province admin gets it only where the route answers before
 * anyone is asked who they are (the anonymous outcome is not the sign-in page); elsewhere a zone's page does not
 * exist for it (404).
 */
export const all = (outcome: Outcome, anonymous: Outcome = "→/login"): PerRole => ({
  anonymous,
  staff: outcome,
  manager: outcome,
  leader: outcome,
  admin: outcome,
  provinceAdmin: anonymous === "→/login" ? 404 : outcome,
});
export const only = (role: Role, outcome: Outcome, others: Outcome = 404): PerRole => ({
  ...all(others),
  [role]: outcome,
});
/** Pages open to the province admin as to everyone (its account, signing out). */
const everyone = (outcome: Outcome, anonymous: Outcome = "→/login"): PerRole => ({ ...all(outcome, anonymous), provinceAdmin: outcome });

const projectPath = (w: World, scope?: Scope) => `/projects/${w.records[scope!].id}`;

/** Edit and stage pages: the owner and their manager may; others who see the project get 403; the rest 404. */
const WRITE_SCOPES = (ok: Outcome): Partial<Record<Scope, PerRole>> => ({
  own: { ...all(403), staff: ok, manager: ok },
  ownCompany: { ...all(403), manager: ok },
  otherCompany: { ...all(403), staff: 404, manager: 404 },
  confidential: { ...all(403), staff: 404, manager: ok, admin: 404 },
  handedOver: all(403),
  otherZone: all(404),
  // The company the staff member left still names them owner: it grants nothing (issue 16).
  movedAway: { ...all(403), staff: 404, manager: 404 },
});

/** Logging an activity: anyone of the owning company who sees the project. */
const LOG_SCOPES = (ok: Outcome): Partial<Record<Scope, PerRole>> => ({
  own: { ...all(403), staff: ok, manager: ok },
  ownCompany: { ...all(403), staff: ok, manager: ok },
  otherCompany: { ...all(403), staff: 404, manager: 404 },
  confidential: { ...all(403), staff: 404, manager: ok, admin: 404 },
  handedOver: all(403),
  otherZone: all(404),
  // The company the staff member left still names them owner: it grants nothing (issue 16).
  movedAway: { ...all(403), staff: 404, manager: 404 },
});

/** Investors are the zone's shared register: "ownCompany" is followed by the staff's company, "otherCompany" only by B. */
type InvestorScope = "ownCompany" | "otherCompany" | "otherZone";
const investorPath = (w: World, scope?: Scope) => `/investors/${w.investors[scope as InvestorScope]}`;

/** Everyone of the zone reads an investor; nothing of another zone is found. */
const INVESTOR_READ = (ok: Outcome): Partial<Record<Scope, PerRole>> => ({
  ownCompany: all(ok),
  otherCompany: all(ok),
  otherZone: all(404),
});

/** Editing: staff and managers of a company with a project of the investor; others who see it get 403. */
const INVESTOR_EDIT = (ok: Outcome): Partial<Record<Scope, PerRole>> => ({
  ownCompany: { ...all(403), staff: ok, manager: ok },
  otherCompany: all(403),
  otherZone: all(404),
});

/** Leadership reports: leaders and admins read them; the companies' people get a 403. */
const REPORTS = (ok: Outcome): PerRole => ({ ...all(403), leader: ok, admin: ok });

/** Where each role lands when it asks for a page meant for someone signed out. */
export const HOMES: PerRole = {
  anonymous: "→/login",
  staff: "→/my",
  manager: "→/projects",
  leader: "→/overview",
  admin: "→/admin/users",
  provinceAdmin: "→/province/zones",
  provinceLeader: "→/province",
  cityLeader: "→/province",
};
/** The province admin's own pages: its leaders do not administer zones (404). */
const provinceAdminOnly = (outcome: Outcome): PerRole => ({ ...only("provinceAdmin", outcome), provinceLeader: 404, cityLeader: 404 });
/** The province's figures: its leaders and the cities' leaders; nobody of a zone, nor the province admin. */
const provinceLeadersOnly = (outcome: Outcome): PerRole => ({ ...all(404), provinceLeader: outcome, cityLeader: outcome });

/** The table. Keys are the route ids of the Remix build. */
export const MATRIX: Record<string, Check[]> = {
  // The root loader runs on every page; these rows reach it signed out and in.
  root: [{ method: "GET", path: () => "/login", expect: { ...HOMES, anonymous: 200 } }],
  "routes/_index": [{ method: "GET", path: () => "/", expect: HOMES }],
  "routes/login": [
    { method: "GET", path: () => "/login", expect: { ...HOMES, anonymous: 200 } },
    // A wrong password is a 400 with a message; someone already signed in is sent home.
    { method: "POST", path: () => "/login", body: () => ({ login: "admin", password: "wrong-password" }), expect: { ...HOMES, anonymous: 400 } },
  ],
  "routes/logout": [
    { method: "GET", path: () => "/logout", expect: all("→/", "→/") },
    // Without the session's token a sign-out is refused; with it (see below) it works.
    { method: "POST", path: () => "/logout", body: () => ({}), expect: everyone(403) },
  ],
  // The second-factor step answers only a session waiting for its code (tests/e2e/mfa.test.ts); a full session
  // is sent home, and without a session there is nothing to verify.
  "routes/login_.mfa": [
    { method: "GET", path: () => "/login/mfa", expect: HOMES },
    { method: "POST", path: () => "/login/mfa", body: () => ({ code: "000000" }), expect: HOMES },
  ],
  // Everyone's own account: the password (an empty current password is refused before anything is checked) and
  // the second factor (a code without the enrolment ticket is refused).
  "routes/_app.account._index": [
    { method: "GET", path: () => "/account", expect: everyone(200) },
    { method: "POST", path: () => "/account", body: () => ({ intent: "password", current: "", password: "x" }), expect: everyone(400) },
  ],
  "routes/_app.account.mfa": [
    { method: "GET", path: () => "/account/mfa", expect: everyone(200) },
    { method: "POST", path: () => "/account/mfa", body: () => ({ intent: "confirm", code: "" }), expect: everyone(400) },
  ],
  "routes/lang": [
    { method: "GET", path: () => "/lang", expect: all("→/", "→/") },
    { method: "POST", path: () => "/lang", body: () => ({ lang: "en", back: "/" }), expect: all("→/", "→/") },
  ],
  "routes/_app": [{ method: "GET", path: () => "/projects", expect: all(200) }],
  "routes/_app.projects._index": [
    { method: "GET", path: () => "/projects?owner=me&stage=lead&sort=name&dir=asc", expect: all(200) },
    // ?export= on the list goes to the export route with the same filters.
    { method: "GET", path: () => "/projects?stage=lead&export=csv", expect: all("→/projects/export?stage=lead&export=csv") },
  ],
  "routes/_app.projects.$id": [
    {
      method: "GET",
      path: projectPath,
      expect: {
        own: all(200),
        ownCompany: all(200),
        otherCompany: { ...all(200), staff: 404, manager: 404 },
        confidential: { ...all(200), staff: 404, admin: 404 },
        handedOver: all(200),
        otherZone: all(404),
        movedAway: { ...all(200), staff: 404, manager: 404 },
      },
    },
    {
      // Completing a next action that does not exist: refused for everyone who sees the project.
      method: "POST",
      path: projectPath,
      body: () => ({ intent: "complete-next-action", activityId: "999999999" }),
      expect: {
        own: all(403),
        ownCompany: all(403),
        otherCompany: { ...all(403), staff: 404, manager: 404 },
        confidential: { ...all(403), staff: 404, admin: 404 },
        handedOver: all(403),
        otherZone: all(404),
        movedAway: { ...all(403), staff: 404, manager: 404 },
      },
    },
    // Deleting evidence (the page's evidence forms): 404 when the project is invisible, 403 when visible but
    // read-only. Those allowed get past the policy to a 400: the id is not one.
    { method: "POST", path: projectPath, body: () => ({ intent: "evidence-delete", attachmentId: "x" }), expect: WRITE_SCOPES(400) },
    { method: "GET", path: () => "/projects/999999999", expect: all(404) },
    { method: "GET", path: () => "/projects/abc", expect: all(404) },
    { method: "GET", path: () => "/projects/2147483648", expect: all(404) },
    {
      // An activity id no integer column can hold: refused like any other, never a database error.
      method: "POST",
      path: projectPath,
      body: () => ({ intent: "complete-next-action", activityId: "99999999999" }),
      expect: {
        own: all(403),
        ownCompany: all(403),
        otherCompany: { ...all(403), staff: 404, manager: 404 },
        confidential: { ...all(403), staff: 404, admin: 404 },
        handedOver: all(403),
        otherZone: all(404),
        movedAway: { ...all(403), staff: 404, manager: 404 },
      },
    },
  ],
  // Pages that change a project: 404 when the viewer cannot see it, 403 when they see it but may not change it.
  "routes/_app.projects.new": [
    { method: "GET", path: () => "/projects/new", expect: { ...all(404), staff: 200, manager: 200 } },
    { method: "POST", path: () => "/projects/new", body: () => ({ name: "" }), expect: { ...all(404), staff: 400, manager: 400 } },
  ],
  "routes/_app.projects.$id_.edit": [
    { method: "GET", path: (w, s) => `${projectPath(w, s)}/edit`, expect: WRITE_SCOPES(200) },
    { method: "POST", path: (w, s) => `${projectPath(w, s)}/edit`, body: () => ({ name: "", version: "1" }), expect: WRITE_SCOPES(400) },
  ],
  "routes/_app.projects.$id_.stage": [
    { method: "GET", path: (w, s) => `${projectPath(w, s)}/stage`, expect: WRITE_SCOPES(200) },
    { method: "POST", path: (w, s) => `${projectPath(w, s)}/stage`, body: () => ({ intent: "nothing" }), expect: WRITE_SCOPES(400) },
  ],
  // Issue 21: the checklist's pages. An item that is not on the project is a 404 to everyone (the item's rights are
  // in tests/integration/approvals.test.ts and the browser walk tests/e2e/approvals.browser.test.ts).
  "routes/_app.projects.$id_.approvals.new": [
    { method: "GET", path: (w, s) => `${projectPath(w, s)}/approvals/new`, expect: WRITE_SCOPES(200) },
    { method: "POST", path: (w, s) => `${projectPath(w, s)}/approvals/new`, body: () => ({ name: "" }), expect: WRITE_SCOPES(400) },
  ],
  "routes/_app.projects.$id_.approvals.$approvalId": [
    { method: "GET", path: (w) => `${projectPath(w, "own")}/approvals/999999999`, expect: all(404) },
    {
      method: "POST",
      path: (w) => `${projectPath(w, "own")}/approvals/999999999`,
      body: () => ({ intent: "blocker", note: "卡点" }),
      expect: all(404),
    },
  ],
  "routes/_app.approvals.catalogue": [
    { method: "GET", path: () => "/approvals/catalogue", expect: { ...all(404), leader: 200, admin: 200 } },
    { method: "POST", path: () => "/approvals/catalogue", body: () => ({ intent: "add" }), expect: { ...all(404), leader: 400, admin: 400 } },
  ],
  // Issue 21: the policy library. The zone's people read it; leaders and companies' managers add policies (who
  // edits which one: tests/integration/policies.test.ts). Benefits are recorded by the project's editors.
  "routes/_app.policies._index": [{ method: "GET", path: () => "/policies", expect: all(200) }],
  "routes/_app.policies.new": [
    { method: "GET", path: () => "/policies/new", expect: { ...all(404), manager: 200, leader: 200 } },
    { method: "POST", path: () => "/policies/new", body: () => ({ title: "" }), expect: { ...all(404), manager: 400, leader: 400 } },
  ],
  "routes/_app.policies.$id": [
    { method: "GET", path: () => "/policies/999999999", expect: all(404) },
    { method: "POST", path: () => "/policies/999999999", body: () => ({ title: "", version: "1" }), expect: all(404) },
  ],
  "routes/_app.policies.owed": [{ method: "GET", path: () => "/policies/owed", expect: all(200) }],
  "routes/_app.projects.$id_.benefits.new": [
    { method: "GET", path: (w, s) => `${projectPath(w, s)}/benefits/new`, expect: WRITE_SCOPES(200) },
    { method: "POST", path: (w, s) => `${projectPath(w, s)}/benefits/new`, body: () => ({ policyId: "" }), expect: WRITE_SCOPES(400) },
  ],
  "routes/_app.projects.$id_.benefits.$benefitId": [
    { method: "GET", path: (w) => `${projectPath(w, "own")}/benefits/999999999`, expect: all(404) },
    { method: "POST", path: (w) => `${projectPath(w, "own")}/benefits/999999999`, body: () => ({ version: "1" }), expect: all(404) },
  ],
  "routes/_app.projects.$id_.activities.new": [
    { method: "GET", path: (w, s) => `${projectPath(w, s)}/activities/new`, expect: LOG_SCOPES(200) },
    { method: "POST", path: (w, s) => `${projectPath(w, s)}/activities/new`, body: () => ({ kind: "visit" }), expect: LOG_SCOPES(400) },
  ],
  "routes/_app.my": [
    { method: "GET", path: () => "/my", expect: { ...all(404), staff: 200, manager: 200 } },
    // 完成 on a to-do row: an activity nobody may complete is a 404 to everyone (tests/integration/one-todo-list.test.ts
    // and tests/e2e/my-desk-todo.browser.test.ts complete real ones, and another company's).
    { method: "POST", path: () => "/my", body: () => ({ intent: "complete-next-action", activityId: "999999999" }), expect: all(404) },
  ],
  // Evidence files: whoever sees the project sees its files; nobody else learns they exist.
  "routes/_app.evidence.$attachmentId": [
    {
      method: "GET",
      path: (w, s) => `/evidence/${w.evidence[s!].id}`,
      expect: {
        own: all(200),
        ownCompany: all(200),
        otherCompany: { ...all(200), staff: 404, manager: 404 },
        confidential: { ...all(200), staff: 404, admin: 404 },
        handedOver: all(200),
        otherZone: all(404),
      },
    },
    { method: "GET", path: () => "/evidence/999999999", expect: all(404) },
    { method: "GET", path: () => "/evidence/abc", expect: all(404) },
  ],
  "routes/_app.notifications": [
    { method: "GET", path: () => "/notifications", expect: everyone(200) },
    // Only one's own notices: an id that is not the viewer's is a 404.
    { method: "POST", path: () => "/notifications", body: () => ({ intent: "open", id: "999999999" }), expect: all(404) },
    // An id no integer column can hold is a 404 as well, never a database error.
    { method: "POST", path: () => "/notifications", body: () => ({ intent: "open", id: "99999999999" }), expect: all(404) },
  ],
  // The header search: everyone signed in; what it lists is each viewer's scope (tests/integration/search.test.ts).
  "routes/_app.search": [
    { method: "GET", path: () => "/search?q=bdt", expect: all(200) },
    { method: "GET", path: () => "/search?box=1&q=%25_%5C", expect: all(200) },
    { method: "POST", path: () => "/search?q=x", body: () => ({ q: "x" }), expect: all(405, 405) },
  ],
  "routes/_app.overview": [{ method: "GET", path: () => "/overview", expect: only("leader", 200) }],
  // Industry chains (issue 22): the zone's staff, managers and leaders read every cluster's chain; the chain of
  // company A's cluster is edited by A's manager and by leaders, another cluster's by leaders only.
  "routes/_app.chains._index": [{ method: "GET", path: () => "/chains", expect: { ...all(200), admin: 404 } }],
  "routes/_app.chains.$clusterId": [
    { method: "GET", path: (w) => `/chains/${w.chains.ownCluster}`, expect: { ...all(200), admin: 404 } },
    { method: "GET", path: (w) => `/chains/${w.chains.ownCluster}?link=999999999`, expect: all(404) },
    { method: "GET", path: () => "/chains/999999999", expect: all(404) },
  ],
  "routes/_app.chains.$clusterId_.export": [
    { method: "GET", path: (w) => `/chains/${w.chains.otherCluster}/export?export=csv`, expect: { ...all(200), admin: 404 } },
    { method: "GET", path: (w) => `/chains/${w.chains.ownCluster}/export`, expect: all(404) },
  ],
  "routes/_app.chains.$clusterId_.edit": [
    { method: "GET", path: (w) => `/chains/${w.chains.ownCluster}/edit`, expect: { ...all(200), staff: 403, admin: 404 } },
    { method: "GET", path: (w) => `/chains/${w.chains.otherCluster}/edit`, expect: { ...all(403), leader: 200, admin: 404 } },
    // A stale version on purpose: those who may edit are told someone saved first (409); nothing is written.
    {
      method: "POST",
      path: (w) => `/chains/${w.chains.ownCluster}/edit`,
      body: () => ({ intent: "add", version: "999", segment: "upstream", name: "矩阵环节", sortOrder: "1" }),
      expect: { ...all(409), staff: 403, admin: 404 },
    },
    {
      method: "POST",
      path: (w) => `/chains/${w.chains.otherCluster}/edit`,
      body: () => ({ intent: "add", version: "999", segment: "upstream", name: "矩阵环节", sortOrder: "1" }),
      expect: { ...all(403), leader: 409, admin: 404 },
    },
  ],
  // The target list (issue 22 item 4): staff see the targets assigned to them, managers their company's, leaders
  // the zone's; managers and leaders add and edit; the assignee and the manager record the first contact.
  "routes/_app.chain-targets._index": [
    { method: "GET", path: () => "/chain-targets", expect: { ...all(200), admin: 404 } },
    { method: "GET", path: () => "/chain-targets?state=all&light=red&cluster=999999999", expect: { ...all(200), admin: 404 } },
  ],
  "routes/_app.chain-targets.export": [
    { method: "GET", path: () => "/chain-targets/export?export=csv&state=all", expect: { ...all(200), admin: 404 } },
    { method: "GET", path: () => "/chain-targets/export", expect: all(404) },
  ],
  "routes/_app.chain-targets.new": [
    { method: "GET", path: () => "/chain-targets/new", expect: { ...all(200), staff: 403, admin: 404 } },
    // Invalid on purpose (no link, no name): those who may add get the form back (400); nothing is written.
    { method: "POST", path: () => "/chain-targets/new", body: () => ({ reason: "leader" }), expect: { ...all(400), staff: 403, admin: 404 } },
  ],
  "routes/_app.chain-targets.$id": [
    {
      method: "GET",
      path: (w) => `/chain-targets/${w.targets.own}`,
      expect: { ...all(200), admin: 404 },
    },
    { method: "GET", path: (w) => `/chain-targets/${w.targets.ownCompany}`, expect: { ...all(200), staff: 404, admin: 404 } },
    { method: "GET", path: (w) => `/chain-targets/${w.targets.otherCompany}`, expect: { ...all(404), leader: 200 } },
    { method: "GET", path: () => "/chain-targets/999999999", expect: all(404) },
    // A stale version on purpose: those who may edit are told someone saved first (409); nothing is written.
    {
      method: "POST",
      path: (w) => `/chain-targets/${w.targets.ownCompany}`,
      body: () => ({ intent: "update", version: "999", linkId: "1", name: "矩阵目标改名", reason: "leader" }),
      expect: { ...all(409), staff: 404, admin: 404 },
    },
    // The first contact from a stale version: the assignee and the manager get 409; a leader may not (403).
    {
      method: "POST",
      path: (w) => `/chain-targets/${w.targets.own}`,
      body: () => ({ intent: "contact", version: "999", projectName: "矩阵目标项目", kind: "visit", occurredOn: "2026-12-01", summary: "矩阵接洽" }),
      expect: { ...all(409), leader: 403, admin: 404 },
    },
    {
      method: "POST",
      path: (w) => `/chain-targets/${w.targets.otherCompany}`,
      body: () => ({ intent: "contact", version: "999", projectName: "矩阵目标项目", kind: "visit", occurredOn: "2026-12-01", summary: "矩阵接洽" }),
      expect: { ...all(404), leader: 403 },
    },
  ],
  "routes/_app.admin.users._index": [{ method: "GET", path: () => "/admin/users", expect: only("admin", 200) }],
  "routes/_app.admin.users.new": [
    { method: "GET", path: () => "/admin/users/new", expect: only("admin", 200) },
    // Invalid on purpose: the admin gets the form back with messages (400); nobody else gets past the policy.
    { method: "POST", path: () => "/admin/users/new", body: () => ({ intent: "create", login: "x" }), expect: only("admin", 400) },
  ],
  "routes/_app.admin.users.$id": [
    { method: "GET", path: (w) => `/admin/users/${w.users.ownZone}`, expect: { ...only("admin", 200), zoneAdmin: 404 } },
    { method: "GET", path: (w) => `/admin/users/${w.users.otherZone}`, expect: all(404) },
    {
      method: "POST",
      path: (w) => `/admin/users/${w.users.otherZone}`,
      body: () => ({ intent: "disable" }),
      expect: all(404),
    },
    {
      method: "POST",
      path: (w) => `/admin/users/${w.users.ownZone}`,
      body: () => ({ intent: "update", displayName: "", role: "staff" }),
      expect: { ...only("admin", 400), zoneAdmin: 404 },
    },
    // Ending another zone's user's sessions or resetting their MFA: nobody finds them.
    { method: "POST", path: (w) => `/admin/users/${w.users.otherZone}`, body: () => ({ intent: "end-sessions" }), expect: all(404) },
    { method: "POST", path: (w) => `/admin/users/${w.users.otherZone}`, body: () => ({ intent: "reset-mfa" }), expect: all(404) },
  ],
  // The province's zones (issue 20): the province admin only; every zone's people get a 404.
  "routes/_app.province.zones._index": [{ method: "GET", path: () => "/province/zones", expect: provinceAdminOnly(200) }],
  // Investors several zones follow (issue 20 item 5): the province's and cities' leaders only (their rows live in
  // tests/integration/investors-across-zones.test.ts); nobody of a zone, nor the province admin, finds the page.
  "routes/_app.province.shared-investors": [{ method: "GET", path: () => "/province/shared-investors", expect: provinceLeadersOnly(200) }],
  "routes/_app.province.shared-investors.export": [
    { method: "GET", path: () => "/province/shared-investors/export?export=csv", expect: provinceLeadersOnly(200) },
  ],
  "routes/_app.province.zones.new": [
    { method: "GET", path: () => "/province/zones/new", expect: provinceAdminOnly(200) },
    // Invalid on purpose (a code too short, no password): the form comes back, no zone is made.
    { method: "POST", path: () => "/province/zones/new", body: () => ({ code: "x", name: "矩阵开发区" }), expect: provinceAdminOnly(400) },
  ],
  // The province's own accounts (its leaders, the cities' leaders): the province admin only.
  "routes/_app.province.accounts._index": [{ method: "GET", path: () => "/province/accounts", expect: provinceAdminOnly(200) }],
  "routes/_app.province.accounts.new": [
    { method: "GET", path: () => "/province/accounts/new", expect: provinceAdminOnly(200) },
    // A city leader without a city: the form comes back, no account is made.
    {
      method: "POST",
      path: () => "/province/accounts/new",
      body: () => ({ login: "matrix_city", displayName: "矩阵市领导", role: "city_leader", cityId: "", password: "Matrix-City-Leader-2026" }),
      expect: provinceAdminOnly(400),
    },
  ],
  "routes/_app.province.accounts.$id": [
    { method: "GET", path: (w) => `/province/accounts/${w.provinceAccounts.cityLeader}`, expect: provinceAdminOnly(200) },
    // A zone's user is not one of the province's accounts, whoever asks.
    { method: "GET", path: (w) => `/province/accounts/${w.users.ownZone}`, expect: provinceAdminOnly(404) },
    // A form filled before the account last changed: refused with 409, nothing saved (the city leader keeps its role).
    {
      method: "POST",
      path: (w) => `/province/accounts/${w.provinceAccounts.cityLeader}`,
      body: () => ({ intent: "update", displayName: "矩阵省领导", role: "province_leader", cityId: "", seen: "city_leader|0|stale" }),
      expect: provinceAdminOnly(409),
    },
  ],
  // 四比四看 between zones (issue 20 item 3): province and city leaders only (tests/e2e/zone-ranking.browser.test.ts);
  // every zone's people and the province admin get a 404.
  "routes/_app.province.ranking": [{ method: "GET", path: () => "/province/ranking", expect: provinceLeadersOnly(200) }],
  "routes/province.ranking.export": [{ method: "GET", path: () => "/province/ranking/export?export=csv", expect: provinceLeadersOnly(200) }],
  "routes/_app.province.weights": [
    { method: "GET", path: () => "/province/weights", expect: provinceLeadersOnly(200) },
    // A weight out of range: the province leader's form comes back; a city leader may not save weights at all.
    {
      method: "POST",
      path: () => "/province/weights",
      body: () => ({ signedCount: "-1" }),
      expect: { ...provinceLeadersOnly(400), cityLeader: 403 },
    },
  ],
  // The province's figures (issue 20): province and city leaders only (tests/e2e/province.browser.test.ts walks them);
  // every zone's people and the province admin get a 404.
  // The province's 三个一批 (decision 023): its leaders; a city leader (the world's is 大同's) only their city's zones —
  // the reference zone is in 太原, the third zone in 大同.
  "routes/_app.province._index": [{ method: "GET", path: () => "/province", expect: provinceLeadersOnly(200) }],
  "routes/_app.province.cities.$code": [
    { method: "GET", path: () => "/province/cities/taiyuan", expect: { ...provinceLeadersOnly(200), cityLeader: 404 } },
    { method: "GET", path: () => "/province/cities/datong", expect: provinceLeadersOnly(200) },
    { method: "GET", path: () => "/province/cities/nowhere", expect: all(404) },
  ],
  "routes/_app.province.zones.$code._index": [
    { method: "GET", path: () => "/province/zones/demo", expect: { ...provinceLeadersOnly(200), cityLeader: 404 } },
    { method: "GET", path: () => "/province/zones/matrix3", expect: provinceLeadersOnly(200) },
  ],
  "routes/_app.province.zones.$code.projects": [
    { method: "GET", path: () => "/province/zones/demo/projects?milestone=signed", expect: { ...provinceLeadersOnly(200), cityLeader: 404 } },
    { method: "GET", path: () => "/province/zones/matrix3/projects?milestone=signed", expect: provinceLeadersOnly(200) },
  ],
  "routes/province.export.$table": [{ method: "GET", path: () => "/province/export/zones?export=csv", expect: provinceLeadersOnly(200) }],
  // A zone's companies: its admin, for companies of that zone only — the new zone's admin finds none of the first's.
  "routes/_app.admin.companies._index": [{ method: "GET", path: () => "/admin/companies", expect: only("admin", 200) }],
  "routes/_app.admin.companies.new": [
    { method: "GET", path: () => "/admin/companies/new", expect: only("admin", 200) },
    { method: "POST", path: () => "/admin/companies/new", body: () => ({ name: "", kind: "service" }), expect: only("admin", 400) },
  ],
  "routes/_app.admin.companies.$id": [
    { method: "GET", path: (w) => `/admin/companies/${w.companyA.id}`, expect: { ...only("admin", 200), zoneAdmin: 404 } },
    { method: "GET", path: (w) => `/admin/companies/${w.newZone.companyId}`, expect: only("zoneAdmin", 200) },
    { method: "GET", path: (w) => `/admin/companies/${w.otherZoneCompanyId}`, expect: all(404) },
    { method: "GET", path: () => "/admin/companies/abc", expect: all(404) },
    {
      method: "POST",
      path: (w) => `/admin/companies/${w.companyA.id}`,
      body: () => ({ name: "", shortName: "x" }),
      expect: { ...only("admin", 400), zoneAdmin: 404 },
    },
    {
      method: "POST",
      path: (w) => `/admin/companies/${w.newZone.companyId}`,
      body: () => ({ name: "", shortName: "x" }),
      expect: only("zoneAdmin", 400),
    },
    {
      method: "POST",
      path: (w) => `/admin/companies/${w.otherZoneCompanyId}`,
      body: () => ({ name: "改名", shortName: "改名", active: "on" }),
      expect: all(404),
    },
  ],
  "routes/api.v1.me": [{ method: "GET", path: () => "/api/v1/me", expect: all(401, 401) }],
  // investors
  "routes/_app.investors._index": [
    { method: "GET", path: () => "/investors?q=%E6%BE%84%E6%B3%93&sort=name&dir=asc", expect: all(200) },
    // No action: the router answers 405 before any loader runs, to everyone alike.
    { method: "POST", path: () => "/investors?index", body: () => ({ name: "x" }), expect: all(405, 405) },
  ],
  "routes/_app.investors.new": [
    { method: "GET", path: () => "/investors/new", expect: { ...all(404), staff: 200, manager: 200 } },
    // Invalid on purpose (no name): staff and managers get the form back with messages, nothing is registered.
    { method: "POST", path: () => "/investors/new", body: () => ({ name: "" }), expect: { ...all(404), staff: 400, manager: 400 } },
  ],
  "routes/_app.investors.$id": [
    { method: "GET", path: investorPath, expect: INVESTOR_READ(200) },
    { method: "GET", path: () => "/investors/999999999", expect: all(404) },
    { method: "GET", path: () => "/investors/abc", expect: all(404) },
    // No action: 405 for every record and everyone, so it tells nothing about another zone's investor either.
    {
      method: "POST",
      path: investorPath,
      body: () => ({ name: "x" }),
      expect: { ownCompany: all(405, 405), otherCompany: all(405, 405), otherZone: all(405, 405) },
    },
  ],
  "routes/_app.investors.$id_.edit": [
    { method: "GET", path: (w, s) => `${investorPath(w, s)}/edit`, expect: INVESTOR_EDIT(200) },
    { method: "POST", path: (w, s) => `${investorPath(w, s)}/edit`, body: () => ({ name: "", version: "1" }), expect: INVESTOR_EDIT(400) },
  ],
  // 协同跟进 from the duplicate check: the people of a company ask; leaders and admins have no company to take part.
  "routes/_app.investors.$id_.cofollow": [
    {
      method: "GET",
      path: (w, s) => `${investorPath(w, s)}/cofollow`,
      expect: { ownCompany: { ...all(403), staff: 200, manager: 200 }, otherCompany: { ...all(403), staff: 200, manager: 200 }, otherZone: all(404) },
    },
    {
      method: "POST",
      path: (w, s) => `${investorPath(w, s)}/cofollow`,
      body: () => ({ toCompanyId: "", reason: "" }),
      expect: { ownCompany: { ...all(403), staff: 400, manager: 400 }, otherCompany: { ...all(403), staff: 400, manager: 400 }, otherZone: all(404) },
    },
  ],
  "routes/api.investor-matches": [
    { method: "GET", path: (w) => `/api/investor-matches?name=${encodeURIComponent(w.followedByB.name)}`, expect: all(200) },
  ],
  // Enterprise requests (企业诉求): "own" is handled by the staff's company A, "ownCompany" is A's enterprise handled
  // by a platform company, "otherCompany" is B's enterprise handled by that platform. Only the handling company
  // works a request (its manager assigns); the owner's company reads it; leaders read the zone; admins have none.
  "routes/_app.service-requests._index": [
    { method: "GET", path: () => "/service-requests?view=overdue&type=permits&from=2026-01-01&to=2026-12-31", expect: { ...all(200), admin: 403 } },
  ],
  "routes/_app.service-requests.new": [
    { method: "GET", path: () => "/service-requests/new", expect: { ...all(403), staff: 200, manager: 200 } },
    { method: "POST", path: () => "/service-requests/new", body: () => ({ description: "" }), expect: { ...all(403), staff: 400, manager: 400 } },
  ],
  "routes/_app.service-requests.$id": [
    {
      method: "GET",
      path: (w, s) => `/service-requests/${w.service.requests[s as "own"].id}`,
      expect: {
        own: { ...all(200), admin: 404 },
        ownCompany: { ...all(200), admin: 404 },
        otherCompany: { ...all(404), leader: 200 },
      },
    },
    {
      // An unknown handler: the handling company's manager gets past the policy to a 400; readers get 403.
      method: "POST",
      path: (w, s) => `/service-requests/${w.service.requests[s as "own"].id}`,
      body: () => ({ intent: "assign", handlerId: "999999999", version: "1" }),
      expect: {
        own: { ...all(403), manager: 400, admin: 404 },
        ownCompany: { ...all(403), admin: 404 },
        otherCompany: { ...all(404), leader: 403 },
      },
    },
    { method: "GET", path: () => "/service-requests/999999999", expect: all(404) },
  ],
  // 回访 (decision 018): the hotline company's people only; the matrix's companies are not the hotline.
  "routes/_app.service-requests.follow-up": [
    { method: "GET", path: () => "/service-requests/follow-up", expect: all(403) },
    {
      method: "POST",
      path: () => "/service-requests/follow-up",
      body: () => ({ intent: "followUp-1", requestId: "1", score: "5" }),
      expect: all(403),
    },
  ],
  // The enterprise's one-time rating link: no account; an unknown token is a 404 for everyone.
  "routes/rate.$token": [
    { method: "GET", path: () => "/rate/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", expect: all(404, 404) },
    { method: "POST", path: () => "/rate/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", body: () => ({ score: "5" }), expect: all(404, 404) },
  ],
  "routes/_app.service-requests.deadlines": [
    { method: "GET", path: () => "/service-requests/deadlines", expect: { ...all(403), leader: 200 } },
    { method: "POST", path: () => "/service-requests/deadlines", body: () => ({ permits: "0" }), expect: { ...all(403), leader: 400 } },
  ],
  // handoffs (移交/协办): both companies and leaders see a handoff; only the receiving manager answers.
  "routes/_app.handoffs._index": [
    { method: "GET", path: () => "/handoffs?box=incoming&status=pending", expect: { ...all(200), admin: 404 } },
    { method: "POST", path: () => "/handoffs?index", body: () => ({}), expect: all(405, 405) },
  ],
  "routes/_app.handoffs.$id": [
    { method: "GET", path: (w) => `/handoffs/${w.handoffs.matrix.incoming.id}`, expect: { ...all(200), admin: 404 } },
    { method: "GET", path: (w) => `/handoffs/${w.handoffs.matrix.outgoing.id}`, expect: { ...all(200), admin: 404 } },
    { method: "GET", path: (w) => `/handoffs/${w.handoffs.matrix.unrelated.id}`, expect: only("leader", 200) },
    { method: "GET", path: () => "/handoffs/999999999", expect: all(404) },
    { method: "GET", path: () => "/handoffs/abc", expect: all(404) },
    // Accepting without naming anyone: the receiving manager gets the form back (400); others who see it 403.
    {
      method: "POST",
      path: (w) => `/handoffs/${w.handoffs.matrix.incoming.id}`,
      body: () => ({ intent: "accept", version: "1" }),
      expect: { ...all(403), manager: 400, admin: 404 },
    },
    // Withdrawing needs the version: the requester and their manager get a 400; the receiving side and leaders 403.
    {
      method: "POST",
      path: (w) => `/handoffs/${w.handoffs.matrix.outgoing.id}`,
      body: () => ({ intent: "cancel" }),
      expect: { ...all(403), staff: 400, manager: 400, admin: 404 },
    },
    {
      method: "POST",
      path: (w) => `/handoffs/${w.handoffs.matrix.unrelated.id}`,
      body: () => ({ intent: "accept" }),
      expect: { ...all(404), leader: 403 },
    },
  ],
  "routes/_app.projects.$id_.handoff": [
    { method: "GET", path: (w, s) => `${projectPath(w, s)}/handoff`, expect: WRITE_SCOPES(200) },
    { method: "POST", path: (w, s) => `${projectPath(w, s)}/handoff`, body: () => ({ kind: "transfer" }), expect: WRITE_SCOPES(400) },
  ],
  // pipeline (issue 5): staff and managers see their own company's board, funnel and chasing lists; leaders any
  // company of the zone; admins have none. The team page is the manager's (leaders read it); only managers reassign.
  "routes/_app.pipeline._index": [
    { method: "GET", path: () => "/pipeline?owner=me&light=red&status=open", expect: { ...all(200), admin: 404 } },
    { method: "GET", path: () => "/pipeline?column=negotiating&c_negotiating=999999", expect: { ...all(200), admin: 404 } },
    { method: "POST", path: () => "/pipeline?index", body: () => ({}), expect: all(405, 405) },
  ],
  "routes/_app.pipeline.funnel": [
    { method: "GET", path: () => "/pipeline/funnel?period=custom&from=2026-01-01&to=2026-12-31", expect: { ...all(200), admin: 404 } },
  ],
  "routes/_app.pipeline.funnel_.projects": [
    {
      method: "GET",
      path: () => "/pipeline/funnel/projects?period=custom&from=2026-01-01&to=2026-12-31&stage=signed&measure=atLeast",
      expect: { ...all(200), admin: 404 },
    },
    // A lost number: the projects lost in the period at a stage, for a reason (or none recorded).
    {
      method: "GET",
      path: () => "/pipeline/funnel/projects?period=custom&from=2026-01-01&to=2026-12-31&status=lost&stage=negotiating&reason=none",
      expect: { ...all(200), admin: 404 },
    },
    // A stage, measure, status or reason that does not exist: nothing to list.
    { method: "GET", path: () => "/pipeline/funnel/projects?stage=nowhere", expect: all(404) },
    { method: "GET", path: () => "/pipeline/funnel/projects?status=lost&reason=bribery", expect: all(404) },
    // A page cursor altered or not sealed for the viewer: a bad request, not a server error.
    { method: "GET", path: () => "/pipeline/funnel/projects?stage=lead&measure=atLeast&after=s.AAAAtampered", expect: { ...all(400), admin: 404 } },
  ],
  // 审批时效 (issue 21 item 4): the pipeline's reader, by its company; a leader's pick of another zone's company is
  // not found (staff and managers' picks are ignored: they see their own company).
  "routes/_app.pipeline.speed": [
    { method: "GET", path: () => "/pipeline/speed?period=custom&from=2026-01-01&to=2026-12-31", expect: { ...all(200), admin: 404 } },
    { method: "GET", path: (w) => `/pipeline/speed?company=${w.companyB.id}`, expect: { ...all(200), admin: 404 } },
    { method: "GET", path: (w) => `/pipeline/speed?company=${w.otherZoneCompanyId}`, expect: { ...all(404), staff: 200, manager: 200 } },
  ],
  "routes/_app.pipeline.chasing": [
    { method: "GET", path: () => "/pipeline/chasing?tab=red&sort=owner&dir=asc", expect: { ...all(200), admin: 404 } },
  ],
  "routes/pipeline.chasing.export": [
    { method: "GET", path: () => "/pipeline/chasing/export?tab=handoffs&export=csv", expect: { ...all(200), admin: 404 } },
    { method: "GET", path: () => "/pipeline/chasing/export?tab=red&sort=owner&export=xlsx", expect: { ...all(200), admin: 404 } },
    { method: "GET", path: () => "/pipeline/chasing/export?tab=red", expect: all(404) },
  ],
  "routes/_app.pipeline.team": [
    { method: "GET", path: () => "/pipeline/team", expect: { ...all(404), manager: 200, leader: 200 } },
    {
      method: "GET",
      path: (w) => `/pipeline/team?company=${w.companyA.id}&member=${w.users.ownZone}`,
      expect: { ...all(404), manager: 200, leader: 200 },
    },
    // Leaders cannot pick a company of another zone.
    { method: "GET", path: () => "/pipeline/team?company=999999", expect: { ...all(404), manager: 200 } },
    // Nothing ticked: the manager gets the form back (400); leaders read but may not reassign (403).
    { method: "POST", path: () => "/pipeline/team", body: () => ({ toOwnerId: "" }), expect: { ...all(404), manager: 400, leader: 403 } },
    // Another company's project: not found for the manager, nothing written.
    {
      method: "POST",
      path: () => "/pipeline/team",
      body: (w) => ({ toOwnerId: String(w.users.ownZone), projects: `${w.records.otherCompany.id}:1` }),
      expect: { ...all(404), manager: 404, leader: 403 },
    },
    // A version the project no longer has: reported as a conflict (409), not overwritten.
    {
      method: "POST",
      path: () => "/pipeline/team",
      body: (w) => ({ toOwnerId: String(w.users.ownZone), projects: `${w.records.own.id}:999` }),
      expect: { ...all(404), manager: 409, leader: 403 },
    },
  ],
  // Saved views: a company view only from a manager; a view that is not the viewer's to see is a 404.
  "routes/views": [
    // No loader: the router answers 400 before any code of ours runs, to everyone alike.
    { method: "GET", path: () => "/views", expect: all(400, 400) },
    {
      method: "POST",
      path: () => "/views",
      body: () => ({ intent: "save", list: "board", name: "矩阵-公司视图", query: "light=red", shared: "on", back: "/pipeline" }),
      expect: { ...all(403), manager: "→/pipeline" },
    },
    { method: "POST", path: () => "/views", body: () => ({ intent: "delete", id: "999999999", back: "/pipeline" }), expect: all(404) },
    { method: "POST", path: () => "/views", body: () => ({ intent: "delete", id: "99999999999", back: "/pipeline" }), expect: all(404) },
  ],
  // Leadership reports (issue 6): leaders read and publish, weigh and set targets; admins read the same zone-wide
  // figures; the companies' people are refused (403). Tokens are the admin's (others 404, like user admin).
  "routes/_app.reports.three-batches": [
    { method: "GET", path: () => "/reports/three-batches?from=2026-01-01&to=2026-03-31&basis=firstContact&evidence=only", expect: REPORTS(200) },
    // A range that is not a whole month, quarter or year cannot be published: the leader gets a 400, nobody else passes.
    {
      method: "POST",
      path: () => "/reports/three-batches",
      body: () => ({ intent: "publish", from: "2026-01-05", to: "2026-01-20" }),
      expect: { ...REPORTS(403), leader: 400 },
    },
  ],
  "routes/_app.reports.three-batches_.projects": [
    {
      method: "GET",
      path: (w) => `/reports/three-batches/projects?from=2026-01-01&to=2026-12-31&milestone=signed&company=${w.companyA.id}`,
      expect: { ...REPORTS(200), zoneAdmin: 404 },
    },
    // A company that is not the viewer's zone's: nothing to say about it.
    { method: "GET", path: () => "/reports/three-batches/projects?company=999999999", expect: REPORTS(404) },
    // The page's own ?export= hands over to the export route.
    {
      method: "GET",
      path: () => "/reports/three-batches/projects?from=2026-01-01&to=2026-12-31&export=csv",
      expect: REPORTS("→/reports/export/three-batches-projects?from=2026-01-01&to=2026-12-31&export=csv"),
    },
  ],
  "routes/reports.export.$report": [
    { method: "GET", path: () => "/reports/export/three-batches?from=2026-01-01&to=2026-12-31&export=csv", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/export/three-batches-projects?from=2026-01-01&to=2026-12-31&export=xlsx", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/export/scorecard?preset=quarter&export=csv", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/export/scorecard?preset=quarter&missing=zero&export=xlsx", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/export/targets?year=2026&export=xlsx", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/export/trends?year=2026&export=xlsx", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/export/nothing?export=csv", expect: REPORTS(404) },
  ],
  "routes/_app.reports.scorecard": [
    { method: "GET", path: () => "/reports/scorecard?preset=year&scope=all", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/scorecard?preset=year&missing=zero", expect: REPORTS(200) },
    { method: "POST", path: () => "/reports/scorecard", body: () => ({ newLeads: "abc" }), expect: { ...REPORTS(403), leader: 400 } },
  ],
  "routes/_app.reports.targets": [
    { method: "GET", path: () => "/reports/targets?year=2026", expect: REPORTS(200) },
    { method: "GET", path: () => "/reports/targets?year=2026&export=csv", expect: REPORTS("→/reports/export/targets?year=2026&export=csv") },
    {
      method: "POST",
      path: () => "/reports/targets",
      body: (w) => ({ companyId: String(w.companyA.id), year: "2026", signedCount: "-1", version: "0" }),
      expect: { ...REPORTS(403), leader: 400 },
    },
  ],
  "routes/_app.reports.trends": [
    { method: "GET", path: () => "/reports/trends?year=2026&basis=firstContact&milestone=production", expect: REPORTS(200) },
  ],
  "routes/_app.admin.tokens": [
    { method: "GET", path: () => "/admin/tokens", expect: only("admin", 200) },
    { method: "POST", path: () => "/admin/tokens", body: () => ({ intent: "create", name: "", userId: "" }), expect: only("admin", 400) },
    { method: "POST", path: () => "/admin/tokens", body: () => ({ intent: "revoke", tokenId: "999999999" }), expect: all(404) },
    { method: "POST", path: () => "/admin/tokens", body: () => ({ intent: "revoke", tokenId: "abc" }), expect: all(404) },
  ],
  // A company's group robot (issue 19): its manager, or an admin for any company of the zone.
  "routes/_app.settings.robot": [
    { method: "GET", path: () => "/settings/robot", expect: { ...all(403), manager: 200, admin: 200 } },
    { method: "GET", path: (w) => `/settings/robot?company=${w.companyB.id}`, expect: { ...all(403), admin: 200, zoneAdmin: 404 } },
    { method: "GET", path: (w) => `/settings/robot?company=${w.otherZoneCompanyId}`, expect: { ...all(403), manager: 404, admin: 404 } },
    {
      method: "POST",
      path: () => "/settings/robot",
      body: () => ({ intent: "save", kind: "wecom", url: "https://10.0.0.1/x" }),
      expect: { ...all(403), manager: 400 },
    },
    {
      method: "POST",
      path: (w) => `/settings/robot?company=${w.companyB.id}`,
      body: () => ({ intent: "save", kind: "wecom", url: "" }),
      expect: { ...all(403), admin: 400, zoneAdmin: 404 },
    },
  ],
  "routes/api.v1.reports.three-batches": [
    { method: "GET", path: () => "/api/v1/reports/three-batches?from=2026-01-01&to=2026-12-31", expect: all(401, 401) },
  ],
  "routes/api.v1.reports.scorecard": [
    { method: "GET", path: () => "/api/v1/reports/scorecard?from=2026-01-01&to=2026-12-31", expect: all(401, 401) },
  ],
  "routes/api.v1.openapi[.]json": [{ method: "GET", path: () => "/api/v1/openapi.json", expect: all(200, 200) }],
  // Imports (issue 7): managers into their company, admins into any; everyone else 403.
  "routes/_app.imports._index": [
    { method: "GET", path: () => "/imports", expect: { ...all(403), manager: 200, admin: 200 } },
    // Not a multipart upload: refused as bad input, after the right is checked.
    { method: "POST", path: () => "/imports", body: () => ({ company: "" }), expect: { ...all(403), manager: 400, admin: 400 } },
  ],
  "routes/_app.imports.$runId": [
    { method: "GET", path: () => "/imports/999999999", expect: { ...all(403), manager: 404, admin: 404 } },
    { method: "GET", path: () => "/imports/abc", expect: { ...all(403), manager: 404, admin: 404 } },
  ],
  "routes/_app.imports.template[.]xlsx": [{ method: "GET", path: () => "/imports/template.xlsx", expect: { ...all(403), manager: 200, admin: 200 } }],
  "routes/_app.imports.$runId_.errors": [
    { method: "GET", path: () => "/imports/999999999/errors?export=csv", expect: { ...all(403), manager: 404, admin: 404 } },
    { method: "GET", path: () => "/imports/abc/errors?export=xlsx", expect: { ...all(403), manager: 404, admin: 404 } },
  ],
  // A session cookie is no API token.
  "routes/api.v1.imports": [
    { method: "POST", path: () => "/api/v1/imports", body: () => ({ file: "x" }), expect: all(401, 401) },
    { method: "GET", path: () => "/api/v1/imports", expect: all(401, 401) },
  ],
  // Exports of the lists: the same rows the list shows the viewer.
  "routes/_app.projects.export": [
    { method: "GET", path: () => "/projects/export?stage=lead&export=csv", expect: all(200) },
    { method: "GET", path: () => "/projects/export", expect: all(404) },
  ],
  "routes/_app.investors.export": [{ method: "GET", path: () => "/investors/export?export=xlsx", expect: all(200) }],
  "routes/_app.handoffs.export": [{ method: "GET", path: () => "/handoffs/export?box=incoming&export=csv", expect: { ...all(200), admin: 404 } }],
  "routes/_app.projects.$id_.activities.export": [
    {
      method: "GET",
      path: (w, s) => `${projectPath(w, s)}/activities/export?export=csv`,
      expect: {
        own: all(200),
        ownCompany: all(200),
        otherCompany: { ...all(200), staff: 404, manager: 404 },
        confidential: { ...all(200), staff: 404, admin: 404 },
        handedOver: all(200),
        otherZone: all(404),
      },
    },
  ],
};

export async function routeIdsOfBuild(): Promise<string[]> {
  const build = await import(path.resolve("build/index.js"));
  return Object.keys(build.routes);
}

export function outcomeOf(response: Response, baseUrl: string): Outcome {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location") ?? "";
    const target = location.startsWith(baseUrl) ? location.slice(baseUrl.length) : location;
    return `→${target.split("?redirectTo")[0].replace(/\?$/, "")}` as Outcome;
  }
  return response.status;
}

/** Each route module of the build and whether it has a loader and an action. */
export async function routeModulesOfBuild(): Promise<{ id: string; loader: boolean; action: boolean }[]> {
  const build = await import(path.resolve("build/index.js"));
  return Object.entries(build.routes as Record<string, { module: Record<string, unknown> }>).map(([id, route]) => ({
    id,
    loader: typeof route.module.loader === "function",
    action: typeof route.module.action === "function",
  }));
}

/** A check's cases: each scope it names (or none) with the expected outcome per role. */
export function casesOf(check: Check): [Scope | undefined, Record<Role, Outcome>][] {
  const scoped = !ROLES.every((r) => r === "zoneAdmin" || r === "provinceLeader" || r === "cityLeader" || r in check.expect);
  const leaders = (perRole: PerRole) => ({
    provinceLeader: perRole.provinceLeader ?? perRole.provinceAdmin,
    cityLeader: perRole.cityLeader ?? perRole.provinceAdmin,
  });
  // What an admin may do in the zone, the new zone's admin may do in theirs (paths naming the first zone's
  // records say 404 for it in their row).
  if (!scoped) {
    const perRole = check.expect as PerRole;
    return [[undefined, { ...perRole, zoneAdmin: perRole.zoneAdmin ?? perRole.admin, ...leaders(perRole) }]];
  }
  // Every scope names a record of the first zone (or of the factories' other zone): the new zone's admin finds
  // none of them — except where the router answers 405 before any loader runs, to everyone alike.
  return (Object.entries(check.expect) as [Scope, PerRole][]).map(([scope, perRole]) => [
    scope,
    { ...perRole, zoneAdmin: perRole.admin === 405 ? 405 : 404, ...leaders(perRole) },
  ]);
}

// ---- across zones (issue 20 item 2) ----

/** The roles every zone has; each of the world's zones (1, 2 and 3) has a user of each. */
export const ZONE_ROLES = ["staff", "manager", "leader", "admin"] as const;
export type ZoneRole = (typeof ZONE_ROLES)[number];

/** A refusal a row states: the route said no before (or instead of) reading the record. */
const isRefusal = (o: Outcome) => o === 401 || o === 403 || o === 404 || o === 405 || o === "→/login";

/**
 * What a user of one zone may get for a request naming another zone's records, derived from the row: for a path
 * per scope, exactly the row's `otherZone` outcome (or, for rows without one, the refusal every scope gives the
 * role, or 404); for any other row, what the role gets at home or 404 — and a post the form refuses (400) with
 * nothing written. Never a body carrying the other zone's data (the caller searches every body).
 */
export function crossZoneOutcomes(check: Check, scope: Scope | undefined, role: ZoneRole): Outcome[] {
  if (scope !== undefined) {
    const perScope = check.expect as Partial<Record<Scope, PerRole>>;
    if (perScope.otherZone) return [perScope.otherZone[role]];
    const outcomes = new Set(Object.values(perScope).map((perRole) => perRole![role]));
    const [only] = outcomes;
    return outcomes.size === 1 && isRefusal(only) ? [...new Set<Outcome>([only, 404])] : [404];
  }
  const perRole = check.expect as PerRole;
  const home = role === "admin" ? (perRole.zoneAdmin ?? perRole.admin) : perRole[role];
  // A post naming another zone's record may be sent back as invalid (e.g. an owner who is not of the zone).
  const invalid: Outcome[] = check.method === "POST" ? [400] : [];
  return [...new Set<Outcome>([home, 404, ...invalid])];
}

/**
 * The world as seen through another zone: every record a row's path may name (projects of each scope, their
 * evidence, investors, requests, handoffs, companies, users) is that zone's record of the same kind, so each row
 * of the table builds its request against that zone.
 */
export function worldOfZone(w: World, z: ZoneWorld): World {
  const scopes = Object.keys(w.records) as (keyof World["records"])[];
  const recordOf = (scope: string) => (scope === "confidential" ? z.records.confidential : z.records.project);
  return {
    ...w,
    zoneId: z.zoneId,
    companyA: { ...w.companyA, id: z.companies.a.id, name: z.companies.a.name },
    companyB: { ...w.companyB, id: z.companies.b.id, name: z.companies.b.name },
    newZone: { zoneId: z.zoneId, companyId: z.companies.a.id },
    users: { ...w.users, ownZone: z.userIds.staff },
    records: Object.fromEntries(scopes.map((s) => [s, recordOf(s)])) as World["records"],
    evidence: Object.fromEntries(scopes.map((s) => [s, s === "confidential" ? z.confidentialEvidence : z.evidence])) as World["evidence"],
    investors: { ownCompany: z.investor.id, otherCompany: z.investor.id, otherZone: z.investor.id },
    followedByB: { ...w.followedByB, id: z.investor.id, name: z.investor.name, uscc: z.investor.uscc },
    service: {
      ...w.service,
      requests: { own: z.serviceRequest, ownCompany: z.serviceRequest, otherCompany: z.serviceRequest },
    },
    handoffs: { ...w.handoffs, matrix: { incoming: z.handoff, outgoing: z.handoff, unrelated: z.handoff } },
    notification: z.notification,
    importRun: z.importRun,
    chains: { ownCluster: z.clusterId, otherCluster: z.otherClusterId },
    targets: { own: z.chainTarget, ownCompany: z.chainTarget, otherCompany: z.chainTarget },
    markers: z.markers,
  };
}

/** Routes whose forms are posted before there is a session, so they carry no token (the Origin check still applies). */
export const TOKENLESS_ROUTES = new Set(["routes/login", "routes/lang", "routes/rate.$token"]);

/** Every POST of the matrix: route, check, and each (scope, role) case with its expected outcome. */
export function postChecks(): { routeId: string; check: Check; index: number }[] {
  return Object.entries(MATRIX).flatMap(([routeId, checks]) =>
    checks.map((check, index) => ({ routeId, check, index })).filter(({ check }) => check.method === "POST"),
  );
}
