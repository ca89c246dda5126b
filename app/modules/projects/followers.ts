// Who follows an investor, as the project form and the investor pages show it (pure: the browser reads it too).

/** A company following an investor, and its owner when the viewer may know it. Never a project's name, money or stage. */
export type InvestorFollower = {
  companyId: number;
  company: string;
  owner: string | null;
  ownCompany: boolean;
  /** Takes part in another company's project of the investor by an accepted co-follow (协同跟进). */
  cofollow?: boolean;
};
