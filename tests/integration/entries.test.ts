// Entries through the screening service and routes: a producer's entry, submission with a frozen
// dossier version and receipt mail, screening by the round's organiser (return with reasons,
// resubmission, acceptance with an entry code), scoping, concurrency and exports.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get, post } from "../support/route-calls";
import { getAuth } from "~/modules/auth/auth.server";
import {
  createEntry,
  DossierIncompleteError,
  listRoundEntries,
  producerMove,
  screenEntry,
} from "~/modules/entries/entries.server";
import { transitionRound } from "~/modules/rounds/rounds.server";
import * as detailRoute from "~/routes/admin.rounds_.$roundId_.entries_.$entryId";
import * as exportRoute from "~/routes/admin.rounds_.$roundId_.entries_.export";
import * as listRoute from "~/routes/admin.rounds_.$roundId_.entries";
import * as onBehalfRoute from "~/routes/admin.rounds_.$roundId_.entries_.new";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;
let producerCookie: string;
let organiserCookie: string;
let hanoiCookie: string;
let roundId: string;
let productId: string;

async function authOf(cookie: string) {
  const auth = await getAuth(new Request("http://localhost/", { headers: { Cookie: cookie } }));
  if (!auth) throw new Error("no session");
  return auth;
}

async function makeRound(
  provinceCode: string,
  opts: { status?: "OPEN" | "SCREENING" | "JUDGING"; closed?: boolean } = {},
) {
  const province = await prisma.province.findUniqueOrThrow({ where: { code: provinceCode } });
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
  return prisma.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: `Bình chọn sản phẩm CNNT tiêu biểu ${province.name} năm 2026`,
      level: "PROVINCE",
      provinceId: province.id,
      year: 2026,
      entriesOpenAt: new Date(Date.now() - 10 * DAY),
      entriesCloseAt: new Date(Date.now() + (opts.closed ? -1 : 10) * DAY),
      status: opts.status ?? "OPEN",
      createdById: admin.id,
    },
  });
}

/** StoredFile rows making a complete group-B dossier (the bytes are not needed here). */
async function completeDossier(productId: string, opts: { foodSafety?: boolean } = {}) {
  const product = await prisma.product.findUniqueOrThrow({
    where: { id: productId },
    include: { establishment: true },
  });
  const base = {
    uploadedById: product.establishment.ownerId,
    establishmentId: product.establishmentId,
    storage: "local",
    contentType: "image/jpeg",
    size: 1000,
    sha256: "x",
  };
  const key = () => `test-${Math.random().toString(36).slice(2)}`;
  for (const angle of ["FRONT", "SIDE", "TOP"]) {
    await prisma.storedFile.create({
      data: { ...base, productId, kind: "PHOTO", angle, storageKey: key(), originalName: `${angle}.jpg` },
    });
  }
  const hasRegistration = await prisma.storedFile.count({
    where: { establishmentId: product.establishmentId, kind: "BUSINESS_REGISTRATION" },
  });
  if (!hasRegistration) {
    await prisma.storedFile.create({
      data: {
        ...base,
        kind: "BUSINESS_REGISTRATION",
        contentType: "application/pdf",
        storageKey: key(),
        originalName: "dkkd.pdf",
      },
    });
  }
  if (opts.foodSafety !== false) {
    await prisma.storedFile.create({
      data: {
        ...base,
        productId,
        kind: "FOOD_SAFETY_CERT",
        contentType: "application/pdf",
        storageKey: key(),
        originalName: "attp.pdf",
      },
    });
  }
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  // A Hà Nội organiser, to check that screening is scoped to the round's province.
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
  const hnUser = await prisma.user.create({
    data: {
      email: "organiser.hanoi@example.vn",
      name: "Cán bộ Hà Nội",
      emailVerifiedAt: new Date(),
      passwordHash: (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash,
    },
  });
  await prisma.roleAssignment.create({
    data: { userId: hnUser.id, role: "ORGANISER", level: "PROVINCE", provinceId: hn.id, grantedById: admin.id },
  });

  producerCookie = await cookieFor("producer@tieubieu.test");
  organiserCookie = await cookieFor("organiser.bacninh@tieubieu.test");
  hanoiCookie = await cookieFor("organiser.hanoi@example.vn");
  roundId = (await makeRound("BN")).id;
  const est = await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } });
  productId = (
    await prisma.product.create({
      data: {
        establishmentId: est.id,
        name: "Mỳ gạo Chũ",
        searchName: "my gao chu",
        group: "B",
        description: "Mỳ gạo làm từ gạo Bao thai Chũ, phơi nắng tự nhiên.",
      },
    })
  ).id;
});

