// An administrator manages users in a real Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { HttpSession } from "../support/server";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

describe.each(browserKinds())("user administration in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ demoProjects: 50 })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("bad input gets Chinese messages next to the fields; a valid user is created and can sign in", async () => {
    const page = await signInPage(browser, server.baseUrl, "admin");
    await page.getByRole("link", { name: "新建用户" }).click();
    await page.getByRole("heading", { name: "新建用户" }).waitFor();

    await page.getByLabel("用户名").fill("A");
    await page.getByLabel("初始密码").fill("short");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("用户名为3–32位小写字母、数字、下划线或点").waitFor();
    expect(await page.getByText("密码长度应为10–128个字符").count()).toBe(1);
    expect(await page.getByText("招商专员和公司负责人必须属于一家公司").count()).toBe(1);
    expect(await page.getByLabel("用户名").getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).pathname).toBe("/admin/users/new");

    await page.getByLabel("用户名").fill("new_staff");
    await page.getByLabel("姓名").fill("李新");
    await page.getByLabel("所属公司").selectOption({ label: server.data.companyA.name });
    await page.getByLabel("初始密码").fill("a-long-enough-password");
    await Promise.all([page.waitForURL(/\/admin\/users$/), page.getByRole("button", { name: "保存" }).click()]);
    await page.getByText("用户已创建：new_staff").waitFor();
    expect(await page.getByRole("cell", { name: "new_staff" }).count()).toBe(1);

    const newcomer = new HttpSession(server.baseUrl);
    await newcomer.signIn("new_staff", "a-long-enough-password");
    // The admin chose that password: the newcomer replaces it before anything else (forced-password-change.test.ts).
    const first = await newcomer.get("/projects");
    expect([first.status, first.headers.get("location")?.replace(server.baseUrl, "")]).toEqual([302, "/account"]);
    await page.context().close();
  });

  it("the server refuses the same bad input without JavaScript, and a taken login", async () => {
    const admin = new HttpSession(server.baseUrl);
    await admin.signIn("admin", "Test-Password-2026");
    const csrf = await admin.csrfToken();
    const short = await admin.request("POST", "/admin/users/new", {
      csrf,
      intent: "create",
      login: "ok_login",
      displayName: "张三",
      role: "leader",
      password: "short",
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("密码长度应为10–128个字符");
    const taken = await admin.request("POST", "/admin/users/new", {
      csrf,
      intent: "create",
      login: "leader",
      displayName: "张三",
      role: "leader",
      password: "a-long-enough-password",
    });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("该用户名已被使用");
  });

  it("disabling a user ends their session at once", async () => {
    const w = server.data;
    const victim = new HttpSession(server.baseUrl);
    await victim.signIn(w.logins.manager, "Test-Password-2026");
    expect((await victim.get("/projects")).status).toBe(200);

    const page = await signInPage(browser, server.baseUrl, "admin");
    await page.getByRole("cell", { name: w.logins.manager, exact: true }).waitFor();
    await page
      .getByRole("row", { name: new RegExp(w.logins.manager) })
      .getByRole("link", { name: "编辑" })
      .click();
    await page.getByRole("button", { name: "停用" }).click();
    await page.getByText("用户已停用，其登录会话已结束").waitFor();

    const after = await victim.get("/projects");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toContain("/login");
    await page.context().close();
  });

  it("moving a staff member to another company makes the admin reassign their open projects first", async () => {
    const w = server.data;
    const colleague = new HttpSession(server.baseUrl);
    await colleague.signIn(w.logins.colleague, "Test-Password-2026");
    expect((await colleague.get(`/projects/${w.records.confidential.id}`)).status).toBe(200);

    const page = await signInPage(browser, server.baseUrl, "admin");
    await page.goto(`${server.baseUrl}/admin/users/${w.users.ownZone}`);
    const projects = page.getByRole("group", { name: /在办项目/ });
    await projects.getByRole("link", { name: w.records.confidential.name }).waitFor();
    expect(await projects.getByRole("link", { name: w.records.ownCompany.name }).count()).toBe(1);

    // The move alone is refused with a message; nothing changes.
    await page.getByLabel("所属公司").selectOption({ label: w.companyB.name });
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("alert").filter({ hasText: "调动前须为每个项目指定原公司的新负责人" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/users/${w.users.ownZone}`);
    expect((await colleague.get(`/projects/${w.records.confidential.id}`)).status).toBe(200);

    // A new owner of the old company for every open project, then the move goes through.
    await page.getByLabel("所属公司").selectOption({ label: w.companyB.name });
    const pickers = projects.getByRole("combobox");
    const n = await pickers.count();
    expect(n).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < n; i++) {
      const value = await pickers
        .nth(i)
        .locator("option", { hasText: `（${w.logins.staff}）` })
        .getAttribute("value");
      await pickers.nth(i).selectOption(value!);
    }
    await Promise.all([page.waitForURL(`**/admin/users/${w.users.ownZone}`), page.getByRole("button", { name: "保存" }).click()]);
    await page.getByText("已保存").waitFor();
    expect(await page.getByRole("group", { name: /在办项目/ }).count()).toBe(0);
    await page.context().close();

    // The moved user was signed out and, signed in again, reaches none of the old company's projects.
    const moved = new HttpSession(server.baseUrl);
    await moved.signIn(w.logins.colleague, "Test-Password-2026");
    for (const scope of ["ownCompany", "confidential"] as const) {
      expect((await moved.get(`/projects/${w.records[scope].id}`)).status, scope).toBe(404);
      expect((await moved.get(`/projects/${w.records[scope].id}/edit`)).status, scope).toBe(404);
    }
    // The new owner was told.
    const owner = new HttpSession(server.baseUrl);
    await owner.signIn(w.logins.staff, "Test-Password-2026");
    const notices = await (await owner.get("/notifications")).text();
    expect(notices).toContain(`项目「${w.records.confidential.name}」已改派给您负责`);
  });
});
