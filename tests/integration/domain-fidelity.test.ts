// Issue #12 items 1–3 (decision 025) on the full demo data, through the public services and
// routes: entry codes unique per jurisdiction, level and year across all rounds (database-enforced,
// concurrent accepts gapless, the migration's renumbering of old duplicates); a merged province's
// organiser reading and acting on its predecessors' rounds; a regional round's own province list.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { asAuth } from "../../prisma/demo-round";
import { DEMO_JUDGING_ROUND_NAME } from "../../prisma/demo-judging";
import { DEMO_OPEN_REGION_ROUND, DEMO_SOUTH_DRAFT_ROUND } from "../../prisma/demo-register";
import { DEMO_ROUND_NAME } from "../../prisma/demo-round";
import { seed } from "../../prisma/seed";
import { call, cookieFor, ORIGIN } from "../support/route-calls";
import * as roundRoute from "~/routes/admin.rounds_.$roundId";
import type { Auth } from "~/modules/auth/auth.server";
import { getEntryForOrganiser, listRoundEntries, screenEntry } from "~/modules/entries/entries.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { readableFilesWhere } from "~/modules/files/access.server";
import { nominate, nominationCandidates } from "~/modules/nominations/nominations.server";
import {
  createRound,
  getRoundForManager,
  transitionRound,
  updateRound,
  updateRoundMembers,
} from "~/modules/rounds/rounds.server";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;
const numberOf = (code: string) => Number(code.split("-").pop());

let admin: Auth;
let bacNinh: Auth;
let haNoi: Auth;
const province = (code: string) => prisma.province.findUniqueOrThrow({ where: { code } });
const roundNamed = (name: string) => prisma.round.findFirstOrThrow({ where: { name } });

/** An organiser account of one province (a fresh user with a single role). */
async function organiserOf(code: string, email: string): Promise<Auth> {
  const p = await province(code);
  const user = await prisma.user.create({ data: { email, name: `Cán bộ ${p.name}`, emailVerifiedAt: new Date() } });
  await prisma.roleAssignment.create({
    data: { userId: user.id, role: "ORGANISER", level: "PROVINCE", provinceId: p.id },
  });
  return asAuth(prisma, user.id);
}

