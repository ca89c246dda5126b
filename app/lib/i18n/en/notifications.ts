import type { MessageKey } from "../keys";

// notifications: English. The keys are Chinese's (../zh/notifications.ts); ../en/index.ts checks none is missing.
export const notifications = {
  "notifications.title": "Notices",
  "notifications.badge": "Notices: {n} unread",
  "notifications.none": "No notices",
  "notifications.readAll": "Mark all read",
  "notifications.unread": "Unread",
  "notifications.investor_followed": '{company} opened another project (another cluster or phase) for "{investor}", an investor you follow',
  "notifications.handoff_transfer_requested": '{company} asks your company to take over "{project}"',
  "notifications.handoff_assist_requested": '{company} asks your company to assist with "{project}"',
  "notifications.handoff_transfer_accepted": '{company} took over "{project}"; new owner: {assignee}',
  "notifications.handoff_assist_accepted": '{company} accepted the assist for "{project}"; helper: {assignee}',
  "notifications.handoff_rejected": '{company} rejected the request for "{project}": {reason}',
  "notifications.handoff_assist_closed": '{company} closed the assist for "{project}"',
  "notifications.next_action_due": 'Next action "{action}" of "{project}" is due {due}',
  "notifications.project_red": '"{project}" turned red: a planned milestone is {days} days late',
  "notifications.handoff_overdue": 'A handoff of "{project}" has waited more than 3 days for your answer',
  "notifications.project_assigned": '"{project}" was assigned to you',
  "notifications.service_request_assigned": 'The enterprise request of "{enterprise}" was assigned to you; due {due}',
  "notifications.login_locked":
    "Someone kept trying wrong passwords for your login (from {ip}); sign-ins from unknown devices are locked for {minutes} minutes. A browser you have signed in with before still signs in as usual. If it was not you, tell an administrator.",
  "notifications.login_device_locked":
    "A browser you have signed in with before gave wrong passwords repeatedly (from {ip}); it is locked for {minutes} minutes. If it was not you, tell an administrator.",
  "notifications.mfa_locked":
    "Someone gave your right password but wrong verification codes repeatedly (from {ip}); verification is locked for {minutes} minutes. If it was not you, change your password now and tell an administrator.",
  "notifications.login_locked_admin":
    "The login {login} was locked for {minutes} minutes after repeated wrong passwords or codes (from {ip}). Check with the user; end their sessions or reset the password if needed.",
  "notifications.other": "A notice: open it to see",
} satisfies Partial<Record<MessageKey, string>>;
