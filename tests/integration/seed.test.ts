// Runs the seed twice against an empty migrated database (one per test file, see tests/setup).
import { describe, expect, it } from "vitest";
import { seed, DEMO_PASSWORD } from "../../prisma/seed";
import {
  findProvinceByCode,
  listCurrentProvinces,
  listRegions,
  syncAdminUnits,
} from "~/modules/geo/admin-units.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

describe("seed", () => {
  it("creates reference and demo data once, and a second run changes nothing", async () => {
    const first = await seed(prisma, { demo: true });
    expect(first).toMatchObject({
      regions: 3,
      provinces: 97,
      provincesCreated: 97,
      usersCreated: 5,
      establishmentsCreated: 1,
    });

    const hashesBefore = await prisma.user.findMany({ select: { email: true, passwordHash: true, updatedAt: true } });
    const second = await seed(prisma, { demo: true });
    expect(second).toMatchObject({
      provincesCreated: 0,
      provincesUpdated: 0,
      usersCreated: 0,
      rolesCreated: 0,
      establishmentsCreated: 0,
    });
    const hashesAfter = await prisma.user.findMany({ select: { email: true, passwordHash: true, updatedAt: true } });
    expect(hashesAfter).toEqual(hashesBefore);

    expect(await prisma.region.count()).toBe(3);
    expect(await prisma.province.count()).toBe(97);
    expect(await prisma.province.count({ where: { validTo: null } })).toBe(34);
    expect(await prisma.province.count({ where: { validTo: { not: null }, successorId: { not: null } } })).toBe(63);
    expect(await prisma.user.count()).toBe(5);
    expect(await prisma.roleAssignment.count()).toBe(5);
    expect(await prisma.establishment.count()).toBe(1);
  });

  it("links former provinces to their successors and regions", async () => {
    const regions = await listRegions(prisma);
    expect(regions.map((r) => r.code)).toEqual(["NORTH", "CENTRAL", "SOUTH"]);

    const current = await listCurrentProvinces(prisma);
    expect(current).toHaveLength(34);
    expect(firstRow(current, "current provinces").name).toBe("An Giang");
    const byRegion = (code: string) => current.filter((p) => p.region?.code === code).length;
    expect([byRegion("NORTH"), byRegion("CENTRAL"), byRegion("SOUTH")]).toEqual([18, 8, 8]);

    const bacGiang = await findProvinceByCode(prisma, "f-bg");
    expect(bacGiang).toMatchObject({
      name: "Bắc Giang",
      successor: { code: "BN", name: "Bắc Ninh" },
      region: { code: "NORTH" },
    });
    expect(bacGiang?.validTo?.toISOString()).toBe("2025-06-11T17:00:00.000Z");

    const lamDong = await prisma.province.findUniqueOrThrow({
      where: { code: "LD" },
      select: { searchName: true, predecessors: { select: { code: true, region: { select: { code: true } } } } },
    });
    expect(lamDong.searchName).toBe("lam dong");
    expect(lamDong.predecessors.map((p) => p.code).sort()).toEqual(["F-BTH", "F-DNO", "F-LD"]);
    expect(new Set(lamDong.predecessors.map((p) => p.region?.code))).toEqual(new Set(["CENTRAL", "SOUTH"]));
  });

  it("scopes the demo roles", async () => {
    const users = await prisma.user.findMany({
      select: {
        email: true,
        emailVerifiedAt: true,
        passwordHash: true,
        roles: {
          select: { role: true, level: true, region: { select: { code: true } }, province: { select: { code: true } } },
        },
      },
      orderBy: { email: "asc" },
    });
    const scope = Object.fromEntries(
      users.map((u) => [
        u.email,
        u.roles.map((r) => [r.role, r.level, r.region?.code ?? null, r.province?.code ?? null]),
      ]),
    );
    expect(scope).toEqual({
      "admin@tieubieu.test": [["ADMIN", "NATION", null, null]],
      "organiser.bacninh@tieubieu.test": [["ORGANISER", "PROVINCE", null, "BN"]],
      "organiser.mienbac@tieubieu.test": [["ORGANISER", "REGION", "NORTH", null]],
      "organiser.quocgia@tieubieu.test": [["ORGANISER", "NATION", null, null]],
      "producer@tieubieu.test": [["PRODUCER", "PROVINCE", null, "BN"]],
    });
    for (const u of users) expect(u.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await verifyPassword(firstRow(users, "demo users").passwordHash, DEMO_PASSWORD)).toBe(true);

    const establishment = await prisma.establishment.findFirstOrThrow({
      select: {
        name: true,
        legalForm: true,
        commune: true,
        owner: { select: { email: true } },
        province: { select: { code: true } },
      },
    });
    expect(establishment).toEqual({
      name: "Hợp tác xã Mỳ gạo Chũ",
      legalForm: "COOPERATIVE",
      commune: "Phường Chũ",
      owner: { email: "producer@tieubieu.test" },
      province: { code: "BN" },
    });
  });

  it("does not overwrite a region changed by an organiser, but repairs reference fields", async () => {
    const south = await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } });
    await prisma.province.update({ where: { code: "LD" }, data: { regionId: south.id, name: "Lam Dong (typo)" } });

    const result = await syncAdminUnits(prisma);
    expect(result).toMatchObject({ provincesCreated: 0, provincesUpdated: 1 });
    const lamDong = await prisma.province.findUniqueOrThrow({
      where: { code: "LD" },
      select: { name: true, region: { select: { code: true } } },
    });
    expect(lamDong).toEqual({ name: "Lâm Đồng", region: { code: "SOUTH" } });
  });

  it("skips demo accounts when demo is off", async () => {
    await prisma.user.deleteMany({ where: { email: "admin@tieubieu.test" } });
    const result = await seed(prisma, { demo: false });
    expect(result.usersCreated).toBe(0);
    expect(await prisma.user.count({ where: { email: "admin@tieubieu.test" } })).toBe(0);
  });
});
