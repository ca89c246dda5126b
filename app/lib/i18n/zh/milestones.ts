// milestones: Chinese, the source language (issue 19: logging a milestone moves the project). Every key here needs
// its English in ../en/milestones.ts.
export const milestones = {
  "activity.registration": "注册落地",
  "activity.construction_start": "开工",
  "activity.production_start": "投产",
  "milestone.title": "推进阶段",
  "milestone.advance": "同时推进阶段到「{stage}」",
  "milestone.intro": "记录「{kind}」时可一并把项目推进到「{stage}」：勾选后按下列信息过阶段关口，跟进记录与阶段变更一起保存，任一不通过则都不保存。",
  "milestone.dateHint": "默认为跟进日期",
  "milestone.evidence": "节点佐证材料（{evidence}）不是推进的必要条件，保存后可在项目页上传。",
  "milestone.error.kind.evaluating": "跟进类型为「项目会商」且会商结果为「通过」时，才能推进到「会商评审」",
  "milestone.error.kind.signed": "跟进类型为「签约仪式」时，才能推进到「签约」",
  "milestone.error.kind.registered": "跟进类型为「注册落地」时，才能推进到「注册落地」",
  "milestone.error.kind.construction": "跟进类型为「开工」时，才能推进到「开工」",
  "milestone.error.kind.production": "跟进类型为「投产」时，才能推进到「投产」",
  "milestone.error.cannotMove": "只有项目负责人和公司负责人可以推进阶段；可只记录跟进，不勾选推进",
  "milestone.logged": "已记录{kind}并推进到「{stage}」",
  "milestone.conflict": "项目已被 {by} 于 {at} 修改（当前阶段：{stage}），未保存。请核对后重新提交。",
  "audit.project.activity_stage_forward": "记录{kind}并推进到{stage}",
  "stage.loggedDate": "已按 {on} 记录的「{kind}」预填日期",
} as const;
