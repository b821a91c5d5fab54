// The nomination short list (danh sách trích ngang) imported from Excel or CSV into a regional
// round (issue #15, decision 044): every error kind reported on its row and column, nothing
// written unless every row is valid, a preview that writes nothing, the same file twice creating
// nothing new, the exported list read back in, and who may import where.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { authFor } from "../support/judging-fixture";
import { roundWithCertificates } from "../support/certificate-round";
import { call, cookieFor, get, ORIGIN, post } from "../support/route-calls";
import type { Auth } from "~/modules/auth/auth.server";
import { nominate } from "~/modules/nominations/nominations.server";
import { copyRegionMembers } from "~/modules/rounds/rounds.server";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";
import {
  matchHeader,
  parseDay,
  rowsFromTable,
  rowShapeErrors,
  type RowError,
  type ShortListRow,
} from "~/modules/shortlist/columns";
import { importShortList, type ShortListPlan } from "~/modules/shortlist/import.server";
import { readShortList, sniffListFile } from "~/modules/shortlist/read.server";
import * as exportRoute from "~/routes/admin.rounds_.$roundId_.nominations_.export";
import * as importRoute from "~/routes/admin.rounds_.$roundId_.short-list-import";
import { prisma } from "~/utils/db.server";
import { translate } from "~/utils/i18n";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;
const HEADER = [
  "STT",
  "Mã số",
  "Tên sản phẩm",
  "Nhóm",
  "Cơ sở",
  "Địa chỉ",
  "Số GCN",
  "Ngày cấp",
  "QĐ công nhận",
  "Tỉnh/thành phố",
];

let bnAuth: Auth;
let northAuth: Auth;
let northCookie: string;
let sourceRoundId: string;
let roundA: string; // North 2026, where the province nominated on the platform first
let roundB: string; // North 2026 (bis), where the lists are imported; Bắc Ninh's quota 3
/** The source round's certificates, K[0]…K[8]: K[7] revoked, K[8] expired. */
let K: Array<{ id: string; serial: string; code: string; product: string }> = [];

async function openNorthRound(name: string, quotas: Record<string, number>) {
  const creator = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.mienbac@tieubieu.test" } });
  const north = await prisma.region.findUniqueOrThrow({ where: { code: "NORTH" } });
  const round = await prisma.round.create({
    data: {
      name,
      level: "REGION",
      regionId: north.id,
      year: 2026,
      entriesOpenAt: new Date(Date.now() - 5 * DAY),
      entriesCloseAt: new Date(Date.now() + 20 * DAY),
      status: "OPEN",
      createdById: creator.id,
      groups: createGroups(PRODUCT_GROUPS),
    },
  });
  await copyRegionMembers(prisma, round.id, { level: "REGION", regionId: north.id });
  for (const [code, quota] of Object.entries(quotas)) {
    const p = await prisma.province.findUniqueOrThrow({ where: { code } });
    await prisma.roundQuota.create({ data: { roundId: round.id, provinceId: p.id, quota } });
  }
  return round.id;
}

/** A row of the list as a province types it: serial, product, and optionally more cells. */
const line = (row: number, serial: string, product: string, more: ShortListRow["cells"] = {}): ShortListRow => ({
  row,
  cells: { serial, product, ...more },
});

const csvOf = (rows: string[][]) =>
  Buffer.from(
    `\uFEFF${[HEADER, ...rows].map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n")}\r\n`,
  );

function upload(roundId: string, bytes: Buffer, cookie: string, name = "trich-ngang.csv", type = "text/csv") {
  const body = new FormData();
  body.append("list", new Blob([new Uint8Array(bytes)], { type }), name);
  return new Request(`${ORIGIN}/admin/rounds/${roundId}/short-list-import`, {
    method: "POST",
    body,
    headers: { Cookie: cookie },
  });
}

