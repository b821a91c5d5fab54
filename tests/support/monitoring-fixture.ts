// Certificates for the monitoring tests (issue #14), made by direct inserts with chosen issue
// dates, so that a yearly confirmation is overdue, open or not yet due on the day the test runs.
import crypto from "node:crypto";
import { newVerificationCode } from "~/modules/certificates/codes";
import { validUntilFor } from "~/modules/certificates/validity";
import { prisma } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const DAY = 24 * 60 * 60 * 1000;

/** A finalised provincial round of `provinceCode` with its decision, organised by `organiserId`. */
export async function monitoringRound(provinceCode: string, organiserId: string) {
  const province = await prisma.province.findUniqueOrThrow({ where: { code: provinceCode } });
  const tag = crypto.randomBytes(3).toString("hex");
  const round = await prisma.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: `Bình chọn sản phẩm CNNT tiêu biểu ${province.name} năm 2025 — giám sát ${tag}`,
      level: "PROVINCE",
      provinceId: province.id,
      year: 2025,
      entriesOpenAt: new Date("2025-01-05"),
      entriesCloseAt: new Date("2025-03-05"),
      status: "RESULTS",
      resultsFinalisedAt: new Date("2025-05-10"),
      createdById: organiserId,
    },
  });
  const decision = await prisma.recognitionDecision.create({
    data: {
      roundId: round.id,
      number: `77/QĐ-UBND-${tag}`,
      signedAt: new Date("2025-05-20"),
      authority: `Ủy ban nhân dân ${province.name}`,
      signerName: "Nguyễn Văn An",
      signerTitle: "Phó Chủ tịch",
      createdById: organiserId,
    },
  });
  return { round, decision, province, tag };
}

/** An establishment of `ownerId` in `provinceCode`. */
export async function establishmentOf(ownerId: string, provinceCode: string) {
  const province = await prisma.province.findUniqueOrThrow({ where: { code: provinceCode } });
  const tag = crypto.randomBytes(3).toString("hex");
  return prisma.establishment.create({
    data: {
      ownerId,
      legalForm: "COOPERATIVE",
      name: `Hợp tác xã Giám sát ${tag}`,
      registrationNumber: `M${tag}`,
      provinceId: province.id,
      commune: "Xã Thử",
    },
  });
}

/** A certificate of a new product of `establishmentId`, issued `daysAgo` days before now. */
export async function certificateIssued(
  fx: Awaited<ReturnType<typeof monitoringRound>>,
  establishmentId: string,
  daysAgo: number,
  name: string,
) {
  const product = await prisma.product.create({
    data: {
      establishmentId,
      name,
      searchName: normalizeSearch(name),
      group: "A",
      description: "Sản phẩm thủ công mỹ nghệ.",
    },
  });
  const entry = await prisma.entry.create({
    data: {
      roundId: fx.round.id,
      productId: product.id,
      establishmentId,
      group: "A",
      status: "ACCEPTED",
      searchText: normalizeSearch(name),
    },
  });
  const issuedAt = new Date(Date.now() - daysAgo * DAY);
  const serial = `GCN-M${fx.tag}-${crypto.randomBytes(2).toString("hex")}`;
  return prisma.certificate.create({
    data: {
      serial,
      code: newVerificationCode(),
      decisionId: fx.decision.id,
      roundId: fx.round.id,
      entryId: entry.id,
      productId: product.id,
      establishmentId,
      provinceId: fx.province.id,
      regionId: fx.province.regionId,
      level: "PROVINCE",
      jurisdiction: `cấp tỉnh ${fx.province.name}`,
      year: 2025,
      productName: name,
      productGroup: "A",
      establishmentName: "Hợp tác xã Giám sát",
      establishmentAddress: `Xã Thử, ${fx.province.name}`,
      searchText: normalizeSearch(name),
      issuedAt,
      validUntil: validUntilFor(issuedAt),
    },
  });
}
