// The public register (issue #5): /products, product pages, /verify/<code>, the downloads, the
// open-data API and the statistics, on a small dataset written directly with prisma: eight
// certificates of six products, one revoked, two expired, two issued by the former province of
// Bắc Giang (now part of Bắc Ninh), one product recognised at province and region level.
import ExcelJS from "exceljs";
import { extractText } from "unpdf";
import { beforeAll, describe, expect, test } from "vitest";
import { demoPhoto } from "../../prisma/demo-files";
import { seed } from "../../prisma/seed";
import { pdfLines } from "../support/pdf-lines";
import { call, get } from "../support/route-calls";
import { formatVerificationCode, newVerificationCode } from "~/modules/certificates/codes";
import { validUntilFor } from "~/modules/certificates/validity";
import { publicFilesWhere } from "~/modules/files/access.server";
import { storeFile } from "~/modules/files/upload.server";
import { vnYear } from "~/modules/rounds/round-fields";
import { DOCUMENT_REVALIDATION, etagMatches } from "~/modules/register/cache.server";
import { listRegister } from "~/modules/register/register.server";
import { registerStats } from "~/modules/register/stats.server";
import * as apiRoute from "~/routes/api.products";
import * as productRoute from "~/routes/products.$productId";
import * as exportRoute from "~/routes/products.export";
import * as listRoute from "~/routes/products._index";
import * as sanPhamRoute from "~/routes/san-pham";
import * as statsRoute from "~/routes/statistics";
import * as thongKeRoute from "~/routes/thong-ke";
import * as verifyRoute from "~/routes/verify.$code";
import { formatDate } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
const Y = vnYear(now);
const OLD = Y - 6; // certificates of that year expired on 31/12 of OLD + 3

type Cert = { id: string; serial: string; code: string; productId: string };
type CertKey = "chuBn" | "chuNorth" | "vaiRevoked" | "goOld" | "gaOld" | "gaNation" | "gom" | "dua";
type ProductKey = "chu" | "vai" | "go" | "ga" | "gom" | "dua" | "banhda";
let certs: Record<CertKey, Cert>;
let products: Record<ProductKey, string>;
let uncertifiedProductId: string;
let publicPhotoId: string;
let privatePhotoId: string;

interface ListData {
  rows: Array<{
    serial: string;
    productName: string;
    productId: string;
    status: string;
    province: { name: string; nowPartOf: string | null } | null;
    level: string;
    photo: { id: string } | null;
  }>;
  total: number;
  page: number;
  pages: number;
  invalid: string[];
  filters: Record<string, unknown>;
}

const list = async (query: string, headers: Record<string, string> = {}) => {
  const res = await call(listRoute.loader, new Request(`http://localhost/products${query}`, { headers }));
  return { ...res, list: res.data as ListData };
};