const shape = (errors: RowError[]) => errors.map((e) => ({ row: e.row, column: e.column, key: e.messageKey }));
const entriesIn = (roundId: string) => prisma.entry.count({ where: { roundId } });
const importAudits = () => prisma.auditLog.count({ where: { action: "nomination.shortlist.import" } });

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const bnOrganiser = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  sourceRoundId = await roundWithCertificates(bnOrganiser.id, 9);
  const certs = await prisma.certificate.findMany({
    where: { roundId: sourceRoundId },
    orderBy: { serial: "asc" },
    select: { id: true, serial: true, code: true, productName: true, entryId: true },
  });
  // Each recognised entry's frozen dossier (a nomination carries it up).
  for (const c of certs)
    await prisma.entryVersion.create({
      data: {
        entryId: c.entryId,
        version: 1,
        snapshot: { product: { name: c.productName } },
        createdById: bnOrganiser.id,
      },
    });
  K = certs.map((c) => ({ id: c.id, serial: c.serial, code: c.code, product: c.productName }));
  await prisma.certificate.update({
    where: { id: K[7]!.id },
    data: {
      revokedAt: new Date("2026-09-01T09:00:00+07:00"),
      revokedReason: "Thu hồi thử",
      revokedById: bnOrganiser.id,
    },
  });
  // K[8] was issued in 2021: valid to 31/12/2024, expired now.
  await prisma.certificate.update({
    where: { id: K[8]!.id },
    data: { issuedAt: new Date("2021-05-20T09:00:00+07:00"), validUntil: new Date("2024-12-31T23:59:59+07:00") },
  });
  roundA = await openNorthRound("Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026 — thử A", {});
  roundB = await openNorthRound("Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026 — thử B", { BN: 3 });
  bnAuth = await authFor("organiser.bacninh@tieubieu.test");
  northAuth = await authFor("organiser.mienbac@tieubieu.test");
  northCookie = await cookieFor("organiser.mienbac@tieubieu.test");
});

