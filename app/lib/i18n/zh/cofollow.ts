// cofollow: asking the company that follows an investor to let this company take part (协同跟进, issue 19).
// English in ../en/cofollow.ts.
export const cofollow = {
  "handoffs.kind.cofollow": "协同跟进",
  "cofollow.ask": "请求协同跟进",
  "cofollow.askLabel": "请求{company}同意本公司协同跟进",
  "cofollow.title": "请求协同跟进：{investor}",
  "cofollow.intro":
    "{company}已在跟进该投资方。请求经对方公司负责人同意后，本公司作为协同方参与其项目：可查看项目并记录跟进，项目仍由对方负责，首谈记录不变。",
  "cofollow.company": "正在跟进的公司",
  "cofollow.reason": "事由",
  "cofollow.reasonHint": "说明本公司与该投资方的联系、能帮上什么，便于对方负责人判断。",
  "cofollow.submit": "发送请求",
  "cofollow.requested": "已向{company}发出协同跟进请求，等待其负责人答复",
  "cofollow.helper": "协同跟进人",
  "cofollow.helperIsRequester": "接受后，发起人{name}（{company}）作为协同跟进人参与该项目。",
  "cofollow.hidden": "（对方项目，接受后可见）",
  "cofollow.follower": "协同跟进",
  "cofollow.none": "该投资方目前没有可以请求协同跟进的其他公司项目。",
  "cofollow.error.company": "请选择正在跟进该投资方的其他公司",
  "cofollow.error.open": "本公司已向该公司发出协同跟进请求或已在协同跟进",
  "cofollow.error.requester": "发起人已不在发起公司，无法作为协同跟进人；请拒绝后由对方重新发起",
  "notifications.handoff_cofollow_requested": "{company} 请求协同跟进贵公司的项目「{project}」（投资方：{investor}）",
  "notifications.handoff_cofollow_accepted": "{company} 已同意贵公司协同跟进投资方「{investor}」的项目「{project}」",
} as const;