describe("a producer's entry", () => {
  test("is created as a draft, once per product and round", async () => {
    const auth = await authOf(producerCookie);
    const entry = await createEntry(auth, { roundId, productId }, meta);
    const row = await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(row).toMatchObject({ status: "DRAFT", group: "B", version: 0, entryCode: null });
    expect(row.searchText).toContain("my gao chu");
    await expect(createEntry(auth, { roundId, productId }, meta)).rejects.toMatchObject({
      status: 409,
      messageKey: "entries.error.duplicate",
    });
  });

  test("is refused in another province's round and after the deadline", async () => {
    const auth = await authOf(producerCookie);
    const hanoiRound = await makeRound("HN");
    await expect(createEntry(auth, { roundId: hanoiRound.id, productId }, meta)).rejects.toMatchObject({
      messageKey: "entries.error.wrongProvince",
    });
    const closed = await makeRound("BN", { closed: true });
    await expect(createEntry(auth, { roundId: closed.id, productId }, meta)).rejects.toMatchObject({
      messageKey: "entries.error.deadlinePassed",
    });
  });

  test("an incomplete dossier cannot be submitted, and the refusal lists what is missing", async () => {
    const auth = await authOf(producerCookie);
    const entry = await prisma.entry.findFirstOrThrow({ where: { roundId, productId } });
    await completeDossier(productId, { foodSafety: false });
    await prisma.storedFile.deleteMany({ where: { productId, angle: "TOP" } });
    const error = await producerMove(auth, entry.id, "submit", meta).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DossierIncompleteError);
    expect((error as DossierIncompleteError).checklist.missing.map((i) => i.key)).toEqual([
      "photos",
      "FOOD_SAFETY_CERT",
    ]);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("DRAFT");
  });

  test("submission freezes version 1, gives a receipt number and mails the producer", async () => {
    const auth = await authOf(producerCookie);
    const entry = await prisma.entry.findFirstOrThrow({ where: { roundId, productId } });
    await completeDossier(productId);
    await producerMove(auth, entry.id, "submit", meta);
    const row = await prisma.entry.findUniqueOrThrow({
      where: { id: entry.id },
      include: { versions: true, events: true },
    });
    expect(row.status).toBe("SUBMITTED");
    expect(row.version).toBe(1);
    expect(row.receiptNumber).toMatch(/^TB2026-[0-9A-F]{8}$/);
    expect(row.versions).toHaveLength(1);
    const snapshot = firstRow(row.versions, "the entry's versions").snapshot as {
      product: { name: string };
      files: Array<{ kind: string }>;
    };
    expect(snapshot.product.name).toBe("Mỳ gạo Chũ");
    expect(new Set(snapshot.files.map((f) => f.kind))).toEqual(
      new Set(["BUSINESS_REGISTRATION", "FOOD_SAFETY_CERT", "PHOTO"]),
    );
    expect(snapshot.files.length).toBe(
      await prisma.storedFile.count({ where: { establishmentId: row.establishmentId, deletedAt: null } }),
    );
    expect(row.events.map((e) => e.toStatus)).toEqual(["DRAFT", "SUBMITTED"]);
    const mail = await prisma.mailMessage.findFirstOrThrow({
      where: { to: "producer@tieubieu.test" },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.subject).toContain(row.receiptNumber!);
  });
});

