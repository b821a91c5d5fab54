// Open data (issue #15): the register as one download (CSV and JSON) under a stated licence, and
// a DCAT-AP catalogue (JSON-LD) that describes those downloads and the paged API (/api/products),
// so data portals can harvest the register (docs/open-data.md, decision 037).
import { parseRegisterFilters } from "~/modules/register/filters";
import { apiRegisterPage, loadGeo, type RegisterRow } from "~/modules/register/register.server";
import { prisma } from "~/utils/db.server";
import { translate, type MessageKey } from "~/utils/i18n";
import type { Table } from "~/utils/spreadsheet.server";

/** The licence of everything the register publishes: Creative Commons Attribution 4.0. */
export const LICENCE = {
  id: "CC-BY-4.0",
  url: "https://creativecommons.org/licenses/by/4.0/",
  name: "Creative Commons Attribution 4.0 International",
} as const;

/** Read in pages of this many rows, so a register of any size is never one query. */
const DUMP_PAGE = 1000;

/** One certificate as open data: stable field names (docs/open-data.md), dates in ISO 8601. */
export function apiItem(r: RegisterRow, appUrl: string) {
  return {
    serial: r.serial,
    code: r.code,
    status: r.status,
    valid: r.status === "valid",
    productId: r.productId,
    productName: r.productName,
    productGroup: r.productGroup,
    prize: r.prize,
    establishmentName: r.establishmentName,
    province: r.province
      ? {
          code: r.province.code,
          name: r.province.name,
          current: { code: r.province.currentCode, name: r.province.currentName },
        }
      : null,
    region: r.region ? { code: r.region.code, name: r.region.nameVi, nameEn: r.region.nameEn } : null,
    level: r.level,
    jurisdiction: r.jurisdiction,
    year: r.year,
    issuedAt: r.issuedAt.toISOString(),
    validUntil: r.validUntil.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    photoUrl: r.photo ? `${appUrl}/files/${r.photo.id}/thumb` : null,
    productUrl: `${appUrl}/products/${r.productId}`,
    verifyUrl: `${appUrl}/verify/${r.code}`,
  };
}

export type ApiItem = ReturnType<typeof apiItem>;

/** Every certificate of the register, newest first (the API's order), read page by page. */
export async function wholeRegister(appUrl: string, now: Date = new Date()): Promise<ApiItem[]> {
  const { filters } = parseRegisterFilters(new URLSearchParams());
  const geo = await loadGeo();
  const items: ApiItem[] = [];
  for (let page = 1; ; page++) {
    const result = await apiRegisterPage({ ...filters, page }, DUMP_PAGE, { geo, now });
    items.push(...result.rows.map((r) => apiItem(r, appUrl)));
    if (page >= result.totalPages || !result.rows.length) return items;
  }
}

/** The CSV columns: the JSON's fields, nested ones flattened with a dot. */
const CSV_COLUMNS = [
  "serial",
  "code",
  "status",
  "productId",
  "productName",
  "productGroup",
  "prize",
  "establishmentName",
  "province.code",
  "province.name",
  "province.current.code",
  "province.current.name",
  "region.code",
  "region.name",
  "level",
  "jurisdiction",
  "year",
  "issuedAt",
  "validUntil",
  "revokedAt",
  "productUrl",
  "verifyUrl",
] as const;

export function registerCsvTable(items: ApiItem[]): Table {
  return {
    header: [...CSV_COLUMNS],
    rows: items.map((i) => [
      i.serial,
      i.code,
      i.status,
      i.productId,
      i.productName,
      i.productGroup,
      i.prize ?? "",
      i.establishmentName,
      i.province?.code ?? "",
      i.province?.name ?? "",
      i.province?.current.code ?? "",
      i.province?.current.name ?? "",
      i.region?.code ?? "",
      i.region?.name ?? "",
      i.level,
      i.jurisdiction,
      i.year,
      i.issuedAt,
      i.validUntil,
      i.revokedAt ?? "",
      i.productUrl,
      i.verifyUrl,
    ]),
  };
}

const both = (key: MessageKey) => [
  { "@language": "vi", "@value": translate("vi", key) },
  { "@language": "en", "@value": translate("en", key) },
];

const FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
const IANA = "https://www.iana.org/assignments/media-types/";

/**
 * The DCAT-AP 3 catalogue of this installation's open data: one dataset (the register), three
 * distributions (CSV and JSON downloads, the paged API) and the API as a data service.
 */
export function catalogue(appUrl: string, modified: Date | null) {
  const license = { "@id": LICENCE.url };
  const publisher = {
    "@type": "foaf:Agent",
    "foaf:name": both("openData.publisher"),
    "foaf:homepage": { "@id": appUrl },
  };
  const dataset = `${appUrl}/api/catalog#register`;
  const api = `${appUrl}/api/catalog#api`;
  const distribution = (id: string, url: string, format: string, media: string, title: MessageKey) => ({
    "@id": `${appUrl}/api/catalog#${id}`,
    "@type": "dcat:Distribution",
    "dct:title": both(title),
    "dcat:accessURL": { "@id": url },
    "dcat:downloadURL": { "@id": url },
    "dct:format": { "@id": `${FILE_TYPE}${format}` },
    "dcat:mediaType": { "@id": `${IANA}${media}` },
    "dct:license": license,
  });
  return {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      vcard: "http://www.w3.org/2006/vcard/ns#",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@id": `${appUrl}/api/catalog`,
    "@type": "dcat:Catalog",
    "dct:title": both("openData.catalogTitle"),
    "dct:description": both("openData.catalogDescription"),
    "dct:publisher": publisher,
    "foaf:homepage": { "@id": appUrl },
    "dct:language": [
      { "@id": "http://publications.europa.eu/resource/authority/language/VIE" },
      { "@id": "http://publications.europa.eu/resource/authority/language/ENG" },
    ],
    "dct:license": license,
    ...(modified ? { "dct:modified": { "@type": "xsd:dateTime", "@value": modified.toISOString() } } : {}),
    "dcat:service": [
      {
        "@id": api,
        "@type": "dcat:DataService",
        "dct:title": both("openData.apiTitle"),
        "dcat:endpointURL": { "@id": `${appUrl}/api/products` },
        "dcat:endpointDescription": { "@id": `${appUrl}/api/catalog#api-description` },
        "dcat:servesDataset": { "@id": dataset },
        "dct:license": license,
      },
    ],
    "dcat:dataset": [
      {
        "@id": dataset,
        "@type": "dcat:Dataset",
        "dct:identifier": `${appUrl}/products`,
        "dct:title": both("openData.datasetTitle"),
        "dct:description": both("openData.datasetDescription"),
        "dcat:keyword": both("openData.keywords").flatMap((k) =>
          k["@value"].split(",").map((w) => ({ "@language": k["@language"], "@value": w.trim() })),
        ),
        "dct:publisher": publisher,
        "dcat:contactPoint": {
          "@type": "vcard:Organization",
          "vcard:fn": translate("vi", "openData.publisher"),
          "vcard:hasURL": { "@id": appUrl },
        },
        "dct:spatial": { "@id": "http://publications.europa.eu/resource/authority/country/VNM" },
        "dct:accrualPeriodicity": { "@id": "http://publications.europa.eu/resource/authority/frequency/CONT" },
        "dct:accessRights": { "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC" },
        "dct:license": license,
        "dcat:landingPage": { "@id": `${appUrl}/products` },
        ...(modified ? { "dct:modified": { "@type": "xsd:dateTime", "@value": modified.toISOString() } } : {}),
        "dcat:distribution": [
          distribution("csv", `${appUrl}/api/register.csv`, "CSV", "text/csv", "openData.csvTitle"),
          distribution("json", `${appUrl}/api/register.json`, "JSON", "application/json", "openData.jsonTitle"),
          {
            ...distribution("api", `${appUrl}/api/products`, "JSON", "application/json", "openData.apiTitle"),
            "dcat:accessService": { "@id": api },
          },
        ],
      },
    ],
  };
}

/** When the register last changed: the newest certificate write (issue, revocation, correction). */
export async function registerModified(): Promise<Date | null> {
  const latest = await prisma.certificate.aggregate({ _max: { updatedAt: true } });
  return latest._max.updatedAt ?? null;
}
