// Demo enterprise requests (企业诉求) for landed projects: deterministic, a modest number, most solved and rated.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../index";
import { companies, projects, serviceDeadlines, serviceRequestEvents, serviceRequestRatings, serviceRequests, users } from "../schema";
import type { ServiceRequestType } from "../schema";
import type { ReferenceZone } from "./reference";
import type { Rng } from "./demo";

const DESCRIPTIONS: Record<ServiceRequestType, string[]> = {
  permits: ["施工许可证办理进度咨询", "环评批复材料需补正，请协助对接", "消防验收预约排期较长"],
  utilities: ["新厂房双回路供电尚未接入", "工业用水管网压力不足", "天然气接驳工程进度滞后"],
  land: ["二期用地指标落实情况", "标准化厂房租赁面积需调整", "土地证办理材料咨询"],
  policy_funds: ["设备购置补贴申报指导", "落地奖励资金拨付进度", "研发费用加计扣除政策咨询"],
  hiring: ["急需招聘技术工人约50名", "人才公寓申请咨询", "校企合作招聘对接"],
  finance: ["流动资金贷款对接", "产业基金股权投资意向", "设备融资租赁方案咨询"],
  other: ["厂区周边公交线路调整建议", "员工子女入学咨询", "企业开放日活动协调"],
};
const PLATFORM_FOR: Partial<Record<ServiceRequestType, string>> = {
  utilities: "开发建设平台公司",
  land: "开发建设平台公司",
  finance: "科创金融平台公司",
  policy_funds: "科创金融平台公司",
};
const TYPES = Object.keys(DESCRIPTIONS) as ServiceRequestType[];
const RESOLUTIONS = ["已协调相关部门办结", "已现场对接并解决", "已完成材料补正，审批通过", "已落实，企业确认"];

function addDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** About one landed project in three gets one or two requests received in the last 200 days. */
export async function seedServiceRequests(db: Executor, ref: ReferenceZone, rng: Rng, today: string) {
  const landed = await db
    .select({ id: projects.id, companyId: projects.companyId, ownerId: projects.ownerId, registeredOn: projects.registeredOn })
    .from(projects)
    .where(and(eq(projects.zoneId, ref.zoneId), inArray(projects.stage, ["registered", "construction", "production"])))
    .orderBy(asc(projects.id));
  const people = await db
    .select({ id: users.id, companyId: users.companyId, role: users.role })
    .from(users)
    .where(eq(users.zoneId, ref.zoneId))
    .orderBy(asc(users.id));
  const byCompany = new Map<number, typeof people>();
  for (const p of people) if (p.companyId) byCompany.set(p.companyId, [...(byCompany.get(p.companyId) ?? []), p]);
  const companyRows = await db
    .select({ id: companies.id, name: companies.name, hotline: companies.hotline })
    .from(companies)
    .where(eq(companies.zoneId, ref.zoneId));
  const platformId = new Map(companyRows.map((c) => [c.name, c.id]));
  const hotlineId = companyRows.find((c) => c.hotline)?.id;
  const deadlines = new Map((await db.select().from(serviceDeadlines).where(eq(serviceDeadlines.zoneId, ref.zoneId))).map((d) => [d.type, d.days]));
  let created = 0;
  for (const project of landed) {
    if (!rng.chance(0.35)) continue;
    for (let i = rng.int(1, 2); i > 0; i--) {
      const type = rng.pick(TYPES);
      const receivedOn = addDays(today, -rng.int(1, 200));
      if (project.registeredOn && receivedOn < project.registeredOn) continue;
      const hotline = hotlineId !== undefined && rng.chance(0.4);
      const platform = PLATFORM_FOR[type];
      const handlingCompanyId = platform && rng.chance(0.7) ? platformId.get(platform)! : project.companyId;
      const loggedByCompanyId = hotline ? hotlineId : project.companyId;
      const logger = hotline
        ? byCompany.get(hotlineId)?.[0]
        : (people.find((p) => p.id === project.ownerId) ?? byCompany.get(project.companyId)?.[0]);
      const team = byCompany.get(handlingCompanyId) ?? [];
      const manager = team.find((p) => p.role === "manager");
      const handler = team.length ? rng.pick(team) : undefined;
      if (!logger || !manager || !handler) continue;
      const dueOn = addDays(receivedOn, deadlines.get(type) ?? 15);
      const took = rng.int(1, Math.round((deadlines.get(type) ?? 15) * 1.5));
      const solvedOn = addDays(receivedOn, took);
      const solved = solvedOn < today && rng.chance(0.85);
      const assigned = solved || rng.chance(0.7);
      const satisfaction = solved ? rng.pick([5, 5, 5, 4, 4, 4, 3, 2]) : null;
      const resolution = solved ? rng.pick(RESOLUTIONS) : null;
      const [row] = await db
        .insert(serviceRequests)
        .values({
          zoneId: ref.zoneId,
          projectId: project.id,
          channel: hotline ? "hotline" : rng.chance(0.5) ? "owner" : "visit",
          type,
          description: rng.pick(DESCRIPTIONS[type]),
          urgent: rng.chance(0.1) ? 1 : 0,
          handlingCompanyId,
          handlerId: assigned ? handler.id : null,
          status: solved ? "solved" : assigned ? "assigned" : "open",
          receivedOn,
          dueOn,
          solvedOn: solved ? solvedOn : null,
          resolution,
          createdById: logger.id,
          loggedByCompanyId,
          createdAt: new Date(`${receivedOn}T09:30:00+08:00`),
        })
        .returning({ id: serviceRequests.id });
      const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`);
      const events: (typeof serviceRequestEvents.$inferInsert)[] = [{ requestId: row.id, kind: "logged", actorId: logger.id, at: at(receivedOn, 9) }];
      if (assigned)
        events.push({ requestId: row.id, kind: "assigned", actorId: manager.id, details: { handlerId: handler.id }, at: at(receivedOn, 14) });
      if (solved) {
        events.push({
          requestId: row.id,
          kind: "solved",
          actorId: handler.id,
          text: resolution,
          details: { solvedOn },
          at: at(solvedOn, 16),
        });
      }
      await db.insert(serviceRequestEvents).values(events);
      // Most enterprises answered the hotline's 回访 a few days after; the rest are still on its list (no draw from
      // the generator, so the rest of the demo stays as it was).
      const rater = hotlineId === undefined ? undefined : byCompany.get(hotlineId)?.find((p) => p.id !== handler.id);
      if (solved && satisfaction !== null && rater && handlingCompanyId !== hotlineId && addDays(solvedOn, 3) < today && row.id % 5 !== 0) {
        await db
          .insert(serviceRequestRatings)
          .values({ requestId: row.id, source: "hotline", score: satisfaction, byId: rater.id, at: at(addDays(solvedOn, 3), 10) });
      }
      created++;
    }
  }
  return created;
}
