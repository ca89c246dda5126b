// Investors across zones in a real Chromium (issue 20 item 5, decision 021): zone B's staff types an investor zone A
// follows and is warned, masked; the province leader opens the list of investors several zones follow, on a phone
// too. PGlite only: the point is the pages, the queries have their integration test on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import type { Database } from "../../db/index";
import { cities, investors, zones } from "../../db/schema";
import { ensureProvinceZone } from "../../app/modules/zones/zones.server";
import { launchBrowser, signInPage } from "../support/browser";
import { createOtherZone, createProject, createReferenceZone, createUser } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";

async function prepare(db: Database) {
  const ref = await createReferenceZone(db); // zone A: 示范开发区, in 太原
  const [datong] = await db.select({ id: cities.id }).from(cities).where(eq(cities.name, "大同"));
  const b = await createOtherZone(db);
  await db.update(zones).set({ name: "大同经开区", cityId: datong.id }).where(eq(zones.id, b.zoneId));
  const bStaff = await createUser(db, { zoneId: b.zoneId, companyId: b.companyId, role: "staff", login: "b_staff" });
  const aCompany = ref.companies.find((c) => c.kind === "attraction")!;
  const aOwner = await createUser(db, { zoneId: ref.zoneId, companyId: aCompany.id, role: "staff", displayName: "甲区跟进人张三" });
  const inA = { zoneId: ref.zoneId, companyId: aCompany.id, clusterId: aCompany.clusterId!, ownerId: aOwner.id };

  const [chased] = await db.insert(investors).values({ zoneId: ref.zoneId, name: "山西澄泓科技有限公司", uscc: null }).returning();
  const chasedProject = await createProject(db, { ...inA, investorId: chased.id, name: "澄泓智能传感器项目", stage: "negotiating" });
  // Followed by both zones: zone A with a confidential project, zone B openly.
  const [sharedA] = await db.insert(investors).values({ zoneId: ref.zoneId, name: "晋中共追材料有限公司" }).returning();
  await createProject(db, { ...inA, investorId: sharedA.id, name: "共追机密扩产项目", confidential: true, stage: "signed" });
  const [sharedB] = await db.insert(investors).values({ zoneId: b.zoneId, name: "晋中共追材料有限公司" }).returning();
  await createProject(db, { zoneId: b.zoneId, companyId: b.companyId, clusterId: b.clusterId, ownerId: bStaff.id, investorId: sharedB.id });

  const provinceZoneId = await ensureProvinceZone(db);
  await createUser(db, { zoneId: provinceZoneId, companyId: null, role: "province_leader", login: "prov_leader" });
  return { aCompany: aCompany.name, aOwner: aOwner.displayName, chased: { id: chased.id, name: chased.name }, chasedProject: chasedProject.name };
}

describe("investors across zones in Chromium (pglite)", () => {
  let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite", prepare), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("zone B's staff types an investor zone A follows: told which zone, nothing of it, and may still register", async () => {
    const page = await signInPage(browser, server.baseUrl, "b_staff");
    await page.goto(`${server.baseUrl}/investors/new`);
    await page.getByLabel("投资方名称").fill(server.data.chased.name);
    const warning = page.getByText("另一开发区（太原 · 示范开发区）已在跟进");
    await warning.waitFor();
    expect(await page.locator(".other-zones").textContent()).toContain("名称相同");
    // Nothing of zone A in the page, its hydration data or the live check's answer; no link to their record.
    const html = await page.content();
    for (const secret of [server.data.aOwner, server.data.aCompany, server.data.chasedProject, `/investors/${server.data.chased.id}`]) {
      expect(html, secret).not.toContain(secret);
    }
    expect(await page.locator(".other-zones a").count()).toBe(0);
    const answer = await page.evaluate(
      (name) => fetch(`/api/investor-matches?name=${encodeURIComponent(name)}`).then((r) => r.text()),
      server.data.chased.name,
    );
    expect(JSON.parse(answer)).toEqual({ matches: [], otherZones: [{ zone: "太原 · 示范开发区", match: "name" }] });

    // A warning, never a block: the investor is registered in zone B, and the flash says it again.
    await Promise.all([page.waitForURL(/\/investors\/\d+$/), page.getByRole("button", { name: "登记", exact: true }).click()]);
    await page.getByText("注意：另一开发区（太原 · 示范开发区）已在跟进此投资方。").waitFor();
    await page.context().close();
  });

  it("the province leader opens the list from the menu; a confidential project counted, not named; no sideways scroll at 390 px", async () => {
    const page = await signInPage(browser, server.baseUrl, "prov_leader");
    await page.goto(`${server.baseUrl}/province/shared-investors`);
    await page.getByRole("heading", { name: "多区共同跟进的投资方" }).waitFor();
    expect(await page.locator("nav a").allTextContents()).toContain("多区跟进投资方");
    const row = page.getByRole("row", { name: /晋中共追材料有限公司/ });
    const text = (await row.textContent())!;
    expect(text).toContain("太原 · 示范开发区：签约");
    expect(text).toContain("含保密 1 个");
    expect(text).toContain("大同 · 大同经开区：线索");
    expect(await page.content()).not.toContain("共追机密扩产项目");
    // The investor only zone A follows is not listed.
    expect(await page.getByText("山西澄泓科技有限公司").count()).toBe(0);

    const csv = await page.evaluate(() => fetch("/province/shared-investors/export?export=csv").then((r) => r.text()));
    expect(csv).toContain("晋中共追材料有限公司");
    expect(csv).not.toContain("共追机密扩产项目");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole("heading", { name: "多区共同跟进的投资方" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