describe("screening by the round's organiser", () => {
  test("finds the entry without diacritics and filters by group", async () => {
    const res = await call(
      listRoute.loader,
      get(`/admin/rounds/${roundId}/entries?q=my%20gao%20chu`, organiserCookie),
      { roundId },
    );
    expect(res.status).toBe(200);
    const data = res.data as { rows: Array<{ product: { name: string } }>; total: number };
    expect(data.rows.map((r) => r.product.name)).toEqual(["Mỳ gạo Chũ"]);
    const groupA = await call(listRoute.loader, get(`/admin/rounds/${roundId}/entries?group=A`, organiserCookie), {
      roundId,
    });
    expect((groupA.data as { total: number }).total).toBe(0);
    // A bad filter value is ignored, not a crash.
    const bad = await call(listRoute.loader, get(`/admin/rounds/${roundId}/entries?group=Z&page=-3`, organiserCookie), {
      roundId,
    });
    expect(bad.status).toBe(200);
  });

  test("is refused to another province's organiser and to producers", async () => {
    const other = await call(listRoute.loader, get(`/admin/rounds/${roundId}/entries`, hanoiCookie), { roundId });
    expect(other.status).toBe(403);
    const missing = await call(listRoute.loader, get(`/admin/rounds/x/entries`, hanoiCookie), {
      roundId: "cm00000000000000000000000",
    });
    expect(missing.status).toBe(404);
    const producer = await call(listRoute.loader, get(`/admin/rounds/${roundId}/entries`, producerCookie), { roundId });
    expect(producer.status).toBe(403);
    const entry = await prisma.entry.findFirstOrThrow({ where: { roundId, productId } });
    const detail = await call(detailRoute.loader, get(`/admin/rounds/${roundId}/entries/${entry.id}`, hanoiCookie), {
      roundId,
      entryId: entry.id,
    });
    expect(detail.status).toBe(403);
    const act = await call(
      detailRoute.action,
      post(`/admin/rounds/${roundId}/entries/${entry.id}`, { intent: "accept" }, hanoiCookie),
      { roundId, entryId: entry.id },
    );
    expect(act.status).toBe(403);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("SUBMITTED");
  });

  test("organisers screen the frozen dossier, not the producer's later edits", async () => {
    const entry = await prisma.entry.findFirstOrThrow({ where: { roundId, productId } });
    await prisma.product.update({ where: { id: productId }, data: { description: "Sửa sau khi nộp." } });
    const res = await call(detailRoute.loader, get(`/x`, organiserCookie), { roundId, entryId: entry.id });
    expect(res.status).toBe(200);
    const data = res.data as {
      entry: { product: { description: string } };
      files: Array<{ kind: string }>;
      frozenAt: string | null;
    };
    expect(data.entry.product.description).toBe("Mỳ gạo làm từ gạo Bao thai Chũ, phơi nắng tự nhiên.");
    expect(data.frozenAt).not.toBeNull();
    expect(data.files.some((f) => f.kind === "FOOD_SAFETY_CERT")).toBe(true);
  });

  test("returning needs a written reason, which reaches the producer", async () => {
    const entry = await prisma.entry.findFirstOrThrow({ where: { roundId, productId } });
    const params = { roundId, entryId: entry.id };
    const empty = await call(
      detailRoute.action,
      post(`/x`, { intent: "return", reason: " " }, organiserCookie),
      params,
    );
    expect(empty.status).toBe(400);
    const reason = "Thiếu bản sao giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.";
    const ok = await call(detailRoute.action, post(`/x`, { intent: "return", reason }, organiserCookie), params);
    expect(ok.status).toBe(302);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("RETURNED");
    const mail = await prisma.mailMessage.findFirstOrThrow({
      where: { to: "producer@tieubieu.test" },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.text).toContain(reason);
  });

  test("the producer completes and resubmits, then acceptance assigns BN-2026-B-001", async () => {
    const entry = await prisma.entry.findFirstOrThrow({ where: { roundId, productId } });
    await producerMove(await authOf(producerCookie), entry.id, "submit", meta);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).version).toBe(2);
    const res = await call(detailRoute.action, post(`/x`, { intent: "accept" }, organiserCookie), {
      roundId,
      entryId: entry.id,
    });
    expect(res.status).toBe(302);
    const row = await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(row).toMatchObject({ status: "ACCEPTED", entryCode: "BN-2026-B-001" });
    const again = await call(detailRoute.action, post(`/x`, { intent: "accept" }, organiserCookie), {
      roundId,
      entryId: entry.id,
    });
    expect(again.status).toBe(409);
  });

  test("two organisers accepting at once: exactly one wins, one code", async () => {
    const est = await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } });
    const product = await prisma.product.create({
      data: {
        establishmentId: est.id,
        name: "Bánh đa Kế",
        searchName: "banh da ke",
        group: "B",
        description: "Bánh đa nướng.",
      },
    });
    const producer = await authOf(producerCookie);
    await completeDossier(product.id);
    const entry = await createEntry(producer, { roundId, productId: product.id }, meta);
    await producerMove(producer, entry.id, "submit", meta);
    const organiser = await authOf(organiserCookie);
    const results = await Promise.allSettled([
      screenEntry(organiser, entry.id, "accept", null, meta),
      screenEntry(organiser, entry.id, "accept", null, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(DomainError);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).entryCode).toBe("BN-2026-B-002");
    expect(await prisma.entryEvent.count({ where: { entryId: entry.id, toStatus: "ACCEPTED" } })).toBe(1);
  });

  test("judging cannot start while a submitted dossier waits for screening", async () => {
    const producer = await authOf(producerCookie);
    const organiser = await authOf(organiserCookie);
    const est = await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } });
    const product = await prisma.product.create({
      data: {
        establishmentId: est.id,
        name: "Bún khô Chũ",
        searchName: "bun kho chu",
        group: "B",
        description: "Bún khô.",
      },
    });
    await completeDossier(product.id);
    const entry = await createEntry(producer, { roundId, productId: product.id }, meta);
    await producerMove(producer, entry.id, "submit", meta);
    await prisma.round.update({ where: { id: roundId }, data: { status: "SCREENING" } });
    await expect(transitionRound(organiser, roundId, "JUDGING", null, meta)).rejects.toMatchObject({
      status: 409,
      messageKey: "rounds.transition.pendingEntries",
      params: { count: 1 },
    });
    await screenEntry(organiser, entry.id, "reject", "Trùng với sản phẩm Mỳ gạo Chũ đã đăng ký.", meta);
    await prisma.round.update({ where: { id: roundId }, data: { status: "OPEN" } });
  });

  test("withdrawal is allowed before judging only", async () => {
    const producer = await authOf(producerCookie);
    const entry = await prisma.entry.findFirstOrThrow({ where: { roundId, product: { name: "Bánh đa Kế" } } });
    await prisma.round.update({ where: { id: roundId }, data: { status: "JUDGING" } });
    await expect(producerMove(producer, entry.id, "withdraw", meta)).rejects.toMatchObject({
      messageKey: "entries.error.judgingStarted",
    });
    await prisma.round.update({ where: { id: roundId }, data: { status: "SCREENING" } });
    await producerMove(producer, entry.id, "withdraw", meta);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("WITHDRAWN");
  });
});

