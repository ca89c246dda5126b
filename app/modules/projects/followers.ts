// Who follows an investor, as the project form and the investor pages show it (pure: the browser reads it too).

/** A company following an investor, and its owner when the viewer may know it. Never a project's name, money or stage. */
export type InvestorFollower = { company: string; owner: string | null; ownCompany: boolean };
