// 四比四看 between zones in Chromium (issue 20 item 3): a province leader sets the weights and reads the ranking at
// 1440 and 390 px; a city leader reads their city's zones only and may not weigh. PGlite only: the point is the
// page, the figures are checked against the database in tests/integration/zone-ranking.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import type { Database } from "../../db/index";
import { cities, clusters, companies, users, zones } from "../../db/schema";
import { ensureProvinceZone } from "../../app/modules/zones/zones.server";
import { launchBrowser, signInPage } from "../support/browser";
import { createProject, createReferenceZone, createUser, TEST_PASSWORD, testPasswordHash } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";

const Q2 = "from=2026-04-01&to=2026-06-30";

/** Three zones in two cities (the integration test's, without the requests) and the two leaders. */
async function prepare(db: Database) {
  const ref = await createReferenceZone(db); // 太原
  const refCompany = ref.companies.find((c) => c.kind === "attraction")!;
  const zone = async (code: string, name: string, city: string) => {
    const [c] = await db.select({ id: cities.id }).from(cities).where(eq(cities.name, city));
    const [z] = await db.insert(zones).values({ code, name, cityId: c.id }).returning();
    const [cluster] = await db.insert(clusters).values({ zoneId: z.id, name: "半导体" }).returning();
    const [company] = await db
      .insert(companies)
      .values({ zoneId: z.id, name: `${name}半导体公司`, shortName: "半导体", kind: "attraction", clusterId: cluster.id })
      .returning();
    return { zoneId: z.id, clusterId: cluster.id, companyId: company.id };
  };
  const A = { zoneId: ref.zoneId, clusterId: refCompany.clusterId!, companyId: refCompany.id };
  const B = await zone("tyb", "太原乙开发区", "太原");
  const C = await zone("dtc", "大同丙开发区", "大同");
  const owner = async (z: typeof A) => (await createUser(db, { zoneId: z.zoneId, companyId: z.companyId, role: "manager" })).id;
  const project = async (z: typeof A, p: Omit<Parameters<typeof createProject>[1], "zoneId" | "companyId" | "clusterId" | "ownerId">) =>
    createProject(db, { zoneId: z.zoneId, companyId: z.companyId, clusterId: z.clusterId, ownerId: await owner(z), ...p });
  await project(A, { stage: "negotiating", plannedInvestmentWan: "20000.00" });
  await project(A, { stage: "evaluating", plannedInvestmentWan: "5000.00" });
  await project(A, { stage: "registered", contractedInvestmentWan: "30000.00", signedOn: "2026-04-10" });
  await project(A, { stage: "signed", contractedInvestmentWan: "10000.00", signedOn: "2026-05-01" });
  await project(A, { stage: "construction", contractedInvestmentWan: "8000.00", signedOn: "2026-03-01", constructionOn: "2026-04-10" });
  await project(B, { stage: "construction", contractedInvestmentWan: "20000.00", signedOn: "2026-04-01", constructionOn: "2026-06-10" });
  await project(C, { stage: "negotiating", plannedInvestmentWan: "15000.00" });
  await project(C, { stage: "signed", contractedInvestmentWan: "50000.00", signedOn: "2026-02-01", confidential: true });

  const provinceZoneId = await ensureProvinceZone(db);
  const passwordHash = await testPasswordHash();
  const [taiyuan] = await db.select({ id: cities.id }).from(cities).where(eq(cities.name, "太原"));
  await db.insert(users).values([
    { zoneId: provinceZoneId, login: "province_leader", displayName: "省领导", role: "province_leader", passwordHash },
    { zoneId: provinceZoneId, login: "taiyuan_leader", displayName: "太原市领导", role: "city_leader", cityId: taiyuan.id, passwordHash },
  ]);
  const [refZone] = await db.select({ name: zones.name }).from(zones).where(eq(zones.id, ref.zoneId));
  return { refZone: refZone.name };
}