describe("paper dossiers typed in by the organiser", () => {
  const form = {
    producerEmail: "HTX.Thuduong@Example.vn",
    producerName: "Trần Thị Hoa",
    legalForm: "COOPERATIVE",
    establishmentName: "Hợp tác xã Mỳ Thủ Dương",
    registrationNumber: "2400 555 777",
    commune: "Xã Nam Dương",
    productName: "Mỳ Thủ Dương",
    group: "B",
    description: "Mỳ gạo truyền thống làng Thủ Dương.",
  };

  test("records a submitted entry on the producer's behalf, audited, with an account to claim", async () => {
    const res = await call(onBehalfRoute.action, post("/x", form, organiserCookie), { roundId });
    expect(res.status).toBe(302);
    const entry = await prisma.entry.findFirstOrThrow({
      where: { roundId, product: { name: "Mỳ Thủ Dương" } },
      include: { establishment: true },
    });
    expect(entry).toMatchObject({ status: "SUBMITTED", onBehalf: true, version: 1 });
    expect(entry.establishment.registrationNumber).toBe("2400555777");
    const owner = await prisma.user.findUniqueOrThrow({
      where: { email: "htx.thuduong@example.vn" },
      include: { roles: true },
    });
    expect(owner.passwordHash).toBeNull(); // claimed later through "forgot password"
    expect(owner.roles.map((r) => r.role)).toEqual(["PRODUCER"]);
    const organiser = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
    expect(
      await prisma.auditLog.count({
        where: { action: "entry.register_on_behalf", entityId: entry.id, actorId: organiser.id },
      }),
    ).toBe(1);
    expect(await prisma.entryVersion.count({ where: { entryId: entry.id } })).toBe(1);
  });

  test("bad input is a 400 that keeps what was typed; another province's organiser gets 403", async () => {
    const res = await call(
      onBehalfRoute.action,
      post("/x", { ...form, producerEmail: "not-an-email", productName: "Bánh chưng" }, organiserCookie),
      { roundId },
    );
    expect(res.status).toBe(400);
    const result = (res.data as { result: { initialValue: Record<string, string>; error: Record<string, string[]> } })
      .result;
    expect(result.error.producerEmail).toEqual(["auth.email.invalid"]);
    expect(result.initialValue.productName).toBe("Bánh chưng");
    const other = await call(onBehalfRoute.action, post("/x", { ...form, productName: "Khác" }, hanoiCookie), {
      roundId,
    });
    expect(other.status).toBe(403);
    expect(await prisma.product.count({ where: { name: { in: ["Bánh chưng", "Khác"] } } })).toBe(0);
  });
});

