import { describe, expect, it } from "vitest";
import {
  canInviteOrganiser,
  canManageRounds,
  canManageRoundsIn,
  canReadOutbox,
  canUseAdminArea,
  invitableProvinceIds,
  isValidScope,
  roundManagerScopes,
  type ScopedRole,
} from "./permissions";

const admin: ScopedRole = { role: "ADMIN", level: "NATION", regionId: null, provinceId: null };
const bacNinh: ScopedRole = { role: "ORGANISER", level: "PROVINCE", regionId: null, provinceId: "p-bn" };
const north: ScopedRole = { role: "ORGANISER", level: "REGION", regionId: "r-n", provinceId: null };
const producer: ScopedRole = { role: "PRODUCER", level: "PROVINCE", regionId: null, provinceId: "p-bn" };

describe("canInviteOrganiser", () => {
  it("lets an administrator invite any valid scope", () => {
    expect(canInviteOrganiser([admin], { level: "NATION" })).toBe(true);
    expect(canInviteOrganiser([admin], { level: "REGION", regionId: "r-s" })).toBe(true);
    expect(canInviteOrganiser([admin], { level: "PROVINCE", provinceId: "p-hn" })).toBe(true);
  });
  it("lets a province organiser invite only into the same province", () => {
    expect(canInviteOrganiser([bacNinh], { level: "PROVINCE", provinceId: "p-bn" })).toBe(true);
    expect(canInviteOrganiser([bacNinh], { level: "PROVINCE", provinceId: "p-hn" })).toBe(false);
    expect(canInviteOrganiser([bacNinh], { level: "REGION", regionId: "r-n" })).toBe(false);
    expect(canInviteOrganiser([bacNinh], { level: "NATION" })).toBe(false);
  });
  it("refuses regional organisers and producers", () => {
    expect(canInviteOrganiser([north], { level: "PROVINCE", provinceId: "p-bn" })).toBe(false);
    expect(canInviteOrganiser([producer], { level: "PROVINCE", provinceId: "p-bn" })).toBe(false);
  });
  it("refuses malformed scopes even for administrators", () => {
    expect(canInviteOrganiser([admin], { level: "PROVINCE" })).toBe(false);
    expect(canInviteOrganiser([admin], { level: "NATION", provinceId: "p-bn" })).toBe(false);
    expect(isValidScope({ level: "COMMUNE" })).toBe(false);
  });
});

describe("areas", () => {
  it("keeps producers out of the admin area and the outbox", () => {
    expect(canUseAdminArea([producer])).toBe(false);
    expect(canUseAdminArea([north])).toBe(true);
    expect(canReadOutbox([bacNinh])).toBe(false);
    expect(canReadOutbox([admin])).toBe(true);
  });
  it("lists invitable provinces", () => {
    expect(invitableProvinceIds([admin])).toBeNull();
    expect(invitableProvinceIds([bacNinh, producer])).toEqual(["p-bn"]);
    expect(invitableProvinceIds([north])).toEqual([]);
  });
});

describe("rounds", () => {
  const hanoi: ScopedRole = { role: "ORGANISER", level: "PROVINCE", regionId: null, provinceId: "p-hn" };
  const nation: ScopedRole = { role: "ORGANISER", level: "NATION", regionId: null, provinceId: null };

  it("lets each organiser manage rounds of their own level and jurisdiction only", () => {
    expect(canManageRoundsIn([bacNinh], { level: "PROVINCE", provinceId: "p-bn" })).toBe(true);
    expect(canManageRoundsIn([bacNinh], { level: "PROVINCE", provinceId: "p-hn" })).toBe(false);
    expect(canManageRoundsIn([bacNinh], { level: "REGION", regionId: "r-n" })).toBe(false);
    expect(canManageRoundsIn([bacNinh], { level: "NATION" })).toBe(false);
    expect(canManageRoundsIn([north], { level: "REGION", regionId: "r-n" })).toBe(true);
    expect(canManageRoundsIn([north], { level: "REGION", regionId: "r-s" })).toBe(false);
    expect(canManageRoundsIn([north], { level: "PROVINCE", provinceId: "p-bn" })).toBe(false);
    expect(canManageRoundsIn([nation], { level: "NATION" })).toBe(true);
    expect(canManageRoundsIn([nation], { level: "REGION", regionId: "r-n" })).toBe(false);
    expect(canManageRoundsIn([bacNinh, hanoi], { level: "PROVINCE", provinceId: "p-hn" })).toBe(true);
  });
  it("lets administrators manage any valid scope, and nobody a malformed one", () => {
    expect(canManageRoundsIn([admin], { level: "PROVINCE", provinceId: "p-hn" })).toBe(true);
    expect(canManageRoundsIn([admin], { level: "REGION" })).toBe(false);
    expect(canManageRoundsIn([admin], { level: "COMMUNE" })).toBe(false);
    expect(canManageRoundsIn([bacNinh], { level: "PROVINCE", provinceId: "p-bn", regionId: "r-n" })).toBe(false);
  });
  it("keeps producers out of the rounds area", () => {
    expect(canManageRounds([producer])).toBe(false);
    expect(canManageRoundsIn([producer], { level: "PROVINCE", provinceId: "p-bn" })).toBe(false);
    expect(canManageRounds([bacNinh])).toBe(true);
    expect(canManageRounds([admin])).toBe(true);
    expect(roundManagerScopes([admin])).toBeNull();
    expect(roundManagerScopes([bacNinh, producer, north])).toEqual([
      { level: "PROVINCE", regionId: null, provinceId: "p-bn" },
      { level: "REGION", regionId: "r-n", provinceId: null },
    ]);
  });
});
