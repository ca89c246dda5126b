// The pipeline without JavaScript, against the real server: every path the browser test takes with scripts also
// works as plain links and form posts (the board's stage link, saved views, reassigning, the chasing export).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { notifications, users } from "../../db/schema";
import { TEST_PASSWORD } from "../support/factories";
import { databaseKinds } from "../support/db";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

/** The page's HTML; it must never carry a NUL byte (entry.server drops React's chunk padding). */
const page = async (response: Response) => {
  const html = await response.text();
  expect(html).not.toContain("\0");
  return html;
};

const form = (entries: [string, string][]) => new URLSearchParams(entries) as unknown as Record<string, string>;

describe.each(databaseKinds())("the pipeline without JavaScript (%s)", (kind) => {
  let server: TestServer<World>;
  let manager: HttpSession;
  let staff: HttpSession;
  let csrf = "";

  beforeAll(async () => {
    server = await startTestServer(
      kind,
      worldTemplate({ demoProjects: 30 }, async (db, { data: world }) => {
        // A notice of a kind this version has no words for (an older version's, or written by hand).
        const [u] = await db.select({ id: users.id, zoneId: users.zoneId }).from(users).where(eq(users.login, world.logins.staff));
        await db.insert(notifications).values({ zoneId: u.zoneId, userId: u.id, kind: "retired_kind", params: {}, link: "/handoffs" });
        return world;
      }),
    );
    manager = new HttpSession(server.baseUrl);
    await manager.signIn(server.data.logins.manager, TEST_PASSWORD);
    csrf = await manager.csrfToken();
    staff = new HttpSession(server.baseUrl);
    await staff.signIn(server.data.logins.staff, TEST_PASSWORD);
  });
  afterAll(() => server?.stop());

  it("shows the company's board with a plain stage link per card, and never another company's project", async () => {
    const html = await page(await manager.get("/pipeline"));
    const { records } = server.data;
    expect(html).toContain(`href="/projects/${records.own.id}/stage"`);
    expect(html).toContain(`href="/projects/${records.confidential.id}"`);
    expect(html).not.toContain(`href="/projects/${records.otherCompany.id}"`);
    // Staff see their company's board, without another owner's confidential project, and move only their own cards.
    const staffHtml = await page(await staff.get("/pipeline"));
    expect(staffHtml).toContain(`href="/projects/${records.own.id}/stage"`);
    expect(staffHtml).not.toContain(`href="/projects/${records.ownCompany.id}/stage"`);
    expect(staffHtml).not.toContain(`href="/projects/${records.confidential.id}"`);
  });

  it("opens the stage form preset to the stage a card was moved to; the gate is the form's", async () => {
    const { records } = server.data;
    const html = await page(await manager.get(`/projects/${records.own.id}/stage?to=contacted`));
    expect(html).toContain("从看板移到「首次接洽」");
    expect(html).toContain("推进阶段：线索 → 首次接洽");
    const far = await page(await manager.get(`/projects/${records.own.id}/stage?to=signed`));
    expect(far).toContain("项目一次只能前进或退回一个阶段");
  });

  it("saves a company view that the company's staff find in their navigation", async () => {
    const saved = await manager.request("POST", "/views", {
      csrf,
      intent: "save",
      list: "board",
      name: "红灯项目",
      query: "light=red&c_lead=5",
      shared: "on",
      back: "/pipeline?light=red",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/pipeline?light=red");
    const nav = await page(await staff.get("/projects"));
    expect(nav).toContain('href="/pipeline?light=red"');
    expect(nav).toContain("红灯项目");
    // Staff cannot delete the company's view.
    const id = /name="id" value="(\d+)"/.exec(await page(await manager.get("/projects")))![1];
    const staffCsrf = await staff.csrfToken();
    expect((await staff.request("POST", "/views", { csrf: staffCsrf, intent: "delete", id, back: "/projects" })).status).toBe(403);
    expect((await manager.request("POST", "/views", { csrf, intent: "delete", id, back: "/projects" })).status).toBe(302);
    expect(await page(await staff.get("/projects"))).not.toContain("红灯项目");
  });

  it("reassigns two projects in one post and tells the new owner", async () => {
    const { records, users } = server.data;
    const team = await page(await manager.get(`/pipeline/team?member=${users.ownZone}`));
    const boxes = [records.ownCompany.id, records.confidential.id].map((id) => new RegExp(`value="(${id}:\\d+)"`).exec(team)![1]);
    const staffName = /<div class="who">(?:<a[^>]*>)?<strong>([^<]+)<\/strong>/.exec(await page(await staff.get("/my")))![1];
    const toOwnerId = new RegExp(`<option value="(\\d+)">${staffName}</option>`).exec(team)![1];
    const response = await manager.request(
      "POST",
      "/pipeline/team",
      form([
        ["csrf", csrf],
        ["member", String(users.ownZone)],
        ["toOwnerId", toOwnerId],
        ["projects", boxes[0]],
        ["projects", boxes[1]],
      ]),
    );
    expect(response.status).toBe(302);
    const after = await page(await manager.get(response.headers.get("location")!));
    expect(after).toContain(`已将 2 个项目改派给 ${staffName}`);
    expect(after).not.toContain(`value="${boxes[0]}"`);
    // The same post again carries old versions: reported, not overwritten.
    const again = await manager.request(
      "POST",
      "/pipeline/team",
      form([
        ["csrf", csrf],
        ["toOwnerId", toOwnerId],
        ["projects", boxes[0]],
      ]),
    );
    expect(again.status).toBe(409);
    expect(await page(again)).toContain("已被他人修改");
    const notices = await page(await staff.get("/notifications"));
    expect(notices).toContain(`项目「${records.ownCompany.name}」已改派给您负责`);
  });

  it("shows a notice of a kind it has no words for as a plain notice, instead of failing the page", async () => {
    const response = await staff.get("/notifications");
    expect(response.status).toBe(200);
    expect(await page(response)).toContain("一条通知，点击查看");
  });

  it("exports a chasing list as CSV with a BOM through the shared export", async () => {
    const response = await manager.get("/pipeline/chasing/export?tab=stale&export=csv");
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8").startsWith("项目编号,项目名称,投资方")).toBe(true);
    // Every column has its own header (it had "下一步" twice: the date and the action).
    const headers = bytes.subarray(3).toString("utf8").split("\n")[0].trim().split(",");
    expect(new Set(headers).size).toBe(headers.length);
    expect(headers).toContain("下一步截止日期");
  });

  it("names a list's export by the zone's date, not UTC's", async () => {
    const response = await manager.get("/projects/export?export=csv");
    const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(response.headers.get("content-disposition") ?? "")![1]);
    const beijing = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect(name).toBe(`项目-${beijing}.csv`);
  });
});