/** `n` submitted entries of group `group` in a round, with products of one establishment (no files needed to accept). */
async function submittedEntries(roundId: string, group: "A" | "B", n: number, label: string) {
  const est = await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${label} ${group}${i}`;
    const product = await prisma.product.create({
      data: { establishmentId: est.id, name, searchName: name.toLowerCase(), group, description: "Sản phẩm thử." },
    });
    const entry = await prisma.entry.create({
      data: {
        roundId,
        productId: product.id,
        establishmentId: est.id,
        group,
        status: "SUBMITTED",
        version: 1,
        submittedAt: new Date(),
        receiptNumber: `TB2026-T${label}${group}${i}`,
        searchText: name.toLowerCase(),
      },
    });
    ids.push(entry.id);
  }
  return ids;
}

beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
  const user = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } });
  admin = await asAuth(prisma, (await user("admin@tieubieu.test")).id);
  bacNinh = await asAuth(prisma, (await user("organiser.bacninh@tieubieu.test")).id);
  haNoi = await organiserOf("HN", "organiser.hanoi@example.vn");
}, 600_000);

describe("entry codes are unique per jurisdiction, level and year across rounds", () => {
  test("the demo's supplementary round continues the main round's numbering", async () => {
    const main = await roundNamed(DEMO_JUDGING_ROUND_NAME);
    const supplementary = await roundNamed(DEMO_ROUND_NAME);
    const codes = async (roundId: string) =>
      (await prisma.entry.findMany({ where: { roundId, entryCode: { not: null } }, select: { entryCode: true } }))
        .map((e) => e.entryCode!)
        .sort();
    expect(await codes(main.id)).toEqual([
      "BN-2026-A-001",
      "BN-2026-A-002",
      "BN-2026-A-003",
      "BN-2026-B-001",
      "BN-2026-B-002",
      "BN-2026-B-003",
      "BN-2026-B-004",
      "BN-2026-B-005",
      "BN-2026-C-001",
      "BN-2026-D-001",
    ]);
    expect(await codes(supplementary.id)).toEqual(["BN-2026-A-004", "BN-2026-A-005", "BN-2026-B-006", "BN-2026-B-007"]);
    const all = (await prisma.entry.findMany({ where: { entryCode: { not: null } }, select: { entryCode: true } })).map(
      (e) => e.entryCode,
    );
    expect(new Set(all).size).toBe(all.length);
  });

  test("concurrent accepts across the main and supplementary rounds give distinct, gapless codes", async () => {
    const main = await roundNamed(DEMO_JUDGING_ROUND_NAME);
    const supplementary = await roundNamed(DEMO_ROUND_NAME);
    // Back to screening for the test: both rounds take decisions on submitted dossiers.
    await prisma.round.updateMany({
      where: { id: { in: [main.id, supplementary.id] } },
      data: { status: "SCREENING" },
    });
    const ids = [
      ...(await submittedEntries(main.id, "A", 6, "Chính")),
      ...(await submittedEntries(supplementary.id, "A", 6, "Bổ sung")),
      ...(await submittedEntries(main.id, "B", 4, "Chính")),
      ...(await submittedEntries(supplementary.id, "B", 4, "Bổ sung")),
    ];
    const results = await Promise.allSettled(ids.map((id) => screenEntry(bacNinh, id, "accept", null, meta)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await prisma.entry.findMany({
      where: { roundId: { in: [main.id, supplementary.id] }, entryCode: { not: null } },
      select: { entryCode: true, group: true },
    });
    const codes = rows.map((r) => r.entryCode!);
    expect(new Set(codes).size).toBe(codes.length);
    for (const group of ["A", "B", "C", "D"]) {
      const numbers = rows
        .filter((r) => r.group === group)
        .map((r) => numberOf(r.entryCode!))
        .sort((a, b) => a - b);
      // Gapless: 1…n with nothing missing and nothing twice (A: 5 demo + 12, B: 7 demo + 8).
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      expect(rows.filter((r) => r.group === group).every((r) => r.entryCode!.startsWith(`BN-2026-${group}-`))).toBe(
        true,
      );
    }
    expect(rows.filter((r) => r.group === "A")).toHaveLength(17);
    expect(rows.filter((r) => r.group === "B")).toHaveLength(15);
    const counter = await prisma.entryCodeCounter.findUniqueOrThrow({
      where: { level_jurisdiction_year_group: { level: "PROVINCE", jurisdiction: "BN", year: 2026, group: "A" } },
    });
    expect(counter.last).toBe(17);
  });

  test("the database refuses a second entry with the same code, in another round too", async () => {
    const supplementary = await roundNamed(DEMO_ROUND_NAME);
    const other = await prisma.entry.findFirstOrThrow({ where: { roundId: supplementary.id, entryCode: null } });
    const error = await prisma.entry.update({ where: { id: other.id }, data: { entryCode: "BN-2026-A-001" } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
  });

  test("a code written around the counter (an import) is skipped, not handed out twice", async () => {
    const main = await roundNamed(DEMO_JUDGING_ROUND_NAME);
    const ids = await submittedEntries(main.id, "B", 2, "Nhập");
    const [imported, next] = [itemAt(ids, 0, "the new entries"), itemAt(ids, 1, "the new entries")];
    await prisma.entry.update({ where: { id: imported }, data: { status: "ACCEPTED", entryCode: "BN-2026-B-016" } });
    const result = await screenEntry(bacNinh, next, "accept", null, meta);
    expect(result.entryCode).toBe("BN-2026-B-017");
  });

  test("the migration renumbers old duplicates after the sequence's highest, later rounds only", async () => {
    // Run the migration's own renumbering statement on duplicates made as the old code made them.
    const provider = process.env.DATABASE_URL!.startsWith("postgres") ? "postgresql" : "sqlite";
    const dir = path.join("prisma", provider, "migrations");
    const file = fs.readdirSync(dir).find((d) => d.endsWith("_entry_code_counter_and_round_members"))!;
    const sql = fs.readFileSync(path.join(dir, file, "migration.sql"), "utf8");
    const start = sql.indexOf('WITH "coded"');
    const renumber = sql.slice(start, sql.indexOf(";", start));
    const createIndex = /CREATE UNIQUE INDEX "Entry_entryCode_key"[^;]*/.exec(sql)![0];

    const bn = await province("BN");
    const made = async (name: string, opensDaysAgo: number) =>
      prisma.round.create({
        data: {
          groups: createGroups(PRODUCT_GROUPS),
          name,
          level: "PROVINCE",
          provinceId: bn.id,
          year: 2027,
          entriesOpenAt: new Date(Date.now() - opensDaysAgo * DAY),
          entriesCloseAt: new Date(Date.now() + DAY),
          status: "SCREENING",
          createdById: admin.user.id,
        },
      });
    // The supplementary round is created first but opened later: the main round keeps its codes.
    const supplementary = await made("Tỉnh Bắc Ninh 2027 — đợt bổ sung", 10);
    const main = await made("Tỉnh Bắc Ninh 2027", 60);
    await prisma.$executeRawUnsafe('DROP INDEX "Entry_entryCode_key"');
    try {
      const mainIds = await submittedEntries(main.id, "A", 3, "Cũ chính");
      const suppIds = await submittedEntries(supplementary.id, "A", 2, "Cũ bổ sung");
      for (const [i, id] of mainIds.entries())
        await prisma.entry.update({
          where: { id },
          data: {
            status: "ACCEPTED",
            entryCode: `BN-2027-A-00${i + 1}`,
            decidedAt: new Date(Date.now() - (10 - i) * DAY),
          },
        });
      for (const [i, id] of suppIds.entries())
        await prisma.entry.update({
          where: { id },
          data: {
            status: "ACCEPTED",
            entryCode: `BN-2027-A-00${i + 1}`,
            decidedAt: new Date(Date.now() - (5 - i) * DAY),
          },
        });
      await prisma.$executeRawUnsafe(renumber);
    } finally {
      await prisma.$executeRawUnsafe(createIndex);
    }
    const codesOf = async (roundId: string) =>
      (
        await prisma.entry.findMany({ where: { roundId }, select: { entryCode: true }, orderBy: { decidedAt: "asc" } })
      ).map((e) => e.entryCode);
    expect(await codesOf(main.id)).toEqual(["BN-2027-A-001", "BN-2027-A-002", "BN-2027-A-003"]);
    expect(await codesOf(supplementary.id)).toEqual(["BN-2027-A-004", "BN-2027-A-005"]);
    // Running it again changes nothing (no duplicates left).
    await prisma.$executeRawUnsafe(renumber);
    expect(await codesOf(supplementary.id)).toEqual(["BN-2027-A-004", "BN-2027-A-005"]);
    // The first accept after the migration continues after the highest code.
    const fresh = firstRow(await submittedEntries(supplementary.id, "A", 1, "Mới"), "the new entry");
    expect((await screenEntry(bacNinh, fresh, "accept", null, meta)).entryCode).toBe("BN-2027-A-006");
  });

  test("the screening list carries the code and the receipt number as separate fields", async () => {
    const list = await listRoundEntries(admin, (await roundNamed(DEMO_ROUND_NAME)).id, { page: 1 });
    const accepted = list.rows.find((r) => r.status === "ACCEPTED")!;
    expect(accepted.entryCode).toMatch(/^BN-2026-[AB]-\d{3}$/);
    expect(accepted.receiptNumber).toMatch(/^TB2026-/);
  });
});

describe("a merged province owns its predecessors' records", () => {
  test("the Bắc Ninh organiser reads the former Bắc Ninh and Bắc Giang 2024 rounds and their entries", async () => {
    const bn2024 = await roundNamed("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2024");
    const bg2024 = await roundNamed("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024");
    expect((await getRoundForManager(bacNinh, bn2024.id)).name).toBe(bn2024.name);
    const list = await listRoundEntries(bacNinh, bg2024.id, { page: 1 });
    expect(list.total).toBe(5);
    const first = firstRow(list.rows, "the former round's entries");
    const detail = await getEntryForOrganiser(bacNinh, first.id, bg2024.id);
    expect(detail.entry.id).toBe(first.id);
    // The dossier files follow the same rule as the rounds area.
    expect(await prisma.round.count({ where: { AND: [{ id: bg2024.id }, managedRoundsWhere(bacNinh.roles)] } })).toBe(
      1,
    );
  });

  test("an unrelated province's organiser is still refused (403), and sees none of the files", async () => {
    const bg2024 = await roundNamed("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024");
    await expect(listRoundEntries(haNoi, bg2024.id, { page: 1 })).rejects.toMatchObject({ status: 403 });
    await expect(nominationCandidates(haNoi, bg2024.id)).rejects.toMatchObject({ status: 403 });
    await expect(getRoundForManager(haNoi, bg2024.id)).rejects.toMatchObject({ status: 404 });
    expect(await prisma.round.count({ where: { AND: [{ id: bg2024.id }, managedRoundsWhere(haNoi.roles)] } })).toBe(0);
    // (Certified products' front photos are public to everyone: only the rest of the dossier counts.)
    const where = readableFilesWhere(haNoi)!;
    expect(
      await prisma.storedFile.count({
        where: { AND: [where, { isPublic: false, product: { entries: { some: { roundId: bg2024.id } } } }] },
      }),
    ).toBe(0);
  });

  test("the Bắc Ninh organiser nominates GCN-BN-2024-0002 (valid to 31/12/2027) into the North 2026 round", async () => {
    const bn2024 = await roundNamed("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2024");
    const north = await roundNamed(DEMO_OPEN_REGION_ROUND);
    const page = await nominationCandidates(bacNinh, bn2024.id);
    expect(page.targets.map((t) => t.id)).toEqual([north.id]);
    const cert = page.certificates.find((c) => c.serial === "GCN-BN-2024-0002")!;
    expect(cert.validUntil.toISOString()).toBe("2027-12-31T16:59:59.999Z");
    expect(firstRow(cert.options, "the certificate's options").problems).toEqual([]);
    const result = await nominate(bacNinh, bn2024.id, north.id, [cert.id], meta);
    expect(result.entries.map((e) => e.serial)).toEqual(["GCN-BN-2024-0002"]);
    expect(
      await prisma.entry.count({
        where: { roundId: north.id, nominatedFrom: { serial: "GCN-BN-2024-0002" }, status: "SUBMITTED" },
      }),
    ).toBe(1);
  });

  test("a former Bắc Giang 2024 certificate counts against Bắc Ninh's quota", async () => {
    const bg2024 = await roundNamed("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024");
    const page = await nominationCandidates(bacNinh, bg2024.id);
    const target = firstRow(page.targets, "the nomination targets");
    expect(target.quotas.map((q) => ({ province: q.province, quota: q.quota, used: q.used }))).toEqual([
      { province: "Bắc Ninh", quota: 3, used: 1 },
    ]);
    // The revoked Mỳ Thủ Dương certificate is refused with the same rule as the province's own.
    const revoked = page.certificates.find((c) => c.serial === "GCN-BG-2024-0004")!;
    expect(firstRow(revoked.options, "the certificate's options").problems).toContain("revoked");
  });
});

describe("a regional round keeps its own list of provinces", () => {
  const base = {
    groups: ["A", "B", "C", "D"],
    entriesOpenAt: new Date(Date.now() + DAY),
    entriesCloseAt: new Date(Date.now() + 40 * DAY),
    year: 2028,
  };

  test("the demo's South 2026 draft lists Lâm Đồng beside the southern provinces", async () => {
    const draft = await getRoundForManager(admin, (await roundNamed(DEMO_SOUTH_DRAFT_ROUND)).id);
    const names = draft.members!.provinces.filter((p) => p.member).map((p) => p.name);
    expect(names).toContain("Lâm Đồng");
    expect(names).toContain("TP Hồ Chí Minh");
    expect(names).toHaveLength(9);
    expect(draft.members!.editable).toBe(true);
  });

  test("Lâm Đồng (Đắk Nông in Central, Bình Thuận in South before 2025) nominates into both rounds once the South round lists it", async () => {
    const [south, central, ld] = await Promise.all([
      prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } }),
      prisma.region.findUniqueOrThrow({ where: { code: "CENTRAL" } }),
      province("LD"),
    ]);
    const southRound = await createRound(
      admin,
      { ...base, name: "Khu vực phía Nam năm 2028", level: "REGION", regionId: south.id },
      meta,
    );
    const centralRound = await createRound(
      admin,
      { ...base, name: "Khu vực miền Trung – Tây Nguyên năm 2028", level: "REGION", regionId: central.id },
      meta,
    );
    const members = (roundId: string) =>
      prisma.roundMember
        .findMany({ where: { roundId }, select: { province: { select: { code: true } } } })
        .then((r) => r.map((m) => m.province.code).sort());
    // Copied from the current map: Lâm Đồng's default region is Central & Highlands.
    expect(await members(centralRound.id)).toContain("LD");
    expect(await members(southRound.id)).not.toContain("LD");
    expect(await members(southRound.id)).toHaveLength(8);
    // A quota for a province not on the round's list is refused…
    const settings = { ...base, name: "Khu vực phía Nam năm 2028" };
    await expect(
      updateRound(admin, southRound.id, { ...settings, quotas: { [ld.id]: 4 } }, meta),
    ).rejects.toMatchObject({ status: 400, messageKey: "rounds.quotas.unknownProvince" });
    // …until the round's organiser adds Lâm Đồng to the list (its Bình Thuận part is southern).
    const southIds = (
      await prisma.roundMember.findMany({ where: { roundId: southRound.id }, select: { provinceId: true } })
    ).map((m) => m.provinceId);
    expect(await updateRoundMembers(admin, southRound.id, [...southIds, ld.id], meta)).toEqual({ changed: true });
    expect(await members(southRound.id)).toContain("LD");
    await updateRound(admin, southRound.id, { ...settings, quotas: { [ld.id]: 4 } }, meta);

    // A finalised provincial round of the former Bình Thuận, whose certificate Lâm Đồng now holds.
    const ldOrganiser = await organiserOf("LD", "organiser.lamdong@example.vn");
    const bth = await province("F-BTH");
    const est = await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } });
    const source = await prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: "Tỉnh Bình Thuận năm 2024",
        level: "PROVINCE",
        provinceId: bth.id,
        year: 2024,
        entriesOpenAt: new Date("2024-02-01"),
        entriesCloseAt: new Date("2024-03-01"),
        status: "PUBLISHED",
        resultsFinalisedAt: new Date("2024-05-01"),
        createdById: admin.user.id,
      },
    });
    const product = await prisma.product.create({
      data: {
        establishmentId: est.id,
        name: "Nước mắm Phan Thiết",
        searchName: "nuoc mam phan thiet",
        group: "B",
        description: "Nước mắm cá cơm.",
      },
    });
    const entry = await prisma.entry.create({
      data: {
        roundId: source.id,
        productId: product.id,
        establishmentId: est.id,
        group: "B",
        status: "ACCEPTED",
        entryCode: "F-BTH-2024-B-001",
        version: 1,
        searchText: "nuoc mam phan thiet",
      },
    });
    await prisma.entryVersion.create({
      data: {
        entryId: entry.id,
        version: 1,
        snapshot: { product: { name: "Nước mắm Phan Thiết" } },
        createdById: admin.user.id,
      },
    });
    const decision = await prisma.recognitionDecision.create({
      data: {
        roundId: source.id,
        number: "901/QĐ-UBND",
        signedAt: new Date("2024-05-10T09:00:00+07:00"),
        authority: "Ủy ban nhân dân tỉnh Bình Thuận",
        signerName: "Nguyễn Văn B",
        signerTitle: "Phó Chủ tịch",
        createdById: admin.user.id,
      },
    });
    const cert = await prisma.certificate.create({
      data: {
        serial: "GCN-BTH-2024-0001",
        code: "TESTBTH0001",
        decisionId: decision.id,
        roundId: source.id,
        entryId: entry.id,
        productId: product.id,
        establishmentId: est.id,
        provinceId: bth.id,
        regionId: south.id,
        level: "PROVINCE",
        jurisdiction: "cấp tỉnh Bình Thuận",
        year: 2024,
        productName: product.name,
        productGroup: "B",
        establishmentName: est.name,
        establishmentAddress: "Phan Thiết, tỉnh Bình Thuận",
        searchText: "nuoc mam phan thiet",
        issuedAt: new Date("2024-05-10T09:00:00+07:00"),
        validUntil: new Date("2027-12-31T16:59:59.999Z"),
      },
    });
    for (const r of [southRound, centralRound]) await transitionRound(admin, r.id, "OPEN", null, meta, new Date());
    const page = await nominationCandidates(ldOrganiser, source.id);
    expect(page.targets.map((t) => t.name).sort()).toEqual([
      "Khu vực miền Trung – Tây Nguyên năm 2028",
      "Khu vực phía Nam năm 2028",
    ]);
    const southTarget = page.targets.find((t) => t.id === southRound.id)!;
    expect(southTarget.quotas).toEqual([expect.objectContaining({ province: "Lâm Đồng", quota: 4, used: 0 })]);
    const result = await nominate(ldOrganiser, source.id, southRound.id, [cert.id], meta);
    expect(result.entries).toHaveLength(1);
  });

  test("the list is frozen once the round opens for nominations", async () => {
    const round = await prisma.round.findFirstOrThrow({ where: { name: "Khu vực phía Nam năm 2028" } });
    expect(round.status).toBe("OPEN");
    const hn = await province("HN");
    await expect(updateRoundMembers(admin, round.id, [hn.id], meta)).rejects.toMatchObject({
      status: 409,
      messageKey: "rounds.members.frozen",
    });
    expect((await getRoundForManager(admin, round.id)).members!.editable).toBe(false);
    // Only the round's organisers: a province organiser cannot touch a regional round at all.
    const draft = await roundNamed(DEMO_SOUTH_DRAFT_ROUND);
    await expect(updateRoundMembers(bacNinh, draft.id, [hn.id], meta)).rejects.toMatchObject({ status: 404 });
    // A merged-away province cannot be a member.
    const former = await province("F-BTH");
    await expect(updateRoundMembers(admin, draft.id, [former.id], meta)).rejects.toMatchObject({
      status: 400,
      messageKey: "rounds.members.unknownProvince",
    });
  });

  test("through the round page: the draft's list is saved by POST; a frozen one answers 409 with the reason", async () => {
    const cookie = await cookieFor("admin@tieubieu.test");
    const postMembers = (roundId: string, provinceIds: string[]) => {
      const body = new FormData();
      body.append("intent", "members");
      for (const id of provinceIds) body.append("provinceIds", id);
      return call(
        roundRoute.action,
        new Request(`${ORIGIN}/admin/rounds/${roundId}`, {
          method: "POST",
          body,
          headers: { Cookie: cookie, Origin: ORIGIN },
        }),
        { roundId },
      );
    };
    const draft = await roundNamed(DEMO_SOUTH_DRAFT_ROUND);
    const before = (
      await prisma.roundMember.findMany({ where: { roundId: draft.id }, select: { provinceId: true } })
    ).map((m) => m.provinceId);
    const ld = await province("LD");
    const saved = await postMembers(
      draft.id,
      before.filter((id) => id !== ld.id),
    );
    expect(saved.status).toBe(302);
    expect(await prisma.roundMember.count({ where: { roundId: draft.id } })).toBe(8);
    expect(await prisma.auditLog.count({ where: { entityId: draft.id, action: "round.members" } })).toBe(1);

    const open = await prisma.round.findFirstOrThrow({ where: { name: "Khu vực phía Nam năm 2028" } });
    const refused = await postMembers(open.id, [ld.id]);
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({
      form: "members",
      message: "Đợt đã mở nhận đề cử: danh sách tỉnh/thành phố tham gia không sửa được nữa.",
    });
    const empty = await postMembers(draft.id, []);
    expect(empty.status).toBe(400);
  });
});
