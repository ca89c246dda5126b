// Leadership on the chains (issue 22 item 5) in Chromium: the chain overview names, per cluster and its company, the
// links filled this year; a project's page shows its links as cluster › link › sub-link and opens the map at the
// link; the scorecard lists 补链项目数 and says what it counts. At 1440 and 390 px nothing scrolls sideways.
// PGlite only (decision 026): the figures themselves are tested on both kinds in tests/integration/chain-fills.test.ts.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { chainLinks, clusters, companies, industryChains, users } from "../../db/schema";
import { todayInZone } from "../../app/lib/dates";
import { setProjectLinks } from "../../app/modules/chains/chains.server";
import { launchBrowser, signInPage } from "../support/browser";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { createProject } from "../support/factories";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

type LeadWorld = World & { bdt: { clusterId: number; projectId: number; subLinkId: number } };

describe("chains for leadership in Chromium (pglite)", () => {
  let server: TestServer<LeadWorld>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer("pglite", async (db) => {
        const world = await prepareWorld(db, { demoProjects: 0 });
        const [cluster] = await db
          .select({ id: clusters.id })
          .from(clusters)
          .where(and(eq(clusters.zoneId, world.zoneId), eq(clusters.name, "半导体")));
        const [company] = await db
          .select({ id: companies.id })
          .from(companies)
          .where(and(eq(companies.zoneId, world.zoneId), eq(companies.code, "bdt")));
        const [manager] = await db.select({ id: users.id }).from(users).where(eq(users.login, "bdt_mgr"));
        const links = await db
          .select({ id: chainLinks.id, name: chainLinks.name })
          .from(chainLinks)
          .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
          .where(and(eq(industryChains.clusterId, cluster.id), inArray(chainLinks.name, ["电子特气", "芯片制造"])));
        const linkId = (name: string) => links.find((l) => l.name === name)!.id;
        const tagged = async (name: string, signedOn: string, link: string) => {
          const p = await createProject(db, {
            zoneId: world.zoneId,
            clusterId: cluster.id,
            companyId: company.id,
            ownerId: manager.id,
            name,
            stage: "signed",
            contractedInvestmentWan: "30000",
            signedOn,
          });
          await setProjectLinks(db, { id: p.id, zoneId: world.zoneId, clusterId: cluster.id }, [linkId(link)]);
          return p;
        };
        // Signed today on the sub-link 电子特气: it fills the sub-link and its empty parent 超纯材料 this year.
        const project = await tagged("高纯三氟化氮项目", todayInZone(), "电子特气");
        // Signed last year on 芯片制造: filled, but not this year.
        await tagged("功率器件晶圆线项目", `${Number(todayInZone().slice(0, 4)) - 1}-06-01`, "芯片制造");
        return { ...world, bdt: { clusterId: cluster.id, projectId: project.id, subLinkId: linkId("电子特气") } };
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a leader sees each company's empty links and the links filled this year, on a desk and a phone", async () => {
    const page = await signInPage(browser, server.baseUrl, "leader");
    await page.goto(`${server.baseUrl}/chains`);
    await page.getByRole("heading", { name: "产业链图谱" }).waitFor();
    const year = todayInZone().slice(0, 4);
    expect(await page.getByRole("columnheader", { name: `${year}年补链`, exact: true }).count()).toBe(1);
    expect(await page.getByTestId("filled-半导体").textContent()).toBe("2");
    const row = page.getByRole("row", { name: /^半导体/ });
    expect(await row.textContent()).toContain("超纯材料、电子特气");
    expect(await row.textContent()).not.toContain("芯片制造");
    expect(await page.getByTestId("filled-光伏").textContent()).toBe("0");
    // 8 links, of which 超纯材料, 电子特气 and 芯片制造 are filled now: 5 empty.
    expect(await page.getByTestId("empty-半导体").textContent()).toBe("5");
    await page.getByText("年初时尚无签约项目").waitFor();
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await shoot(page, "chains-leadership-1440");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await shoot(page, "chains-leadership-390");

    // The scorecard offers the measure, weighted 0 until leaders choose, and says what it counts.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.baseUrl}/reports/scorecard`);
    await page.getByText("补链项目数：本期签约").waitFor();
    expect(await page.getByText("补链项目数", { exact: true }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("the project page shows its chain links and opens the map at the link, on a desk and a phone", async () => {
    const page = await signInPage(browser, server.baseUrl, "bdt_mgr");
    await page.goto(`${server.baseUrl}/projects/${server.data.bdt.projectId}`);
    const paths = page.getByTestId("chain-paths");
    expect((await paths.textContent())?.replace(/\s+/g, "")).toBe("半导体›超纯材料›电子特气");
    await shoot(page, "project-chain-links-1440");
    await Promise.all([page.waitForURL(/\/chains\/\d+\?link=\d+/), paths.getByRole("link", { name: "电子特气" }).click()]);
    expect(new URL(page.url()).searchParams.get("link")).toBe(String(server.data.bdt.subLinkId));
    await page.getByTestId("link-projects").getByRole("link", { name: "高纯三氟化氮项目" }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/projects/${server.data.bdt.projectId}`);
    await page.getByTestId("chain-paths").waitFor();
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await shoot(page, "project-chain-links-390");
    await page.context().close();
  });
});
