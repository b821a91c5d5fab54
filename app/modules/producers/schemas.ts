// Forms of the producer's area: one zod schema per form, shared by Conform in the browser and
// the server. Messages are translation keys (app/locales/*/producers.ts). Conform turns empty
// inputs into undefined, so "required" is the schema's type error.
import { z } from "zod";
import { FILE_KINDS, PHOTO_ANGLES } from "./dossier";
import {
  establishmentProblems,
  LEGAL_FORMS,
  MAX_REVENUE_MILLION,
  PRODUCT_GROUPS,
  productProblems,
  vietnameseNumberInput,
  type Problem,
} from "./rules";

const required = (max: number) =>
  z
    .string({ error: "producers.error.required" })
    .trim()
    .min(2, "producers.error.tooShort")
    .max(max, "producers.error.tooLong");
const optional = (max: number) => z.string().trim().max(max, "producers.error.tooLong").optional();

/** Cross-field rules run even when another field is still empty, so all errors show at once. */
const always = { when: () => true };
function report(ctx: z.RefinementCtx, problems: Problem[]) {
  for (const p of problems) ctx.addIssue({ code: "custom", path: [p.field], message: p.key });
}

export const EstablishmentSchema = z
  .object({
    legalForm: z.enum(LEGAL_FORMS, { error: "producers.error.legalForm" }),
    name: required(200),
    registrationNumber: z.string({ error: "producers.error.required" }).trim().max(40, "producers.error.tooLong"),
    registrationDate: z.string({ error: "producers.error.required" }).trim().max(20, "producers.error.date.invalid"),
    registrationIssuer: required(200),
    legalRepresentative: required(120),
    provinceId: z
      .string({ error: "producers.error.province" })
      .trim()
      .min(1, "producers.error.province")
      .max(100, "producers.error.province"),
    commune: required(120),
    addressLine: optional(300),
    phone: z.string({ error: "producers.error.required" }).trim().max(30, "producers.error.phone"),
    email: z.string().trim().max(254, "producers.error.email").email("producers.error.email").optional(),
    workforce: z
      .number({ error: "producers.error.workforce" })
      .int("producers.error.workforce")
      .min(0, "producers.error.workforce")
      .max(1_000_000, "producers.error.workforce")
      .optional(),
  })
  .superRefine((v, ctx) => report(ctx, establishmentProblems(v)), always);

export type EstablishmentForm = z.infer<typeof EstablishmentSchema>;

export const PRODUCT_KINDS = ["single", "set"] as const;

export const ProductSchema = z
  .object({
    name: required(200),
    group: z.enum(PRODUCT_GROUPS, { error: "producers.error.group" }),
    kind: z.enum(PRODUCT_KINDS, { error: "producers.error.kind" }),
    setItems: optional(5000),
    description: z
      .string({ error: "producers.error.description" })
      .trim()
      .min(20, "producers.error.description")
      .max(5000, "producers.error.tooLong"),
    rawMaterials: optional(2000),
    process: optional(3000),
    annualCapacity: optional(200),
    markets: optional(1000),
    // Asked by forms 01 and 02 (decision 028); optional here, the checklist says when a form needs them.
    businessLines: optional(1000),
    workforce: z
      .number({ error: "forms.error.workforce" })
      .int("forms.error.workforce")
      .min(0, "forms.error.workforce")
      .max(1_000_000, "forms.error.workforce")
      .optional(),
    revenue: z
      .preprocess(
        vietnameseNumberInput,
        z
          .number({ error: "forms.error.revenue" })
          .min(0, "forms.error.revenue")
          .max(MAX_REVENUE_MILLION, "forms.error.revenueTooLarge"),
      )
      .optional(),
    revenueYear: z.number({ error: "forms.error.revenueYear" }).int("forms.error.revenueYear").optional(),
    exportShare: z
      .preprocess(
        vietnameseNumberInput,
        z
          .number({ error: "forms.error.exportShare" })
          .min(0, "forms.error.exportShare")
          .max(100, "forms.error.exportShare"),
      )
      .optional(),
    qualityCerts: optional(1000),
    foodSafetyCert: optional(100),
    trademark: optional(300),
    ocopStars: z
      .number({ error: "producers.error.ocopStars" })
      .int("producers.error.ocopStars")
      .min(3, "producers.error.ocopStars")
      .max(5, "producers.error.ocopStars")
      .optional(),
    ocopCertNumber: optional(100),
    awards: optional(2000),
  })
  .superRefine((v, ctx) => report(ctx, productProblems(v)), always);

export type ProductForm = z.infer<typeof ProductSchema>;

/** Route params and search params: cuids, never anything that reaches a query unchecked. */
export const IdSchema = z.string().regex(/^[a-z0-9]{20,40}$/);

// ───────────── uploads ─────────────

/**
 * What the producer says the file is, as one select: "PHOTO:FRONT" … "PHOTO:DETAIL" for photos,
 * or a document kind. One control is easier on a phone than a kind plus an angle.
 */
export const UPLOAD_DOCUMENT_KINDS = [
  "BUSINESS_REGISTRATION",
  "REGISTRATION_FORM",
  "DESCRIPTION_FORM",
  "QUALITY_CERT",
  "FOOD_SAFETY_CERT",
  "TRADEMARK",
  "OCOP_CERT",
  "AWARD",
  "OTHER",
] as const satisfies ReadonlyArray<(typeof FILE_KINDS)[number]>;
export const UPLOAD_CHOICES = [...PHOTO_ANGLES.map((a) => `PHOTO:${a}` as const), ...UPLOAD_DOCUMENT_KINDS] as const;
export type UploadChoice = (typeof UPLOAD_CHOICES)[number];

export const UploadChoiceSchema = z.enum(UPLOAD_CHOICES, { error: "producers.files.upload.kindRequired" });

export function uploadTarget(choice: UploadChoice): {
  kind: (typeof FILE_KINDS)[number];
  angle: (typeof PHOTO_ANGLES)[number] | null;
} {
  if (choice.startsWith("PHOTO:")) return { kind: "PHOTO", angle: choice.slice(6) as (typeof PHOTO_ANGLES)[number] };
  return { kind: choice as (typeof UPLOAD_DOCUMENT_KINDS)[number], angle: null };
}

export const RemoveFileSchema = z.object({ intent: z.literal("remove-file"), fileId: IdSchema });
