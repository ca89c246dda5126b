// After an admin resets a password (issue 19 item 9), or creates the user with a password of the admin's choosing,
// the user reaches nothing but the account page's change-password form until they have changed it: every page and every other form (posted without JavaScript)
// sends them there, the new password must differ from the one the admin gave, and then everything opens again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/db";
import { TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const GIVEN = "Reset-By-Admin-2026";
const CHOSEN = "My-Own-Choice-2026";

describe.each(databaseKinds())("a password reset by an admin must be changed first (%s)", (kind) => {
  let server: TestServer<World>;
  beforeAll(async () => {
    server = await startTestServer(kind, worldTemplate({ demoProjects: 20, files: true }));
  });
  afterAll(() => server?.stop());

  const csrfOf = async (session: HttpSession, path: string) => {
    const html = await (await session.get(path)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!csrf) throw new Error(`no form on ${path}`);
    return csrf;
  };
  const locationOf = (response: Response) => (response.headers.get("location") ?? "").replace(server.baseUrl, "");

  it("reset → sign in → every page leads to the change-password form → changed → free", async () => {
    const w = server.data;
    const admin = new HttpSession(server.baseUrl);
    await admin.signIn(w.logins.admin, TEST_PASSWORD);
    const reset = await admin.request("POST", `/admin/users/${w.users.ownZone}`, {
      csrf: await csrfOf(admin, `/admin/users/${w.users.ownZone}`),
      intent: "reset",
      password: GIVEN,
    });
    expect(reset.status).toBe(302);

    const user = new HttpSession(server.baseUrl);
    await user.signIn(w.logins.colleague, GIVEN);
    const pages = [
      "/my",
      "/projects",
      "/projects/new",
      `/projects/${w.records.ownCompany.id}`,
      "/projects/export?export=csv",
      "/investors",
      "/pipeline",
      "/pipeline/funnel",
      "/handoffs",
      "/service-requests",
      "/notifications",
      "/account/mfa",
      "/projects.data",
    ];
    for (const page of pages) {
      const response = await user.get(page);
      // A client-side navigation's data request (single fetch) gets its redirect as a 202 that the browser follows.
      expect([page, response.status, locationOf(response)]).toEqual([page, page.endsWith(".data") ? 202 : 302, "/account"]);
    }
    const account = await user.get("/account");
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain("您的密码是管理员设置的");
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];

    // Another form, posted as a browser without JavaScript would: refused, nothing written.
    const other = await user.request("POST", "/projects/new", { csrf, intent: "create", name: "不该保存的项目", investorName: "某投资方" });
    expect([other.status, locationOf(other)]).toEqual([302, "/account"]);
    const devices = await user.request("POST", "/account", { csrf, intent: "revoke-devices" });
    expect(devices.status).toBe(403);
    expect(await devices.text()).toContain("请先修改密码，再进行其他操作。");

    // The password the admin gave is not a new one.
    const same = await user.request("POST", "/account", { csrf, intent: "password", current: GIVEN, password: GIVEN });
    expect(same.status).toBe(400);
    expect(await same.text()).toContain("新密码不能与当前密码相同");
    expect(locationOf(await user.get("/projects"))).toBe("/account");

    const changed = await user.request("POST", "/account", { csrf, intent: "password", current: GIVEN, password: CHOSEN });
    expect([changed.status, locationOf(changed)]).toEqual([302, "/account"]);
    for (const page of pages.filter((p) => p !== "/account/mfa")) {
      const response = await user.get(page);
      expect([page, response.status]).toEqual([page, 200]);
    }
    expect(await (await user.get("/projects")).text()).not.toContain("不该保存的项目");
    expect(await (await user.get("/account")).text()).not.toContain("您的密码是管理员设置的");

    // Signing in again later asks for nothing more.
    const later = new HttpSession(server.baseUrl);
    await later.signIn(w.logins.colleague, CHOSEN);
    expect((await later.get("/my")).status).toBe(200);
  });

  it("a user the admin creates changes the first password before anything else; then every page opens", async () => {
    const w = server.data;
    const admin = new HttpSession(server.baseUrl);
    await admin.signIn(w.logins.admin, TEST_PASSWORD);
    const created = await admin.request("POST", "/admin/users/new", {
      csrf: await csrfOf(admin, "/admin/users/new"),
      intent: "create",
      login: "first_pw",
      displayName: "赵新",
      role: "staff",
      companyId: String(w.companyA.id),
      password: GIVEN,
    });
    expect([created.status, locationOf(created)]).toEqual([302, "/admin/users"]);

    const user = new HttpSession(server.baseUrl);
    await user.signIn("first_pw", GIVEN);
    for (const page of ["/my", "/projects", "/investors/new"]) {
      const response = await user.get(page);
      expect([page, response.status, locationOf(response)]).toEqual([page, 302, "/account"]);
    }
    const html = await (await user.get("/account")).text();
    expect(html).toContain("您的密码是管理员设置的（新建账号或重置密码）");
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    const changed = await user.request("POST", "/account", { csrf, intent: "password", current: GIVEN, password: CHOSEN });
    expect([changed.status, locationOf(changed)]).toEqual([302, "/account"]);
    expect((await user.get("/my")).status).toBe(200);
    expect((await user.get("/projects")).status).toBe(200);
  });
});
