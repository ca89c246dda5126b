// npm run screenshots — starts the app (`npm start`) on a fresh demo database of its own, signs in as demo users and
// saves phone screenshots (390×844, the viewport only, so they stay small) of the main staff pages to
// docs/screenshots/, which the README links. `npm run screenshots -- http://host:port` shoots a running demo
// instead (its leader must not have enrolled a second factor yet: the authenticator lives only in this process).
// SHOTS_DIR sets another folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pinyin } from "pinyin-pro";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../tests/support/browser";
import { HttpSession } from "../tests/support/server";
import { spawnServer } from "./lib/spawn-server";

const PHONE = { width: 390, height: 844 };
const password = process.env.DEMO_PASSWORD ?? "Demo-Zone-2026";
const out = process.env.SHOTS_DIR ?? "docs/screenshots";
fs.mkdirSync(out, { recursive: true });

let base = process.argv[2];
let stopServer = async () => {};
if (!base) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-shots-"));
  const server = spawnServer({
    script: "scripts/start.ts",
    env: {
      ...process.env,
      NODE_ENV: undefined,
      DATABASE_URL: undefined,
      DATABASE_MIGRATE_URL: undefined,
      DEMO: "1",
      DATA_DIR: path.join(dir, "pglite"),
      PORT: "0",
      HOST: "127.0.0.1",
      COOKIE_SECURE: "0",
      ADMIN_PASSWORD: undefined,
    },
  });
  base = await server.listening;
  stopServer = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

const browser = await launchBrowser();
const written: string[] = [];

async function phoneAs(login: string | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  if (login) {
    // Sign in (and enrol the second factor where the role needs one) as a person would, then hand over the session.
    const session = new HttpSession(base!);
    await session.signIn(login, password);
    await context.addCookies([...session.cookies].map(([name, value]) => ({ name, value, url: base! })));
  }
  return { context, page: await context.newPage() };
}

async function shoot(page: Page, name: string, pathname?: string) {
  if (pathname) await page.goto(base + pathname);
  await page.waitForLoadState("networkidle");
  const file = `${out}/${name}.png`;
  await page.screenshot({ path: file, fullPage: false });
  written.push(file);
  console.log(file);
}

/** Follows the first link the locator finds and returns where it led. */
async function follow(page: Page, selector: string) {
  const href = await page.locator(selector).first().getAttribute("href");
  if (!href) throw new Error(`no link ${selector} on ${page.url()}`);
  await page.goto(new URL(href, base).toString());
  return href;
}

try {
  {
    const { context, page } = await phoneAs(null);
    await shoot(page, "phone-login", "/login");
    await context.close();
  }
  {
    const { context, page } = await phoneAs("bdt_s1");
    await shoot(page, "phone-staff-desk", "/my");
    // The week's agenda, further down the desk.
    await page.locator(".agenda").first().scrollIntoViewIfNeeded();
    await shoot(page, "phone-staff-agenda");
    // The header's search box: `/` focuses it; the pinyin initials of one of the staff member's projects find it.
    await page.goto(base + "/projects?owner=me");
    const name = (await page.locator("main table a[href^='/projects/']").first().textContent())!.trim();
    await page.goto(base + "/my");
    await page.waitForLoadState("networkidle");
    await page.keyboard.press("/");
    await page.keyboard.type(pinyin(name.slice(0, 3), { pattern: "first", toneType: "none", type: "array" }).join(""));
    await page.locator("[role=listbox] [role=option]").first().waitFor();
    await shoot(page, "phone-staff-search");
    await page.keyboard.press("Escape");
    await page.locator("header summary").click();
    await shoot(page, "phone-staff-menu");
    await shoot(page, "phone-staff-projects", "/projects?owner=me");
    const project = await follow(page, "main table a[href^='/projects/']");
    await shoot(page, "phone-staff-project");
    await shoot(page, "phone-staff-new-activity", `${project}/activities/new`);
    await shoot(page, "phone-staff-board", "/pipeline");
    await shoot(page, "phone-staff-investors", "/investors");
    await follow(page, "main table a[href^='/investors/']");
    await shoot(page, "phone-staff-investor");
    await shoot(page, "phone-staff-service-requests", "/service-requests");
    await context.close();
  }
  {
    const { context, page } = await phoneAs("bdt_mgr");
    await shoot(page, "phone-manager-funnel", "/pipeline/funnel");
    await shoot(page, "phone-manager-chasing", "/pipeline/chasing");
    await context.close();
  }
  {
    const { context, page } = await phoneAs("leader");
    await shoot(page, "phone-leader-overview", "/overview");
    await context.close();
  }
} finally {
  await browser.close();
  await stopServer();
}
const kb = written.reduce((sum, file) => sum + fs.statSync(file).size, 0) / 1024;
console.log(`${written.length} screenshots, ${Math.round(kb)} KB in ${out}/`);
