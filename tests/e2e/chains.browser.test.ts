// Industry chains in Chromium (issue 22 items 1–3): the 半导体 company's manager edits the chain, tags a project
// with a link, and the map shows the link go from 空白 through 薄弱 (in review) to 已有 (signed); the map and the
// overview fit 1440 and 390 px without sideways scrolling. PGlite only: the point is the pages, not the database.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clusters, companies, investorContacts, projects, users } from "../../db/schema";
import { completeUscc } from "../../app/lib/uscc";
import { launchBrowser, signInPage } from "../support/browser";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { createInvestor, createProject } from "../support/factories";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

function overflowOf(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

type ChainWorld = World & { bdt: { clusterId: number; projectId: number } };

describe("industry chains in Chromium (pglite)", () => {
  let server: TestServer<ChainWorld>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer("pglite", async (db) => {
        const world = await prepareWorld(db, { demoProjects: 20 });
        const [cluster] = await db
          .select({ id: clusters.id })
          .from(clusters)
          .where(and(eq(clusters.zoneId, world.zoneId), eq(clusters.name, "半导体")));
        const [company] = await db
          .select({ id: companies.id })
          .from(companies)
          .where(and(eq(companies.zoneId, world.zoneId), eq(companies.code, "bdt")));
        const [manager] = await db.select({ id: users.id }).from(users).where(eq(users.login, "bdt_mgr"));
        // A project in review, approved: the stage form can sign it.
        const investor = await createInvestor(db, { zoneId: world.zoneId, name: "晋芯功率半导体有限公司" });
        const [contact] = await db.insert(investorContacts).values({ investorId: investor.id, name: "钱工", title: "总经理" }).returning();
        const project = await createProject(db, {
          zoneId: world.zoneId,
          clusterId: cluster.id,
          companyId: company.id,
          ownerId: manager.id,
          investorId: investor.id,
          name: "车规级功率模块项目",
          stage: "evaluating",
          plannedInvestmentWan: "50000",
        });
        await db
          .update(projects)
          .set({
            investorContactId: contact.id,
            contactedOn: "2026-01-10",
            reviewOn: "2026-02-01",
            reviewOutcome: "approved",
            landMu: "80",
            annualOutputWan: "120000",
          })
          .where(eq(projects.id, project.id));
        return { ...world, bdt: { clusterId: cluster.id, projectId: project.id } };
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

  it("a manager edits the 半导体 chain, tags a project, and the map follows the project from 空白 to 已有 at signing", async () => {
    const page = await signInPage(browser, server.baseUrl, "bdt_mgr");
    const mapUrl = `${server.baseUrl}/chains/${server.data.bdt.clusterId}`;

    await page.getByRole("link", { name: "产业链", exact: true }).first().click();
    await page.getByRole("heading", { name: "产业链图谱" }).waitFor();
    expect(await page.getByTestId("empty-半导体").textContent()).toBe("8");
    await page.getByRole("link", { name: "半导体", exact: true }).click();
    await page.getByRole("heading", { name: "半导体 产业链" }).waitFor();
    await page.locator(".chain-diagram canvas").first().waitFor();
    expect(await strengthOf(page, "整机应用")).toBe("empty");
    expect(await page.getByText("签约及以后的项目有 3 个及以上").count()).toBe(1);
    await shoot(page, "chain-map-1440-empty");

    // The manager adds 功率模块 to the link's key products.
    await page.getByRole("link", { name: "编辑产业链" }).click();
    const editor = page.getByTestId("edit-整机应用");
    await editor.getByLabel("关键产品").fill("整机、逆变器、电控、功率模块");
    await Promise.all([page.waitForURL(/\/edit$/), editor.getByRole("button", { name: "保存环节" }).click()]);
    await page.getByText("已保存 半导体 产业链").waitFor();
    expect(await page.getByTestId("chain-version").textContent()).toContain("第 2 版");

    // The project form suggests that link from the project's name; the manager ticks it.
    await page.goto(`${server.baseUrl}/projects/${server.data.bdt.projectId}/edit`);
    const option = page.locator(".chain-link-options label", { hasText: "整机应用" });
    await option.getByText("建议").waitFor();
    expect(await page.locator(".chain-link-options label", { hasText: "芯片设计" }).getByText("建议").count()).toBe(0);
    await option.getByRole("checkbox").check();
    await Promise.all([page.waitForURL(/\/projects\/\d+$/), page.getByRole("button", { name: "保存", exact: true }).click()]);

    // A project in review on it: someone is working on the link, nothing signed yet — 薄弱.
    await page.goto(mapUrl);
    expect(await strengthOf(page, "整机应用")).toBe("weak");
    expect(await page.getByRole("row", { name: /^整机应用/ }).textContent()).toContain("50,000.00");

    // Signed: the signing fills the link — 已有.
    await page.goto(`${server.baseUrl}/projects/${server.data.bdt.projectId}/stage`);
    await page.getByLabel("协议编号").fill("JX-2026-088");
    await page.getByLabel("合同总投资(万元)").fill("52000");
    await Promise.all([page.waitForURL(/\/projects\/\d+$/), page.getByRole("button", { name: "确认推进", exact: true }).click()]);
    await page.getByText("项目已推进到「签约」").waitFor();
    await page.goto(mapUrl);
    expect(await strengthOf(page, "整机应用")).toBe("present");

    // Registered, a landed enterprise: still 已有 (one project signed or beyond).
    await page.goto(`${server.baseUrl}/projects/${server.data.bdt.projectId}/stage`);
    await page.getByLabel("项目公司", { exact: true }).fill("晋芯功率模块（山西）有限公司");
    await page.getByLabel("项目公司统一社会信用代码").fill(completeUscc("91140100MA0L77777"));
    await Promise.all([page.waitForURL(/\/projects\/\d+$/), page.getByRole("button", { name: "确认推进", exact: true }).click()]);
    await page.getByText("项目已推进到「注册落地」").waitFor();
    await page.goto(mapUrl);
    expect(await strengthOf(page, "整机应用")).toBe("present");
    await page.locator(".chain-diagram canvas").first().waitFor();
    await shoot(page, "chain-map-1440-present");

    // A link's projects; and the export says the same.
    await page.getByTestId("link-整机应用").click();
    await page.getByTestId("link-projects").getByRole("link", { name: "车规级功率模块项目" }).waitFor();
    const csv = await (await page.request.get(`${mapUrl}?export=csv`)).text(); // redirected to /export
    expect(csv).toMatch(/整机应用.*已有/);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);

    // The overview counts one empty link fewer.
    await page.goto(`${server.baseUrl}/chains`);
    expect(await page.getByTestId("empty-半导体").textContent()).toBe("7");
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);

    // At 390 px: the table is the view, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(mapUrl);
    expect(await page.locator(".chain-diagram-panel").isVisible()).toBe(false);
    expect(await page.getByTestId("link-整机应用").isVisible()).toBe(true);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await shoot(page, "chain-map-390");
    await page.goto(`${server.baseUrl}/chains`);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await page.goto(`${mapUrl}/edit`);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await shoot(page, "chain-edit-390");
    await page.context().close();
  });
});
