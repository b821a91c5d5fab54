// Demo data for issue #3: an open provincial round in Bắc Ninh with 12 entries across the four
// product groups in mixed statuses, each with generated photos and PDF "scans". Goes through
// the real services (files, entries), so codes, versions, timeline, mails and audit are real.
import type { Auth } from "~/modules/auth/auth.server";
import { loadRoles } from "~/modules/auth/auth.server";
import { createEntry, producerMove, screenEntry } from "~/modules/entries/entries.server";
import { storeFile } from "~/modules/files/upload.server";
import type { Db } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";
import { demoPdf, demoPhoto } from "./demo-files";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";
import { createDocuments } from "~/modules/rounds/round-fields";

/** The supplementary round, open for entries (the main 2026 round is judging: demo-judging.ts). */
export const DEMO_ROUND_NAME = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — đợt bổ sung";

type Status = "DRAFT" | "SUBMITTED" | "RETURNED" | "ACCEPTED" | "REJECTED";
export type DemoEstablishment = DemoEntry["establishment"];
interface DemoEntry {
  product: string;
  group: "A" | "B" | "C" | "D";
  description: string;
  establishment: {
    name: string;
    legalForm: "SME" | "COOPERATIVE" | "COOP_GROUP" | "HOUSEHOLD";
    registrationNumber: string;
    commune: string;
    owner: string;
    ownerName: string;
  };
  status: Status;
  reason?: string;
  /** A draft whose product still lacks what form 01 asks: its checklist says what to add. */
  formsIncomplete?: boolean;
}

export const CHU = {
  name: "Hợp tác xã Mỳ gạo Chũ",
  legalForm: "COOPERATIVE",
  registrationNumber: "2400123456",
  commune: "Phường Chũ",
  owner: "producer@tieubieu.test",
  ownerName: "Nguyễn Văn Chiến",
} as const;

