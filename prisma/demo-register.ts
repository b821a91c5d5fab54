// Demo data for issue #5: past rounds whose results, decisions and certificates fill the public
// register, and the advancement of products up the tiers. Real product names (domain.md); the
// provinces are those of the time: before the merger of 12/6/2025 Chũ, Lục Ngạn and Yên Thế were
// in Bắc Giang, so the 2020 and 2024 provincial rounds run in the former provinces of Bắc Giang
// and Bắc Ninh (rows "F-BG", "F-BN", whose successor is today's Bắc Ninh).
//
//   2020 Bắc Giang (province)  → 2 certificates, expired since 1/1/2024
//   2024 Bắc Giang (province)  → 4 certificates, one of them revoked in 2025; prizes A, B and
//                              encouragement (decision 029)
//   2024 Bắc Ninh  (province)  → 2 certificates
//   2024 North     (region)    ← 3 nominated from the two 2024 rounds → 2 certificates
//   2025 nation                ← Mỳ gạo Chũ, nominated from the region → 1 certificate
//   2026 North     (region)    open for nominations (quota 3 for Bắc Ninh); since the merger the
//                              Bắc Ninh organiser nominates from the former Bắc Giang and Bắc Ninh
//                              2024 rounds too (e.g. GCN-BN-2024-0002, valid to 31/12/2027)
//   2026 South     (region)    a draft whose own province list adds Lâm Đồng (decision 025)
//
// Results are written as finalised outcomes (no score sheets: those rounds ran on paper before
// the platform); entries carry frozen dossier versions so their history and nominations work.
import crypto from "node:crypto";
import { addressText } from "~/modules/certificates/certificates.server";
import { newVerificationCode } from "~/modules/certificates/codes";
import { validUntilFor } from "~/modules/certificates/validity";
import { decisionFileName, renderDecisionPdf } from "~/modules/certificates/decision-pdf.server";
import { dossierSnapshot } from "~/modules/entries/entries.server";
import { copyRegionMembers } from "~/modules/rounds/rounds.server";
import { getFileStorage, newStorageKey } from "~/modules/files/storage.server";
import type { Db } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";
import { itemAt } from "~/utils/arrays";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const DAY = 24 * 60 * 60 * 1000;
const vn = (day: string) => new Date(`${day}T09:00:00+07:00`);
export const DEMO_OPEN_REGION_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026";
export const DEMO_SOUTH_DRAFT_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Nam năm 2026";

interface PastEntry {
  product: string; // an existing demo product (prisma/demo-round.ts) of that name
  score: number;
  recognised: boolean;
  /** Nominated from the certificate of this product in the round below. */
  nominated?: boolean;
  revoked?: { at: string; reason: string };
  /** The council's prize (decision 029), voted 8 for, 1 abstaining. */
  prize?: "A" | "B" | "C" | "ENCOURAGEMENT";
}

interface PastRound {
  key: string;
  name: string;
  level: "PROVINCE" | "REGION" | "NATION";
  provinceCode?: string;
  regionCode?: string;
  year: number;
  finalisedAt: string;
  decision: { number: string; signedAt: string; authority: string; signerName: string; signerTitle: string };
  serialPrefix: string;
  jurisdiction: string;
  from?: string; // key of the round its nominations came from (or several, comma-separated)
  /** Prizes on offer (decision 029): how many of each tier. */
  prizes?: { A: number; B: number; C: number; ENCOURAGEMENT: number };
  entries: PastEntry[];
}

