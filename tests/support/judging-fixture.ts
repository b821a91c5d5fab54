// A provincial round in JUDGING with accepted entries and a jury, built through the real services
// (entries are created, submitted with real files and accepted, so they carry entry codes and
// frozen dossier versions). Call after `seed(prisma, { demo: true })`. Every call makes a new
// round with new producers, so tests in one file can each have their own.
import { demoPdf, demoPhoto } from "../../prisma/demo-files";
import { getAuth, type Auth } from "~/modules/auth/auth.server";
import { createEntry, producerMove, screenEntry } from "~/modules/entries/entries.server";
import { storeFile } from "~/modules/files/upload.server";
import { ensureDefaultRubric } from "~/modules/judging/default-rubric.server";
import { prisma } from "~/utils/db.server";
import { itemAt } from "~/utils/arrays";
import { normalizeSearch } from "~/utils/text";
import { cookieFor } from "./route-calls";
import { createGroups, groupList, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

export interface FixtureEntry {
  id: string;
  code: string;
  group: "A" | "B" | "C" | "D";
  productName: string;
  establishmentId: string;
  establishmentName: string;
  ownerName: string;
  ownerEmail: string;
}

export interface FixtureJudge {
  userId: string;
  email: string;
  name: string;
  memberId: string;
}

export interface JudgingFixture {
  roundId: string;
  organiserEmail: string;
  entries: FixtureEntry[];
  judges: FixtureJudge[];
  panels: { id: string; name: string; groups: string[] }[];
}

export interface FixtureOptions {
  /** One entry per item, in this product group. Default: B, B, A, C. */
  groups?: Array<"A" | "B" | "C" | "D">;
  /** Number of judges (default 3), emails judge-<n>-<k>@example.vn, password DEMO_PASSWORD. */
  judges?: number;
  /** Panels by product groups; judges are spread over them in turn. Default: no panels. */
  panels?: Array<{ name: string; groups: string[] }>;
  blindJudging?: boolean;
  /** Whether the judges have confirmed their declaration (default true). */
  declared?: boolean;
  level?: "PROVINCE";
  status?: "SCREENING" | "JUDGING" | "RESULTS";
  /** Called for each entry once its files are uploaded, before it is submitted (to add more). */
  beforeSubmit?: (entry: {
    index: number;
    establishmentId: string;
    productId: string;
    ownerId: string;
  }) => Promise<void>;
}

export async function authOf(cookie: string): Promise<Auth> {
  const auth = await getAuth(new Request("http://localhost/", { headers: { Cookie: cookie } }));
  if (!auth) throw new Error("no session");
  return auth;
}

/** Auth of a user by email, through the real log-in (password DEMO_PASSWORD). */
export const authFor = async (email: string) => authOf(await cookieFor(email));

export interface ReadyProduct {
  owner: { id: string };
  ownerEmail: string;
  ownerName: string;
  establishmentId: string;
  establishmentName: string;
  productId: string;
  productName: string;
}

/**
 * A producer (password hash given, email verified) with an establishment and one product whose
 * dossier is complete for its group: business registration, three photos from the three angles,
 * and the food-safety certificate for group B. Files go through the real upload service.
 */
export async function makeProducerWithProduct(opts: {
  tag: string;
  index: number;
  group: "A" | "B" | "C" | "D";
  provinceId: string;
  passwordHash: string | null;
}): Promise<ReadyProduct> {
  const { tag, index: i, group } = opts;
  const ownerEmail = `producer-${tag}-${i}@example.vn`;
  const ownerName = `Chủ cơ sở ${tag} số ${i + 1}`;
  const owner = await prisma.user.create({
    data: {
      email: ownerEmail,
      name: ownerName,
      passwordHash: opts.passwordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "PRODUCER", level: "PROVINCE", provinceId: opts.provinceId } },
    },
  });
  const establishmentName = `Hợp tác xã Làng nghề ${tag} số ${i + 1}`;
  const est = await prisma.establishment.create({
    data: {
      ownerId: owner.id,
      legalForm: "COOPERATIVE",
      name: establishmentName,
      registrationNumber: `24${tag}${i}`,
      provinceId: opts.provinceId,
      commune: "Xã Lục Ngạn",
      legalRepresentative: ownerName,
    },
  });
  const productName = `Sản phẩm ${group} số ${i + 1} (${tag})`;
  const product = await prisma.product.create({
    data: {
      establishmentId: est.id,
      name: productName,
      searchName: normalizeSearch(productName),
      group,
      description: "Mô tả sản phẩm dùng cho kiểm thử.",
    },
  });
  const file = async (
    bytes: Buffer,
    fileName: string,
    kind: Parameters<typeof storeFile>[1]["kind"],
    angle?: string,
    productId?: string,
  ) =>
    storeFile(
      prisma,
      { bytes, fileName, kind, angle, establishmentId: est.id, productId, uploadedById: owner.id },
      meta,
    );
  await file(demoPdf([`Giay dang ky ${establishmentName}`]), `dang-ky-${tag}-${i}.pdf`, "BUSINESS_REGISTRATION");
  for (const angle of ["FRONT", "SIDE", "TOP"] as const)
    await file(await demoPhoto(i, angle), `anh-${angle.toLowerCase()}.jpg`, "PHOTO", angle, product.id);
  if (group === "B") await file(demoPdf(["ATTP"]), "attp.pdf", "FOOD_SAFETY_CERT", undefined, product.id);
  return {
    owner,
    ownerEmail,
    ownerName,
    establishmentId: est.id,
    establishmentName,
    productId: product.id,
    productName,
  };
}