describe("reading the table", () => {
  test("finds the header by the export's words, in Vietnamese, English or a province's wording, under a title", () => {
    expect(matchHeader(HEADER)?.get(6)).toBe("serial");
    expect(matchHeader(["No.", "Product name", "Certificate no.", "Province"])?.get(3)).toBe("province");
    expect(matchHeader(["TT", "Tên sản phẩm", "Số giấy chứng nhận"])?.get(2)).toBe("serial");
    expect(matchHeader(["STT", "Tên sản phẩm", "Nhóm"])).toBeNull(); // no certificate column
    const reading = rowsFromTable([
      { row: 1, cells: ["DANH SÁCH TRÍCH NGANG SẢN PHẨM ĐỀ CỬ"] },
      { row: 3, cells: HEADER },
      { row: 4, cells: ["1", "", "Mỳ gạo Chũ", "A", "", "", " GCN-BN-2024-0001 "] },
      { row: 5, cells: ["2"] },
      { row: 6, cells: ["3", "", "Tranh dân gian Đông Hồ", "", "", "", "GCN-BN-2024-0002"] },
    ]);
    expect(reading).toEqual({
      ok: true,
      rows: [
        { row: 4, cells: { no: "1", product: "Mỳ gạo Chũ", group: "A", serial: "GCN-BN-2024-0001" } },
        { row: 6, cells: { no: "3", product: "Tranh dân gian Đông Hồ", serial: "GCN-BN-2024-0002" } },
      ],
    });
    expect(rowsFromTable([{ row: 1, cells: ["Tên", "Địa chỉ"] }])).toMatchObject({
      ok: false,
      messageKey: "nominations.shortlist.error.noHeader",
    });
  });

  test("days in the ways people write them, and only real ones", () => {
    expect(parseDay("20/05/2026")).toBe("2026-05-20");
    expect(parseDay("2026-05-20")).toBe("2026-05-20");
    expect(parseDay("46162")).toBe("2026-05-20"); // Excel's day number
    expect(parseDay("31/02/2026")).toBeNull();
    expect(parseDay("tháng 5")).toBeNull();
  });

  test("cells checked alone: required, group, date, duplicate", () => {
    const errors = rowShapeErrors([
      line(2, "GCN-1", "A"),
      line(3, "", "B"),
      line(4, "GCN-2", "C", { group: "E", issuedAt: "32/01/2026" }),
      line(5, "gcn-1 ", "A"),
    ]);
    expect(shape(errors)).toEqual([
      { row: 3, column: "serial", key: "nominations.shortlist.error.required" },
      { row: 4, column: "group", key: "nominations.shortlist.error.badGroup" },
      { row: 4, column: "issuedAt", key: "nominations.shortlist.error.badDate" },
      { row: 5, column: "serial", key: "nominations.shortlist.error.duplicate" },
    ]);
    expect(errors[3]!.params).toMatchObject({ first: 2 });
  });

  test("tells the file kinds apart by their bytes", async () => {
    expect(sniffListFile(Buffer.from("STT,Số GCN\r\n"))).toBe("csv");
    expect(sniffListFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe("xls");
    expect(sniffListFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBeNull();
    // A Vietnamese Excel's CSV: semicolons.
    const semi = await readShortList(Buffer.from("STT;Tên sản phẩm;Số GCN\n1;Mỳ gạo Chũ, loại 1;GCN-1\n"));
    expect(semi).toEqual({
      ok: true,
      rows: [{ row: 2, cells: { no: "1", product: "Mỳ gạo Chũ, loại 1", serial: "GCN-1" } }],
    });
  });
});

describe("the exported list goes back in", () => {
  test("exported from the province's round (Excel and CSV), it is imported into another round: same certificates, then nothing new", async () => {
    await nominate(bnAuth, sourceRoundId, roundA, [K[0]!.id, K[1]!.id], meta);
    const bnCookie = await cookieFor("organiser.bacninh@tieubieu.test");
    const exported = async (format: string) => {
      const res = await call(
        exportRoute.loader,
        get(`/admin/rounds/${sourceRoundId}/nominations/export?format=${format}&to=${roundA}`, bnCookie),
        { roundId: sourceRoundId },
      );
      expect(res.status).toBe(200);
      return Buffer.from(await res.response!.arrayBuffer());
    };
    const xlsx = await exported("xlsx");
    const csv = await exported("csv");
    // Withdrawn from round A, the two products may go to round B.
    await prisma.entry.updateMany({ where: { roundId: roundA }, data: { status: "WITHDRAWN" } });

    for (const bytes of [xlsx, csv]) {
      const reading = await readShortList(bytes);
      if (!reading.ok) throw new Error(reading.messageKey);
      expect(reading.rows.map((r) => r.row)).toEqual([2, 3]);
      expect(reading.rows.map((r) => r.cells.serial).sort()).toEqual([K[0]!.serial, K[1]!.serial]);
      expect(reading.rows[0]!.cells).toMatchObject({ no: "1", issuedAt: "20/05/2026", group: "A" });
    }

    const first = await call(
      importRoute.action,
      upload(
        roundB,
        xlsx,
        northCookie,
        "trich-ngang.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ),
      { roundId: roundB },
    );
    expect(first.status).toBe(200);
    const preview = first.data as { kind: "plan"; plan: ShortListPlan; rows: ShortListRow[] };
    expect(preview.plan.errors).toEqual([]);
    expect(preview.plan.rows.map((r) => r.action)).toEqual(["create", "create"]);
    expect(await entriesIn(roundB)).toBe(0); // a preview writes nothing

    const confirmed = await call(
      importRoute.action,
      post(
        `/admin/rounds/${roundB}/short-list-import`,
        { intent: "confirm", rows: JSON.stringify(preview.rows) },
        northCookie,
      ),
      { roundId: roundB },
    );
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(`/admin/rounds/${roundB}/entries?status=SUBMITTED`);
    const entries = await prisma.entry.findMany({
      where: { roundId: roundB },
      select: { status: true, nominatedFromId: true, registeredById: true },
    });
    expect(entries.map((e) => e.nominatedFromId).sort()).toEqual([K[0]!.id, K[1]!.id].sort());
    expect(entries.every((e) => e.status === "SUBMITTED" && e.registeredById === northAuth.user.id)).toBe(true);
    expect(await importAudits()).toBe(1);

    // The CSV of the same list, and the Excel file again: all rows already there, nothing new.
    for (const bytes of [csv, xlsx]) {
      const again = await importShortList(
        northAuth,
        roundB,
        ((await readShortList(bytes)) as { rows: ShortListRow[] }).rows,
        { dryRun: false, meta },
      );
      expect(again.errors).toEqual([]);
      expect(again.rows.map((r) => r.action)).toEqual(["already", "already"]);
      expect(again.created).toBe(0);
    }
    expect(await entriesIn(roundB)).toBe(2);
    expect(await importAudits()).toBe(1);
  });
});

describe("row errors, all or nothing", () => {
  test("each kind of problem is reported on its row and column, and nothing is written", async () => {
    const before = {
      entries: await entriesIn(roundB),
      audits: await importAudits(),
      mails: await prisma.mailMessage.count(),
    };
    const bytes = csvOf([
      ["1", "", K[2]!.product, "A", "", "", K[2]!.serial, "20/05/2026", "", "Bắc Ninh"], // valid
      ["2", "", "Mỳ gạo Chũ", "", "", "", "GCN-XX-2026-9999", "", "", ""], // unknown certificate
      ["3", "", "Tên sản phẩm khác", "", "", "", K[3]!.serial, "", "", ""], // product not matching
      ["4", "", K[2]!.product, "", "", "", K[2]!.serial, "", "", ""], // duplicate of row 2
      ["5", "", "", "", "", "", K[4]!.serial, "", "", ""], // missing product
      ["6", "", K[5]!.product, "", "", "", K[5]!.serial, "", "", "Tỉnh Không Có"], // unknown province
      ["7", "", K[6]!.product, "", "", "", K[6]!.serial, "", "", "Hà Nội"], // another province
      ["8", "", K[7]!.product, "", "", "", K[7]!.serial, "", "", ""], // revoked
      ["9", "", K[8]!.product, "", "", "", K[8]!.serial, "", "", ""], // expired (no longer valid)
      ["10", "", K[0]!.product, "B", "", "", K[0]!.code, "21/05/2026", "", ""], // by its verification code; group and date not as on the certificate
    ]);
    const reading = await readShortList(bytes);
    if (!reading.ok) throw new Error(reading.messageKey);
    const plan = await importShortList(northAuth, roundB, reading.rows, { dryRun: false, meta });
    expect(shape(plan.errors)).toEqual([
      { row: 3, column: "serial", key: "nominations.shortlist.error.unknownCertificate" },
      { row: 4, column: "product", key: "nominations.shortlist.error.productMismatch" },
      { row: 5, column: "serial", key: "nominations.shortlist.error.duplicate" },
      { row: 6, column: "product", key: "nominations.shortlist.error.required" },
      { row: 7, column: "province", key: "nominations.shortlist.error.unknownProvince" },
      { row: 8, column: "province", key: "nominations.shortlist.error.provinceMismatch" },
      { row: 9, column: "serial", key: "nominations.problem.revoked" },
      { row: 10, column: "serial", key: "nominations.problem.expired" },
      { row: 11, column: "group", key: "nominations.shortlist.error.groupMismatch" },
      { row: 11, column: "issuedAt", key: "nominations.shortlist.error.dateMismatch" },
    ]);
    const vi = plan.errors.map((e) => translate("vi", e.messageKey, e.params));
    expect(vi[0]).toBe("Không tìm thấy giấy chứng nhận số GCN-XX-2026-9999 trong sổ đăng ký.");
    expect(vi[1]).toContain(`cấp cho “${K[3]!.product}”`);
    expect(vi[2]).toBe(`Dòng trùng: giấy chứng nhận ${K[2]!.serial} đã có ở dòng 2.`);
    expect(vi[5]).toContain("thuộc Bắc Ninh, không phải “Hà Nội”");
    expect(plan.created).toBe(0);
    expect(await entriesIn(roundB)).toBe(before.entries);
    expect(await importAudits()).toBe(before.audits);
    expect(await prisma.mailMessage.count()).toBe(before.mails);
  });

  test("over the province's quota: the rows that do not fit are refused together", async () => {
    // Bắc Ninh has 3 places in round B and 2 are taken: two more rows do not fit.
    const plan = await importShortList(
      northAuth,
      roundB,
      [line(2, K[2]!.serial, K[2]!.product), line(3, K[3]!.serial, K[3]!.product)],
      { dryRun: false, meta },
    );
    expect(shape(plan.errors)).toEqual([
      { row: 2, column: "serial", key: "nominations.problem.overQuotaBatch.PROVINCE" },
      { row: 3, column: "serial", key: "nominations.problem.overQuotaBatch.PROVINCE" },
    ]);
    expect(translate("vi", plan.errors[0]!.messageKey, plan.errors[0]!.params)).toMatch(/Bắc Ninh/);
    expect(await entriesIn(roundB)).toBe(2);
  });

  test("a valid list: the preview writes nothing, the confirmation writes it once", async () => {
    const rows = [line(2, K[2]!.serial, K[2]!.product.toUpperCase(), { province: "tỉnh bắc ninh", group: "a" })];
    const preview = await importShortList(northAuth, roundB, rows, { dryRun: true, meta });
    expect(preview.errors).toEqual([]);
    expect(preview.rows).toEqual([
      expect.objectContaining({ row: 2, serial: K[2]!.serial, province: "Bắc Ninh", action: "create" }),
    ]);
    expect(await entriesIn(roundB)).toBe(2);
    const done = await importShortList(northAuth, roundB, rows, { dryRun: false, meta });
    expect(done.created).toBe(1);
    expect(await entriesIn(roundB)).toBe(3);
    const again = await importShortList(northAuth, roundB, rows, { dryRun: false, meta });
    expect(again).toMatchObject({ created: 0, errors: [], rows: [expect.objectContaining({ action: "already" })] });
    expect(await entriesIn(roundB)).toBe(3);
  });
});

describe("the page and who may use it", () => {
  test("only the receiving round's organisers; a short list goes into a regional or national round", async () => {
    const hanoi = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
    const hnUser = await prisma.user.create({
      data: {
        email: "organiser.hanoi.shortlist@example.vn",
        name: "Cán bộ Hà Nội",
        emailVerifiedAt: new Date(),
        passwordHash: admin.passwordHash,
      },
    });
    await prisma.roleAssignment.create({
      data: { userId: hnUser.id, role: "ORGANISER", level: "PROVINCE", provinceId: hanoi.id, grantedById: admin.id },
    });
    const list = csvOf([["1", "", K[4]!.product, "", "", "", K[4]!.serial, "", "", ""]]);
    const cookies = {
      bacninh: await cookieFor("organiser.bacninh@tieubieu.test"),
      hanoi: await cookieFor("organiser.hanoi.shortlist@example.vn"),
      nation: await cookieFor("organiser.quocgia@tieubieu.test"),
      producer: await cookieFor("producer@tieubieu.test"),
      admin: await cookieFor("admin@tieubieu.test"),
    };
    // A province's organisers (its own or another), the ministry's national organiser and a producer: not this regional round.
    for (const cookie of [cookies.bacninh, cookies.hanoi, cookies.nation, cookies.producer]) {
      expect(
        (await call(importRoute.loader, get(`/admin/rounds/${roundB}/short-list-import`, cookie), { roundId: roundB }))
          .status,
      ).toBe(403);
      expect((await call(importRoute.action, upload(roundB, list, cookie), { roundId: roundB })).status).toBe(403);
      expect(
        (
          await call(
            importRoute.action,
            post(
              `/admin/rounds/${roundB}/short-list-import`,
              { intent: "confirm", rows: JSON.stringify([line(2, K[4]!.serial, K[4]!.product)]) },
              cookie,
            ),
            { roundId: roundB },
          )
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await call(importRoute.loader, get(`/admin/rounds/${roundB}/short-list-import`, northCookie), {
          roundId: roundB,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(importRoute.loader, get(`/admin/rounds/cl00000000000000000000000/short-list-import`, northCookie), {
          roundId: "cl00000000000000000000000",
        })
      ).status,
    ).toBe(404);
    // Into a provincial round: refused with a reason, even for the administrator.
    const provincial = await call(importRoute.action, upload(sourceRoundId, list, cookies.admin), {
      roundId: sourceRoundId,
    });
    expect(provincial.status).toBe(400);
    expect(provincial.data).toMatchObject({ kind: "failed", messageKey: "nominations.shortlist.error.notHigherTier" });
    expect(await entriesIn(roundB)).toBe(3);
  });

  test("the upload: a size limit, only Excel or CSV, and the preview's rows checked again on confirmation", async () => {
    const answer = async (req: Request) => {
      const res = await call(importRoute.action, req, { roundId: roundB });
      return { status: res.status, data: res.data as { kind: string; messageKey?: string } };
    };
    expect(await answer(upload(roundB, Buffer.alloc(2 * 1024 * 1024 + 1, 0x41), northCookie))).toMatchObject({
      status: 400,
      data: { messageKey: "exchange.error.tooLarge" },
    });
    expect(
      await answer(
        upload(roundB, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2]), northCookie, "ds.xls"),
      ),
    ).toMatchObject({ status: 400, data: { messageKey: "nominations.shortlist.error.oldExcel" } });
    expect(
      await answer(upload(roundB, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), northCookie, "ds.csv")),
    ).toMatchObject({ status: 400, data: { messageKey: "nominations.shortlist.error.notSpreadsheet" } });
    // A ZIP that is no workbook.
    expect(
      await answer(upload(roundB, Buffer.from("PK\u0003\u0004garbage", "latin1"), northCookie, "ds.xlsx")),
    ).toMatchObject({ status: 400, data: { messageKey: "nominations.shortlist.error.notSpreadsheet" } });
    expect(
      await answer(post(`/admin/rounds/${roundB}/short-list-import`, { intent: "confirm", rows: "[{" }, northCookie)),
    ).toMatchObject({ status: 400, data: { messageKey: "nominations.shortlist.error.badRows" } });
    const json = new Request(`${ORIGIN}/admin/rounds/${roundB}/short-list-import`, {
      method: "POST",
      body: "{}",
      headers: { Cookie: northCookie, "Content-Type": "application/json" },
    });
    expect(await answer(json)).toMatchObject({
      status: 400,
      data: { messageKey: "nominations.shortlist.error.badRows" },
    });
    // A confirmation whose rows were changed is checked like a new file: K[7] is revoked.
    const tampered = await answer(
      post(
        `/admin/rounds/${roundB}/short-list-import`,
        { intent: "confirm", rows: JSON.stringify([line(2, K[7]!.serial, K[7]!.product)]) },
        northCookie,
      ),
    );
    expect(tampered.status).toBe(400);
    expect((tampered.data as unknown as { plan: ShortListPlan }).plan.errors.map((e) => e.messageKey)).toEqual([
      "nominations.problem.revoked",
    ]);
    // A row error from an uploaded file.
    const withError = await call(
      importRoute.action,
      upload(roundB, csvOf([["1", "", "Sai tên", "", "", "", K[4]!.serial, "", "", ""]]), northCookie),
      { roundId: roundB },
    );
    expect(withError.status).toBe(400);
    expect(shape((withError.data as { plan: ShortListPlan }).plan.errors)).toEqual([
      { row: 2, column: "product", key: "nominations.shortlist.error.productMismatch" },
    ]);
    expect(await entriesIn(roundB)).toBe(3);
  });

  test("an Excel list with a title above the header and Excel date cells", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Ghi chú").addRow(["Danh sách gửi kèm công văn số 12/SCT"]);
    const sheet = wb.addWorksheet("DS");
    sheet.addRow(["DANH SÁCH TRÍCH NGANG"]);
    sheet.addRow([]);
    sheet.addRow(HEADER);
    sheet.addRow([
      1,
      null,
      K[4]!.product,
      "A",
      null,
      null,
      K[4]!.serial,
      new Date(Date.UTC(2026, 4, 20)),
      null,
      "Bắc Ninh",
    ]);
    const reading = await readShortList(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(reading).toEqual({
      ok: true,
      rows: [
        {
          row: 4,
          cells: {
            no: "1",
            product: K[4]!.product,
            group: "A",
            serial: K[4]!.serial,
            issuedAt: "20/05/2026",
            province: "Bắc Ninh",
          },
        },
      ],
    });
  });
});
