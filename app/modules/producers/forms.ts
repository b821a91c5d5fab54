// Forms 01 and 02 of the dossier (domain.md, "The dossier"): the registration form (Phiếu đăng
// ký) and the product description (Bản thuyết minh). The platform generates both from what the
// producer typed; a signed scan uploaded as the same kind replaces the generated paper in the
// dossier. Pure rules, shared by the checklist, the pages and the PDF (decision 028).
import type { MessageKey } from "~/utils/i18n";

export const DOSSIER_FORMS = ["REGISTRATION_FORM", "DESCRIPTION_FORM"] as const;
export type DossierFormKind = (typeof DOSSIER_FORMS)[number];

export const isDossierForm = (kind: string): kind is DossierFormKind =>
  (DOSSIER_FORMS as readonly string[]).includes(kind);

/** "01" / "02": the number of the form in the circular's annex, and in its URL. */
export const FORM_NUMBER: Record<DossierFormKind, "01" | "02"> = { REGISTRATION_FORM: "01", DESCRIPTION_FORM: "02" };
export const formOfNumber = (n: string): DossierFormKind | null =>
  DOSSIER_FORMS.find((k) => FORM_NUMBER[k] === n) ?? null;

/** The URL of the generated paper of an entry. */
export const formUrl = (entryId: string, kind: DossierFormKind) => `/entries/${entryId}/forms/${FORM_NUMBER[kind]}.pdf`;

/**
 * What each form asks of the product beyond what every product and establishment already has
 * (name, group, description; the establishment's registration, address and representative are
 * required by its own form). A form can be generated once these are filled.
 */
export const FORM_PRODUCT_FIELDS = {
  REGISTRATION_FORM: ["businessLines", "workforce", "revenue"],
  DESCRIPTION_FORM: ["rawMaterials", "process", "annualCapacity", "markets"],
} as const satisfies Record<DossierFormKind, readonly string[]>;

export type FormProductField = (typeof FORM_PRODUCT_FIELDS)[DossierFormKind][number];

export type FormProductData = {
  [K in FormProductField]?: string | number | null;
} & { revenueYear?: number | null };

const filled = (v: unknown) =>
  typeof v === "number" ? Number.isFinite(v) : typeof v === "string" ? v.trim().length > 0 : false;

/** The fields a form still misses, in the order the form asks them. Revenue counts with its year. */
export function missingFormFields(kind: DossierFormKind, product: FormProductData): FormProductField[] {
  return FORM_PRODUCT_FIELDS[kind].filter((field) => {
    if (field === "revenue") return !filled(product.revenue) || !filled(product.revenueYear);
    return !filled(product[field]);
  });
}

/** For the checklist: each form and the fields it misses (empty = the platform can generate it). */
export function generatedFormsOf(product: FormProductData): Record<DossierFormKind, FormProductField[]> {
  return {
    REGISTRATION_FORM: missingFormFields("REGISTRATION_FORM", product),
    DESCRIPTION_FORM: missingFormFields("DESCRIPTION_FORM", product),
  };
}

/** The label of a product field in "still missing: …" lines. */
export const FORM_FIELD_LABEL: Record<FormProductField, MessageKey> = {
  businessLines: "forms.field.businessLines",
  workforce: "forms.field.workforce",
  revenue: "forms.field.revenue",
  rawMaterials: "producers.field.rawMaterials",
  process: "producers.field.process",
  annualCapacity: "producers.field.annualCapacity",
  markets: "producers.field.markets",
};

export interface DossierFormSource {
  kind: DossierFormKind;
  /** The newest signed scan of this kind in the dossier; when there is one it IS the form. */
  scan: { id: string; originalName: string } | null;
}

/**
 * Which paper stands for each form in a dossier: the signed scan when one was uploaded (the
 * newest, if several), otherwise the generated one.
 */
export function dossierFormSources(
  files: ReadonlyArray<{ id: string; kind: string; originalName: string; createdAt?: Date | string | null }>,
): DossierFormSource[] {
  return DOSSIER_FORMS.map((kind) => {
    const scans = files.filter((f) => f.kind === kind);
    const newest = scans.reduce<(typeof scans)[number] | null>(
      (best, f) =>
        !best || new Date(f.createdAt ?? 0).getTime() >= new Date(best.createdAt ?? 0).getTime() ? f : best,
      null,
    );
    return { kind, scan: newest ? { id: newest.id, originalName: newest.originalName } : null };
  });
}
