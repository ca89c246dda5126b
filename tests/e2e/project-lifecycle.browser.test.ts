// A staff member runs a project's whole life in Chromium, in Chinese: creation, activities, every stage gate,
// bad input, and a conflict with a colleague who saved first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { completeUscc } from "../../app/lib/uscc";
import { samplePdf, samplePng } from "../support/evidence";
import { launchBrowser, signInPage } from "../support/browser";
import { TEST_PASSWORD } from "../support/factories";
import { HttpSession } from "../support/server";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

async function submitAndWait(page: Page, button: string, urlPattern: RegExp) {
  await Promise.all([page.waitForURL(urlPattern), page.getByRole("button", { name: button, exact: true }).click()]);
}

describe.each(browserKinds())("a project's life in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;
  let projectUrl = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ demoProjects: 50 })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("creates a project, with clear messages for bad input", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.goto(`${server.baseUrl}/projects`);
    await page.getByRole("link", { name: "新建项目" }).click();
    await page.getByRole("heading", { name: "新建项目" }).waitFor();

    // In the browser: the same schema as the server, messages next to the fields.
    await page.getByLabel("计划总投资(万元)").fill("12.345");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("请输入数字，最多两位小数").waitFor();
    await page.getByText("必填").first().waitFor();
    expect(await page.getByLabel("项目名称").getAttribute("aria-invalid")).toBe("true");

    // On the server: an investor nobody registered.
    await page.getByLabel("项目名称").fill("晋阳碳纤维复合材料项目");
    await page.getByLabel("投资方").fill("从未登记过的有限公司");
    await page.getByLabel("产业集群").selectOption({ label: w.clusterName });
    await page.getByLabel("计划总投资(万元)").fill("30,000");
    await page.getByLabel("计划签约").fill("2099-01-01");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("未找到该投资方，请先登记投资方").waitFor();
    expect(await page.getByLabel("项目名称").inputValue()).toBe("晋阳碳纤维复合材料项目");

    await page.getByLabel("投资方").fill(w.lifecycleInvestor.name);
    await submitAndWait(page, "保存", /\/projects\/\d+$/);
    await page.getByText(/项目已创建：ZS-\d{4}-\d{5}/).waitFor();
    await page.getByRole("heading", { level: 1, name: "晋阳碳纤维复合材料项目" }).waitFor();
    projectUrl = page.url();
    await page.context().close();
  });

  it("logs a visit and a negotiation round, and moves through every gate to production", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.goto(projectUrl);

    // A stage needs its gate: contacted needs an activity first.
    await page.getByRole("link", { name: "项目操作" }).click();
    await submitAndWait(page, "确认推进", /\/stage$/);
    await page.getByText("进入「首次接洽」前需要至少一条跟进记录，请先记录跟进").waitFor();

    await page.goto(projectUrl);
    await page.getByRole("link", { name: "记录跟进" }).click();
    await page.getByLabel("类型").selectOption("visit");
    await page.getByLabel("内容摘要").fill("拜访晋阳新材料总部，介绍园区碳基新材料产业政策");
    await page.getByLabel("赵立新（投资总监）").check();
    await page.getByLabel("下一步行动").fill("安排来区考察");
    await page.getByLabel("下一步截止日期").fill("2099-01-10");
    await submitAndWait(page, "保存", /\/projects\/\d+$/);
    await page.getByText("跟进记录已保存").waitFor();

    await page.getByRole("link", { name: "记录跟进" }).click();
    await page.getByLabel("类型").selectOption("negotiation");
    await page.getByLabel("内容摘要").fill("第一轮洽谈：用地与电价");
    await page.getByLabel("土地", { exact: true }).fill("约120亩工业用地");
    await page.getByLabel("土地 状态").selectOption("agreed");
    await page.getByLabel("电价", { exact: true }).fill("参与电力市场化交易");
    await page.getByLabel("电价 状态").selectOption("open");
    await submitAndWait(page, "保存", /\/projects\/\d+$/);
    await page.getByText("约120亩工业用地（已议定）").waitFor();
    await page.getByText("参与电力市场化交易（待议）").waitFor();

    const forward = async (fill: () => Promise<void>) => {
      await page.goto(`${projectUrl}/stage`);
      await fill();
      await submitAndWait(page, "确认推进", /\/projects\/\d+$/);
    };
    await forward(async () => {});
    await page.getByText("项目已推进到「首次接洽」").waitFor();
    await forward(async () => {
      await page.getByLabel("对接人").selectOption({ label: "赵立新（投资总监）" });
    });
    await page.getByText("项目已推进到「洽谈」").waitFor();
    await forward(async () => {
      await page.getByLabel("用地(亩)").fill("120");
      await page.getByLabel("预计年产值(万元)").fill("80000");
    });
    await page.getByText("项目已推进到「会商评审」").waitFor();

    // Signing needs an approved review.
    await page.goto(`${projectUrl}/stage`);
    await page.getByLabel("协议编号").fill("JY-2026-018");
    await submitAndWait(page, "确认推进", /\/stage$/);
    await page.getByText("签约前需要会商评审结论为「通过」，请先记录项目会商并选择评审结论").waitFor();
    await page.goto(`${projectUrl}/activities/new`);
    await page.getByLabel("类型").selectOption("review_meeting");
    await page.getByLabel("内容摘要").fill("项目会商评审会");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("项目会商需要填写评审结论").waitFor();
    await page.getByLabel("评审结论（项目会商时填写）").selectOption("approved");
    await submitAndWait(page, "保存", /\/projects\/\d+$/);
    await forward(async () => {
      await page.getByLabel("协议编号").fill("JY-2026-018");
      await page.getByLabel("合同总投资(万元)").fill("31000");
    });
    await page.getByText("项目已推进到「签约」").waitFor();
    // The signed agreement as evidence of the signing milestone.
    await page.getByLabel("所属节点").selectOption("signed");
    await page.getByLabel("文件").setInputFiles({ name: "投资协议.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await submitAndWait(page, "上传", /\/projects\/\d+/);
    await page.getByText("已上传佐证材料：投资协议.pdf").waitFor();

    // A wrong credit code says which character is wrong.
    await page.goto(`${projectUrl}/stage`);
    await page.getByLabel("项目公司", { exact: true }).fill("晋阳新材料（山西）有限公司");
    const good = completeUscc("91140100MA0L23456");
    const wrongCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    await page.getByLabel("项目公司统一社会信用代码").fill(wrongCheck);
    await submitAndWait(page, "确认推进", /\/stage$/);
    await page.getByText(/统一社会信用代码校验位（第18位）应为/).waitFor();
    await page.getByLabel("项目公司统一社会信用代码").fill(good);
    await submitAndWait(page, "确认推进", /\/projects\/\d+$/);
    await page.getByText("项目已推进到「注册落地」").waitFor();

    // Signing made the checklist of approvals (issue 21): with required ones open, 开工 takes the manager's reason.
    await page.goto(`${projectUrl}/stage`);
    await submitAndWait(page, "确认推进", /\/stage$/);
    await page.getByText("开工前必须办结的审批事项尚未办结").first().waitFor();
    const manager = await signInPage(browser, server.baseUrl, w.logins.manager);
    await manager.goto(`${projectUrl}/stage`);
    await manager.getByLabel("越过理由（公司负责人，记入历史与审计）").fill("承诺制先行开工");
    await submitAndWait(manager, "确认推进", /\/projects\/\d+$/);
    await manager.getByText("项目已推进到「开工」").waitFor();
    await manager.context().close();
    await page.goto(projectUrl);
    await page.getByLabel("所属节点").selectOption("construction");
    await page.getByLabel("文件").setInputFiles({ name: "开工现场.png", mimeType: "image/png", buffer: samplePng() });
    await submitAndWait(page, "上传", /\/projects\/\d+/);
    await page.getByText("已上传佐证材料：开工现场.png").waitFor();
    await forward(async () => {});
    await page.getByText("项目已推进到「投产」").waitFor();

    // The history keeps every move, and the change history who did what.
    const history = await page.locator("section", { hasText: "阶段与状态记录" }).innerText();
    for (const stage of ["首次接洽", "洽谈", "会商评审", "签约", "注册落地", "开工", "投产"]) expect(history).toContain(stage);
    expect(await page.locator("section", { hasText: "修改记录" }).innerText()).toContain("推进阶段");
    await page.context().close();
  });

  it("meets a conflict when a colleague saved first, and keeps the input", async () => {
    const w = server.data;
    const staff = await signInPage(browser, server.baseUrl, w.logins.staff);
    const manager = await signInPage(browser, server.baseUrl, w.logins.manager);
    await staff.goto(`${projectUrl}/edit`);
    await manager.goto(`${projectUrl}/edit`);

    await manager.getByLabel("预计年税收(万元)").fill("2600");
    await submitAndWait(manager, "保存", /\/projects\/\d+$/);
    await manager.getByText("项目已保存").waitFor();

    await staff.getByLabel("就业人数").fill("450");
    await staff.getByLabel("预计年税收(万元)").fill("2400");
    await staff.getByRole("button", { name: "保存" }).click();
    await staff.getByText(/保存未成功：该项目已被 .+ 于 .+ 修改/).waitFor();
    const table = await staff.locator(".conflict table").innerText();
    expect(table).toContain("预计年税收(万元)");
    expect(table).toContain("2,600.00");
    expect(table).toContain("2,400.00");
    // The input is kept; saving again is a deliberate overwrite.
    expect(await staff.getByLabel("就业人数").inputValue()).toBe("450");
    await submitAndWait(staff, "保存", /\/projects\/\d+$/);
    await staff.getByText("项目已保存").waitFor();
    expect(await staff.locator("body").innerText()).toContain("450");
    await staff.context().close();
    await manager.context().close();
  });

  it("the company that follows an investor is told when another company opens a project for it", async () => {
    const w = server.data;
    const other = new HttpSession(server.baseUrl);
    await other.signIn(w.logins.otherCompanyStaff, TEST_PASSWORD);
    const csrf = await other.csrfToken();
    const otherCluster = "半导体";
    const body = { csrf, name: "晋阳新材料半导体封装材料项目", investorName: w.lifecycleInvestor.name, clusterId: "" };
    const clusters = await (await other.get("/projects/new")).text();
    body.clusterId = new RegExp(`<option value="(\\d+)">${otherCluster}</option>`).exec(clusters)![1];
    // First the other company is shown who follows the investor, then it confirms.
    const first = await other.request("POST", "/projects/new", body);
    expect(first.status).toBe(400);
    expect(await first.text()).toContain("该投资方已有以下公司在跟进");
    const confirmed = await other.request("POST", "/projects/new", { ...body, confirmedFollowers: "on" });
    expect(confirmed.status).toBe(302);

    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.getByRole("link", { name: "通知：1 条未读" }).click();
    await page.getByRole("heading", { name: "通知" }).waitFor();
    await Promise.all([
      page.waitForURL(/\/investors\/\d+$/),
      page.getByRole("button", { name: /为您跟进的投资方「晋阳新材料科技有限公司」新立了一个项目/ }).click(),
    ]);
    await page.getByRole("link", { name: "通知：0 条未读" }).waitFor();
    await page.context().close();
  });
});
