// Open data (issue #15): the DCAT-AP catalogue and the whole register as CSV and JSON under CC BY 4.0.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { call, get } from "../support/route-calls";
import * as catalogRoute from "~/routes/api.catalog";
import * as csvRoute from "~/routes/api.register[.]csv";
import * as jsonRoute from "~/routes/api.register[.]json";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
}, 300_000);

const bodyOf = async (fn: Parameters<typeof call>[0], path: string, headers: Record<string, string> = {}) => {
  const request = get(path);
  for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
  const out = await call(fn, request);
  return { status: out.status, headers: out.headers, text: out.response ? await out.response.text() : "" };
};

describe("the whole register as open data", () => {
  test("JSON: every certificate once, with the licence and the same fields as /api/products", async () => {
    const res = await bodyOf(jsonRoute.loader, "/api/register.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(res.headers.get("Link")).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = JSON.parse(res.text) as {
      license: { id: string };
      total: number;
      data: Array<{ serial: string; status: string; verifyUrl: string }>;
    };
    const serials = (await prisma.certificate.findMany({ select: { serial: true } })).map((c) => c.serial).sort();
    expect(body.license.id).toBe("CC-BY-4.0");
    expect(body.total).toBe(serials.length);
    expect(body.data.map((d) => d.serial).sort()).toEqual(serials);
    const revoked = body.data.find((d) => d.serial === "GCN-BG-2024-0004")!;
    expect(revoked.status).toBe("revoked");
    expect(revoked.verifyUrl).toMatch(/\/verify\/[A-Z0-9]+$/);
  });

  test("CSV: a header row and one row per certificate, answered 304 while the register is unchanged", async () => {
    const res = await bodyOf(csvRoute.loader, "/api/register.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const lines = res.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(
      "serial,code,status,productId,productName,productGroup,prize,establishmentName,province.code,province.name,province.current.code,province.current.name,region.code,region.name,level,jurisdiction,year,issuedAt,validUntil,revokedAt,productUrl,verifyUrl",
    );
    expect(lines).toHaveLength(1 + (await prisma.certificate.count()));
    expect(lines.some((l) => l.startsWith("GCN-BG-2024-0001,") && l.includes("Mỳ gạo Chũ"))).toBe(true);
    const again = await bodyOf(csvRoute.loader, "/api/register.csv", { "If-None-Match": res.headers.get("ETag")! });
    expect(again.status).toBe(304);
  });
});

describe("the DCAT-AP catalogue", () => {
  test("describes the register as a dataset with CSV, JSON and API distributions under CC BY 4.0", async () => {
    const res = await bodyOf(catalogRoute.loader, "/api/catalog");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("application/ld+json");
    const doc = JSON.parse(res.text) as Record<string, unknown> & { "dcat:dataset": Array<Record<string, unknown>> };
    expect(doc["@type"]).toBe("dcat:Catalog");
    expect((doc["@context"] as Record<string, string>).dcat).toBe("http://www.w3.org/ns/dcat#");
    const dataset = firstRow(doc["dcat:dataset"], "the catalogue's datasets");
    expect(dataset["@type"]).toBe("dcat:Dataset");
    expect(dataset["dct:license"]).toEqual({ "@id": "https://creativecommons.org/licenses/by/4.0/" });
    expect((dataset["dct:title"] as Array<{ "@language": string }>).map((t) => t["@language"])).toEqual(["vi", "en"]);
    const distributions = dataset["dcat:distribution"] as Array<Record<string, { "@id": string }>>;
    expect(distributions.map((d) => d["dcat:accessURL"]?.["@id"].replace(/^https?:\/\/[^/]+/, ""))).toEqual([
      "/api/register.csv",
      "/api/register.json",
      "/api/products",
    ]);
    expect(distributions.map((d) => d["dcat:mediaType"]?.["@id"])).toEqual([
      "https://www.iana.org/assignments/media-types/text/csv",
      "https://www.iana.org/assignments/media-types/application/json",
      "https://www.iana.org/assignments/media-types/application/json",
    ]);
    expect(
      distributions.every((d) => d["dct:license"]?.["@id"] === "https://creativecommons.org/licenses/by/4.0/"),
    ).toBe(true);
    // every distribution it names answers
    const csv = await bodyOf(csvRoute.loader, "/api/register.csv");
    expect(csv.status).toBe(200);
  });
});
