// What a product's dossier (hồ sơ) still misses, as a pure function of plain data. Used on the
// producer's product page and by the entries module before a submission is accepted.
//
// domain.md, "The dossier": a copy of the business / cooperative / household-business
// registration certificate; at least 3 colour photos from different angles (front, side, top);
// the food-safety eligibility certificate for food (group B); and whatever else the round asks
// for (its RoundDocument rows).
import type { MessageKey, TranslateParams } from "~/utils/i18n";
import {
  DOSSIER_FORMS,
  generatedFormsOf,
  isDossierForm,
  type DossierFormKind,
  type FormProductData,
  type FormProductField,
} from "./forms";

export const PHOTO_ANGLES = ["FRONT", "SIDE", "TOP", "DETAIL"] as const;
export type PhotoAngle = (typeof PHOTO_ANGLES)[number];

export const FILE_KINDS = [
  "PHOTO",
  "BUSINESS_REGISTRATION",
  "REGISTRATION_FORM",
  "DESCRIPTION_FORM",
  "QUALITY_CERT",
  "FOOD_SAFETY_CERT",
  "TRADEMARK",
  "OCOP_CERT",
  "AWARD",
  "OTHER",
] as const;
export type FileKindName = (typeof FILE_KINDS)[number];
export type DocumentKind = Exclude<FileKindName, "PHOTO">;

/** At least 3 photos, and together they show at least 3 different angles. */
export const MIN_PHOTOS = 3;
export const MIN_ANGLES = 3;

export const isPhotoAngle = (value: unknown): value is PhotoAngle =>
  typeof value === "string" && (PHOTO_ANGLES as readonly string[]).includes(value);
export const isFileKind = (value: unknown): value is FileKindName =>
  typeof value === "string" && (FILE_KINDS as readonly string[]).includes(value);

export interface PhotosItem {
  key: "photos";
  ok: boolean;
  count: number;
  /** Distinct angles among the photos, in PHOTO_ANGLES order. */
  angles: PhotoAngle[];
  /** Front, side and top first: the angles domain.md names, then detail. */
  missingAngles: PhotoAngle[];
}

export interface DocumentItem {
  key: DocumentKind;
  ok: boolean;
  /** Why it is asked for: always (registration copy), for food (group B), or by the round. */
  because: "always" | "groupB" | "round";
  /**
   * Forms 01 and 02 only: what stands for the form — the producer's signed scan, or the paper
   * the platform generates; null while neither is possible.
   */
  source?: "scan" | "generated" | null;
  /** Forms 01 and 02 without a scan: the product fields the generated paper still needs. */
  missingFields?: FormProductField[];
}

export type ChecklistItem = PhotosItem | DocumentItem;

export interface ChecklistInput {
  group: string;
  photos: ReadonlyArray<{ angle: string | null | undefined }>;
  documents: ReadonlyArray<{ kind: string }>;
  /** Extra kinds the round requires (its RoundDocument rows). PHOTO is implied. */
  requiredKinds?: ReadonlyArray<string> | null;
  /**
   * Forms the platform can generate, each with the product fields it still misses (forms.ts).
   * A form listed with none missing counts as present; without this, only a scan does.
   */
  generatedForms?: Partial<Record<DossierFormKind, readonly FormProductField[]>>;
}

export interface Checklist {
  items: ChecklistItem[];
  missing: ChecklistItem[];
  complete: boolean;
}

/** The round's required kinds as a list of known kinds, each once (unknown names dropped). */
export function parseRequiredKinds(value: ReadonlyArray<string> | null | undefined): FileKindName[] {
  return [...new Set((value ?? []).map((k) => k.trim().toUpperCase()).filter(isFileKind))];
}

export function dossierChecklist(input: ChecklistInput): Checklist {
  const angles = PHOTO_ANGLES.filter((a) => input.photos.some((p) => p.angle === a));
  const photos: PhotosItem = {
    key: "photos",
    count: input.photos.length,
    angles,
    missingAngles: PHOTO_ANGLES.filter((a) => !angles.includes(a)),
    ok: input.photos.length >= MIN_PHOTOS && angles.length >= MIN_ANGLES,
  };

  const have = new Set(input.documents.map((d) => d.kind));
  const wanted = new Map<DocumentKind, DocumentItem["because"]>([["BUSINESS_REGISTRATION", "always"]]);
  if (input.group === "B") wanted.set("FOOD_SAFETY_CERT", "groupB");
  for (const kind of parseRequiredKinds(input.requiredKinds)) {
    if (kind !== "PHOTO" && !wanted.has(kind)) wanted.set(kind, "round");
  }
  const documents: DocumentItem[] = FILE_KINDS.filter((k): k is DocumentKind => k !== "PHOTO" && wanted.has(k)).map(
    (key) => {
      const item: DocumentItem = { key, ok: have.has(key), because: wanted.get(key)! };
      if (!isDossierForm(key)) return item;
      // A signed scan replaces the generated paper; without one the paper is generated from the
      // product's data, once the data the form asks for is there.
      if (item.ok) return { ...item, source: "scan" };
      const missing = input.generatedForms?.[key];
      if (!missing) return { ...item, source: null };
      return {
        ...item,
        ok: missing.length === 0,
        source: missing.length === 0 ? "generated" : null,
        missingFields: [...missing],
      };
    },
  );

  const items: ChecklistItem[] = [photos, ...documents];
  const missing = items.filter((i) => !i.ok);
  return { items, missing, complete: missing.length === 0 };
}

/** The label of a checklist item, as a translation key and its parameters. */
export function checklistLabel(item: ChecklistItem): { key: MessageKey; params?: TranslateParams } {
  if (item.key === "photos")
    return { key: "producers.checklist.photos", params: { photos: MIN_PHOTOS, angles: MIN_ANGLES } };
  if (item.because === "groupB") return { key: "producers.checklist.foodSafety" };
  return { key: `producers.kind.${item.key}` };
}

/**
 * The checklist of one product from all the files of its establishment: the establishment's own
 * files (productId null, e.g. the business registration) count for each of its products, as in
 * the entries module's dossier (files of the product or of no product).
 */
export function productChecklist(
  product: { id: string; group: string },
  files: ReadonlyArray<{ kind: string; angle: string | null; productId: string | null }>,
  requiredKinds?: ChecklistInput["requiredKinds"],
  generatedForms?: ChecklistInput["generatedForms"],
): Checklist {
  const relevant = files.filter((f) => f.productId === product.id || f.productId === null);
  return dossierChecklist({
    group: product.group,
    photos: relevant.filter((f) => f.kind === "PHOTO"),
    documents: relevant.filter((f) => f.kind !== "PHOTO"),
    requiredKinds,
    generatedForms,
  });
}

/**
 * What a producer's own pages count as missing from a product's dossier: forms 01 and 02 included
 * (generated from the product's fields, or a signed scan), as the product page, the onboarding and
 * the submission do — so "complete" on one page is never "missing" on another.
 */
export function producerChecklist(
  product: { id: string; group: string } & FormProductData,
  files: ReadonlyArray<{ kind: string; angle: string | null; productId: string | null }>,
): Checklist {
  return productChecklist(product, files, DOSSIER_FORMS, generatedFormsOf(product));
}
