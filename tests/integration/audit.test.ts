import { describe, expect, it } from "vitest";
import { audit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";

describe("audit log", () => {
  it("records who, what, which object, from where, before and after, without secrets", async () => {
    await audit(prisma, {
      action: "test.change",
      entityType: "Thing",
      entityId: "t1",
      before: { name: "cũ" },
      after: { name: "mới", password: "TieuBieu@2026", nested: { tokenHash: "abc" } },
      meta: { ip: "203.0.113.9", userAgent: "vitest" },
    });
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "test.change" } });
    expect(row).toMatchObject({ entityType: "Thing", entityId: "t1", ipAddress: "203.0.113.9", userAgent: "vitest" });
    expect(row.before).toEqual({ name: "cũ" });
    expect(row.after).toEqual({ name: "mới", password: "[redacted]", nested: { tokenHash: "[redacted]" } });
  });

  it("is append-only in the database itself", async () => {
    await audit(prisma, { action: "test.keep" });
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "test.keep" } });
    await expect(prisma.auditLog.update({ where: { id: row.id }, data: { action: "test.changed" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await prisma.auditLog.count({ where: { action: "test.keep" } })).toBe(1);
  });

  it("rolls back with the change it records", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await audit(tx, { action: "test.rolled_back" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.auditLog.count({ where: { action: "test.rolled_back" } })).toBe(0);
  });
});
