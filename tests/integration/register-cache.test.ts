// The register's version and the caches keyed by it (issue #9): the version goes up in the same
// transaction as a register write (and not when it rolls back), derived data (years, statistics)
// follows at the next request, and the response cache of anonymous GETs never serves a cached
// page to a signed-in visitor, never keeps an answer that sets a cookie, puts each response's own
// CSP nonce into the HTML, answers 304 to a matching If-None-Match and serves a valid gzip.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { call } from "../support/route-calls";
import { validUntilFor } from "~/modules/certificates/validity";
import { firstRow, itemAt } from "~/utils/arrays";
import { anonymousLanguage, isCacheablePath, registerResponseCache } from "~/modules/register/response-cache.server";
import { exportRegister, listRegister, loadGeo, registerWhere, searchIds } from "~/modules/register/register.server";
import { readRegisterVersion } from "~/modules/register/version.server";
import * as listRoute from "~/routes/products._index";
import * as statsRoute from "~/routes/statistics";
import { databaseProvider, prisma } from "~/utils/db.server";
import { createNonce } from "~/utils/security.server";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

let provinceId: string;
let certificateCount = 0;

/** A certificate written directly (as the register tests do), of the given year. */
async function addCertificate(year: number) {
  certificateCount++;
  const n = `${year}-${certificateCount}`;
  const owner = await prisma.user.create({ data: { email: `owner-${n}@example.vn`, name: "Chủ cơ sở" } });
  const est = await prisma.establishment.create({
    data: {
      ownerId: owner.id,
      legalForm: "COOPERATIVE",
      name: `HTX ${n}`,
      registrationNumber: `9${String(certificateCount).padStart(8, "0")}`,
      provinceId,
      addressLine: "Thôn 1",
    },
  });
  const product = await prisma.product.create({
    data: {
      establishmentId: est.id,
      name: `Sản phẩm ${n}`,
      searchName: `san pham ${n}`,
      group: "A",
      description: "Mô tả",
    },
  });
  const round = await prisma.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: `Đợt ${n}`,
      level: "PROVINCE",
      year,
      provinceId,
      createdById: owner.id,
      status: "PUBLISHED",
      entriesOpenAt: new Date(),
      entriesCloseAt: new Date(),
      resultsFinalisedAt: new Date(),
    },
  });
  const entry = await prisma.entry.create({
    data: {
      roundId: round.id,
      productId: product.id,
      establishmentId: est.id,
      group: "A",
      status: "ACCEPTED",
      searchText: n,
    },
  });
  const decision = await prisma.recognitionDecision.create({
    data: {
      roundId: round.id,
      number: `${n}/QĐ`,
      signedAt: new Date(),
      authority: "UBND",
      signerName: "A",
      signerTitle: "Chủ tịch",
      createdById: owner.id,
    },
  });
  const issuedAt = new Date(Date.UTC(year, 4, 13));
  return prisma.certificate.create({
    data: {
      serial: `GCN-BN-${year}-${String(certificateCount).padStart(4, "0")}`,
      code: `CODE${String(certificateCount).padStart(6, "0")}`,
      decisionId: decision.id,
      roundId: round.id,
      entryId: entry.id,
      productId: product.id,
      establishmentId: est.id,
      provinceId,
      level: "PROVINCE",
      jurisdiction: "cấp tỉnh Bắc Ninh",
      year,
      productName: `Sản phẩm ${n}`,
      productGroup: "A",
      establishmentName: `HTX ${n}`,
      establishmentAddress: "Thôn 1",
      searchText: `san pham ${n} htx ${n} bac ninh`,
      issuedAt,
      validUntil: validUntilFor(issuedAt),
    },
  });
}

beforeAll(async () => {
  await seed(prisma, { demo: false });
  provinceId = (await prisma.province.findUniqueOrThrow({ where: { code: "BN" }, select: { id: true } })).id;
});