beforeAll(async () => {
  // Reference data only (provinces and regions): no demo certificates can change the counts here.
  await seed(prisma, { demo: false });
  const province = async (code: string) =>
    prisma.province.findUniqueOrThrow({ where: { code }, select: { id: true, name: true, regionId: true } });
  const [bn, bg, hn, vl] = await Promise.all([province("BN"), province("F-BG"), province("HN"), province("VL")]);
  expect(
    (await prisma.province.findUniqueOrThrow({ where: { code: "F-BG" }, select: { successorId: true, validTo: true } }))
      .successorId,
  ).toBe(bn.id);
  const north = await prisma.region.findUniqueOrThrow({ where: { code: "NORTH" } });
  const south = await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } });
  const user = await prisma.user.create({ data: { email: "chu-co-so@example.vn", name: "Chủ cơ sở" } });

  const est = async (name: string, provinceId: string, n: number) => {
    const e = await prisma.establishment.create({
      data: {
        ownerId: user.id,
        legalForm: "COOPERATIVE",
        name,
        registrationNumber: `24000000${n}`,
        provinceId,
        addressLine: `Thôn ${n}, ${name}`,
        phone: `0204 385 000${n}`,
        email: `lienhe${n}@example.vn`,
      },
    });
    return { id: e.id, name };
  };
  const establishments = {
    chu: await est("Hợp tác xã Mỳ gạo Chũ", bn.id, 1),
    vai: await est("Hợp tác xã Vải thiều Lục Ngạn", bn.id, 2),
    go: await est("Công ty TNHH Đồ gỗ Đông Thương", bn.id, 3),
    ga: await est("Hợp tác xã Gà đồi Yên Thế", bn.id, 4),
    gom: await est("Hợp tác xã Gốm Bát Tràng", hn.id, 5),
    dua: await est("Hợp tác xã Kẹo dừa Bến Tre", vl.id, 6),
  };

  const product = async (estKey: keyof typeof establishments, name: string, group: "A" | "B") => {
    const p = await prisma.product.create({
      data: {
        establishmentId: establishments[estKey].id,
        name,
        searchName: normalizeSearch(name),
        group,
        description: `${name}: mô tả công khai.`,
      },
    });
    return p.id;
  };
  products = {
    chu: await product("chu", "Mỳ gạo Chũ", "B"),
    vai: await product("vai", "Vải thiều Lục Ngạn sấy khô", "B"),
    go: await product("go", "Bàn ghế gỗ Đông Thương", "A"),
    ga: await product("ga", "Gà đồi Yên Thế", "B"),
    gom: await product("gom", "Gốm men lam Bát Tràng", "A"),
    dua: await product("dua", "Kẹo dừa Bến Tre", "B"),
    banhda: await product("chu", "Bánh đa Kế", "B"),
  };
  uncertifiedProductId = products.banhda;

  // Photos of Mỳ gạo Chũ: one marked public, one not.
  const photo = async (isPublic: boolean, angle: "FRONT" | "SIDE") => {
    const f = await storeFile(
      prisma,
      {
        bytes: await demoPhoto(1, angle),
        fileName: `${angle}.jpg`,
        kind: "PHOTO",
        angle,
        establishmentId: establishments.chu.id,
        productId: products.chu,
        uploadedById: user.id,
      },
      { ip: "127.0.0.1" },
    );
    await prisma.storedFile.update({ where: { id: f.id }, data: { isPublic } });
    return f.id;
  };
  publicPhotoId = await photo(true, "FRONT");
  privatePhotoId = await photo(false, "SIDE");

  const finalised = new Date(now.getTime() - 30 * DAY);
  const round = async (
    name: string,
    level: "PROVINCE" | "REGION" | "NATION",
    year: number,
    place: { provinceId?: string; regionId?: string },
    final = true,
  ) =>
    prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name,
        level,
        year,
        ...place,
        entriesOpenAt: new Date(`${year}-01-01T00:00:00+07:00`),
        entriesCloseAt: new Date(`${year}-03-01T00:00:00+07:00`),
        status: final ? "PUBLISHED" : "JUDGING",
        resultsFinalisedAt: final ? finalised : null,
        createdById: user.id,
      },
    });
  const rBn = await round(`Bình chọn cấp tỉnh Bắc Ninh ${Y}`, "PROVINCE", Y, { provinceId: bn.id });
  const rNorth = await round(`Bình chọn cấp khu vực phía Bắc ${Y}`, "REGION", Y, { regionId: north.id });
  const rNation = await round(`Bình chọn cấp quốc gia ${Y}`, "NATION", Y, {});
  const rBg = await round(`Bình chọn cấp tỉnh Bắc Giang ${OLD}`, "PROVINCE", OLD, { provinceId: bg.id });
  const rHn = await round(`Bình chọn cấp tỉnh Hà Nội ${Y}`, "PROVINCE", Y, { provinceId: hn.id });
  const rVl = await round(`Bình chọn cấp tỉnh Vĩnh Long ${Y}`, "PROVINCE", Y, { provinceId: vl.id });
  const rOpen = await round(`Bình chọn cấp tỉnh Bắc Ninh ${Y + 1}`, "PROVINCE", Y + 1, { provinceId: bn.id }, false);

  const decisions = new Map<string, string>();
  const decision = async (roundId: string, number: string, signedAt: Date) => {
    const d = await prisma.recognitionDecision.create({
      data: {
        roundId,
        number,
        signedAt,
        authority: "Ủy ban nhân dân tỉnh",
        signerName: "Nguyễn Văn A",
        signerTitle: "Phó Chủ tịch",
        createdById: user.id,
      },
    });
    decisions.set(roundId, d.id);
  };
  const issuedNow = new Date(now.getTime() - 20 * DAY);
  const issuedOld = new Date(`${OLD}-06-15T09:00:00+07:00`);
  for (const r of [rBn, rNorth, rNation, rHn, rVl]) await decision(r.id, `44/QĐ-${r.level}`, issuedNow);
  await decision(rBg.id, "12/QĐ-UBND", issuedOld);

  const entry = async (roundId: string, productKey: ProductKey, recognised: boolean | null) => {
    const p = await prisma.product.findUniqueOrThrow({
      where: { id: products[productKey] },
      select: { establishmentId: true, group: true, name: true },
    });
    const e = await prisma.entry.create({
      data: {
        roundId,
        productId: products[productKey],
        establishmentId: p.establishmentId,
        group: p.group,
        status: "ACCEPTED",
        searchText: normalizeSearch(p.name),
      },
    });
    if (recognised !== null)
      await prisma.entryOutcome.create({ data: { roundId, entryId: e.id, recognised, finalPassed: recognised } });
    return e.id;
  };
  let seq = 0;
  const cert = async (
    r: { id: string; level: "COMMUNE" | "PROVINCE" | "REGION" | "NATION"; year: number },
    productKey: ProductKey,
    prov: { id: string; name: string },
    regionId: string | null,
    jurisdiction: string,
    extra: { revokedAt?: Date; revokedReason?: string } = {},
  ) => {
    const entryId = await entry(r.id, productKey, true);
    const p = await prisma.product.findUniqueOrThrow({
      where: { id: products[productKey] },
      select: { name: true, group: true, establishment: { select: { id: true, name: true, addressLine: true } } },
    });
    const issuedAt = r.year === OLD ? issuedOld : issuedNow;
    return prisma.certificate.create({
      data: {
        serial: `GCN-T-${r.year}-${String(++seq).padStart(4, "0")}`,
        code: newVerificationCode(),
        decisionId: decisions.get(r.id)!,
        roundId: r.id,
        entryId,
        productId: products[productKey],
        establishmentId: p.establishment.id,
        provinceId: prov.id,
        regionId,
        level: r.level,
        jurisdiction,
        year: r.year,
        productName: p.name,
        productGroup: p.group,
        establishmentName: p.establishment.name,
        establishmentAddress: p.establishment.addressLine ?? "",
        searchText: normalizeSearch(`${p.name} ${p.establishment.name} ${prov.name}`),
        issuedAt,
        validUntil: validUntilFor(issuedAt),
        ...extra,
      },
      select: { id: true, serial: true, code: true, productId: true },
    });
  };
  certs = {
    chuBn: await cert(rBn, "chu", bn, north.id, "cấp tỉnh Bắc Ninh"),
    chuNorth: await cert(rNorth, "chu", bn, north.id, "cấp khu vực phía Bắc"),
    vaiRevoked: await cert(rBn, "vai", bn, north.id, "cấp tỉnh Bắc Ninh", {
      revokedAt: new Date(now.getTime() - 2 * DAY),
      revokedReason: "Sản phẩm không còn sản xuất",
    }),
    goOld: await cert(rBg, "go", bg, north.id, "cấp tỉnh Bắc Giang"),
    gaOld: await cert(rBg, "ga", bg, north.id, "cấp tỉnh Bắc Giang"),
    gaNation: await cert(rNation, "ga", bn, null, "cấp quốc gia"),
    gom: await cert(rHn, "gom", hn, north.id, "cấp tỉnh Hà Nội"),
    dua: await cert(rVl, "dua", vl, south.id, "cấp tỉnh Vĩnh Long"),
  };
  // History: Mỳ gạo Chũ also went to the national round and was not recognised; its entry in a
  // round still judging must not show.
  await entry(rNation.id, "chu", false);
  await entry(rOpen.id, "chu", null);
  await entry(rBn.id, "banhda", false);
});

