// The last hand-written forms, now in the form idiom (decision 015), in a Chromium without JavaScript: bad input
// comes back as the page with the Chinese message next to its field and nothing written; good input still works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { activities, projects, users } from "../../db/schema";
import { launchBrowser } from "../support/browser";
import { browserKinds } from "../support/db";
import { TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

type FormsWorld = World;

describe.each(browserKinds())("forms without JavaScript (%s)", (kind) => {
  let server: TestServer<FormsWorld>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(
        kind,
        worldTemplate({ demoProjects: 20, files: true }, async (db, { data: world }) => {
          const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.login, world.logins.staff));
          const [project] = await db.select({ companyId: projects.companyId }).from(projects).where(eq(projects.id, world.records.own.id));
          await db.insert(activities).values({
            projectId: world.records.own.id,
            companyId: project.companyId,
            kind: "call",
            occurredOn: "2026-11-30",
            summary: "电话沟通用地指标",
            nextAction: "发送用地预审材料清单",
            nextActionDueOn: "2026-12-04",
            createdById: staff.id,
          });
          return world;
        }),
      ),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function noScriptPage(login: string): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(login);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
    return page;
  }

  it("an upload without a file says so next to the file field, keeping the milestone chosen", async () => {
    const w = server.data;
    const page = await noScriptPage(w.logins.staff);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    const panel = page.locator("#evidence");
    const files = panel.locator(".evidence-list li");
    const before = await files.count();
    await panel.getByLabel("所属节点").selectOption("construction");
    const response = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      panel.getByRole("button", { name: "上传" }).click(),
    ]);
    expect(response[0].status()).toBe(400);
    await page.waitForLoadState();
    const error = panel.locator("#evidence-upload-file-error");
    expect(await error.textContent()).toBe("请选择要上传的文件");
    expect(await panel.getByLabel("文件").getAttribute("aria-invalid")).toBe("true");
    expect(await panel.getByLabel("所属节点").inputValue()).toBe("construction");
    expect(await files.count()).toBe(before);
    await page.context().close();
  });

  it("reassigning with no project ticked, or no new owner, answers in Chinese and moves nothing", async () => {
    const w = server.data;
    const page = await noScriptPage(w.logins.manager);
    await page.goto(`${server.baseUrl}/pipeline/team?member=${w.users.ownZone}`);
    const panel = page.locator("#member-projects");

    // An owner picked, no box ticked.
    await panel.getByLabel("改派给").selectOption({ index: 1 });
    await Promise.all([page.waitForLoadState(), panel.getByRole("button", { name: "改派所选项目" }).click()]);
    await panel.getByRole("alert").filter({ hasText: "请勾选要改派的项目" }).waitFor();

    // A box ticked, no owner: the message is under the owner's field, and the ticked box stays ticked.
    await panel.getByLabel("改派给").selectOption("");
    await panel.getByRole("checkbox", { name: w.records.ownCompany.name }).check();
    await Promise.all([page.waitForLoadState(), panel.getByRole("button", { name: "改派所选项目" }).click()]);
    expect(await panel.locator("#toOwnerId-error").textContent()).toBe("必填");
    expect(await panel.getByLabel("改派给").getAttribute("aria-invalid")).toBe("true");
    expect(await panel.getByRole("checkbox", { name: w.records.ownCompany.name }).isChecked()).toBe(true);

    // Nothing moved: the project is still this member's.
    await page.goto(`${server.baseUrl}/pipeline/team?member=${w.users.ownZone}`);
    expect(await panel.getByRole("checkbox", { name: w.records.ownCompany.name }).count()).toBe(1);
    await page.context().close();
  });

  it("a next action is marked done from the project page", async () => {
    const w = server.data;
    const page = await noScriptPage(w.logins.staff);
    await page.goto(`${server.baseUrl}/projects/${w.records.own.id}`);
    const item = page.locator(".timeline li", { hasText: "发送用地预审材料清单" });
    await Promise.all([page.waitForURL(/\/projects\/\d+$/), item.getByRole("button", { name: "完成" }).click()]);
    await page.getByRole("status").filter({ hasText: "发送用地预审材料清单" }).waitFor();
    expect(await item.textContent()).toContain("✓");
    expect(await item.getByRole("button", { name: "完成" }).count()).toBe(0);
    await page.context().close();
  });
});
