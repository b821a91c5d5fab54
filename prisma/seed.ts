// Seeds reference data (regions, provinces) and, when SEED_DEMO allows, demo accounts and rounds.
// Run: `npm run db:seed` (tsx prisma/seed.ts); the app's start runs the compiled copy in a child
// process (server/main.ts), so none of this stays in the server's memory. Safe to run repeatedly:
// a second run only reads (no password hashing, no writes) when everything is already there.
import { pathToFileURL } from "node:url";
import { syncAdminUnits } from "~/modules/geo/admin-units.server";
import { hashPassword } from "~/modules/auth/password.server";
import { LegalForm, Level, Role, prisma, type Db } from "~/utils/db.server";
import { readEnv } from "~/utils/env.server";

import { DEMO_PASSWORD } from "./demo-password";

export { DEMO_PASSWORD };

interface DemoRole {
  role: Role;
  level: Level;
  regionCode?: string;
  provinceCode?: string;
}
interface DemoUser {
  email: string;
  name: string;
  role: DemoRole;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "admin@tieubieu.test", name: "Quản trị hệ thống", role: { role: Role.ADMIN, level: Level.NATION } },
  {
    email: "organiser.bacninh@tieubieu.test",
    name: "Nguyễn Thị Thu Hà",
    role: { role: Role.ORGANISER, level: Level.PROVINCE, provinceCode: "BN" },
  },
  {
    email: "organiser.mienbac@tieubieu.test",
    name: "Trần Văn Minh",
    role: { role: Role.ORGANISER, level: Level.REGION, regionCode: "NORTH" },
  },
  {
    email: "organiser.quocgia@tieubieu.test",
    name: "Lê Thị Hồng Nhung",
    role: { role: Role.ORGANISER, level: Level.NATION },
  },
  {
    email: "producer@tieubieu.test",
    name: "Nguyễn Văn Chiến",
    role: { role: Role.PRODUCER, level: Level.PROVINCE, provinceCode: "BN" },
  },
];

// A fictitious cooperative for demos. Chũ (former Lục Ngạn district of Bắc Giang) is the home
// of mỳ gạo Chũ; since 2025 it is Phường Chũ in Bắc Ninh. Number and contacts are made up.
const DEMO_ESTABLISHMENT = {
  ownerEmail: "producer@tieubieu.test",
  legalForm: LegalForm.COOPERATIVE,
  name: "Hợp tác xã Mỳ gạo Chũ",
  registrationNumber: "2400123456",
  registrationDate: new Date("2018-03-15T00:00:00+07:00"),
  registrationIssuer: "Phòng Tài chính – Kế hoạch huyện Lục Ngạn, tỉnh Bắc Giang",
  provinceCode: "BN",
  commune: "Phường Chũ",
  addressLine: "Tổ dân phố Thanh Hưng, Phường Chũ, tỉnh Bắc Ninh",
  phone: "0912 345 014",
  email: "htx.mygaochu@tieubieu.test",
  legalRepresentative: "Nguyễn Văn Chiến",
  workforce: 25,
  mainProducts: "Mỳ gạo Chũ",
} as const;

function sameRole(
  have: { role: Role; level: Level; region: { code: string } | null; province: { code: string } | null },
  want: DemoRole,
) {
  return (
    have.role === want.role &&
    have.level === want.level &&
    (have.region?.code ?? null) === (want.regionCode ?? null) &&
    (have.province?.code ?? null) === (want.provinceCode ?? null)
  );
}

export interface SeedResult {
  demoEntries: number;
  demoSheets: number;
  demoCertificates: number;
  regions: number;
  provinces: number;
  provincesCreated: number;
  provincesUpdated: number;
  usersCreated: number;
  rolesCreated: number;
  establishmentsCreated: number;
}