/** A provincial round of Bắc Ninh 2026, open for entries (ten days either side of now), made by its organiser. */
export async function makeOpenRound(name: string, blindJudging = false) {
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  return prisma.round.create({
    data: {
      name,
      level: "PROVINCE",
      provinceId: bn.id,
      year: 2026,
      entriesOpenAt: new Date(Date.now() - 10 * DAY),
      entriesCloseAt: new Date(Date.now() + 10 * DAY),
      groups: createGroups(PRODUCT_GROUPS),
      status: "OPEN",
      blindJudging,
      createdById: organiser.id,
    },
  });
}

export async function makeJudgingRound(opts: FixtureOptions = {}): Promise<JudgingFixture> {
  const n = ++counter;
  const tag = `${n}${Math.random().toString(36).slice(2, 6)}`;
  const groups = opts.groups ?? ["B", "B", "A", "C"];
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const organiserEmail = "organiser.bacninh@tieubieu.test";
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: organiserEmail } });
  const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash;

  const round = await makeOpenRound(
    `Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — thử ${tag}`,
    opts.blindJudging ?? true,
  );
  await ensureDefaultRubric(prisma, round.id, organiser.id);
  const organiserAuth = await authFor(organiserEmail);

  const entries: FixtureEntry[] = [];
  for (const [i, group] of groups.entries()) {
    const { owner, ownerEmail, ownerName, establishmentId, establishmentName, productId, productName } =
      await makeProducerWithProduct({ tag, index: i, group, provinceId: bn.id, passwordHash });
    await opts.beforeSubmit?.({ index: i, establishmentId, productId, ownerId: owner.id });
    const producer = await authFor(ownerEmail);
    const entry = await createEntry(producer, { roundId: round.id, productId }, meta);
    await producerMove(producer, entry.id, "submit", meta);
    await screenEntry(organiserAuth, entry.id, "accept", null, meta);
    const row = await prisma.entry.findUniqueOrThrow({ where: { id: entry.id }, select: { entryCode: true } });
    entries.push({
      id: entry.id,
      code: row.entryCode!,
      group,
      productName,
      establishmentId,
      establishmentName,
      ownerName,
      ownerEmail,
    });
  }

  const panels = [];
  for (const p of opts.panels ?? [])
    panels.push(
      await prisma.panel.create({
        data: { roundId: round.id, name: p.name, groups: createGroups(p.groups) },
        include: { groups: true },
      }),
    );

  const judges: FixtureJudge[] = [];
  for (let k = 1; k <= (opts.judges ?? 3); k++) {
    const email = `judge-${tag}-${k}@example.vn`;
    const name = `Giám khảo ${tag} số ${k}`;
    const user = await prisma.user.create({ data: { email, name, passwordHash, emailVerifiedAt: new Date() } });
    const member = await prisma.juryMember.create({
      data: {
        roundId: round.id,
        userId: user.id,
        isJudge: true,
        panelId: panels.length ? itemAt(panels, (k - 1) % panels.length, "panels").id : null,
        declaredAt: opts.declared === false ? null : new Date(),
      },
    });
    judges.push({ userId: user.id, email, name, memberId: member.id });
  }

  await prisma.round.update({
    where: { id: round.id },
    data: { status: opts.status ?? "JUDGING", entriesCloseAt: new Date(Date.now() - DAY) },
  });
  return {
    roundId: round.id,
    organiserEmail,
    entries,
    judges,
    panels: panels.map((p) => ({ id: p.id, name: p.name, groups: groupList(p.groups) })),
  };
}
