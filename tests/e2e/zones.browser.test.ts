// The province admin makes a zone in a real Chromium; that zone's admin signs in and keeps its companies (issue 20).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

describe.each(browserKinds())("zones in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, (db) => prepareWorld(db, { demoProjects: 20 })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the province admin creates a zone; its admin renames, retires and adds companies, then staffs one", async () => {
    const province = await signInPage(browser, server.baseUrl, "province_admin");
    expect(new URL(province.url()).pathname).toBe("/province/zones");
    // Its menu is the zones, nothing of a zone's.
    const menu = await province.locator("nav a").allTextContents();
    expect(menu).toContain("开发区管理");
    expect(menu).not.toContain("全部项目");
    // No zone records to search: no search box (its page would be a 404 for a province account).
    expect(await province.locator('input[type="search"]').count()).toBe(0);

    await province.getByRole("link", { name: "新建开发区" }).click();
    await province.getByRole("heading", { name: "新建开发区" }).waitFor();
    await province.getByLabel("代码", { exact: true }).fill("S-Z");
    await province.getByLabel("名称", { exact: true }).fill("朔");
    await province.getByRole("button", { name: "创建开发区" }).click();
    await province.getByText("代码为 2–16 位小写字母或数字").waitFor();
    expect(await province.getByText("名称为 2–40 个字").count()).toBe(1);
    expect(await province.getByText("密码长度应为10–128个字符").count()).toBe(1);
    expect(new URL(province.url()).pathname).toBe("/province/zones/new");

    await province.getByLabel("代码", { exact: true }).fill("szkfq");
    await province.getByLabel("名称", { exact: true }).fill("朔州经济开发区");
    await province.getByLabel("所属城市").selectOption({ label: "朔州" });
    await province.getByLabel("管理员初始密码").fill("Shuozhou-Zone-2026");
    await Promise.all([province.waitForURL(/\/province\/zones$/), province.getByRole("button", { name: "创建开发区" }).click()]);
    await province.getByText("已创建开发区「朔州经济开发区」，管理员账号 szkfq_admin").waitFor();
    const row = province.getByRole("row", { name: /朔州经济开发区/ });
    expect(await row.textContent()).toMatch(/szkfq.*朔州.*18.*1.*szkfq_admin/);
    // The province admin reads nothing inside a zone.
    const refused = await province.goto(`${server.baseUrl}/projects/${server.data.records.own.id}`);
    expect(refused?.status()).toBe(404);
    await province.context().close();

    const admin = await signInPage(browser, server.baseUrl, "szkfq_admin", "Shuozhou-Zone-2026");
    // The province chose that password: its admin replaces it first, then lands on the users page.
    expect(new URL(admin.url()).pathname).toBe("/account");
    await admin.getByTestId("must-change-password").waitFor();
    await admin.getByLabel("当前密码").fill("Shuozhou-Zone-2026");
    await admin.getByLabel("新密码").fill("Shuozhou-Own-Choice-2026");
    await Promise.all([admin.waitForURL(/\/account$/), admin.getByRole("button", { name: "修改密码" }).click()]);
    await admin.getByText("密码已修改").waitFor();
    await admin.goto(`${server.baseUrl}/`);
    expect(new URL(admin.url()).pathname).toBe("/admin/users");
    await admin.getByRole("link", { name: "公司管理" }).first().click();
    await admin.getByRole("heading", { name: "公司管理" }).waitFor();
    expect(await admin.getByRole("row").count()).toBe(1 + 18);

    await admin.getByRole("link", { name: "编辑 光伏产业招商服务公司" }).click();
    await admin.getByLabel("公司名称").fill("光伏新能源产业招商服务公司");
    await admin.getByLabel("简称").fill("光伏新能源");
    await Promise.all([admin.waitForURL(/\/admin\/companies$/), admin.getByRole("button", { name: "保存" }).click()]);
    await admin.getByText("已保存「光伏新能源产业招商服务公司」").waitFor();

    await admin.getByRole("link", { name: "编辑 煤机智能制造产业招商服务公司" }).click();
    await admin.getByLabel("在用").uncheck();
    await Promise.all([admin.waitForURL(/\/admin\/companies$/), admin.getByRole("button", { name: "保存" }).click()]);
    expect(await admin.getByRole("row", { name: /煤机智能制造产业招商服务公司/ }).textContent()).toContain("已停用");
    expect(await admin.getByRole("row", { name: /光伏新能源产业招商服务公司/ }).textContent()).toContain("在用");

    // A new company takes over the retired one's cluster; then the admin staffs it with a manager, and the user
    // form offers no retired company.
    await admin.getByRole("link", { name: "新增公司" }).click();
    await admin.getByLabel("公司名称").fill("智能矿山装备产业招商服务公司");
    await admin.getByLabel("简称").fill("智能矿山");
    await admin.getByLabel("代码").fill("znks");
    await admin.getByLabel("产业链").selectOption({ label: "煤机智能制造装备" });
    await Promise.all([admin.waitForURL(/\/admin\/companies$/), admin.getByRole("button", { name: "新增公司" }).click()]);
    await admin.getByText("已新增「智能矿山装备产业招商服务公司」").waitFor();
    expect(await admin.getByRole("row").count()).toBe(1 + 19);

    await admin.getByRole("link", { name: "用户管理" }).first().click();
    await admin.getByRole("link", { name: "新建用户" }).click();
    await admin.getByRole("heading", { name: "新建用户" }).waitFor();
    const offered = await admin.getByLabel("所属公司").locator("option").allTextContents();
    expect(offered).toContain("智能矿山装备产业招商服务公司");
    expect(offered).toContain("光伏新能源产业招商服务公司");
    expect(offered).not.toContain("煤机智能制造产业招商服务公司");
    expect(offered).not.toContain("光伏产业招商服务公司");
    await admin.getByLabel("用户名").fill("sz_zn_mgr");
    await admin.getByLabel("姓名").fill("朔州智能矿山负责人");
    await admin.getByLabel("角色").selectOption({ label: "公司负责人" });
    await admin.getByLabel("所属公司").selectOption({ label: "智能矿山装备产业招商服务公司" });
    await admin.getByLabel("初始密码").fill("Shuozhou-Zn-Given-2026");
    await Promise.all([admin.waitForURL(/\/admin\/users$/), admin.getByRole("button", { name: "保存" }).click()]);
    await admin.getByText("用户已创建：sz_zn_mgr").waitFor();
    await admin.context().close();

    // The new manager replaces the given password and works in the new zone's company only.
    const manager = new HttpSession(server.baseUrl);
    await manager.signIn("sz_zn_mgr", "Shuozhou-Zn-Given-2026");
    const csrf = await manager.csrfToken();
    const changed = await manager.request("POST", "/account", {
      csrf,
      intent: "password",
      current: "Shuozhou-Zn-Given-2026",
      password: "Shuozhou-Zn-Own-2026",
    });
    expect(changed.status).toBe(302);
    const pipeline = await manager.get("/pipeline");
    expect(pipeline.status).toBe(200);
    expect(await pipeline.text()).toContain("智能矿山");
    expect((await manager.get(`/projects/${server.data.records.own.id}`)).status).toBe(404);

    // The first zone's companies were not touched, and its admin still finds only its own.
    const first = new HttpSession(server.baseUrl);
    await first.signIn("admin", "Test-Password-2026");
    const html = await (await first.get("/admin/companies")).text();
    expect(html).toContain("光伏产业招商服务公司");
    expect(html).not.toContain("光伏新能源产业招商服务公司");
  });

  it("the province admin makes a city leader, who sets a second factor and a password of their own first, then moves them to another city", async () => {
    const province = await signInPage(browser, server.baseUrl, "province_admin");
    await province.getByRole("link", { name: "省市领导账号" }).click();
    await province.getByRole("link", { name: "新建账号" }).click();
    await province.getByLabel("姓名").fill("大同市领导");
    await province.getByLabel("登录名").fill("dt_leader");
    await province.getByLabel("角色").selectOption({ label: "市级领导" });
    await province.getByLabel("初始密码").fill("Datong-Leader-2026");
    await province.getByRole("button", { name: "创建账号" }).click();
    // A city leader needs a city: said next to the field, nothing made.
    await province.getByText("市级领导必须选择所属城市").waitFor();
    await province.getByLabel("所属城市").selectOption({ label: "大同" });
    await Promise.all([province.waitForURL(/\/province\/accounts$/), province.getByRole("button", { name: "创建账号" }).click()]);
    await province.getByText("已创建账号 dt_leader（大同市领导）").waitFor();
    expect(await province.getByRole("row", { name: /大同市领导/ }).textContent()).toMatch(/dt_leader.*市级领导.*大同.*待改初始密码/);
    await province.context().close();

    const leader = await signInPage(browser, server.baseUrl, "dt_leader", "Datong-Leader-2026");
    // Second factor set (signInPage enrols it); the chosen password is replaced before anything else.
    await leader.goto(`${server.baseUrl}/province/accounts`);
    expect(new URL(leader.url()).pathname).toBe("/account");
    await leader.getByLabel("当前密码").fill("Datong-Leader-2026");
    await leader.getByLabel("新密码", { exact: true }).fill("Datong-Own-Choice-2026");
    await Promise.all([leader.waitForURL(/\/account$/), leader.getByRole("button", { name: "修改密码" }).click()]);
    await leader.getByText("密码已修改").waitFor();
    // A province leader's menu is the province; the province admin's pages are not theirs.
    expect(await leader.locator("nav a").allTextContents()).toContain("全省概览");
    const refused = await leader.goto(`${server.baseUrl}/province/accounts`);
    expect(refused?.status()).toBe(404);

    // Moved to another city (交流任职) by the province admin: the leader's session ends at once.
    const mover = await signInPage(browser, server.baseUrl, "province_admin");
    await mover.goto(`${server.baseUrl}/province/accounts`);
    await mover.getByRole("link", { name: "编辑 大同市领导" }).click();
    await mover.getByLabel("所属城市").selectOption({ label: "太原" });
    await mover.getByRole("button", { name: "保存" }).click();
    await mover.getByText("账号已保存").waitFor();
    await mover.goto(`${server.baseUrl}/province/accounts`);
    expect(await mover.getByRole("row", { name: /大同市领导/ }).textContent()).toMatch(/dt_leader.*市级领导.*太原/);
    await mover.context().close();
    await leader.goto(`${server.baseUrl}/province`);
    expect(new URL(leader.url()).pathname).toBe("/login");
    await leader.context().close();
  });
});
