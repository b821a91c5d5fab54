// A round with many certificates, for the bulk-print tests (tests/integration/jobs-kill.test.ts and
// the system crash test's fixture): made by direct inserts, as issuing them one by one through the
// recognition flow would take minutes.
import crypto from "node:crypto";
import { newVerificationCode } from "~/modules/certificates/codes";
import { validUntilFor } from "~/modules/certificates/validity";
import { prisma } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

/**
 * A finalised Bắc Ninh round with `count` certificates issued under one decision (direct inserts:
 * fast), organised by `organiserId`. Serials GCN-K<tag>-2026-0001…; returns the round's id.
 */
export async function roundWithCertificates(organiserId: string, count: number): Promise<string> {
  // One transaction: a few hundred inserts, each its own commit otherwise (slow on SQLite).
  return prisma.$transaction(
    async (tx) => {
      const bn = await tx.province.findUniqueOrThrow({ where: { code: "BN" } });
      const tag = crypto.randomBytes(3).toString("hex");
      const owner = await tx.user.create({ data: { email: `kill-${tag}@example.vn`, name: "Chủ cơ sở thử" } });
      const est = await tx.establishment.create({
        data: {
          ownerId: owner.id,
          legalForm: "COOPERATIVE",
          name: `Hợp tác xã Mây tre đan ${tag}`,
          registrationNumber: `K${tag}`,
          provinceId: bn.id,
          commune: "Xã Phù Lãng",
        },
      });
      const round = await tx.round.create({
        data: {
          groups: createGroups(PRODUCT_GROUPS),
          name: `Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — in hàng loạt ${tag}`,
          level: "PROVINCE",
          provinceId: bn.id,
          year: 2026,
          entriesOpenAt: new Date("2026-01-05"),
          entriesCloseAt: new Date("2026-03-05"),
          status: "RESULTS",
          resultsFinalisedAt: new Date("2026-05-10"),
          createdById: organiserId,
        },
      });
      const decision = await tx.recognitionDecision.create({
        data: {
          roundId: round.id,
          number: `99/QĐ-UBND-${tag}`,
          signedAt: new Date("2026-05-20"),
          authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
          signerName: "Nguyễn Văn An",
          signerTitle: "Phó Chủ tịch",
          createdById: organiserId,
        },
      });
      const issuedAt = new Date("2026-05-20T09:00:00+07:00");
      for (let i = 0; i < count; i++) {
        const name = `Giỏ mây tre đan mẫu ${i + 1}`;
        const product = await tx.product.create({
          data: {
            establishmentId: est.id,
            name,
            searchName: normalizeSearch(name),
            group: "A",
            description: "Sản phẩm thủ công mỹ nghệ.",
          },
        });
        const entry = await tx.entry.create({
          data: {
            roundId: round.id,
            productId: product.id,
            establishmentId: est.id,
            group: "A",
            status: "ACCEPTED",
            searchText: normalizeSearch(name),
          },
        });
        await tx.certificate.create({
          data: {
            serial: `GCN-K${tag}-2026-${String(i + 1).padStart(4, "0")}`,
            code: newVerificationCode(),
            decisionId: decision.id,
            roundId: round.id,
            entryId: entry.id,
            productId: product.id,
            establishmentId: est.id,
            provinceId: bn.id,
            regionId: bn.regionId,
            level: "PROVINCE",
            jurisdiction: "cấp tỉnh Bắc Ninh",
            year: 2026,
            productName: name,
            productGroup: "A",
            establishmentName: est.name,
            establishmentAddress: "Xã Phù Lãng, tỉnh Bắc Ninh",
            searchText: normalizeSearch(`${name} ${est.name} Bắc Ninh`),
            issuedAt,
            validUntil: validUntilFor(issuedAt),
          },
        });
      }
      return round.id;
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}