const ROUNDS: PastRound[] = [
  {
    key: "BG2020",
    name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2020",
    level: "PROVINCE",
    provinceCode: "F-BG",
    year: 2020,
    finalisedAt: "2020-09-18",
    decision: {
      number: "1020/QĐ-UBND",
      signedAt: "2020-09-25",
      authority: "Ủy ban nhân dân tỉnh Bắc Giang",
      signerName: "Lê Ánh Dương",
      signerTitle: "Phó Chủ tịch",
    },
    serialPrefix: "BG",
    jurisdiction: "cấp tỉnh Bắc Giang",
    entries: [
      { product: "Gà đồi Yên Thế ủ muối hoa tiêu", score: 82.5, recognised: true },
      { product: "Mỳ Châu Sơn", score: 76, recognised: true },
    ],
  },
  {
    key: "BG2024",
    name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024",
    level: "PROVINCE",
    provinceCode: "F-BG",
    year: 2024,
    finalisedAt: "2024-05-08",
    decision: {
      number: "44/QĐ-UBND",
      signedAt: "2024-05-13",
      authority: "Ủy ban nhân dân tỉnh Bắc Giang",
      signerName: "Phan Thế Tuấn",
      signerTitle: "Phó Chủ tịch",
    },
    serialPrefix: "BG",
    jurisdiction: "cấp tỉnh Bắc Giang",
    prizes: { A: 1, B: 1, C: 1, ENCOURAGEMENT: 2 },
    entries: [
      { product: "Mỳ gạo Chũ", score: 91.3, recognised: true, prize: "A" },
      { product: "Vải thiều Lục Ngạn sấy khô", score: 86.5, recognised: true, prize: "B" },
      { product: "Bộ bàn ghế gỗ mỹ nghệ Đông Thương", score: 84, recognised: true, prize: "ENCOURAGEMENT" },
      {
        product: "Mỳ Thủ Dương",
        score: 72.5,
        recognised: true,
        revoked: {
          at: "2025-08-15",
          reason:
            "Cơ sở đã thay đổi nguyên liệu; sản phẩm không còn đúng như hồ sơ được công nhận (biên bản kiểm tra ngày 02/8/2025).",
        },
      },
      { product: "Tượng gỗ Bãi Ổi", score: 74, recognised: false },
    ],
  },
  {
    key: "BN2024",
    name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2024",
    level: "PROVINCE",
    provinceCode: "F-BN",
    year: 2024,
    finalisedAt: "2024-05-30",
    decision: {
      number: "512/QĐ-UBND",
      signedAt: "2024-06-04",
      authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
      signerName: "Đào Quang Khải",
      signerTitle: "Phó Chủ tịch",
    },
    serialPrefix: "BN",
    jurisdiction: "cấp tỉnh Bắc Ninh",
    entries: [
      { product: "Tranh dân gian Đông Hồ", score: 88, recognised: true },
      { product: "Cuốc, xẻng rèn Đa Hội", score: 77, recognised: true },
      { product: "Chổi chít xuất khẩu", score: 65, recognised: false },
    ],
  },
  {
    key: "MB2024",
    name: "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2024",
    level: "REGION",
    regionCode: "NORTH",
    year: 2024,
    finalisedAt: "2024-09-27",
    decision: {
      number: "2350/QĐ-BCT",
      signedAt: "2024-10-08",
      authority: "Bộ Công Thương",
      signerName: "Phan Thị Thắng",
      signerTitle: "Thứ trưởng",
    },
    serialPrefix: "MB",
    jurisdiction: "cấp khu vực phía Bắc",
    from: "BG2024,BN2024",
    entries: [
      { product: "Mỳ gạo Chũ", score: 88.6, recognised: true, nominated: true },
      { product: "Tranh dân gian Đông Hồ", score: 86.2, recognised: true, nominated: true },
      { product: "Vải thiều Lục Ngạn sấy khô", score: 79.4, recognised: false, nominated: true },
    ],
  },
  {
    key: "QG2025",
    name: "Bình chọn sản phẩm CNNT tiêu biểu cấp quốc gia năm 2025",
    level: "NATION",
    year: 2025,
    finalisedAt: "2025-11-10",
    decision: {
      number: "3011/QĐ-BCT",
      signedAt: "2025-11-20",
      authority: "Bộ Công Thương",
      signerName: "Phan Thị Thắng",
      signerTitle: "Thứ trưởng",
    },
    serialPrefix: "QG",
    jurisdiction: "cấp quốc gia",
    from: "MB2024",
    entries: [{ product: "Mỳ gạo Chũ", score: 87.9, recognised: true, nominated: true }],
  },
];

/**
 * Where each producer was before the reorganisation of 2025, in the units of the time (commune,
 * district or town, former province): certificates issued before 1/7/2025 print these, as they
 * were issued (issue #12 item 5). Today's establishment rows hold the post-2025 communes. (Products
 * never recognised before 2025 keep today's address in their frozen dossier.)
 */