describe("exports", () => {
  test("CSV is UTF-8 with BOM and keeps Vietnamese", async () => {
    const res = await call(
      exportRoute.loader,
      get(`/admin/rounds/${roundId}/entries/export?format=csv`, organiserCookie),
      { roundId },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("Mã số bình chọn");
    expect(text).toContain("BN-2026-B-001");
    expect(text).toContain("Hợp tác xã Mỳ gạo Chũ");
  });

  test("Excel opens with the same rows as the list", async () => {
    const res = await call(
      exportRoute.loader,
      get(`/admin/rounds/${roundId}/entries/export?format=xlsx`, organiserCookie),
      { roundId },
    );
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.response!.arrayBuffer());
    const sheet = firstRow(workbook.worksheets, "the workbook's sheets");
    const codes = sheet.getColumn(1).values.slice(2).filter(Boolean);
    const list = await listRoundEntries(await authOf(organiserCookie), roundId, { page: 1 });
    expect(sheet.getCell("D1").value).toBe("Sản phẩm");
    expect(sheet.rowCount - 1).toBe(list.total);
    expect(codes).toContain("BN-2026-B-001");
    // The submission moment is a date cell shown dd/mm/yyyy hh:mm (#12 item 7).
    const submitted = sheet
      .getColumn(14)
      .values.slice(2)
      .filter((v) => v !== undefined && v !== null && v !== "");
    expect(submitted.length).toBeGreaterThan(0);
    for (const v of submitted) expect(v).toBeInstanceOf(Date);
    const row = sheet.getRow((sheet.getColumn(14).values as unknown[]).findIndex((v) => v instanceof Date));
    expect(row.getCell(14).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(await prisma.auditLog.count({ where: { action: "entry.export", entityId: roundId } })).toBe(2);
  });

  test("a product named like a formula reaches the CSV as text, not as a live formula (#10)", async () => {
    const entry = await prisma.entry.findFirstOrThrow({
      where: { roundId, entryCode: "BN-2026-B-001" },
      select: { product: { select: { id: true, name: true } } },
    });
    try {
      for (const [name, cell] of [
        ['=HYPERLINK("http://evil.example/","Xem")', '"\'=HYPERLINK(""http://evil.example/"",""Xem"")"'],
        ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
        ["-2+3", "'-2+3"],
      ]) {
        await prisma.product.update({ where: { id: entry.product.id }, data: { name } });
        const res = await call(
          exportRoute.loader,
          get(`/admin/rounds/${roundId}/entries/export?format=csv`, organiserCookie),
          { roundId },
        );
        const line = (await res.response!.text()).split("\r\n").find((l) => l.startsWith("BN-2026-B-001,"))!;
        expect(line).toContain(`,${cell},`);
        expect(line).not.toContain(`,${name},`);
      }
    } finally {
      await prisma.product.update({ where: { id: entry.product.id }, data: { name: entry.product.name } });
    }
  });

  test("a bad format is a 400, another province's organiser a 403", async () => {
    expect((await call(exportRoute.loader, get(`/x?format=pdfx`, organiserCookie), { roundId })).status).toBe(400);
    expect((await call(exportRoute.loader, get(`/x?format=csv`, hanoiCookie), { roundId })).status).toBe(403);
  });
});
