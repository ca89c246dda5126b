// Reminders pushed to a company's group robot (issue 19 item 9, decision 016): the day's digest is queued once by
// the sweep, posted in each robot's documented format (钉钉 signed), never names a confidential project, is sent
// once when two processes deliver at the same moment, and a failure is kept and tried again.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { companyWebhooks, projects, webhookDeliveries } from "../../db/schema";
import { sweepReminders } from "../../app/modules/notifications/reminders.server";
import { deliverRobotMessages, robotSettings, saveRobot, sendRobotTest } from "../../app/modules/notifications/robot.server";
import { robotSchema } from "../../app/modules/notifications/robot.schema";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const DAY = "2026-12-07";
const SECRET = `SEC${"a1b2c3d4".repeat(8)}`;

type Received = { path: string; query: URLSearchParams; body: { msgtype: string; markdown: Record<string, string> } };

/** A stand-in for 企业微信 / 钉钉: records what it is sent and answers as told. */
async function startReceiver() {
  const received: Received[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: { errcode: 0, errmsg: "ok" } };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(raw) as Received["body"] });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    received,
    answer: (status: number, body: unknown) => (answer = { status, body }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("robot addresses", () => {
  const parse = (v: Record<string, string>, extra: string[] = []) => robotSchema(extra).safeParse({ enabled: "on", ...v });
  const urlError = (v: Record<string, string>, extra: string[] = []) => {
    const r = parse(v, extra);
    return r.success ? null : r.error.issues.find((i) => i.path[0] === "url" || i.path[0] === "secret")?.message;
  };
  it("takes each robot's documented address, and nothing that would let the server call elsewhere", () => {
    expect(urlError({ kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc" })).toBeNull();
    expect(urlError({ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=abc" })).toBeNull();
    expect(urlError({ kind: "wecom", url: "https://oapi.dingtalk.com/robot/send?access_token=abc" })).toBe("robot.error.host");
    expect(urlError({ kind: "wecom", url: "https://10.0.0.5/cgi-bin/webhook/send?key=abc" })).toBe("robot.error.host");
    expect(urlError({ kind: "wecom", url: "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc" })).toBe("robot.error.https");
    expect(urlError({ kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/other?key=abc" })).toBe("robot.error.path");
    expect(urlError({ kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send" })).toBe("robot.error.token");
    expect(urlError({ kind: "wecom", url: "https://u:p@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a" })).toBe("robot.error.url");
    expect(urlError({ kind: "wecom", url: "not a url" })).toBe("robot.error.url");
    // a configured extra host: plain http only on the loopback
    expect(urlError({ kind: "wecom", url: "http://127.0.0.1:9/cgi-bin/webhook/send?key=a" }, ["127.0.0.1:9"])).toBeNull();
    expect(urlError({ kind: "wecom", url: "http://gw.local:9/cgi-bin/webhook/send?key=a" }, ["gw.local:9"])).toBe("robot.error.https");
    expect(urlError({ kind: "wecom", url: "https://gw.local:9/cgi-bin/webhook/send?key=a" }, ["gw.local:9"])).toBeNull();
  });
  it("takes a 钉钉 signing secret only for 钉钉, in its format", () => {
    const ding = "https://oapi.dingtalk.com/robot/send?access_token=abc";
    expect(urlError({ kind: "dingtalk", url: ding, secret: SECRET })).toBeNull();
    expect(urlError({ kind: "dingtalk", url: ding, secret: "hunter2" })).toBe("robot.error.secret");
    expect(urlError({ kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a", secret: SECRET })).toBe("robot.error.secretKind");
  });
});

describe.each(databaseKinds())("reminders pushed to group robots (%s)", (kind) => {
  let db: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let ref: Awaited<ReturnType<typeof createReferenceZone>>;
  let two: Awaited<ReturnType<typeof createTwoCompanies>>;

  const save = (viewer: Parameters<typeof saveRobot>[0], companyId: number, fields: Record<string, string>) => {
    const parsed = robotSchema([receiver.host]).parse({ enabled: "on", ...fields });
    return saveRobot(viewer, companyId, parsed);
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    receiver = await startReceiver();
    process.env.WEBHOOK_HOSTS = receiver.host;
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_HOSTS;
    await receiver.close();
    await db.dispose();
  });
  beforeEach(async () => {
    await db.reset();
    receiver.received.length = 0;
    receiver.answer(200, { errcode: 0, errmsg: "ok" });
    ref = await createReferenceZone(db.db);
    two = await createTwoCompanies(db.db, ref);
  });

  const due = (company: typeof two.a, name: string, confidential = false) =>
    createProject(db.db, {
      zoneId: ref.zoneId,
      companyId: company.company.id,
      clusterId: ref.clusters[0].id,
      ownerId: company.staff1.id,
      name,
      confidential,
    }).then((p) => db.db.update(projects).set({ nextActionOn: "2026-12-05", nextAction: "准备会商材料" }).where(eq(projects.id, p.id)));

  it("queues the day's digest once per company, posts each robot's format, signs 钉钉, names no confidential project", async () => {
    expect(await save(two.a.manager, two.a.company.id, { kind: "wecom", url: `http://${receiver.host}/cgi-bin/webhook/send?key=wx-key` })).toEqual({
      kind: "ok",
      value: undefined,
    });
    expect(
      await save(two.b.manager, two.b.company.id, {
        kind: "dingtalk",
        url: `http://${receiver.host}/robot/send?access_token=dd-token`,
        secret: SECRET,
      }),
    ).toEqual({ kind: "ok", value: undefined });
    await due(two.a, "晋阳氢能装备项目");
    await due(two.a, "保密的芯片项目", true);
    await due(two.b, "合成生物材料项目");

    const first = await sweepReminders(ref.zoneId, DAY);
    expect(first).toMatchObject({ robotDigests: 2 });
    // the same day again, even reading the whole zone: nothing more
    expect(await sweepReminders(ref.zoneId, DAY, { full: true })).toMatchObject({ robotDigests: 0 });
    expect(await deliverRobotMessages(ref.zoneId)).toBe(2);
    expect(await deliverRobotMessages(ref.zoneId)).toBe(0);

    const wecom = receiver.received.find((r) => r.path === "/cgi-bin/webhook/send")!;
    expect(wecom.query.get("key")).toBe("wx-key");
    expect(wecom.body.msgtype).toBe("markdown");
    expect(wecom.body.markdown.content).toContain("晋阳氢能装备项目");
    expect(wecom.body.markdown.content).toContain("下一步到期或逾期 2 个项目");
    expect(wecom.body.markdown.content).not.toContain("保密的芯片项目");
    expect(wecom.body.markdown.content).toContain("另有 1 个项目未列出");

    const ding = receiver.received.find((r) => r.path === "/robot/send")!;
    expect(ding.query.get("access_token")).toBe("dd-token");
    const timestamp = ding.query.get("timestamp")!;
    const expected = crypto.createHmac("sha256", SECRET).update(`${timestamp}\n${SECRET}`).digest("base64");
    expect(ding.query.get("sign")).toBe(expected);
    expect(ding.body.markdown.title).toContain(two.b.company.name);
    expect(ding.body.markdown.text).toContain("合成生物材料项目");
    expect(ding.body.markdown.text).not.toContain("晋阳氢能装备项目");

    // the secret is sealed at rest
    const [row] = await db.db.select().from(companyWebhooks).where(eq(companyWebhooks.companyId, two.b.company.id));
    expect(row.secretSealed).not.toContain(SECRET);
    expect(row.secretSealed).toMatch(/^v1\./);
  });

  it("sends a queued message once when two deliveries start at the same moment", async () => {
    await save(two.a.manager, two.a.company.id, { kind: "wecom", url: `http://${receiver.host}/cgi-bin/webhook/send?key=k` });
    await due(two.a, "并发项目");
    await sweepReminders(ref.zoneId, DAY);
    const sent = await Promise.all(Array.from({ length: 5 }, () => deliverRobotMessages(ref.zoneId)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("keeps a robot's refusal, shows it, and tries again at the next delivery", async () => {
    await save(two.a.manager, two.a.company.id, { kind: "wecom", url: `http://${receiver.host}/cgi-bin/webhook/send?key=k` });
    await due(two.a, "重试项目");
    await sweepReminders(ref.zoneId, DAY);
    receiver.answer(200, { errcode: 93000, errmsg: "invalid webhook url" });
    expect(await deliverRobotMessages(ref.zoneId)).toBe(0);
    const settings = await robotSettings(two.a.manager, two.a.company.id);
    expect(settings.kind === "ok" && settings.value.deliveries[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "errcode 93000 invalid webhook url",
    });
    receiver.answer(200, { errcode: 0, errmsg: "ok" });
    expect(await deliverRobotMessages(ref.zoneId)).toBe(1);
    const [d] = await db.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("sends a test message on demand, and says when it failed", async () => {
    await save(two.a.manager, two.a.company.id, { kind: "wecom", url: `http://${receiver.host}/cgi-bin/webhook/send?key=k` });
    expect(await sendRobotTest(two.a.manager, two.a.company.id)).toEqual({ kind: "ok", value: { status: "sent" } });
    expect(receiver.received[0].body.markdown.content).toContain(two.a.company.name);
    receiver.answer(500, "down");
    expect(await sendRobotTest(two.a.manager, two.a.company.id)).toEqual({ kind: "ok", value: { status: "failed" } });
  });

  it("is set by the company's manager or an admin of the zone, and by no one else", async () => {
    const url = { kind: "wecom", url: `http://${receiver.host}/cgi-bin/webhook/send?key=k` };
    const admin = { id: ref.adminId, zoneId: ref.zoneId, companyId: null, role: "admin" as const };
    expect((await save(two.a.staff1, two.a.company.id, url)).kind).toBe("forbidden");
    expect((await save(two.b.manager, two.a.company.id, url)).kind).toBe("forbidden");
    expect((await robotSettings(two.a.staff1, two.a.company.id)).kind).toBe("forbidden");
    expect((await save(admin, two.a.company.id, url)).kind).toBe("ok");
    // an admin of another zone does not even learn the company exists
    const other = await createOtherZone(db.db);
    const otherAdmin = await createUser(db.db, { zoneId: other.zoneId, companyId: null, role: "admin" });
    expect((await save(otherAdmin, two.a.company.id, url)).kind).toBe("notFound");
    expect((await sendRobotTest(otherAdmin, two.a.company.id)).kind).toBe("notFound");
  });

  it("refuses a stale save instead of overwriting a colleague's", async () => {
    const url = `http://${receiver.host}/cgi-bin/webhook/send?key=k`;
    await save(two.a.manager, two.a.company.id, { kind: "wecom", url });
    const both = await Promise.all([
      save(two.a.manager, two.a.company.id, { kind: "wecom", url: `${url}1`, version: "1" }),
      save(two.a.manager, two.a.company.id, { kind: "wecom", url: `${url}2`, version: "1" }),
    ]);
    expect(both.map((r) => r.kind).sort()).toEqual(["conflict", "ok"]);
    const [row] = await db.db.select().from(companyWebhooks);
    expect(row.version).toBe(2);
  });
});