const BEFORE_2025: Record<string, { commune: string; district: string }> = {
  "Gà đồi Yên Thế ủ muối hoa tiêu": { commune: "Xã Đồng Tâm", district: "huyện Yên Thế" },
  "Mỳ Châu Sơn": { commune: "Xã Quỳnh Sơn", district: "huyện Yên Dũng" },
  "Mỳ gạo Chũ": { commune: "Thị trấn Chũ", district: "huyện Lục Ngạn" },
  "Vải thiều Lục Ngạn sấy khô": { commune: "Xã Phượng Sơn", district: "huyện Lục Ngạn" },
  "Bộ bàn ghế gỗ mỹ nghệ Đông Thương": { commune: "Xã Lãng Sơn", district: "huyện Yên Dũng" },
  "Mỳ Thủ Dương": { commune: "Xã Nam Dương", district: "huyện Lục Ngạn" },
  "Tranh dân gian Đông Hồ": { commune: "Phường Song Hồ", district: "thị xã Thuận Thành" },
  "Cuốc, xẻng rèn Đa Hội": { commune: "Phường Châu Khê", district: "thành phố Từ Sơn" },
};
const DISTRICTS_ABOLISHED = new Date("2025-07-01T00:00:00+07:00");

/** Deterministic verification codes for the demo, from the same alphabet as real ones. */
const demoCode = (n: number) =>
  newVerificationCode(crypto.createHash("sha256").update(`tieubieu-demo-certificate-${n}`).digest());

