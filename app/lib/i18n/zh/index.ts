// Chinese, the source language: its keys are every key there is (../keys.ts). One file per domain.
import { common } from "./common";
import { auth } from "./auth";
import { projects } from "./projects";
import { investors } from "./investors";
import { imports } from "./imports";
import { handoffs } from "./handoffs";
import { service } from "./service";
import { pipeline } from "./pipeline";
import { reports } from "./reports";
import { notifications } from "./notifications";
import { robot } from "./robot";
import { search } from "./search";
import { todo } from "./todo";
import { milestones } from "./milestones";
import { attachments } from "./attachments";
import { cofollow } from "./cofollow";
import { zones } from "./zones";
import { ranking } from "./ranking";
import { crosszone } from "./crosszone";
import { province } from "./province";
import { approvals } from "./approvals";
import { chains } from "./chains";
import { prospects } from "./prospects";
import { policies } from "./policies";
import { sheets } from "./sheets";

export const zh = {
  ...common,
  ...auth,
  ...projects,
  ...investors,
  ...imports,
  ...handoffs,
  ...service,
  ...pipeline,
  ...reports,
  ...notifications,
  ...robot,
  ...search,
  ...todo,
  ...milestones,
  ...attachments,
  ...cofollow,
  ...zones,
  ...ranking,
  ...crosszone,
  ...province,
  ...approvals,
  ...chains,
  ...prospects,
  ...policies,
  ...sheets,
} as const;

export default zh;
