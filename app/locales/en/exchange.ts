// Exchange between installations and open data (issue #15).
import type { exchange as vi } from "../vi/exchange";

export const exchange: Record<keyof typeof vi, string> = {
  "openData.publisher": "Organiser of the outstanding rural industrial products programme",
  "openData.catalogTitle": "Open data: outstanding rural industrial products",
  "openData.catalogDescription": "Open data catalogue of the outstanding rural industrial products platform: the register of certificates, as CSV and JSON downloads and through an API.",
  "openData.datasetTitle": "Register of outstanding rural industrial products",
  "openData.datasetDescription":
    "Each row is one certificate of an outstanding rural industrial product (provincial, regional or national level): serial, product, group, establishment, province, level, year, issue date, validity and current status.",
  "openData.keywords": "rural industry, outstanding products, industrial promotion, certificates",
  "openData.csvTitle": "The whole register (CSV)",
  "openData.jsonTitle": "The whole register (JSON)",
  "openData.apiTitle": "Register search API (JSON, paged)",
};