export const DEMO_ENTRIES: DemoEntry[] = [
  {
    product: "Mỳ gạo Chũ",
    group: "B",
    description: "Mỳ gạo làm từ gạo Bao thai Chũ, tráng và phơi nắng tự nhiên, sợi dai, không chất bảo quản.",
    establishment: CHU,
    status: "ACCEPTED",
  },
  {
    product: "Mỳ gạo Chũ hữu cơ",
    group: "B",
    description: "Mỳ gạo từ lúa hữu cơ vùng Chũ, đóng gói 500 g.",
    establishment: CHU,
    status: "DRAFT",
  },
  {
    product: "Vải thiều Lục Ngạn sấy khô",
    group: "B",
    description: "Vải thiều Lục Ngạn sấy lạnh giữ màu và vị ngọt tự nhiên.",
    establishment: {
      name: "Hợp tác xã Vải thiều Lục Ngạn",
      legalForm: "COOPERATIVE",
      registrationNumber: "2400234567",
      commune: "Xã Lục Ngạn",
      owner: "vaithieu@tieubieu.test",
      ownerName: "Hoàng Văn Thắng",
    },
    status: "SUBMITTED",
  },
  {
    product: "Gà đồi Yên Thế ủ muối hoa tiêu",
    group: "B",
    description: "Gà đồi Yên Thế nuôi thả, ủ muối hoa tiêu, hút chân không.",
    establishment: {
      name: "Hợp tác xã Gà đồi Yên Thế",
      legalForm: "COOPERATIVE",
      registrationNumber: "2400345678",
      commune: "Xã Yên Thế",
      owner: "gadoi@tieubieu.test",
      ownerName: "Đặng Thị Hiền",
    },
    status: "RETURNED",
    reason: "Ảnh sản phẩm bị mờ, chưa thấy rõ nhãn mác. Đề nghị chụp lại ảnh mặt trước và mặt trên rồi nộp lại.",
  },
  {
    product: "Mỳ Thủ Dương",
    group: "B",
    description: "Mỳ gạo làng Thủ Dương, sợi nhỏ, nấu nhanh.",
    establishment: {
      name: "Hộ kinh doanh Mỳ Thủ Dương",
      legalForm: "HOUSEHOLD",
      registrationNumber: "20A8012345",
      commune: "Xã Nam Dương",
      owner: "thuduong@tieubieu.test",
      ownerName: "Trần Văn Dương",
    },
    status: "DRAFT",
  },
  {
    product: "Mỳ Châu Sơn",
    group: "B",
    description: "Mỳ gạo Châu Sơn làm thủ công theo nghề truyền thống.",
    establishment: {
      name: "Hộ kinh doanh Mỳ Châu Sơn",
      legalForm: "HOUSEHOLD",
      registrationNumber: "20A8023456",
      commune: "Xã Tân Yên",
      owner: "chauson@tieubieu.test",
      ownerName: "Lê Thị Sơn",
    },
    status: "ACCEPTED",
  },
  {
    product: "Bộ bàn ghế gỗ mỹ nghệ Đông Thương",
    group: "A",
    description: "Bộ bàn ghế gỗ chạm khắc thủ công làng nghề Đông Thương.",
    establishment: {
      name: "Công ty TNHH Đồ gỗ Đông Thương",
      legalForm: "SME",
      registrationNumber: "2400456789",
      commune: "Xã Đông Thương",
      owner: "dongthuong@tieubieu.test",
      ownerName: "Vũ Văn Đông",
    },
    status: "ACCEPTED",
  },
  {
    product: "Tượng gỗ Bãi Ổi",
    group: "A",
    description: "Tượng gỗ mít chạm tay, sản xuất theo mẫu hàng loạt.",
    establishment: {
      name: "Tổ hợp tác Mộc Bãi Ổi",
      legalForm: "COOP_GROUP",
      registrationNumber: "THT-BO-0217",
      commune: "Xã Bãi Ổi",
      owner: "baioi@tieubieu.test",
      ownerName: "Phùng Văn Ổi",
    },
    status: "SUBMITTED",
  },
  {
    product: "Tranh dân gian Đông Hồ",
    group: "A",
    description: "Tranh in ván gỗ trên giấy điệp, màu tự nhiên.",
    establishment: {
      name: "Hộ kinh doanh Tranh Đông Hồ",
      legalForm: "HOUSEHOLD",
      registrationNumber: "21B8034567",
      commune: "Phường Song Hồ",
      owner: "dongho@tieubieu.test",
      ownerName: "Nguyễn Đăng Chế",
    },
    status: "ACCEPTED",
  },
  {
    product: "Bình gốm Phù Lãng men da lươn",
    group: "A",
    description: "Bình gốm men da lươn đắp nổi, làm thủ công.",
    establishment: {
      name: "Hợp tác xã Gốm Phù Lãng",
      legalForm: "COOPERATIVE",
      registrationNumber: "2300567890",
      commune: "Xã Phù Lãng",
      owner: "phulang@tieubieu.test",
      ownerName: "Trần Thị Lãng",
    },
    status: "REJECTED",
    reason: "Sản phẩm là tác phẩm độc bản, không sản xuất hàng loạt (không đáp ứng điều kiện tham gia).",
  },
  {
    product: "Cuốc, xẻng rèn Đa Hội",
    group: "C",
    description: "Dụng cụ nông nghiệp rèn thép tôi, cán gỗ.",
    establishment: {
      name: "Công ty TNHH Cơ khí Đa Hội",
      legalForm: "SME",
      registrationNumber: "2300678901",
      commune: "Phường Châu Khê",
      owner: "dahoi@tieubieu.test",
      ownerName: "Nguyễn Văn Hội",
    },
    status: "SUBMITTED",
  },
  {
    product: "Chổi chít xuất khẩu",
    group: "D",
    description: "Chổi chít bó tay, cán tre, xuất khẩu sang Nhật Bản.",
    establishment: {
      name: "Hộ kinh doanh Chổi chít Tân Sơn",
      legalForm: "HOUSEHOLD",
      registrationNumber: "20A8045678",
      commune: "Xã Tân Sơn",
      owner: "choichit@tieubieu.test",
      ownerName: "Hà Thị Chít",
    },
    status: "DRAFT",
    formsIncomplete: true,
  },
];

export const asAuth = async (db: Db, userId: string): Promise<Auth> => {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      emailVerifiedAt: user.emailVerifiedAt,
      disabledAt: user.disabledAt,
    },
    session: {
      id: "seed",
      userId: user.id,
      expiresAt: new Date(Date.now() + 60_000),
      fresh: false,
      ipAddress: null,
      userAgent: "seed",
      createdAt: new Date(),
    },
    roles: await loadRoles(user.id),
  } as Auth;
};

export const seedMeta = { ip: "seed", userAgent: "prisma/seed.ts" };
const meta = seedMeta;
const DAY = 24 * 60 * 60 * 1000;

