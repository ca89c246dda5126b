// Investors across zones (issue 20 item 5, decision 022): who is warned that another zone follows an investor, and
// who sees which rows of the province's list of investors several zones follow.
import { describe, expect, it } from "vitest";
import type { UserRole } from "~/lib/domain-values";
import type { Viewer } from "./policy";
import * as policy from "./policy";

const TAIYUAN = 1;
const DATONG = 2;
const viewer = (role: UserRole, companyId: number | null = null): Viewer => ({ id: 1, zoneId: 7, companyId, role });

describe("the masked warning about other zones", () => {
  it.each([
    ["staff", 10, true],
    ["manager", 10, true],
    ["staff", null, false],
    ["leader", 3, false],
    ["admin", null, false],
    ["province_admin", null, false],
    ["province_leader", null, false],
    ["city_leader", null, false],
  ] as const)("%s (company %s): warned %s", (role, companyId, warned) => {
    expect(policy.warnsOfOtherZones(viewer(role, companyId))).toBe(warned);
  });
});

describe("the province's list of investors several zones follow", () => {
  it.each([
    ["province_leader", true],
    ["city_leader", true],
    ["province_admin", false],
    ["admin", false],
    ["leader", false],
    ["manager", false],
    ["staff", false],
  ] as const)("%s opens the list: %s", (role, opens) => {
    expect(policy.canSeeSharedInvestors({ role })).toBe(opens);
  });

  it.each([
    ["province_leader", true],
    ["city_leader", false],
    ["province_admin", false],
    ["leader", false],
  ] as const)("%s reads the whole province: %s", (role, whole) => {
    expect(policy.seesWholeProvince({ role })).toBe(whole);
  });

  // The zones' cities of one investor's group → who sees that row.
  it.each([
    { role: "province_leader", cityId: null, zones: [TAIYUAN, DATONG], sees: true },
    { role: "province_leader", cityId: null, zones: [null, null], sees: true },
    { role: "city_leader", cityId: DATONG, zones: [TAIYUAN, DATONG], sees: true },
    { role: "city_leader", cityId: DATONG, zones: [DATONG, DATONG], sees: true },
    { role: "city_leader", cityId: DATONG, zones: [TAIYUAN, TAIYUAN], sees: false },
    { role: "city_leader", cityId: DATONG, zones: [TAIYUAN, null], sees: false },
    { role: "city_leader", cityId: null, zones: [null, null], sees: false },
    { role: "province_admin", cityId: null, zones: [TAIYUAN, DATONG], sees: false },
    { role: "leader", cityId: null, zones: [TAIYUAN, DATONG], sees: false },
  ] as const)("$role of city $cityId, zones in $zones: sees $sees", ({ role, cityId, zones, sees }) => {
    expect(policy.seesSharedInvestor({ role, cityId }, [...zones])).toBe(sees);
  });
});