describe("the register's version", () => {
  test("goes up with a committed register write, not with one that rolls back", async () => {
    const v0 = await readRegisterVersion();
    expect(typeof v0).toBe("number");
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.province.update({ where: { id: provinceId }, data: { name: "Bắc Ninh (tạm)" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await readRegisterVersion()).toBe(v0);
    await addCertificate(2024);
    const v1 = (await readRegisterVersion())!;
    expect(v1).toBeGreaterThan(v0!);
    // A write the register does not show (an uncertified product's name) leaves it alone.
    const owner = await prisma.user.create({ data: { email: "khac@example.vn", name: "Khác" } });
    const est = await prisma.establishment.create({
      data: {
        ownerId: owner.id,
        legalForm: "COOPERATIVE",
        name: "HTX khác",
        registrationNumber: "800000001",
        provinceId,
        addressLine: "x",
      },
    });
    const p = await prisma.product.create({
      data: { establishmentId: est.id, name: "Nháp", searchName: "nhap", group: "A", description: "" },
    });
    await prisma.product.update({ where: { id: p.id }, data: { name: "Nháp 2" } });
    expect(await readRegisterVersion()).toBe(v1);
  });
});

describe("caches keyed by the version", () => {
  test("a new year and a new certificate show at the next request of /products and /statistics", async () => {
    const listYears = async () =>
      ((await call(listRoute.loader, new Request("http://localhost/products"))).data as { years: number[] }).years;
    const statsTotal = async () =>
      (
        (await call(statsRoute.loader, new Request("http://localhost/statistics"))).data as {
          stats: { totals: { total: number } };
        }
      ).stats.totals.total;
    const before = await statsTotal();
    expect(await listYears()).not.toContain(2019);
    await addCertificate(2019);
    expect(await listYears()).toContain(2019);
    expect(await statsTotal()).toBe(before + 1);
  });
});

describe("search through the index", () => {
  test("finds what LIKE finds: accent-free, every word, short words and serials; follows updates and deletions", async () => {
    const texts = [
      "vai thieu luc ngan say kho htx a bac ninh",
      "mi gao chu htx b bac giang",
      "tra shan tuyet co thu ha giang",
      "nuoc mam phu quoc",
      "mat ong bac ha",
    ];
    const made: Array<{ id: string; serial: string }> = [];
    for (const t of texts) {
      const c = await addCertificate(2023);
      made.push(await prisma.certificate.update({ where: { id: c.id }, data: { searchText: t } }));
    }
    const madeAt = (i: number) => itemAt(made, i, "certificates made");
    const geo = await loadGeo();
    const reference = async (q: string) =>
      (
        await prisma.certificate.findMany({
          where: registerWhere({ q }, geo).where,
          select: { id: true },
          orderBy: { id: "asc" },
        })
      ).map((r) => r.id);
    const viaList = async (q: string) =>
      (await listRegister({ q, sort: "newest", page: 1 }, { pageSize: 100 })).rows.map((r) => r.id).sort();
    // The downloads (/products/export) search the same way.
    const viaExport = async (q: string) =>
      (await exportRegister({ q, sort: "newest", page: 1 })).rows.map((r) => r.id).sort();
    for (const q of [
      "Vải thiều",
      "bac",
      "BẮC GIANG",
      "ha",
      "mật ong",
      "thieu bac ninh",
      "gao chu",
      "xyz",
      "a",
      "quoc mam",
      madeAt(2).serial.toLowerCase(),
      "htx",
    ]) {
      const want = await reference(q);
      expect(await viaList(q), q).toEqual(want);
      expect(await viaExport(q), q).toEqual(want);
    }
    expect(await viaList("giang")).toEqual([madeAt(1).id, madeAt(2).id].sort());
    if (databaseProvider() === "sqlite") expect(await searchIds(prisma, "mat ong")).toEqual([madeAt(4).id]);

    await prisma.certificate.update({ where: { id: madeAt(3).id }, data: { searchText: "nuoc mam cat hai" } });
    expect(await viaList("phu quoc")).toEqual([]);
    expect(await viaList("cat hai")).toEqual([madeAt(3).id]);
    await prisma.certificate.delete({ where: { id: madeAt(3).id } });
    expect(await viaList("cat hai")).toEqual([]);
  });
});

describe("the response cache of anonymous GETs", () => {
  let server: http.Server;
  let base: string;
  let rendered = 0;

  beforeAll(async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = createNonce();
      next();
    });
    app.use(compression());
    app.use(registerResponseCache());
    // Stands in for Remix: a page made of the database, with the nonce in its scripts, public
    // unless a session is sent (as cache.server.ts decides), and a cookie on request.
    app.get("*", async (req, res) => {
      rendered++;
      const count = await prisma.certificate.count();
      // A page that takes a while to make, so that requests for it overlap.
      if (req.query.slow) await new Promise((resolve) => setTimeout(resolve, 300));
      const nonce = res.locals.cspNonce as string;
      if (req.query.cookie) res.cookie("tb_toast", "x");
      res.set("Cache-Control", req.get("cookie")?.includes("tb_session") ? "private, no-cache" : "public, max-age=60");
      res.set("ETag", `W/"v${count}"`);
      res
        .type("html")
        .send(
          `<!DOCTYPE html><html><body><p>${count} giấy chứng nhận</p>${"<p>Nội dung</p>".repeat(200)}<script nonce="${nonce}">1</script><script nonce="${nonce}" type="module">2</script></body></html>`,
        );
    });
    server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  function get(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(base + path, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  }
  const nonceOf = (html: string) => [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => itemAt(m, 1, "a nonce"));
  const nonce = (html: string) => firstRow(nonceOf(html), "nonces");

  test("only the public register's pages, never the downloads", () => {
    for (const p of [
      "/products",
      "/products/cl0123456789abcdefghijklm",
      "/verify/ABCD123456",
      "/statistics",
      "/api/products",
      "/products.data",
    ])
      expect(isCacheablePath(p), p).toBe(true);
    for (const p of ["/products/export", "/admin", "/login", "/producer/certificates", "/"])
      expect(isCacheablePath(p), p).toBe(false);
    expect(anonymousLanguage(undefined)).toBe("");
    expect(anonymousLanguage("tb_lang=ImVuIg%3D%3D")).toBe("ImVuIg%3D%3D");
    expect(anonymousLanguage("tb_lang=x; tb_session=abc")).toBeNull();
  });

  test("a second anonymous visit is served from the cache, with its own nonce; a register change is seen at once", async () => {
    const first = await get("/products?q=vai");
    expect(first.headers["x-register-cache"]).toBe("miss");
    const n = rendered;
    const second = await get("/products?q=vai");
    expect(second.status).toBe(200);
    expect(second.headers["x-register-cache"]).toBe("hit");
    expect(rendered).toBe(n);
    const [a, b] = [first.body.toString(), second.body.toString()];
    expect(nonceOf(b)).toHaveLength(2);
    expect(new Set(nonceOf(b)).size).toBe(1);
    expect(nonce(b)).not.toBe(nonce(a));
    expect(b.replaceAll(nonce(b), "N")).toBe(a.replaceAll(nonce(a), "N"));
    expect(second.headers["content-security-policy"]).toBeUndefined(); // (set by helmet in the app)
    expect(second.headers["cache-control"]).toBe("public, max-age=60");

    await addCertificate(2025);
    const third = await get("/products?q=vai");
    expect(third.headers["x-register-cache"]).toBe("miss");
    expect(third.body.toString()).toContain(`${await prisma.certificate.count()} giấy chứng nhận`);
  });

  test("requests for a page being made wait for it: the page is made once, each gets its own nonce", async () => {
    const n = rendered;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get("/products?q=cung-luc&slow=1")));
    expect(rendered).toBe(n + 1);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((a) => a.headers["x-register-cache"] === "miss")).toHaveLength(1);
    const pages = answers.map((a) => a.body.toString());
    expect(new Set(pages.map((p) => nonce(p))).size).toBe(8);
    expect(new Set(pages.map((p) => p.replaceAll(nonce(p), "N"))).size).toBe(1);
  });

  test("when the page being made is not kept (it sets a cookie), the waiting requests make their own", async () => {
    const n = rendered;
    const answers = await Promise.all(Array.from({ length: 4 }, () => get("/products?q=banh&cookie=1&slow=1")));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.every((a) => String(a.headers["set-cookie"]).includes("tb_toast"))).toBe(true);
    expect(rendered).toBe(n + 4);
  });

  test("the gzip variant is a valid gzip of the same page with the response's nonce", async () => {
    await get("/statistics");
    const hit = await get("/statistics", { "Accept-Encoding": "gzip" });
    expect(hit.headers["x-register-cache"]).toBe("hit");
    expect(hit.headers["content-encoding"]).toBe("gzip");
    expect(String(hit.headers.vary)).toContain("Accept-Encoding");
    const html = zlib.gunzipSync(hit.body).toString();
    expect(html).toContain("giấy chứng nhận");
    const nonces = nonceOf(html);
    expect(nonces).toHaveLength(2);
    const again = zlib.gunzipSync((await get("/statistics", { "Accept-Encoding": "gzip" })).body).toString();
    expect(nonceOf(again)[0]).not.toBe(nonces[0]);
    expect(hit.body.length).toBeLessThan(html.length / 2);
  });

  test("ETag: a matching If-None-Match gets 304 without a body from the cache", async () => {
    const page = await get("/verify/ABCD123456");
    const etag = page.headers.etag!;
    expect(etag).toMatch(/^W\//);
    const n = rendered;
    const res = await get("/verify/ABCD123456", { "If-None-Match": etag });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
    expect(res.headers["x-register-cache"]).toBe("hit");
    expect(rendered).toBe(n);
  });

  test("a signed-in visitor is never served a cached page, and their page is not kept", async () => {
    await get("/products");
    expect((await get("/products")).headers["x-register-cache"]).toBe("hit");
    const n = rendered;
    const personal = await get("/products", { Cookie: "tb_session=abc" });
    expect(personal.headers["x-register-cache"]).toBeUndefined();
    expect(personal.headers["cache-control"]).toBe("private, no-cache");
    expect(rendered).toBe(n + 1);
    // Any cookie but the language choice bypasses it.
    await get("/products", { Cookie: "other=1" });
    expect(rendered).toBe(n + 2);
  });

  test("an answer that sets a cookie, or is not public, is never kept", async () => {
    await get("/products?cookie=1");
    const again = await get("/products?cookie=1");
    expect(again.headers["x-register-cache"]).toBe("miss");
    expect(again.headers["set-cookie"]).toBeDefined();
  });

  test("the language cookie is part of the key", async () => {
    await get("/statistics?lang", { Cookie: "tb_lang=vi" });
    const n = rendered;
    expect((await get("/statistics?lang", { Cookie: "tb_lang=en" })).headers["x-register-cache"]).toBe("miss");
    expect((await get("/statistics?lang", { Cookie: "tb_lang=vi" })).headers["x-register-cache"]).toBe("hit");
    expect(rendered).toBe(n + 1);
  });
});
