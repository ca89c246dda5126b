// Activity files in a real Chromium on a phone (390×844): a visit logged with a photo shows it on the project's
// timeline; a refused file (empty) is named next to the file field and no activity is saved. Over plain HTTP: a
// forged upload and another company's project are refused before a byte is stored.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { browserKinds } from "../support/db";
import { samplePng, sha256 } from "../support/evidence";
import { TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

const PHONE = { width: 390, height: 844 };

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe.each(browserKinds())("activity files on a phone (%s)", (kind) => {
  let server: TestServer<World & { filesDir: string }>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(kind, async (db, { filesDir }) => ({ ...(await prepareWorld(db, { demoProjects: 10 })), filesDir })),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function phonePage(login: string): Promise<Page> {
    const context = await browser.newContext({ locale: "zh-CN", viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(login);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "登录" }).click()]);
    return page;
  }
  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it("staff log a visit with a photo from the camera button; the photo shows on the project's timeline", async () => {
    const w = server.data;
    const page = await phonePage(w.logins.staff);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}/activities/new`);
    const files = page.getByLabel("照片、纪要、名片");
    expect(await files.getAttribute("accept")).toBe("image/*,application/pdf");
    expect(await files.getAttribute("multiple")).not.toBeNull();
    // The camera button's input asks for the camera (capture) and is reachable (≥ 44 px).
    const camera = page.locator(".camera-button");
    expect(await camera.locator("input[type=file]").getAttribute("capture")).toBe("environment");
    expect((await camera.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await noSideways(page)).toBe(true);

    await page.getByLabel("类型", { exact: true }).selectOption("visit");
    await page.getByLabel("内容摘要").fill("现场拜访投资方，交换名片并拍照留存");
    const photo = samplePng(64, 48);
    await camera.locator("input[type=file]").setInputFiles({ name: "IMG_0001.png", mimeType: "image/png", buffer: photo });
    await page.locator("text=已选：IMG_0001.png").waitFor();
    await Promise.all([page.waitForURL(/\/projects\/\d+$/), page.getByRole("button", { name: "保存" }).click()]);

    const thumb = page.locator(".timeline .activity-files img[alt='IMG_0001.png']");
    await thumb.waitFor();
    // The thumbnail loads lazily: scrolled into view, it loads from the policy-checked file route.
    await thumb.scrollIntoViewIfNeeded();
    const width = await thumb.evaluate(
      (img: HTMLImageElement) =>
        new Promise<number>((resolve) => {
          if (img.complete && img.naturalWidth) resolve(img.naturalWidth);
          else img.addEventListener("load", () => resolve(img.naturalWidth), { once: true });
        }),
    );
    expect(width).toBe(64);
    const href = await page.locator(".timeline .activity-files a").first().getAttribute("href");
    expect(href).toMatch(/^\/evidence\/\d+$/);
    const response = await page.request.get(`${server.baseUrl}${href}`);
    expect(sha256(await response.body())).toBe(sha256(photo));
    expect(await noSideways(page)).toBe(true);
    await page.context().close();

    // Another company's staff get a 404 for the same file.
    const other = new HttpSession(server.baseUrl);
    await other.signIn(w.logins.otherCompanyStaff, TEST_PASSWORD);
    expect((await other.get(href!)).status).toBe(404);
  });

  it("an empty file is named next to the field and the visit is not saved; nothing is left in storage", async () => {
    const w = server.data;
    const page = await phonePage(w.logins.staff);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    const before = await page.locator(".timeline > li").count();
    const stored = filesUnder(w.filesDir).length;
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}/activities/new`);
    await page.locator("textarea[name=summary]").fill("带一个空文件的拜访记录");
    await page.getByLabel("照片、纪要、名片").setInputFiles([
      { name: "名片.png", mimeType: "image/png", buffer: samplePng() },
      { name: "空白.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(0) },
    ]);
    await page.getByRole("button", { name: "保存" }).click();
    const error = page.locator("#activity-files-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("“空白.jpg”是空文件（0 字节），未保存本次跟进记录");
    expect(await page.getByLabel("照片、纪要、名片").getAttribute("aria-invalid")).toBe("true");
    // What was typed is kept.
    expect(await page.locator("textarea[name=summary]").inputValue()).toBe("带一个空文件的拜访记录");
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    expect(await page.locator(".timeline > li").count()).toBe(before);
    expect(filesUnder(w.filesDir).length).toBe(stored);
    await page.context().close();
  });

  it("over HTTP: a forged upload (no token) and another company's project are refused before anything is stored", async () => {
    const w = server.data;
    const staff = new HttpSession(server.baseUrl);
    await staff.signIn(w.logins.staff, TEST_PASSWORD);
    const csrf = await staff.csrfToken();
    const stored = filesUnder(w.filesDir).length;
    const post = (projectId: number, withToken: boolean, name = "x.png") => {
      const body = new FormData();
      if (withToken) body.append("csrf", csrf);
      body.append("kind", "visit");
      body.append("occurredOn", "2026-11-01");
      body.append("summary", "伪造的上传");
      body.append("files", new Blob([new Uint8Array(samplePng())], { type: "image/png" }), name);
      return fetch(`${server.baseUrl}/projects/${projectId}/activities/new`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join("; "), Origin: server.baseUrl },
        body,
      });
    };
    expect((await post(w.records.own.id, false)).status).toBe(403);
    expect((await post(w.records.otherCompany.id, true)).status).toBe(404);
    expect((await post(w.records.otherZone.id, true)).status).toBe(404);
    expect(filesUnder(w.filesDir).length).toBe(stored);
    // A NUL byte in the file name is taken out; the visit is saved with the cleaned name.
    const saved = await post(w.records.own.id, true, "card\u0000.png");
    expect(saved.status).toBe(302);
    const html = await (await staff.get(`/projects/${w.records.own.id}`)).text();
    expect(html).toContain('alt="card.png"');
  });
});