/** Idempotent: does nothing when the demo round exists. Returns the number of entries created. */
export async function seedDemoRound(db: Db, demoPasswordHash: string): Promise<number> {
  if (await db.round.findFirst({ where: { name: DEMO_ROUND_NAME }, select: { id: true } })) return 0;
  const bn = await db.province.findUniqueOrThrow({ where: { code: "BN" } });
  const organiser = await db.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  const round = await db.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: DEMO_ROUND_NAME,
      level: "PROVINCE",
      provinceId: bn.id,
      year: 2026,
      entriesOpenAt: new Date(Date.now() - 20 * DAY),
      entriesCloseAt: new Date(Date.now() + 30 * DAY),
      judgingStartAt: new Date(Date.now() + 40 * DAY),
      resultsAt: new Date(Date.now() + 50 * DAY),
      status: "OPEN",
      // As a new round asks by default (decision 028): forms 01 and 02, generated or signed.
      documents: createDocuments(["REGISTRATION_FORM", "DESCRIPTION_FORM"]),
      description:
        "Đợt bình chọn cấp tỉnh theo Thông tư 26/2014/TT-BCT (sửa đổi). Hồ sơ nộp trực tuyến hoặc tại Trung tâm Khuyến công.",
      createdById: organiser.id,
    },
  });
  const organiserAuth = await asAuth(db, organiser.id);

  let n = 0;
  for (const [i, e] of DEMO_ENTRIES.entries()) {
    const { owner, product } = await demoProductWithFiles(db, { ...e, index: i }, bn.id, demoPasswordHash);

    const producer = await asAuth(db, owner.id);
    const entry = await createEntry(producer, { roundId: round.id, productId: product.id }, meta);
    n++;
    if (e.status === "DRAFT") continue;
    await producerMove(producer, entry.id, "submit", meta);
    if (e.status === "ACCEPTED") await screenEntry(organiserAuth, entry.id, "accept", null, meta);
    if (e.status === "RETURNED") await screenEntry(organiserAuth, entry.id, "return", e.reason!, meta);
    if (e.status === "REJECTED") await screenEntry(organiserAuth, entry.id, "reject", e.reason!, meta);
  }
  return n;
}

/** What forms 01 and 02 ask of a product, by group: plausible figures that differ per product. */
const FORM_DETAILS: Record<
  "A" | "B" | "C" | "D",
  { businessLines: string; rawMaterials: string; process: string; annualCapacity: string; markets: string }
> = {
  A: {
    businessLines:
      "1629 – Sản xuất sản phẩm khác từ gỗ; sản xuất sản phẩm từ tre, nứa, rơm, rạ và vật liệu tết bện; 3290 – Sản xuất khác chưa được phân vào đâu",
    rawMaterials: "Gỗ, tre, đất sét, giấy dó và màu tự nhiên mua của các hộ trong vùng, có hóa đơn",
    process:
      "Chọn và xử lý nguyên liệu; tạo hình thủ công theo mẫu; chạm, vẽ, nung hoặc sơn hoàn thiện; kiểm tra từng sản phẩm; đóng hộp",
    annualCapacity: "2.000 sản phẩm/năm",
    markets: "Bắc Ninh, Hà Nội, các điểm du lịch; xuất khẩu theo đơn hàng",
  },
  B: {
    businessLines:
      "1074 – Sản xuất mì ống, mỳ sợi và sản phẩm tương tự; 1079 – Sản xuất thực phẩm khác chưa được phân vào đâu",
    rawMaterials: "Nông sản của vùng (gạo, vải thiều, gà đồi) thu mua theo hợp đồng với các hộ, có truy xuất nguồn gốc",
    process:
      "Sơ chế; chế biến theo quy trình truyền thống có kiểm soát vệ sinh; phơi hoặc sấy; kiểm tra chất lượng; đóng gói và dán tem truy xuất",
    annualCapacity: "150 tấn/năm",
    markets: "Bắc Ninh, Hà Nội, các tỉnh phía Bắc; siêu thị và sàn thương mại điện tử",
  },
  C: {
    businessLines: "2593 – Sản xuất dao kéo, dụng cụ cầm tay và đồ kim loại thông dụng",
    rawMaterials: "Thép tấm, thép nhíp ô tô tái chế; gỗ nghiến làm cán",
    process: "Cắt phôi; rèn tay và rèn máy; tôi dầu; mài; lắp cán; kiểm tra độ cứng; đóng gói",
    annualCapacity: "50.000 sản phẩm/năm",
    markets: "Các tỉnh phía Bắc và Tây Nguyên qua đại lý vật tư nông nghiệp",
  },
  D: {
    businessLines: "3290 – Sản xuất khác chưa được phân vào đâu",
    rawMaterials: "Cây chít, tre của các hộ trong xã",
    process: "Phơi và phân loại chít; bó tay; lắp cán tre đã hun khói; kiểm tra; đóng kiện",
    annualCapacity: "120.000 sản phẩm/năm",
    markets: "Trong nước qua các chợ đầu mối; xuất khẩu sang Nhật Bản và Hàn Quốc",
  },
};