describe("四比四看 between zones in Chromium (pglite)", () => {
  let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite", prepare), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const zoneOrder = async (page: import("playwright-core").Page) =>
    page
      .locator('[data-testid="ranking"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.querySelector("[data-zone]")?.textContent,
          r.querySelector('[data-testid="rank"]')?.textContent,
          r.querySelector('[data-testid="change"]')?.textContent,
        ]),
      );

  it("a province leader sets the weights and reads the ranking, at 1440 and at 390 px", async () => {
    const page = await signInPage(browser, server.baseUrl, "province_leader");
    await page.goto(`${server.baseUrl}/province/ranking?${Q2}`);
    await page.getByRole("heading", { name: "开发区四比四看" }).waitFor();
    expect(await page.locator("nav a").allTextContents()).toContain("开发区四比四看");
    // The entry shown (in the row, or in 更多 when the row is full): the other copy is hidden.
    expect(await page.locator('nav a[aria-current="page"]').filter({ visible: true }).allTextContents()).toEqual(["开发区四比四看"]);
    expect(await page.getByTestId("ranking-scope").textContent()).toBe("范围：全省 3 个开发区。");
    expect(await page.getByTestId("weights-in-force").textContent()).toContain("当前为默认权重");
    // The rule and what each figure counts are written on the page.
    await page.getByRole("heading", { name: "综合得分怎么算" }).waitFor();
    expect(await page.getByTestId("measure-notes").textContent()).toContain("亿元以上项目占比");
    // Every measure is weighted by default and shown in the ranked table: no second table repeats them.
    expect(await page.getByTestId("ranking-detail").count()).toBe(0);

    await page.getByRole("link", { name: "查看和调整权重" }).click();
    await page.getByRole("heading", { name: "开发区四比四看权重" }).waitFor();
    const weights: Record<string, string> = {
      在谈储备个数: "0",
      "在谈储备总投资（万元）": "0",
      "亿元以上项目占比（%）": "20",
      签约个数: "0",
      "签约总投资（万元）": "40",
      "签约→注册落地转化率（%）": "20",
      开工个数: "0",
      "开工总投资（万元）": "0",
      "签约→开工中位天数": "20",
      "诉求按时办结率（%）": "0",
      企业平均满意度: "0",
    };
    for (const [label, value] of Object.entries(weights)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel("调整说明").fill("重签约");
    expect(await page.getByTestId("weight-sum").textContent()).toBe("权重合计 100");
    // Saved, back to the ranking of the same period.
    await Promise.all([page.waitForURL(`${server.baseUrl}/province/ranking?${Q2}`), page.getByRole("button", { name: "保存" }).click()]);
    await page.getByText("已保存第 1 版权重").waitFor();
    expect(await page.getByTestId("weights-in-force").textContent()).toContain("第 1 版（省领导");
    // The integration test's totals: A 80, B 64.29 (折), C 33.33 (折); Q1 ranked C, A, B.
    expect(await zoneOrder(page)).toEqual([
      [server.data.refZone, "1", "↑1"],
      ["太原乙开发区", "2", "↑1"],
      ["大同丙开发区", "3", "↓2"],
    ]);
    const totals = await page.locator('[data-testid="ranking"] [data-testid="total"]').allTextContents();
    expect(totals).toEqual(["80.00", "64.29", "33.33"]);
    // The measures weighted 0 leave the ranked table and are shown raw below it, each zone's value or "—".
    expect(await page.locator('[data-testid="ranking-detail"] thead th').allTextContents()).toEqual([
      "开发区",
      "在谈储备个数",
      "在谈储备总投资（万元）",
      "签约个数",
      "开工个数",
      "开工总投资（万元）",
      "诉求按时办结率（%）",
      "企业平均满意度",
    ]);
    expect(await page.locator('[data-testid="ranking"] thead th', { hasText: "在谈储备个数" }).count()).toBe(0);
    expect(await page.locator('[data-testid="ranking-detail"] tbody tr').count()).toBe(3);
    // A missing measure is "—", never 0.
    const cRow = page.locator('[data-testid="ranking"] tbody tr', { hasText: "大同丙开发区" });
    expect(await cRow.getByTestId("missing").count()).toBe(2);
    await page.screenshot({ path: "test-results/zone-ranking-1440.png", fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole("heading", { name: "开发区四比四看" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect((await zoneOrder(page)).map((r) => r[0])).toEqual([server.data.refZone, "太原乙开发区", "大同丙开发区"]);
    await page.screenshot({ path: "test-results/zone-ranking-390-top.png" });
    await page.getByTestId("ranking").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/zone-ranking-390-table.png" });
    await page.context().close();
  });

  it("a city leader reads their city's zones ranked among themselves, may not weigh, and exports the table", async () => {
    const session = new HttpSession(server.baseUrl);
    await session.signIn("taiyuan_leader", TEST_PASSWORD);
    const html = await (await session.get(`/province/ranking?${Q2}`)).text();
    expect(html).toContain("范围：太原的 2 个开发区，在本市开发区之间排名");
    expect(html).toContain("太原乙开发区");
    expect(html).not.toContain("大同丙开发区");
    expect(await (await session.get("/province/weights")).text()).toContain("市级领导可以查看权重");
    const csrf = await session.csrfToken();
    const refused = await session.request("POST", "/province/weights", { csrf, intent: "zoneWeight", signedCount: "10" });
    expect(refused.status).toBe(403);

    const csv = await (await session.get(`/province/ranking/export?${Q2}&export=csv`)).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toMatch(/^排名,上期排名,名次变化,开发区,城市,综合得分/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain("太原乙开发区");
    // B has no reserve: its share of big projects is "—", not 0.
    expect(lines[2].split(",")).toContain("—");
  });
});
