import { describe, expect, it } from "vitest";
import { canInviteOrganiser, canReadOutbox, canUseAdminArea, invitableProvinceIds, isValidScope, type ScopedRole } from "./permissions";

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
