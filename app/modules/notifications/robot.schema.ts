// A company's group robot (企业微信 / 钉钉 webhook): the form's schema and the rule for which addresses a robot may
// have. Shared by the page and the action; the server checks the address again before every send.
import * as z from "zod";
import { checkbox, optionalText } from "~/lib/form-fields";

export const ROBOT_KINDS = ["wecom", "dingtalk"] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];

/** The documented address of each robot: host and path (docs: 企业微信「群机器人配置说明」, 钉钉「自定义机器人」). */
export const ROBOT_ENDPOINTS: Record<RobotKind, { host: string; path: string; token: string }> = {
  wecom: { host: "qyapi.weixin.qq.com", path: "/cgi-bin/webhook/send", token: "key" },
  dingtalk: { host: "oapi.dingtalk.com", path: "/robot/send", token: "access_token" },
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Why an address is refused (a message key), or null when a robot of `kind` may be sent to it. Only the robot's own
 * host over https, its documented path and its token parameter: the server posts to this address, so anything
 * else would let a manager make the server call into the zone's network. `extraHosts` (WEBHOOK_HOSTS, for a
 * private deployment's gateway or a test receiver) are allowed as well; plain http only on the loopback.
 */
export function robotUrlProblem(raw: string, kind: RobotKind, extraHosts: readonly string[] = []): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "robot.error.url";
  }
  const endpoint = ROBOT_ENDPOINTS[kind];
  const extra = extraHosts.includes(url.host);
  if (url.host !== endpoint.host && !extra) return "robot.error.host";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && extra && LOOPBACK.has(url.hostname))) return "robot.error.https";
  if (url.username || url.password || url.hash) return "robot.error.url";
  if (url.pathname !== endpoint.path) return "robot.error.path";
  if (!url.searchParams.get(endpoint.token)) return "robot.error.token";
  return null;
}

/** The robot form. `extraHosts` come from the server's configuration (the page passes them on). */
export function robotSchema(extraHosts: readonly string[] = []) {
  return z
    .object({
      version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
      kind: z.enum(ROBOT_KINDS, "validation.required"),
      url: z.string("validation.required").trim().min(1, "validation.required").max(500, "validation.tooLong"),
      // 钉钉's "加签" secret: "SEC" and hex. Blank keeps the one saved; `clearSecret` removes it.
      secret: optionalText(200).refine((v) => v === undefined || /^SEC[0-9a-fA-F]{16,}$/.test(v), "robot.error.secret"),
      clearSecret: checkbox,
      enabled: checkbox,
    })
    .superRefine((v, ctx) => {
      const problem = robotUrlProblem(v.url, v.kind, extraHosts);
      if (problem) ctx.addIssue({ code: "custom", path: ["url"], message: problem });
      if (v.secret && v.kind !== "dingtalk") ctx.addIssue({ code: "custom", path: ["secret"], message: "robot.error.secretKind" });
    });
}

export type RobotInput = z.output<ReturnType<typeof robotSchema>>;