describe("/products", () => {
  test("lists every certificate, newest first, with status and province (former names kept)", async () => {
    const { status, list: d } = await list("");
    expect(status).toBe(200);
    expect(d.total).toBe(8);
    expect(d.rows).toHaveLength(8);
    // The product recognised at two levels appears once per certificate.
    expect(d.rows.filter((r) => r.productName === "Mỳ gạo Chũ")).toHaveLength(2);
    const old = d.rows.find((r) => r.serial === certs.goOld.serial)!;
    expect(old.status).toBe("expired");
    expect(old.province).toMatchObject({ name: "Bắc Giang", nowPartOf: "Bắc Ninh" });
    expect(d.rows.find((r) => r.serial === certs.vaiRevoked.serial)!.status).toBe("revoked");
    expect(d.rows.find((r) => r.serial === certs.chuBn.serial)!.province).toMatchObject({
      name: "Bắc Ninh",
      nowPartOf: null,
    });
    // newest: the old Bắc Giang certificates come last
    expect(
      d.rows
        .slice(-2)
        .map((r) => r.serial)
        .sort(),
    ).toEqual([certs.goOld.serial, certs.gaOld.serial].sort());
  });

  test("search ignores diacritics and case, and every word must match", async () => {
    const chu = (await list("?q=my%20gao%20chu")).list;
    expect(chu.total).toBe(2);
    expect(new Set(chu.rows.map((r) => r.productName))).toEqual(new Set(["Mỳ gạo Chũ"]));
    const vai = (await list("?q=VAI+THIEU+luc+ngan")).list;
    expect(vai.rows.map((r) => r.productName)).toEqual(["Vải thiều Lục Ngạn sấy khô"]);
    expect((await list("?q=" + encodeURIComponent("Đông Thương"))).list.rows.map((r) => r.serial)).toEqual([
      certs.goOld.serial,
    ]);
    expect((await list("?q=my%20gao%20thieu")).list.total).toBe(0);
    // A serial number finds its certificate.
    expect((await list(`?q=${certs.gom.serial.toLowerCase()}`)).list.rows.map((r) => r.serial)).toEqual([
      certs.gom.serial,
    ]);
    // The province name is searchable too (searchText holds it).
    expect((await list("?q=vinh%20long")).list.rows.map((r) => r.serial)).toEqual([certs.dua.serial]);
  });

  test("filters combine: province BN (with Bắc Giang) + status valid + group B", async () => {
    const d = (await list("?province=BN&status=valid&group=B")).list;
    expect(d.rows.map((r) => r.serial).sort()).toEqual(
      [certs.chuBn.serial, certs.chuNorth.serial, certs.gaNation.serial].sort(),
    );
    // A current province includes the former provinces merged into it…
    const bn = (await list("?province=BN")).list;
    expect(bn.total).toBe(6);
    expect(bn.rows.map((r) => r.serial)).toContain(certs.goOld.serial);
    // …a former province only itself.
    expect((await list("?province=F-BG")).list.rows.map((r) => r.serial).sort()).toEqual(
      [certs.goOld.serial, certs.gaOld.serial].sort(),
    );
    expect((await list("?province=HN")).list.rows.map((r) => r.serial)).toEqual([certs.gom.serial]);
    expect((await list("?region=SOUTH")).list.rows.map((r) => r.serial)).toEqual([certs.dua.serial]);
    expect((await list("?level=REGION")).list.rows.map((r) => r.serial)).toEqual([certs.chuNorth.serial]);
    expect((await list(`?year=${OLD}&group=A`)).list.rows.map((r) => r.serial)).toEqual([certs.goOld.serial]);
  });

  test("status filters follow the dates and revocations", async () => {
    expect((await list("?status=valid")).list.total).toBe(5);
    expect((await list("?status=expired")).list.rows.map((r) => r.serial).sort()).toEqual(
      [certs.goOld.serial, certs.gaOld.serial].sort(),
    );
    expect((await list("?status=revoked")).list.rows.map((r) => r.serial)).toEqual([certs.vaiRevoked.serial]);
  });

  test("sorts: name A–Z ignores diacritics; level puts the highest tier first", async () => {
    const byName = (await list("?sort=name")).list.rows.map((r) => r.productName);
    expect(byName[0]).toBe("Bàn ghế gỗ Đông Thương");
    expect(byName.at(-1)).toBe("Vải thiều Lục Ngạn sấy khô");
    const byLevel = (await list("?sort=level")).list.rows.map((r) => r.level);
    expect(byLevel.slice(0, 2)).toEqual(["NATION", "REGION"]);
    expect(new Set(byLevel.slice(2))).toEqual(new Set(["PROVINCE"]));
  });

  test("pages of the list never overlap and cover every row, for every sort", async () => {
    for (const sort of ["newest", "name", "province", "level"] as const) {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const p = await listRegister({ sort, page }, { pageSize: 3 });
        expect(p.pages).toBe(3);
        seen.push(...p.rows.map((r) => r.serial));
      }
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
      const all = (await list(sort === "newest" ? "" : `?sort=${sort}`)).list.rows.map((r) => r.serial);
      expect(seen).toEqual(all);
    }
  });

  test("bad params are ignored with a notice, never a 500; a page past the end shows the last page", async () => {
    const { status, list: d } = await list("?page=-3&level=FOO&year=abc&status=maybe&province=ZZ");
    expect(status).toBe(200);
    expect(d.total).toBe(8);
    expect(d.invalid).toEqual(expect.arrayContaining(["page", "level", "year", "status", "province"]));
    expect(d.filters.province).toBeUndefined();
    const past = (await list("?page=99")).list;
    expect(past.page).toBe(1);
    expect(past.rows).toHaveLength(8);
  });

  test("photos: only a public photo, and only once files of certified products are served publicly", async () => {
    const rows = (await list("?q=my%20gao%20chu")).list.rows;
    if (publicFilesWhere() === null) {
      for (const r of rows) expect(r.photo).toBeNull();
    } else {
      for (const r of rows) expect(r.photo?.id).toBe(publicPhotoId);
    }
    expect(rows.some((r) => r.photo?.id === privatePhotoId)).toBe(false);
  });

  test("anonymous answers are cacheable with an ETag and 304; a session makes them private", async () => {
    const first = await list("?province=BN");
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await list("?province=BN", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    // Another filter is another representation.
    const other = await list("?province=HN", { "If-None-Match": etag });
    expect(other.status).toBe(200);
    // A logged-in visitor's page shows their name: private, no validator.
    const personal = await list("?province=BN", { Cookie: "tb_session=abc123", "If-None-Match": etag });
    expect(personal.status).toBe(200);
    expect(personal.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(personal.headers.get("ETag")).toBeNull();
    // A change to a certificate changes the validator.
    await prisma.certificate.update({
      where: { id: certs.gom.id },
      data: { establishmentAddress: "Xã Bát Tràng, Hà Nội" },
    });
    const changed = await list("?province=BN", { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(etagMatches(etag, changed.headers.get("ETag")!)).toBe(false);
    // A browser navigation (HTML): cacheable, validated only once 304s keep the page's CSP nonce.
    const doc = await list("?province=BN", {
      Accept: "text/html,application/xhtml+xml,*/*;q=0.8",
      "If-None-Match": changed.headers.get("ETag")!,
    });
    expect(doc.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(doc.status).toBe(DOCUMENT_REVALIDATION ? 304 : 200);
    expect(!!doc.headers.get("ETag")).toBe(DOCUMENT_REVALIDATION);
    // The route's headers export passes the loader's caching headers on to the document.
    const h = listRoute.headers as (a: { loaderHeaders: Headers; errorHeaders?: Headers }) => Headers;
    expect(new Headers(h({ loaderHeaders: first.headers })).get("ETag")).toBe(etag);
  });

  test("/san-pham and /thong-ke redirect permanently, keeping the query", async () => {
    const res = await call(sanPhamRoute.loader, get("/san-pham?q=my%20gao&province=BN"));
    expect(res.status).toBe(301);
    expect(res.headers.get("Location")).toBe("/products?q=my%20gao&province=BN");
    const stats = await call(thongKeRoute.loader, get("/thong-ke?status=valid"));
    expect(stats.status).toBe(301);
    expect(stats.headers.get("Location")).toBe("/statistics?status=valid");
  });
});

describe("product page", () => {
  test("shows a certified product with its certificates, contact and history", async () => {
    const res = await call(productRoute.loader, get(`/products/${products.chu}`), { productId: products.chu });
    expect(res.status).toBe(200);
    const d = res.data as {
      product: { name: string };
      establishment: { name: string; phone: string; email: string; province: { name: string } };
      certificates: Array<{ serial: string; status: string; decisionNumber: string; code: string }>;
      history: Array<{ level: string; recognised: boolean; roundName: string }>;
      photos: Array<{ id: string }>;
    };
    expect(d.product.name).toBe("Mỳ gạo Chũ");
    expect(d.establishment).toMatchObject({
      name: "Hợp tác xã Mỳ gạo Chũ",
      phone: "0204 385 0001",
      email: "lienhe1@example.vn",
    });
    expect(d.certificates.map((c) => c.serial).sort()).toEqual([certs.chuBn.serial, certs.chuNorth.serial].sort());
    expect(d.certificates.every((c) => c.status === "valid" && c.decisionNumber.startsWith("44/QĐ"))).toBe(true);
    // Finalised rounds only: province and region recognised, national not; the open round is left out.
    expect(d.history.map((h) => [h.level, h.recognised])).toEqual([
      ["NATION", false],
      ["REGION", true],
      ["PROVINCE", true],
    ]);
    expect(d.photos.map((p) => p.id)).toEqual(publicFilesWhere() === null ? [] : [publicPhotoId]);
    expect(res.headers.get("ETag")).toBeTruthy();
    const again = await call(
      productRoute.loader,
      new Request(`http://localhost/products/${products.chu}`, {
        headers: { "If-None-Match": res.headers.get("ETag")! },
      }),
      {
        productId: products.chu,
      },
    );
    expect(again.status).toBe(304);
  });

  test("is a 404 for an uncertified product, an unknown id and a malformed id", async () => {
    for (const productId of [uncertifiedProductId, "clzzzzzzzzzzzzzzzzzzzzzzz", "../etc"]) {
      const res = await call(productRoute.loader, get(`/products/${encodeURIComponent(productId)}`), { productId });
      expect(res.status).toBe(404);
    }
  });
});

describe("/verify/:code", () => {
  const verify = (code: string, accept = "text/html,application/xhtml+xml,*/*;q=0.8") =>
    call(
      verifyRoute.loader,
      new Request(`http://localhost/verify/${encodeURIComponent(code)}`, { headers: { Accept: accept } }),
      { code },
    );
  const text = async (res: { response: Response | null }) => res.response!.clone().text();

  test("a valid certificate says so in large text, with what the paper says", async () => {
    const res = await verify(certs.chuBn.code);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(res.headers.get("Vary")).toMatch(/Accept/);
    const html = await text(res);
    expect(html).toMatch(/<h1 id="verdict">GIẤY CHỨNG NHẬN HỢP LỆ<\/h1>/);
    expect(html).toContain("Mỳ gạo Chũ");
    expect(html).toContain("Hợp tác xã Mỳ gạo Chũ");
    expect(html).toContain(certs.chuBn.serial);
    expect(html).toContain("Cấp tỉnh Bắc Ninh");
    expect(html).toContain(`/products/${products.chu}`);
  });

  test("reads a code typed loosely (lower case, dash, O for 0)", async () => {
    const typed = formatVerificationCode(certs.chuBn.code).toLowerCase().replace(/0/g, "o");
    const res = await verify(typed);
    expect(res.status).toBe(200);
    expect(await text(res)).toContain("GIẤY CHỨNG NHẬN HỢP LỆ");
  });

  test("expired and revoked certificates say since when and why", async () => {
    const expired = await text(await verify(certs.goOld.code));
    expect(expired).toContain(`ĐÃ HẾT HIỆU LỰC (từ 01/01/${OLD + 4})`);
    expect(expired).toContain("Bắc Giang (nay là Bắc Ninh)");
    const revokedCert = await prisma.certificate.findUniqueOrThrow({
      where: { id: certs.vaiRevoked.id },
      select: { revokedAt: true },
    });
    const revoked = await text(await verify(certs.vaiRevoked.code));
    expect(revoked).toContain(`ĐÃ BỊ THU HỒI ngày ${formatDate(revokedCert.revokedAt)}`);
    expect(revoked).toContain("Lý do: Sản phẩm không còn sản xuất");
    expect(revoked).not.toContain("HỢP LỆ");
  });

  test("answers JSON to Accept: application/json", async () => {
    const res = await verify(certs.vaiRevoked.code, "application/json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    const body = (await res.response!.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: certs.vaiRevoked.code,
      serial: certs.vaiRevoked.serial,
      status: "revoked",
      valid: false,
      productName: "Vải thiều Lục Ngạn sấy khô",
      establishmentName: "Hợp tác xã Vải thiều Lục Ngạn",
      province: "Bắc Ninh",
      level: "PROVINCE",
      jurisdiction: "cấp tỉnh Bắc Ninh",
      year: Y,
      revokedReason: "Sản phẩm không còn sản xuất",
      decision: { number: "44/QĐ-PROVINCE" },
    });
    for (const k of ["issuedAt", "validUntil", "revokedAt"])
      expect(Number.isNaN(Date.parse(body[k] as string))).toBe(false);
    const valid = (await (await verify(certs.dua.code, "application/json")).response!.json()) as {
      valid: boolean;
      status: string;
      revokedAt: null;
    };
    expect(valid).toMatchObject({ valid: true, status: "valid", revokedAt: null });
  });

  test("an unknown or malformed code is a 404 that says so and nothing else", async () => {
    let unknown = "ZZZZZZZZZZ";
    while (await prisma.certificate.count({ where: { code: unknown } })) unknown = newVerificationCode();
    for (const code of [unknown, "abc", "<script>alert(1)</script>"]) {
      const res = await verify(code);
      expect(res.status).toBe(404);
      const html = await text(res);
      expect(html).toContain("Không tìm thấy giấy chứng nhận với mã");
      expect(html).not.toContain("<script>");
      expect(html).not.toContain("Mỳ gạo");
      expect(html).not.toContain("GCN-");
      const json = await verify(code, "application/json");
      expect(json.status).toBe(404);
      const body = (await json.response!.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error).toContain("Không tìm thấy giấy chứng nhận với mã");
    }
  });
});

describe("downloads", () => {
  const exportOf = (query: string) => call(exportRoute.loader, get(`/products/export?${query}`));

  test("the Excel file opens and has the page's rows in the page's order", async () => {
    const query = "province=BN&sort=name";
    const page = (await list(`?${query}`)).list;
    const res = await exportOf(`format=xlsx&${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; .*\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.response!.arrayBuffer());
    const sheet = itemAt(workbook.worksheets, 0, "worksheets");
    expect(sheet.getRow(1).getCell(1).value).toBe("Số giấy chứng nhận");
    const rows: string[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1).map(String));
    });
    expect(rows.map((r) => r[0])).toEqual(page.rows.map((r) => r.serial));
    expect(rows.map((r) => r[1])).toEqual(page.rows.map((r) => r.productName));
    const bg = rows.find((r) => r[0] === certs.goOld.serial)!;
    expect(bg[4]).toBe("Bắc Giang (nay là Bắc Ninh)");
    expect(bg[10]).toBe("Hết hiệu lực");
    expect(itemAt(workbook.worksheets, 1, "worksheets").getCell("B5").value).toBe("6 / 6 giấy chứng nhận");
    // People compute with it (#12 item 7): the year is a number, the dates real dates shown dd/mm/yyyy.
    const row = sheet.getRow(rows.findIndex((r) => r[0] === certs.goOld.serial) + 2);
    const old = await prisma.certificate.findUniqueOrThrow({
      where: { serial: certs.goOld.serial },
      select: { year: true, issuedAt: true, validUntil: true },
    });
    expect(row.getCell(8).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(8).value).toBe(old.year);
    for (const [col, day] of [
      [9, old.issuedAt],
      [10, old.validUntil],
    ] as const) {
      expect(row.getCell(col).type).toBe(ExcelJS.ValueType.Date);
      expect(row.getCell(col).numFmt).toBe("dd/mm/yyyy");
      const value = row.getCell(col).value as Date;
      expect(
        `${String(value.getUTCDate()).padStart(2, "0")}/${String(value.getUTCMonth() + 1).padStart(2, "0")}/${value.getUTCFullYear()}`,
      ).toBe(formatDate(day));
    }
    expect(sheet.name).toBe("Danh sách");
  });

  test("CSV and PDF carry the same rows; the PDF keeps Vietnamese letters", async () => {
    const csv = await exportOf("format=csv&q=my+gao+chu");
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.response!.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes("Mỳ gạo Chũ"))).toBe(true);
    const pdf = await exportOf("format=pdf&status=expired");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await pdf.response!.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const pdfRows = (await pdfLines(bytes)).flat(); // before extractText, which takes the buffer over
    const { text } = await extractText(bytes, { mergePages: true });
    expect(text).toContain("Bàn ghế gỗ Đông Thương");
    expect(text).toContain(certs.gaOld.serial);
    expect(text).not.toContain("Mỳ gạo Chũ");
    // A serial and a date are each one piece of one line, never broken inside their cell; the
    // level column (the jurisdiction says it) is gone.
    const pieces = pdfRows.flatMap((l) => l.pieces.map((p) => p.text));
    expect(pieces).toContain(certs.gaOld.serial);
    const serials = (await list("?status=expired")).list.rows.map((r) => r.serial);
    const expired = await prisma.certificate.findMany({
      where: { serial: { in: serials } },
      select: { issuedAt: true, validUntil: true },
    });
    expect(expired.length).toBeGreaterThan(0);
    for (const r of expired) {
      expect(pieces).toContain(formatDate(r.issuedAt));
      expect(pieces).toContain(formatDate(r.validUntil));
    }
    const header = pdfRows.find((l) => l.pieces.some((p) => p.text === "Năm"))!;
    expect(header.pieces.map((p) => p.text)).toContain("Ngày cấp");
    expect(header.pieces.map((p) => p.text)).not.toContain("Cấp");
  });

  test("an unknown format is a 400", async () => {
    expect((await exportOf("format=docx")).status).toBe(400);
  });

  test("a product named like a formula reaches the CSV as text and the Excel file as a plain string (#10)", async () => {
    const names = ['=HYPERLINK("http://evil.example/","Xem")', "+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"];
    const inCsv = [
      '"\'=HYPERLINK(""http://evil.example/"",""Xem"")"',
      "'+1",
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\t=1+1",
      '"\'\r=1+1"',
    ];
    const rows = (await list("?sort=name")).list.rows.slice(0, names.length);
    const before = await prisma.certificate.findMany({
      where: { serial: { in: rows.map((r) => r.serial) } },
      select: { id: true, productName: true },
    });
    try {
      for (const [i, r] of rows.entries())
        await prisma.certificate.updateMany({ where: { serial: r.serial }, data: { productName: names[i] } });
      const csv = await (await exportOf("format=csv&sort=name")).response!.text();
      for (const cell of inCsv) expect(csv).toContain(`,${cell},`);
      for (const name of names) expect(csv).not.toContain(`,${name},`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await exportOf("format=xlsx&sort=name")).response!.arrayBuffer());
      const cells: ExcelJS.Cell[] = [];
      firstRow(workbook.worksheets, "worksheets")
        .getColumn(2)
        .eachCell((cell, row) => void (row > 1 && cells.push(cell)));
      for (const name of names) {
        const cell = cells.find((c) => c.value === name.replace(/\r/g, "\n"));
        expect(cell?.type, name).toBe(ExcelJS.ValueType.String);
      }
    } finally {
      for (const b of before)
        await prisma.certificate.update({ where: { id: b.id }, data: { productName: b.productName } });
    }
  });
});

describe("/api/products", () => {
  const api = (query: string, headers: Record<string, string> = {}) =>
    call(apiRoute.loader, new Request(`http://localhost/api/products${query}`, { headers }));
  type Page = {
    data: Array<{ serial: string; status: string; province: { code: string; current: { code: string } } }>;
    page: number;
    pageSize: number;
    total: number;
    totalPages: number;
    links: Record<string, string | null>;
  };

  test("pages with links, CORS and caching", async () => {
    const appUrl = getEnv().appUrl;
    const first = await api("?pageSize=3&sort=name");
    expect(first.status).toBe(200);
    expect(first.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=300");
    const p1 = (await first.response!.json()) as Page;
    expect(p1).toMatchObject({ page: 1, pageSize: 3, total: 8, totalPages: 3 });
    expect(p1.data).toHaveLength(3);
    expect(p1.links).toEqual({
      self: `${appUrl}/api/products?sort=name&pageSize=3`,
      next: `${appUrl}/api/products?sort=name&page=2&pageSize=3`,
      prev: null,
    });
    const p3 = (await (await api("?pageSize=3&sort=name&page=3")).response!.json()) as Page;
    expect(p3.data).toHaveLength(2);
    expect(p3.links.next).toBeNull();
    expect(p3.links.prev).toBe(`${appUrl}/api/products?sort=name&page=2&pageSize=3`);
    const pageRows = (await list("?sort=name")).list.rows.map((r) => r.serial);
    const p2 = (await (await api("?pageSize=3&sort=name&page=2")).response!.json()) as Page;
    expect([...p1.data, ...p2.data, ...p3.data].map((r) => r.serial)).toEqual(pageRows);
    const past = (await (await api("?page=9")).response!.json()) as Page;
    expect(past.data).toEqual([]);
    const etag = first.headers.get("ETag")!;
    expect((await api("?pageSize=3&sort=name", { "If-None-Match": etag })).status).toBe(304);
  });

  test("filters like the page; former provinces carry the current one", async () => {
    const d = (await (await api("?province=F-BG")).response!.json()) as Page;
    expect(d.total).toBe(2);
    expect(firstRow(d.data, "rows").province).toMatchObject({ code: "F-BG", current: { code: "BN" } });
    const valid = (await (await api("?province=BN&status=valid&group=B")).response!.json()) as Page;
    expect(valid.total).toBe(3);
  });

  test("a bad parameter is a 400 naming it", async () => {
    for (const [query, bad] of [
      ["?pageSize=101", "pageSize"],
      ["?page=-3", "page"],
      ["?level=FOO&year=abc", "level"],
      ["?province=ZZ", "province"],
    ] as const) {
      const res = await api(query);
      expect(res.status).toBe(400);
      const body = (await res.response!.json()) as { invalid: string[] };
      expect(body.invalid).toContain(bad);
    }
  });
});

describe("/statistics", () => {
  test("counts by province (former rolled up), region, group, level and year, split by status", async () => {
    const s = await registerStats();
    expect(s.totals).toEqual({ total: 8, valid: 5, expired: 2, revoked: 1, products: 6 });
    const by = (rows: Array<{ key: string; total: number }>) => Object.fromEntries(rows.map((r) => [r.key, r.total]));
    expect(by(s.byProvince)).toEqual({ BN: 6, HN: 1, VL: 1 });
    expect(s.byProvince[0]).toMatchObject({ key: "BN", label: "Bắc Ninh", valid: 3, expired: 2, revoked: 1 });
    expect(by(s.byRegion)).toEqual({ NORTH: 6, SOUTH: 1, "-": 1 });
    expect(by(s.byGroup)).toEqual({ A: 2, B: 6 });
    expect(by(s.byLevel)).toEqual({ PROVINCE: 6, REGION: 1, NATION: 1 });
    expect(by(s.byYear)).toEqual({ [String(Y)]: 6, [String(OLD)]: 2 });
    const valid = await registerStats({ status: "valid" });
    expect(valid.totals).toMatchObject({ total: 5, valid: 5, expired: 0, revoked: 0, products: 4 });
    expect(by(valid.byProvince)).toEqual({ BN: 3, HN: 1, VL: 1 });
    const old = await registerStats({ year: OLD });
    expect(old.totals).toMatchObject({ total: 2, expired: 2, products: 2 });
  });

  test("the page answers with the same numbers, cacheable", async () => {
    const res = await call(statsRoute.loader, get("/statistics?status=revoked"));
    expect(res.status).toBe(200);
    const d = res.data as { stats: { totals: { total: number }; byGroup: Array<{ key: string; revoked: number }> } };
    expect(d.stats.totals.total).toBe(1);
    expect(d.stats.byGroup).toEqual([expect.objectContaining({ key: "B", revoked: 1 })]);
    expect(res.headers.get("ETag")).toBeTruthy();
    const again = await call(
      statsRoute.loader,
      new Request("http://localhost/statistics?status=revoked", {
        headers: { "If-None-Match": res.headers.get("ETag")! },
      }),
    );
    expect(again.status).toBe(304);
  });
});