/** Idempotent: does nothing when the 2024 Bắc Giang round exists. Returns the certificates created. */
export async function seedDemoRegister(db: Db): Promise<number> {
  if (await db.round.findFirst({ where: { name: itemAt(ROUNDS, 1, "demo rounds").name }, select: { id: true } }))
    return 0;
  const organiser = await db.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  const ministry = await db.user.findUniqueOrThrow({ where: { email: "organiser.quocgia@tieubieu.test" } });
  const provinces = await db.province.findMany({
    select: { id: true, code: true, name: true, kind: true, regionId: true },
  });
  const regions = await db.region.findMany({ select: { id: true, code: true } });
  const province = (code: string) => provinces.find((p) => p.code === code)!;
  const products = await db.product.findMany({
    where: { name: { in: [...new Set(ROUNDS.flatMap((r) => r.entries.map((e) => e.product)))] } },
    include: { establishment: { include: { province: true } } },
    orderBy: { createdAt: "asc" },
  });
  const product = (name: string) => products.find((p) => p.name === name)!;
  if (ROUNDS.some((r) => r.entries.some((e) => !product(e.product)))) return 0; // demo round not seeded

  const certificates = new Map<string, { id: string; roundKey: string }>(); // product name → latest certificate
  let n = 0;
  for (const r of ROUNDS) {
    const atIssue = r.provinceCode ? province(r.provinceCode) : null;
    const round = await db.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: r.name,
        level: r.level,
        provinceId: atIssue?.id ?? null,
        regionId: r.regionCode ? regions.find((g) => g.code === r.regionCode)!.id : null,
        year: r.year,
        entriesOpenAt: new Date(vn(r.finalisedAt).getTime() - 120 * DAY),
        entriesCloseAt: new Date(vn(r.finalisedAt).getTime() - 60 * DAY),
        judgingStartAt: new Date(vn(r.finalisedAt).getTime() - 30 * DAY),
        resultsAt: vn(r.finalisedAt),
        status: "PUBLISHED",
        passLine: 70,
        resultsFinalisedAt: vn(r.finalisedAt),
        resultsFinalisedById: r.level === "PROVINCE" ? organiser.id : ministry.id,
        complaintsUntil: new Date(vn(r.finalisedAt).getTime() + 10 * DAY),
        description: "Đợt đã kết thúc; kết quả nhập lại từ hồ sơ giấy để tra cứu.",
        createdById: r.level === "PROVINCE" ? organiser.id : ministry.id,
        ...(r.prizes
          ? {
              awardsPrizes: true,
              prizeQuotaA: r.prizes.A,
              prizeQuotaB: r.prizes.B,
              prizeQuotaC: r.prizes.C,
              prizeQuotaEncouragement: r.prizes.ENCOURAGEMENT,
            }
          : {}),
      },
    });
    const decision = await db.recognitionDecision.create({
      data: {
        roundId: round.id,
        ...r.decision,
        signedAt: vn(r.decision.signedAt),
        createdById: r.level === "PROVINCE" ? organiser.id : ministry.id,
      },
    });
    const ranked = [...r.entries].sort((a, b) => b.score - a.score);
    const recognised: Parameters<typeof renderDecisionPdf>[0]["entries"] = [];
    const sequence: Record<string, number> = {};
    let serialNo = 0;
    for (const e of r.entries) {
      const p = product(e.product);
      sequence[p.group] = (sequence[p.group] ?? 0) + 1;
      const nominatedFrom = e.nominated ? certificates.get(e.product) : undefined;
      const entry = await db.entry.create({
        data: {
          roundId: round.id,
          productId: p.id,
          establishmentId: p.establishmentId,
          group: p.group,
          status: "ACCEPTED",
          entryCode: `${r.serialPrefix}-${r.year}-${p.group}-${String(sequence[p.group]).padStart(3, "0")}`,
          receiptNumber: `TB${r.year}-D${r.key}${String(sequence[p.group]).padStart(2, "0")}${p.group}`,
          searchText: normalizeSearch(`${p.name} ${p.establishment.name} ${p.establishment.commune ?? ""}`),
          commune: p.establishment.commune,
          version: 1,
          submittedAt: new Date(vn(r.finalisedAt).getTime() - 70 * DAY),
          decidedAt: new Date(vn(r.finalisedAt).getTime() - 55 * DAY),
          onBehalf: !e.nominated,
          registeredById: r.level === "PROVINCE" ? organiser.id : ministry.id,
          nominatedFromId: nominatedFrom?.id ?? null,
        },
      });
      // The establishment at the time: before 1/7/2025 in its former province, commune and district.
      const at = vn(r.decision.signedAt);
      const formerCode =
        atIssue?.code ??
        (at < new Date("2025-06-12T00:00:00+07:00") ? nominatedFromProvince(e.product) : p.establishment.province.code);
      const former = province(formerCode);
      const then = at < DISTRICTS_ABOLISHED ? BEFORE_2025[p.name] : undefined;
      const snapshot = JSON.parse(JSON.stringify(await dossierSnapshot(db, entry))) as {
        establishment?: Record<string, unknown>;
      };
      if (then && snapshot.establishment) {
        snapshot.establishment = {
          ...snapshot.establishment,
          addressLine: null,
          commune: then.commune,
          district: then.district,
          province: { code: former.code, name: former.name },
        };
      }
      await db.entryVersion.create({
        data: { entryId: entry.id, version: 1, snapshot: snapshot as object, createdById: organiser.id },
      });
      await db.entryEvent.create({
        data: {
          entryId: entry.id,
          toStatus: "ACCEPTED",
          reason: e.nominated ? "Liên thông từ cấp dưới" : "Nhập lại từ hồ sơ giấy",
          actorId: organiser.id,
        },
      });
      await db.entryOutcome.create({
        data: {
          roundId: round.id,
          entryId: entry.id,
          votesFor: e.score >= 70 ? (e.recognised ? 7 : 2) : null,
          votesAgainst: e.score >= 70 ? (e.recognised ? 1 : 6) : null,
          votesAbstain: e.score >= 70 ? 1 : null,
          membersPresent: e.score >= 70 ? 9 : null,
          membersTotal: e.score >= 70 ? 11 : null,
          chairPresent: e.score >= 70 ? true : null,
          recognised: e.score >= 70 ? e.recognised : null,
          votedAt: e.score >= 70 ? vn(r.finalisedAt) : null,
          finalScore: e.score,
          finalSheets: 7,
          finalRank: ranked.indexOf(e) + 1,
          finalPassed: e.score >= 70,
          finalPass: 1,
          ...(e.prize
            ? {
                prize: e.prize,
                prizeVotesFor: 8,
                prizeVotesAgainst: 0,
                prizeVotesAbstain: 1,
                prizeVotedAt: vn(r.finalisedAt),
                prizeVotedById: organiser.id,
              }
            : {}),
        },
      });
      if (!e.recognised) continue;
      const issuedAt = vn(r.decision.signedAt);
      // The establishment's province at issue: the round's own for a provincial round; for higher
      // tiers, the province it was in then (before 12/6/2025 the former one, after it today's).
      const provinceAtIssue = former;
      const cert = await db.certificate.create({
        data: {
          serial: `GCN-${r.serialPrefix}-${r.year}-${String(++serialNo).padStart(4, "0")}`,
          code: demoCode(++n),
          decisionId: decision.id,
          roundId: round.id,
          entryId: entry.id,
          productId: p.id,
          establishmentId: p.establishmentId,
          provinceId: provinceAtIssue.id,
          regionId: provinceAtIssue.regionId,
          level: r.level,
          jurisdiction: r.jurisdiction,
          year: r.year,
          productName: p.name,
          productGroup: p.group,
          establishmentName: p.establishment.name,
          establishmentAddress: addressText({
            commune: then?.commune ?? p.establishment.commune,
            district: then?.district,
            province: { name: provinceAtIssue.name, kind: provinceAtIssue.kind },
          }),
          searchText: normalizeSearch(
            [p.name, p.establishment.name, provinceAtIssue.name, p.establishment.province.name].join(" "),
          ),
          issuedAt,
          validUntil: validUntilFor(issuedAt),
          revokedAt: e.revoked ? vn(e.revoked.at) : null,
          revokedReason: e.revoked?.reason ?? null,
          revokedById: e.revoked ? organiser.id : null,
          prize: e.prize ?? null,
        },
      });
      certificates.set(e.product, { id: cert.id, roundKey: r.key });
      recognised.push({
        productName: p.name,
        establishmentName: p.establishment.name,
        address: cert.establishmentAddress,
        group: p.group,
        prize: e.prize ?? null,
      });
      // Certified: the producer's front photo goes public in the register.
      await db.storedFile.updateMany({
        where: { productId: p.id, kind: "PHOTO", angle: "FRONT", deletedAt: null },
        data: { isPublic: true },
      });
    }
    // The decision document, generated as the platform does for a decision recorded online.
    const bytes = await renderDecisionPdf({
      ...r.decision,
      signedAt: vn(r.decision.signedAt),
      place: r.level === "PROVINCE" ? atIssue!.name : "Hà Nội",
      jurisdiction: r.jurisdiction,
      year: r.year,
      roundName: r.name,
      councilName: null,
      validUntil: validUntilFor(vn(r.decision.signedAt)),
      entries: recognised,
    });
    const storage = getFileStorage();
    const key = newStorageKey();
    await storage.put(key, bytes, "application/pdf");
    await db.recognitionDecision.update({
      where: { id: decision.id },
      data: {
        documentSource: "GENERATED",
        documentStorage: storage.name,
        documentKey: key,
        documentName: decisionFileName(r.decision.number),
        documentSha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      },
    });
  }

  // The open 2026 regional round, taking nominations (Bắc Ninh's quota: 3).
  const north = regions.find((g) => g.code === "NORTH")!;
  const now = Date.now();
  const open = await db.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: DEMO_OPEN_REGION_ROUND,
      level: "REGION",
      regionId: north.id,
      year: 2026,
      entriesOpenAt: new Date(now - 10 * DAY),
      entriesCloseAt: new Date(now + 45 * DAY),
      judgingStartAt: new Date(now + 55 * DAY),
      resultsAt: new Date(now + 70 * DAY),
      status: "OPEN",
      passLine: 70,
      description:
        "Đợt bình chọn cấp khu vực phía Bắc năm 2026: nhận danh sách đề cử của các tỉnh, thành phố theo chỉ tiêu.",
      createdById: (await db.user.findUniqueOrThrow({ where: { email: "organiser.mienbac@tieubieu.test" } })).id,
    },
  });
  await copyRegionMembers(db, open.id, { level: "REGION", regionId: north.id });
  await db.roundQuota.create({ data: { roundId: open.id, provinceId: province("BN").id, quota: 3 } });
  await db.roundQuota.create({ data: { roundId: open.id, provinceId: province("HN").id, quota: 4 } });

  // The South 2026 round, still a draft: its own list of provinces (decision 025) adds Lâm Đồng,
  // whose default region is Central & Highlands but which absorbed Bình Thuận, a southern province.
  const south = regions.find((g) => g.code === "SOUTH")!;
  const draft = await db.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: DEMO_SOUTH_DRAFT_ROUND,
      level: "REGION",
      regionId: south.id,
      year: 2026,
      entriesOpenAt: new Date(now + 20 * DAY),
      entriesCloseAt: new Date(now + 80 * DAY),
      status: "DRAFT",
      passLine: 70,
      description:
        "Dự thảo: danh sách tỉnh/thành phố tham gia gồm 8 tỉnh/thành phố phía Nam và Lâm Đồng (có tỉnh Bình Thuận cũ).",
      createdById: ministry.id,
    },
  });
  await copyRegionMembers(db, draft.id, { level: "REGION", regionId: south.id });
  await db.roundMember.create({ data: { roundId: draft.id, provinceId: province("LD").id } });
  return n;
}

/** Former province of the products nominated from the 2024 provincial rounds. */
function nominatedFromProvince(productName: string): string {
  const bg = ROUNDS.find((r) => r.key === "BG2024")!;
  return bg.entries.some((e) => e.product === productName) ? "F-BG" : "F-BN";
}
