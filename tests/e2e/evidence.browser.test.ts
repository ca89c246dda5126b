// Milestone evidence in a real Chromium: upload, open, refusals next to the field, and nothing for outsiders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { samplePdf, samplePng, sha256 } from "../support/evidence";
import { createUser, TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

type EvidenceWorld = World & { colleagueOfOtherCompany: string };

describe.each(browserKinds())("milestone evidence in Chromium (%s)", (kind) => {
  let server: TestServer<EvidenceWorld>;
  let browser: Browser;
  let uploadedHref: string | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(kind, async (db, { filesDir }) => {
        const world = await prepareWorld(db, { demoProjects: 50, filesDir });
        const colleague = await createUser(db, { zoneId: world.zoneId, companyId: world.companyB.id, role: "staff" });
        return { ...world, colleagueOfOtherCompany: colleague.login };
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a staff member uploads the signed agreement (PDF) to their project and opens it", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    const panel = page.locator("#evidence");
    await panel.getByRole("heading", { name: "节点佐证材料" }).waitFor();

    const pdf = samplePdf("Signed agreement 2026");
    await panel.getByLabel("所属节点").selectOption("signed");
    await panel.getByLabel("文件").setInputFiles({ name: "签约协议-2026.pdf", mimeType: "application/pdf", buffer: pdf });
    await panel.getByRole("button", { name: "上传" }).click();

    const link = panel.getByRole("link", { name: "签约协议-2026.pdf" });
    await link.waitFor();
    expect(await page.getByRole("status").textContent()).toContain("已上传佐证材料：签约协议-2026.pdf");
    // Listed under its milestone with its size and uploader.
    const item = panel.locator(".evidence-group", { hasText: "签约" }).locator("li", { hasText: "签约协议-2026.pdf" });
    expect(await item.textContent()).toMatch(/\d+ (?:B|KB) · staff-\d+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    // Opening it: the link opens a new tab on the file, served as the PDF that was uploaded.
    uploadedHref = await link.getAttribute("href");
    expect(uploadedHref).toMatch(/^\/evidence\/\d+$/);
    expect(await link.getAttribute("target")).toBe("_blank");
    const response = await page.request.get(`${server.baseUrl}${uploadedHref}`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("application/pdf");
    expect(headers["content-disposition"]).toBe(`inline; filename="____-2026.pdf"; filename*=UTF-8''${encodeURIComponent("签约协议-2026.pdf")}`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["cache-control"]).toContain("private");
    expect(sha256(await response.body())).toBe(sha256(pdf));
    await page.context().close();
  });

  it("a renamed program and a file over 20 MB are refused with a message next to the file field", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.staff);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    const panel = page.locator("#evidence");
    const files = panel.locator(".evidence-list li");
    const before = await files.count();

    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"), Buffer.alloc(20_000)]);
    await panel.getByLabel("文件").setInputFiles({ name: "营业执照.pdf", mimeType: "application/pdf", buffer: exe });
    await panel.getByRole("button", { name: "上传" }).click();
    const error = panel.locator("#evidence-upload-file-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("只能上传 PDF、JPG 或 PNG 文件");
    expect(await panel.getByLabel("文件").getAttribute("aria-invalid")).toBe("true");

    const big = Buffer.alloc(21 * 1024 * 1024);
    samplePdf().copy(big);
    await panel.getByLabel("所属节点").selectOption("registered");
    await panel.getByLabel("文件").setInputFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: big });
    await panel.getByRole("button", { name: "上传" }).click();
    // The message of the previous refusal is on the page until the new one renders: wait for the new one.
    await error.filter({ hasText: "文件超过 20 MB，未上传" }).waitFor();
    // The milestone chosen is kept for the next try, and nothing was added.
    expect(await panel.getByLabel("所属节点").inputValue()).toBe("registered");
    expect(await files.count()).toBe(before);
    await page.context().close();
  });

  it("without JavaScript, the manager uploads a licence photo (PNG) and deletes it again", async () => {
    const w = server.data;
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(w.logins.manager);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);

    await page.goto(`${server.baseUrl}/projects/${w.records.ownCompany.id}`);
    const panel = page.locator("#evidence");
    await panel.getByLabel("所属节点").selectOption("registered");
    await panel.getByLabel("文件").setInputFiles({ name: "营业执照.png", mimeType: "image/png", buffer: samplePng(40, 30) });
    await Promise.all([page.waitForURL(/\/projects\/\d+#evidence$/), panel.getByRole("button", { name: "上传" }).click()]);
    await page.getByRole("status").filter({ hasText: "营业执照.png" }).waitFor();
    const licence = panel.locator(".evidence-group", { hasText: "注册落地" }).getByRole("link", { name: "营业执照.png" });
    expect(await licence.count()).toBe(1);

    await Promise.all([page.waitForURL(/#evidence$/), panel.getByRole("button", { name: "删除 营业执照.png" }).click()]);
    // The URL already ended in #evidence: wait for the answer itself.
    await page.getByRole("status").filter({ hasText: "已删除佐证材料：营业执照.png" }).waitFor();
    expect(await licence.count()).toBe(0);
    await context.close();
  });

  it("a colleague of another company gets a 404 for the file's address", async () => {
    expect(uploadedHref).toBeTruthy();
    const page = await signInPage(browser, server.baseUrl, server.data.colleagueOfOtherCompany);
    const response = await page.goto(`${server.baseUrl}${uploadedHref}`);
    expect(response?.status()).toBe(404);
    expect(await response?.text()).not.toContain("签约协议");
    await page.context().close();
  });
});
