// notifications: Chinese, the source language. Every key here needs its English in ../en/notifications.ts.
export const notifications = {
  "notifications.title": "通知",
  "notifications.badge": "通知：{n} 条未读",
  "notifications.none": "暂无通知",
  "notifications.readAll": "全部标为已读",
  "notifications.unread": "未读",
  "notifications.investor_followed": "{company} 为您跟进的投资方「{investor}」新立了一个项目（不同产业或期次）",
  "notifications.handoff_transfer_requested": "{company} 请求将项目「{project}」移交给贵公司",
  "notifications.handoff_assist_requested": "{company} 请求贵公司协办项目「{project}」",
  "notifications.handoff_transfer_accepted": "{company} 已接收项目「{project}」，新负责人：{assignee}",
  "notifications.handoff_assist_accepted": "{company} 已接受项目「{project}」的协办，协办人：{assignee}",
  "notifications.handoff_rejected": "{company} 拒绝了项目「{project}」的申请：{reason}",
  "notifications.handoff_assist_closed": "{company} 已办结项目「{project}」的协办",
  "notifications.next_action_due": "项目「{project}」的下一步「{action}」应于 {due} 完成",
  "notifications.project_red": "项目「{project}」亮红灯，计划节点已滞后 {days} 天",
  "notifications.handoff_overdue": "项目「{project}」的移交/协办申请已等待超过 3 天，请尽快答复",
  "notifications.project_assigned": "项目「{project}」已改派给您负责",
  "notifications.service_request_assigned": "企业诉求「{enterprise}」已指派给您办理，办结时限 {due}",
  "notifications.login_locked":
    "有人用错误的密码反复尝试登录您的账号（来自 {ip}），陌生设备上的登录已锁定 {minutes} 分钟。您在以前登录过的浏览器上仍可照常登录；如非本人操作，请联系系统管理员。",
  "notifications.login_device_locked":
    "您以前登录过的一个浏览器多次输错密码（来自 {ip}），该浏览器上的登录已锁定 {minutes} 分钟。如非本人操作，请联系系统管理员。",
  "notifications.mfa_locked":
    "有人输对了您的密码，但多次输错两步验证码（来自 {ip}），验证已锁定 {minutes} 分钟。如非本人操作，请立即修改密码并联系系统管理员。",
  "notifications.login_locked_admin":
    "账号 {login} 因多次输错密码或验证码被锁定 {minutes} 分钟（来自 {ip}）。请核实是否本人操作，必要时结束其会话或重置密码。",
  "notifications.other": "一条通知，点击查看",
} as const;
