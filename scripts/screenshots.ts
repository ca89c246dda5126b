// npm run screenshots -- [BASE_URL] — signs in as each demo role and saves a screenshot of every page to ./screenshots.
// Leaders and admins must have a second factor: on a fresh demo database they enrol it here through the real page
// (the authenticator lives only in this process, so run it on a demo database whose leader/admin have not enrolled).
import fs from "node:fs";
import { chromium } from "playwright-core";
import { HttpSession } from "../tests/support/server";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const password = process.env.DEMO_PASSWORD ?? "Demo-Zone-2026";
const out = process.env.SHOTS_DIR ?? "screenshots";
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function shoot(login: string | null, pages: [string, string][]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  if (login) {
    // Sign in (and give or enrol the second factor) as a person would, then hand the session to the browser.
    const session = new HttpSession(base);
    await session.signIn(login, password);
    await context.addCookies([...session.cookies].map(([name, value]) => ({ name, value, url: base })));
  }
  for (const [name, path] of pages) {
    await page.goto(base + path);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
    console.log(`${out}/${name}.png`);
  }
  await context.close();
}

await shoot(null, [["login", "/login"]]);
await shoot("bdt_s1", [
  ["staff-my-projects", "/"],
  ["staff-company-projects", "/projects"],
  ["staff-project", "/projects?owner=me"],
  ["staff-board", "/pipeline"],
  ["staff-account", "/account"],
]);
await shoot("gf_mgr", [
  ["manager-projects", "/"],
  ["manager-filtered", "/projects?stage=signed&sort=investment"],
  ["manager-board", "/pipeline"],
  ["manager-funnel", "/pipeline/funnel"],
  ["manager-chasing", "/pipeline/chasing?tab=red"],
  ["manager-team", "/pipeline/team"],
  ["manager-imports", "/imports"],
]);
await shoot("leader", [
  ["leader-overview", "/"],
  ["leader-projects", "/projects?status=open&sort=investment"],
  ["leader-three-batches", "/reports/three-batches?preset=year"],
  ["leader-scorecard", "/reports/scorecard?preset=year"],
  ["leader-targets", "/reports/targets"],
  ["leader-trends", "/reports/trends"],
]);
await shoot("admin", [
  ["admin-users", "/"],
  ["admin-new-user", "/admin/users/new"],
  ["admin-tokens", "/admin/tokens"],
  ["admin-404", "/projects/99999999"],
]);
await browser.close();
