// npm run screenshots -- [BASE_URL] — signs in as each demo role and saves a screenshot of every page to ./screenshots.
import fs from "node:fs";
import { chromium } from "playwright-core";

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
    await page.goto(`${base}/login`);
    await page.getByLabel("用户名").fill(login);
    await page.getByLabel("密码").fill(password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
  }
  for (const [name, path] of pages) {
    await page.goto(base + path);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
    console.log(`${out}/${name}.png`);
  }
  await context.close();
}

await shoot(null, [["login", "/login"]]);
await shoot("bdt_s1", [["staff-my-projects", "/"], ["staff-company-projects", "/projects"], ["staff-project", "/projects?owner=me"]]);
await shoot("gf_mgr", [["manager-projects", "/"], ["manager-filtered", "/projects?stage=signed&sort=investment"]]);
await shoot("leader", [["leader-overview", "/"], ["leader-projects", "/projects?status=open&sort=investment"]]);
await shoot("admin", [["admin-users", "/"], ["admin-new-user", "/admin/users/new"], ["admin-404", "/projects/99999999"]]);
await browser.close();
