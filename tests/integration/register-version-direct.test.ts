// The register's version is read on every public request (the response cache's key), so it is
// sent straight to the driver adapter instead of through Prisma's query compiler (issue #9,
// docs/benchmarks/2026-12-06-evening.md). It must read exactly what Prisma reads, and on SQLite's
// one connection it must still take its turn (decision 041): a read made while another request's
// transaction is open never sees that transaction's uncommitted raise.
import { beforeAll, describe, expect, test } from "vitest";
import { readRegisterVersion } from "~/modules/register/version.server";
import { prisma, queryDirect } from "~/utils/db.server";

let provinceId: string;

beforeAll(async () => {
  // A province is part of the register (its triggers raise the version).
  const province = await prisma.province.create({
    data: { code: "BN", name: "Bắc Ninh", searchName: "bac ninh", validFrom: new Date("2025-07-01T00:00:00+07:00") },
  });
  provinceId = province.id;
});

const prismaVersion = async () => (await prisma.registerVersion.findUniqueOrThrow({ where: { id: 1 } })).version;

describe("the register's version read past the query compiler", () => {
  test("the app's client has the direct path, a transaction client does not", async () => {
    await prisma.$connect();
    expect((await queryDirect("SELECT 1", prisma))?.map((row) => row.map(Number))).toEqual([[1]]);
    await prisma.$transaction(async (tx) => {
      // Inside a transaction the direct path would wait for the turn the transaction holds.
      expect(await queryDirect("SELECT 1", tx)).toBeNull();
      expect(await readRegisterVersion(tx)).toBe(
        await tx.registerVersion.findUnique({ where: { id: 1 } }).then((r) => r?.version),
      );
    });
  });

  test("reads what Prisma reads, and follows a committed register write", async () => {
    const v0 = await readRegisterVersion();
    expect(v0).toBe(await prismaVersion());
    await prisma.province.update({ where: { id: provinceId }, data: { name: "Bắc Ninh (mới)" } });
    const v1 = await readRegisterVersion();
    expect(v1).toBeGreaterThan(v0!);
    expect(v1).toBe(await prismaVersion());
  });

  test("a read during another request's open transaction never returns its uncommitted raise", async () => {
    const v0 = await readRegisterVersion();
    let during: Promise<number | null> | undefined;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.province.update({ where: { id: provinceId }, data: { name: "Bắc Ninh (tạm)" } });
        expect((await tx.registerVersion.findUniqueOrThrow({ where: { id: 1 } })).version).toBeGreaterThan(v0!);
        during = readRegisterVersion();
        // Let the read run now if nothing holds it back (it must not see the raise).
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await during).toBe(v0);
    expect(await readRegisterVersion()).toBe(v0);
  });
});
