// The target list in Chromium (issue 22 item 4): the 半导体 company's manager adds a target on an empty link and
// assigns it; the staff member contacts it and it becomes a project on that link; once negotiating, the chain map
// shows the link with pipeline. The pages fit 1440 and 390 px without sideways scrolling.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clusters, users } from "../../db/schema";
import { completeUscc } from "../../app/lib/uscc";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

function overflowOf(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

type TargetWorld = World & { bdt: { clusterId: number; staffId: number; staffName: string } };

describe.each(browserKinds())("the target list in Chromium (%s)", (kind) => {
  let server: TestServer<TargetWorld>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(kind, async (db) => {
        const world = await prepareWorld(db, { demoProjects: 20 });
        const [cluster] = await db
          .select({ id: clusters.id })
          .from(clusters)
          .where(and(eq(clusters.zoneId, world.zoneId), eq(clusters.name, "半导体")));
        const [staff] = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.login, "bdt_s1"));
        return { ...world, bdt: { clusterId: cluster.id, staffId: staff.id, staffName: staff.name } };
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const strengthOf = (page: Page, link: string) =>
    page
      .getByRole("row", { name: new RegExp(`^${link}`) })
      .locator("[data-strength]")
      .first()
      .getAttribute("data-strength");

  it("a manager adds a target on an empty link of 半导体, staff contact it, and it becomes a project the map counts", async () => {
    const mapUrl = `${server.baseUrl}/chains/${server.data.bdt.clusterId}`;
    const manager = await signInPage(browser, server.baseUrl, "bdt_mgr");
    await manager.goto(mapUrl);
    expect(await strengthOf(manager, "封装测试")).toBe("empty");

    // The list's coverage names 封装测试 as an empty link without a target; the manager adds one there.
    await Promise.all([manager.waitForURL(/\/chain-targets/), manager.getByRole("link", { name: "招商目标库", exact: true }).click()]);
    await manager.getByRole("heading", { name: "招商目标库", exact: true }).waitFor();
    const uncovered = manager.getByTestId("uncovered-半导体");
    expect(await uncovered.textContent()).toContain("封装测试");
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await shoot(manager, "targets-1440-before");
    await manager.getByTestId("add-on-封装测试").click();
    await manager.getByRole("heading", { name: "添加目标企业" }).waitFor();
    expect(await manager.getByLabel("环节").inputValue()).not.toBe("");
    await manager.getByLabel("企业名称").fill("长电封测科技股份有限公司");
    // A wrong check character is refused next to the field before anything is sent.
    const uscc = completeUscc("91320200MA1TARGT1");
    await manager.getByLabel("统一社会信用代码（如已知）").fill(uscc.slice(0, 17) + (uscc[17] === "1" ? "2" : "1"));
    await manager.getByLabel("总部所在城市").fill("无锡");
    await manager.getByLabel("负责人").selectOption(String(server.data.bdt.staffId));
    await manager.getByLabel("计划首次接洽").fill("2026-12-20");
    await manager.getByRole("button", { name: "保存" }).click();
    await manager.getByText("校验位").first().waitFor();
    await manager.getByLabel("统一社会信用代码（如已知）").fill(uscc);
    await Promise.all([manager.waitForURL(/\/chain-targets\/\d+$/), manager.getByRole("button", { name: "保存" }).click()]);
    await manager.getByText("已添加目标企业“长电封测科技股份有限公司”").waitFor();
    expect(await manager.getByTestId("target-facts").textContent()).toContain(server.data.bdt.staffName);
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await shoot(manager, "target-1440-manager");
    await manager.goto(`${server.baseUrl}/chain-targets`);
    expect(await manager.getByTestId("uncovered-半导体").textContent()).not.toContain("封装测试");
    await manager.context().close();

    // The staff member sees the target assigned to them and records the first contact: it becomes a project.
    const staff = await signInPage(browser, server.baseUrl, "bdt_s1");
    await staff.goto(`${server.baseUrl}/chain-targets`);
    await staff.getByRole("link", { name: "长电封测科技股份有限公司" }).click();
    await staff.getByRole("heading", { name: "首次接洽" }).waitFor();
    expect(await staff.getByTestId("edit-form").count()).toBe(0); // staff do not edit or reassign
    await shoot(staff, "target-contact-1440");
    await staff.getByLabel("接洽日期").fill("2026-12-01");
    await staff.getByLabel("接洽情况").fill("上门拜访，对方有意在区内设立先进封装基地");
    await staff.getByLabel("对方联系人").fill("周总");
    await staff.getByLabel("联系人职务").fill("副总经理");
    await Promise.all([staff.waitForURL(/\/projects\/\d+$/), staff.getByRole("button", { name: "已接洽，转为项目" }).click()]);
    await staff.getByText(/已转为项目/).waitFor();
    expect(await staff.getByTestId("from-target").textContent()).toContain("封装测试");
    expect(await staff.getByTestId("from-target").textContent()).toContain("发现人");
    expect(await staff.locator(".badge.stage-contacted").count()).toBeGreaterThan(0);
    const projectUrl = staff.url();

    // Negotiating: the link has a pipeline on the map (薄弱: someone is on it, nothing signed yet).
    await staff.goto(`${projectUrl}/stage`);
    await staff.getByLabel("计划总投资(万元)").fill("30000");
    await Promise.all([staff.waitForURL(/\/projects\/\d+$/), staff.getByRole("button", { name: "确认推进", exact: true }).click()]);
    await staff.getByText("项目已推进到「洽谈」").waitFor();
    await staff.goto(mapUrl);
    expect(await strengthOf(staff, "封装测试")).toBe("weak");
    expect(await staff.getByRole("row", { name: /^封装测试/ }).textContent()).toContain("30,000.00");
    await staff.getByTestId("link-封装测试").click();
    await staff
      .getByTestId("link-projects")
      .getByRole("link", { name: /长电封测科技股份有限公司/ })
      .waitFor();

    // The list: the target is contacted; the export has it with its project.
    await staff.goto(`${server.baseUrl}/chain-targets?state=contacted`);
    expect(await staff.getByTestId("target-table").textContent()).toContain("长电封测科技股份有限公司");
    const csv = await (await staff.request.get(`${server.baseUrl}/chain-targets?export=csv&state=all`)).text();
    expect(csv).toMatch(/长电封测科技股份有限公司.*已接洽/);

    // At 390 px nothing scrolls sideways.
    await staff.setViewportSize({ width: 390, height: 844 });
    await staff.goto(`${server.baseUrl}/chain-targets?state=all`);
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);
    await shoot(staff, "targets-390");
    await staff.getByRole("link", { name: "长电封测科技股份有限公司" }).first().click();
    await staff.getByTestId("target-project").waitFor();
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);
    await shoot(staff, "target-390");
    await staff.context().close();
  });

  it("the add and contact forms fit a phone", async () => {
    const manager = await signInPage(browser, server.baseUrl, "bdt_mgr");
    await manager.setViewportSize({ width: 390, height: 844 });
    await manager.goto(`${server.baseUrl}/chain-targets/new`);
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await shoot(manager, "target-new-390");
    await manager.goto(`${server.baseUrl}/chain-targets`);
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await shoot(manager, "targets-manager-390");
    await manager.context().close();
  });
});
