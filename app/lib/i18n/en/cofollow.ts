import type { MessageKey } from "../keys";

// cofollow: English. The keys are Chinese's (../zh/cofollow.ts); ../en/index.ts checks none is missing.
export const cofollow = {
  "handoffs.kind.cofollow": "Co-follow",
  "cofollow.ask": "Ask to co-follow",
  "cofollow.askLabel": "Ask {company} to let this company co-follow",
  "cofollow.title": "Ask to co-follow: {investor}",
  "cofollow.intro":
    "{company} already follows this investor. Once its manager agrees, this company takes part in its project: it reads the project and logs activities, the project stays theirs and the first-contact credit does not change.",
  "cofollow.company": "Company following it",
  "cofollow.reason": "Reason",
  "cofollow.reasonHint": "Say how this company knows the investor and how it can help, so that their manager can decide.",
  "cofollow.submit": "Send request",
  "cofollow.requested": "Co-follow request sent to {company}; waiting for its manager",
  "cofollow.helper": "Co-follower",
  "cofollow.helperIsRequester": "Once accepted, the requester {name} ({company}) co-follows the project.",
  "cofollow.hidden": "(their project, visible once accepted)",
  "cofollow.follower": "co-follows",
  "cofollow.none": "No other company's project of this investor can be co-followed.",
  "cofollow.error.company": "Choose another company that follows this investor",
  "cofollow.error.open": "This company has already asked that company to co-follow, or co-follows already",
  "cofollow.error.requester": "The requester has left the requesting company and cannot co-follow; reject it and let them ask again",
  "notifications.handoff_cofollow_requested": "{company} asks to co-follow your project “{project}” (investor: {investor})",
  "notifications.handoff_cofollow_accepted": "{company} agreed that your company co-follows “{project}” of investor “{investor}”",
} satisfies Partial<Record<MessageKey, string>>;
