// Issue 21 item 5 on a phone (390×844), PGlite only (the database's part is tests/integration/policies.test.ts):
// a project without its supply voltage nearly qualifies for the power price and says what is missing; the owner
// records 110 kV and it qualifies; the owner records a promised benefit with its evidence, the company's manager
// finds it owed with its age, and once delivered it leaves the owed list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { projects, users } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { samplePdf } from "../support/evidence";
import { createProject } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { prepareWorld } from "../support/world";

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1440, height: 900 };
const today = todayInZone();
const POWER = "战略性新兴产业电价（0.30 元/千瓦时）";
const shots = process.env.SCREENSHOT_DIR;

const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const [size, viewport] of [
    ["390", PHONE],
    ["1440", WIDE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${shots}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

describe.each(browserKinds())("policies and their benefits on a phone (%s)", (kind) => {
  let server: TestServer<Awaited<ReturnType<typeof prepare>>>;
  let browser: Browser;
  let staff: Page;
  let manager: Page;

  async function prepare(db: Parameters<typeof prepareWorld>[0]) {
    const world = await prepareWorld(db);
    const [owner] = await db.select().from(users).where(eq(users.login, world.logins.staff));
    const [{ clusterId }] = await db.select({ clusterId: projects.clusterId }).from(projects).where(eq(projects.id, world.records.own.id));
    const p = await createProject(db, {
      zoneId: owner.zoneId,
      companyId: owner.companyId!,
      clusterId,
      ownerId: owner.id,
      stage: "signed",
      name: "高纯硅材料项目",
      plannedInvestmentWan: "60000.00",
    });
    return { world, projectId: p.id };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, (db) => prepare(db)), launchBrowser()]);
    [staff, manager] = await Promise.all([
      signInPage(browser, server.baseUrl, server.data.world.logins.staff),
      signInPage(browser, server.baseUrl, server.data.world.logins.manager),
    ]);
    await Promise.all([staff.setViewportSize(PHONE), manager.setViewportSize(PHONE)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const project = () => `${server.baseUrl}/projects/${server.data.projectId}`;

  it("without a supply voltage the project nearly qualifies for the power price, and the page says what to fill in", async () => {
    await staff.goto(project());
    const nearly = staff.getByTestId("nearly-policies").locator("li", { hasText: POWER }).first();
    await expect(nearly.textContent()).resolves.toContain("待补充：接入电压等级");
    await expect(staff.getByTestId("qualifying-policies").textContent()).resolves.not.toContain(POWER);
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);
    await shoot(staff, "policies-project-nearly");
  });

  it("the owner records 110 kV on the project and it qualifies", async () => {
    await staff.goto(`${project()}/edit`);
    await staff.getByLabel("接入电压等级（千伏）").fill("110");
    await Promise.all([staff.waitForURL(new RegExp(`/projects/${server.data.projectId}$`)), staff.getByRole("button", { name: "保存" }).click()]);
    await expect(staff.getByTestId("qualifying-policies").textContent()).resolves.toContain(POWER);
    await expect(staff.getByTestId("nearly-policies").textContent()).resolves.not.toContain(POWER);
  });

  it("the owner records a promised benefit with its evidence; the manager finds it owed with its age; delivered, it leaves the list", async () => {
    await staff.goto(project());
    await Promise.all([staff.waitForURL(/\/benefits\/new$/), staff.getByRole("link", { name: "记录政策兑现" }).click()]);
    await staff.getByLabel("政策").selectOption({ label: POWER });
    await staff.getByLabel("承诺金额（万元）").fill("1,234.56");
    await staff.getByLabel("承诺日期").fill(addDays(today, -12));
    // A delivery date without its amount is refused next to the field, and nothing is saved.
    await staff.getByLabel("兑现日期").fill(addDays(today, -1));
    await staff.getByRole("button", { name: "保存" }).click();
    await expect(staff.locator("#benefit-deliveredWan-error, [id$='deliveredWan-error']").first().textContent()).resolves.toContain(
      "兑现金额与兑现日期须一并填写",
    );
    await staff.getByLabel("兑现日期").fill("");
    await Promise.all([staff.waitForURL(/\/benefits\/\d+$/), staff.getByRole("button", { name: "保存" }).click()]);
    await expect(staff.getByTestId("outstanding").textContent()).resolves.toBe("1,234.56");

    const panel = staff.locator("#evidence");
    await panel.getByLabel("文件").setInputFiles({ name: "兑现承诺函.pdf", mimeType: "application/pdf", buffer: samplePdf("Promise letter") });
    await Promise.all([staff.waitForLoadState("load"), panel.getByRole("button", { name: "上传" }).click()]);
    await panel.getByRole("link", { name: "兑现承诺函.pdf" }).waitFor();
    expect(await overflowOf(staff)).toBeLessThanOrEqual(0);
    await shoot(staff, "policies-benefit");
    const benefitUrl = staff.url();

    await manager.goto(`${server.baseUrl}/policies/owed`);
    const row = manager.locator("tr", { hasText: "高纯硅材料项目" });
    await expect(row.textContent()).resolves.toContain("1,234.56");
    await expect(row.locator("td").last().textContent()).resolves.toBe("12");
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await shoot(manager, "policies-owed");

    await staff.goto(benefitUrl);
    await staff.getByLabel("兑现金额（万元）").fill("1234.56");
    await staff.getByLabel("兑现日期").fill(today);
    await staff.getByRole("button", { name: "保存" }).click();
    await staff
      .getByTestId("outstanding")
      .filter({ hasText: /^0\.00$/ })
      .waitFor();
    await manager.goto(`${server.baseUrl}/policies/owed`);
    await expect(manager.locator("tr", { hasText: "高纯硅材料项目" }).count()).resolves.toBe(0);
  });

  it("the library lists the power price with its conditions, and fits 390 px", async () => {
    await manager.goto(`${server.baseUrl}/policies`);
    const row = manager.locator("tr", { hasText: POWER });
    await expect(row.textContent()).resolves.toContain("接入电压等级 ≥ 110 千伏");
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await shoot(manager, "policies-library");
    await manager.goto(`${server.baseUrl}/policies/new`);
    expect(await overflowOf(manager)).toBeLessThanOrEqual(0);
    await shoot(manager, "policies-new");
  });
});