async function seedDemo(db: Db) {
  const emails = DEMO_USERS.map((u) => u.email);
  const existing = await db.user.findMany({
    where: { email: { in: emails } },
    select: {
      id: true,
      email: true,
      roles: {
        select: { role: true, level: true, region: { select: { code: true } }, province: { select: { code: true } } },
      },
      establishments: { select: { legalForm: true, registrationNumber: true } },
    },
  });
  const byEmail = new Map(existing.map((u) => [u.email, u]));
  const missingUsers = DEMO_USERS.filter((u) => !byEmail.has(u.email));
  const missingRoles = DEMO_USERS.filter((u) => {
    const have = byEmail.get(u.email);
    return have && !have.roles.some((r) => sameRole(r, u.role));
  });
  const producer = byEmail.get(DEMO_ESTABLISHMENT.ownerEmail);
  const hasEstablishment = producer?.establishments.some(
    (e) =>
      e.legalForm === DEMO_ESTABLISHMENT.legalForm && e.registrationNumber === DEMO_ESTABLISHMENT.registrationNumber,
  );
  if (missingUsers.length === 0 && missingRoles.length === 0 && hasEstablishment) {
    return { usersCreated: 0, rolesCreated: 0, establishmentsCreated: 0 };
  }

  // Hash outside the transaction (argon2 is deliberately slow); only for accounts to create.
  const hashes = new Map(
    await Promise.all(missingUsers.map(async (u) => [u.email, await hashPassword(DEMO_PASSWORD)] as const)),
  );
  const [regions, provinces] = await Promise.all([
    db.region.findMany({ select: { id: true, code: true } }),
    db.province.findMany({ where: { validTo: null }, select: { id: true, code: true } }),
  ]);
  const regionId = (code?: string) => (code ? regions.find((r) => r.code === code)!.id : null);
  const provinceId = (code?: string) => (code ? provinces.find((p) => p.code === code)!.id : null);
  const roleData = (r: DemoRole) => ({
    role: r.role,
    level: r.level,
    regionId: regionId(r.regionCode),
    provinceId: provinceId(r.provinceCode),
  });

  return db.$transaction(async (tx) => {
    const now = new Date();
    const userIds = new Map(existing.map((u) => [u.email, u.id]));
    for (const u of missingUsers) {
      const created = await tx.user.create({
        data: {
          email: u.email,
          name: u.name,
          passwordHash: hashes.get(u.email)!,
          emailVerifiedAt: now,
          roles: { create: roleData(u.role) },
        },
        select: { id: true },
      });
      userIds.set(u.email, created.id);
    }
    for (const u of missingRoles) {
      await tx.roleAssignment.create({ data: { userId: userIds.get(u.email)!, ...roleData(u.role) } });
    }

    let establishmentsCreated = 0;
    if (!hasEstablishment) {
      const { ownerEmail, provinceCode, ...data } = DEMO_ESTABLISHMENT;
      // The registration number is unique per legal form; it may exist under another owner.
      const found = await tx.establishment.findUnique({
        where: {
          legalForm_registrationNumber: { legalForm: data.legalForm, registrationNumber: data.registrationNumber },
        },
        select: { id: true },
      });
      if (!found) {
        await tx.establishment.create({
          data: { ...data, ownerId: userIds.get(ownerEmail)!, provinceId: provinceId(provinceCode)! },
        });
        establishmentsCreated = 1;
      }
    }
    return { usersCreated: missingUsers.length, rolesCreated: missingRoles.length, establishmentsCreated };
  });
}

/**
 * `demo` adds the demo accounts; `demoRound` (used by the app's start, not by most tests) also
 * adds the open Bắc Ninh 2026 supplementary round with 12 entries, files included
 * (prisma/demo-round.ts), and the main Bắc Ninh 2026 round in judging with its jury and score
 * sheets (prisma/demo-judging.ts), and past rounds with decisions and certificates for the public
 * register plus an open regional round taking nominations (prisma/demo-register.ts).
 */
export async function seed(db: Db, opts: { demo: boolean; demoRound?: boolean }): Promise<SeedResult> {
  const geo = await syncAdminUnits(db);
  const demo = opts.demo ? await seedDemo(db) : { usersCreated: 0, rolesCreated: 0, establishmentsCreated: 0 };
  let demoEntries = 0;
  let demoSheets = 0;
  let demoCertificates = 0;
  if (opts.demo && opts.demoRound) {
    // Loaded only here: the demo's code (and the libraries it draws files with) is not part of a start without it.
    const [{ seedDemoRound }, { seedDemoJudging }, { seedDemoRegister }, { seedDemoSamples }] = await Promise.all([
      import("./demo-round"),
      import("./demo-judging"),
      import("./demo-register"),
      import("./demo-samples"),
    ]);
    const producer = await db.user.findUniqueOrThrow({
      where: { email: DEMO_ESTABLISHMENT.ownerEmail },
      select: { passwordHash: true },
    });
    // The main round first: its entry codes are A-001…, and the supplementary round, accepted
    // after it, continues the numbering of the same sequences (decision 025).
    demoSheets = await seedDemoJudging(db, producer.passwordHash!);
    await seedDemoSamples(db);
    await (await import("./demo-samples")).seedDemoTastingRound(db); // a blind tasting round of its own (decision 046)
    demoEntries = await seedDemoRound(db, producer.passwordHash!);
    demoCertificates = await seedDemoRegister(db);
    await (await import("./demo-credentials")).seedDemoCredentials(db);
    await (await import("./demo-visits")).seedDemoVisits(db); // site visits of a national round (decision 039)
    await (await import("./demo-monitoring")).seedDemoMonitoring(db);
  }
  return {
    demoEntries,
    demoSheets,
    demoCertificates,
    regions: geo.regions,
    provinces: geo.provinces,
    provincesCreated: geo.provincesCreated,
    provincesUpdated: geo.provincesUpdated,
    ...demo,
  };
}

const isMain = !!process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  try {
    const demo = readEnv().seedDemo; // SEED_DEMO decides, see docs/decisions/014-lean-production-start.md
    const r = await seed(prisma, { demo, demoRound: demo });
    console.log(
      `Seed: ${r.regions} regions, ${r.provinces} provinces (${r.provincesCreated} created, ${r.provincesUpdated} updated)` +
        (demo
          ? `; demo: ${r.usersCreated} users, ${r.rolesCreated} roles, ${r.establishmentsCreated} establishments, ${r.demoEntries} entries, ${r.demoSheets} score sheets, ${r.demoCertificates} certificates created (password ${DEMO_PASSWORD})`
          : "; demo data skipped"),
    );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}