/** The form 01/02 fields of a demo product (index i): every demo product can have both forms generated. */
export function demoFormDetails(group: "A" | "B" | "C" | "D", i: number) {
  return {
    ...FORM_DETAILS[group],
    workforce: 8 + ((i * 7) % 40),
    revenue: 450 * (3 + (i % 9)) + (i % 2 ? 0.5 : 0),
    revenueYear: 2025,
    exportShare: group === "D" ? 60 : group === "B" && i % 3 === 0 ? 10 : null,
  };
}

/**
 * The establishment's owner (a producer account with the demo password), the establishment
 * (found by registration number, else created) and a new product with three generated photos,
 * the business registration scan (once per establishment) and, for group B, the food-safety scan.
 */
export async function demoProductWithFiles(
  db: Db,
  e: {
    product: string;
    group: "A" | "B" | "C" | "D";
    description: string;
    establishment: DemoEstablishment;
    index: number;
    formsIncomplete?: boolean;
  },
  provinceId: string,
  demoPasswordHash: string,
) {
  const i = e.index;
  const bn = { id: provinceId };
  let owner = await db.user.findUnique({ where: { email: e.establishment.owner } });
  owner ??= await db.user.create({
    data: {
      email: e.establishment.owner,
      name: e.establishment.ownerName,
      passwordHash: demoPasswordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "PRODUCER", level: "PROVINCE", provinceId: bn.id } },
    },
  });
  let est = await db.establishment.findUnique({
    where: {
      legalForm_registrationNumber: {
        legalForm: e.establishment.legalForm,
        registrationNumber: e.establishment.registrationNumber,
      },
    },
  });
  if (!est) {
    est = await db.establishment.create({
      data: {
        ownerId: owner.id,
        legalForm: e.establishment.legalForm,
        name: e.establishment.name,
        registrationNumber: e.establishment.registrationNumber,
        registrationIssuer: "Sở Tài chính tỉnh Bắc Ninh",
        provinceId: bn.id,
        commune: e.establishment.commune,
        addressLine: `${e.establishment.commune}, tỉnh Bắc Ninh`,
        legalRepresentative: e.establishment.ownerName,
        phone: `0912 000 ${String(100 + i).padStart(3, "0")}`,
        email: e.establishment.owner,
      },
    });
  }
  const product = await db.product.create({
    data: {
      establishmentId: est.id,
      name: e.product,
      searchName: normalizeSearch(e.product),
      group: e.group,
      description: e.description,
      foodSafetyCert: e.group === "B" ? `${100 + i}/2025/ATTP-CNĐK` : null,
      ...demoFormDetails(e.group, i),
      ...(e.formsIncomplete ? { businessLines: null, revenue: null, revenueYear: null } : {}),
    },
  });
  const file = (
    bytes: Buffer,
    fileName: string,
    kind: Parameters<typeof storeFile>[1]["kind"],
    angle?: string,
    productId?: string,
  ) =>
    storeFile(db, { bytes, fileName, kind, angle, establishmentId: est!.id, productId, uploadedById: owner!.id }, meta);
  if (!(await db.storedFile.count({ where: { establishmentId: est.id, kind: "BUSINESS_REGISTRATION" } }))) {
    await file(
      demoPdf([`Giay chung nhan dang ky - ${e.establishment.registrationNumber}`, "Ban sao (du lieu mau)"]),
      "giay-dang-ky.pdf",
      "BUSINESS_REGISTRATION",
    );
  }
  for (const angle of ["FRONT", "SIDE", "TOP"] as const) {
    await file(await demoPhoto(i, angle), `anh-${angle.toLowerCase()}.jpg`, "PHOTO", angle, product.id);
  }
  if (e.group === "B") {
    await file(
      demoPdf(["Giay chung nhan co so du dieu kien ATTP", "Ban sao (du lieu mau)"]),
      "chung-nhan-attp.pdf",
      "FOOD_SAFETY_CERT",
      undefined,
      product.id,
    );
  }
  // The first demo product shows the other way to give form 01: a signed, stamped scan, which
  // then stands for the generated paper in the dossier.
  if (i === 0) {
    await file(
      demoPdf(["Phieu dang ky (mau 01) - ban co chu ky, dong dau", "Ban chup (du lieu mau)"]),
      "phieu-dang-ky-da-ky.pdf",
      "REGISTRATION_FORM",
      undefined,
      product.id,
    );
  }
  return { owner: owner!, est: est!, product };
}
