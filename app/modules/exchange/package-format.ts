// The nomination package (issue #15, docs/nomination-package.md): what one installation sends to
// another when a province nominates products into a higher-tier round held elsewhere. One ZIP:
//   manifest.json            this schema (format + version), listing every file with its SHA-256
//   manifest.jws             compact JWS (EdDSA, Ed25519) by the sender's did:web key over
//                            {"manifestSha256": …}: signing the hash signs every file it lists
//   decision.pdf             the recognition decision of the source round
//   files/<sha256>           the frozen dossier's files, named by their hash
//   credentials/<serial>.jwt each certificate's W3C verifiable credential, when the sender has one
// The zod schema is the receiving side's first check: a manifest that does not match is refused
// before anything else is read.
import { z } from "zod";

export const PACKAGE_FORMAT = "tieu-bieu/nomination-package";
export const PACKAGE_VERSION = 1;
export const MANIFEST = "manifest.json";
export const SIGNATURE = "manifest.jws";
export const DECISION = "decision.pdf";
export const PACKAGE_TYPE = "application/zip";
/** Largest package the receiving side reads (a province sends ≤ 30 products of a few MB each). */
export const PACKAGE_MAX_MB = 200;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const isoDate = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullable();
const group = z.enum(["A", "B", "C", "D"]);
const level = z.enum(["COMMUNE", "PROVINCE", "REGION", "NATION"]);
/** A path inside the package: only the names this format makes, never "../" or absolute ones. */
const memberPath = z.string().regex(/^(files\/[0-9a-f]{64}|credentials\/[A-Za-z0-9_-]{1,64}\.jwt|decision\.pdf)$/);

export const PackageFileSchema = z.object({
  path: memberPath,
  sha256,
  size: z.number().int().nonnegative(),
  contentType: z.enum(["image/jpeg", "image/png", "image/webp", "application/pdf", "application/vc+jwt"]),
});

export const DossierFileSchema = PackageFileSchema.extend({
  id: text(64), // the file's id on the sending installation (the snapshot refers to it)
  kind: z.enum([
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
  ]),
  angle: optionalText(16),
  originalName: text(255),
});

const EstablishmentSchema = z.object({
  legalForm: z.enum(["SME", "COOPERATIVE", "COOP_GROUP", "HOUSEHOLD"]),
  name: text(300),
  registrationNumber: text(64).min(1),
  registrationDate: isoDate.nullable(),
  registrationIssuer: optionalText(300),
  commune: optionalText(200),
  addressLine: optionalText(500),
  phone: optionalText(50),
  email: optionalText(254),
  legalRepresentative: optionalText(200),
  workforce: z.number().int().nullable(),
  province: z.object({ code: text(16), name: text(100) }),
});

const ProductSchema = z.object({
  name: text(300).min(1),
  group,
  isSet: z.boolean(),
  setItems: optionalText(5000),
  description: text(20000),
  rawMaterials: optionalText(5000),
  process: optionalText(5000),
  annualCapacity: optionalText(500),
  markets: optionalText(2000),
  qualityCerts: optionalText(2000),
  foodSafetyCert: optionalText(500),
  trademark: optionalText(500),
  ocopStars: z.number().int().nullable(),
  ocopCertNumber: optionalText(100),
  awards: optionalText(5000),
  businessLines: optionalText(2000),
  workforce: z.number().int().nullable(),
  revenue: z.number().nullable(),
  revenueYear: z.number().int().nullable(),
  exportShare: z.number().nullable(),
});

export const NominationItemSchema = z.object({
  certificate: z.object({
    id: text(64),
    serial: text(64).min(1),
    code: text(64).min(1),
    level,
    jurisdiction: text(200),
    year: z.number().int().min(2000).max(2100),
    productName: text(300),
    productGroup: group,
    establishmentName: text(300),
    establishmentAddress: text(600),
    issuedAt: isoDate,
    validUntil: isoDate,
    revokedAt: isoDate.nullable(),
    prize: z.enum(["A", "B", "C", "ENCOURAGEMENT"]).nullable(),
  }),
  credential: PackageFileSchema.nullable(),
  entry: z.object({ entryCode: optionalText(64), group, commune: optionalText(200) }),
  owner: z.object({ name: text(200), email: z.email().max(254) }),
  dossier: z.object({
    establishment: EstablishmentSchema,
    product: ProductSchema,
    files: z.array(DossierFileSchema).max(200),
  }),
});

export const ManifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  id: z.uuid(),
  createdAt: isoDate,
  sender: z.object({ did: text(300).startsWith("did:"), url: z.url().max(300) }),
  sourceRound: z.object({
    id: text(64),
    name: text(300),
    level,
    year: z.number().int().min(2000).max(2100),
    province: z.object({ code: text(16), name: text(100) }).nullable(),
    region: z.object({ code: text(16) }).nullable(),
    resultsFinalisedAt: isoDate,
  }),
  decision: z.object({
    number: text(100),
    signedAt: isoDate,
    authority: text(300),
    signerName: text(200),
    signerTitle: text(200),
    file: PackageFileSchema,
  }),
  nominations: z.array(NominationItemSchema).min(1).max(500),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type NominationItem = z.infer<typeof NominationItemSchema>;
export type PackageFile = z.infer<typeof PackageFileSchema>;

/** What manifest.jws signs: the manifest's bytes by their hash, and who says so. */
export const SignedClaimSchema = z.object({ manifestSha256: sha256, packageId: z.uuid(), iss: z.string() });

/** Every file the manifest lists, once per path (a dossier file shared by two products is one member). */
export function listedFiles(manifest: Manifest): PackageFile[] {
  const all = [
    manifest.decision.file,
    ...manifest.nominations.flatMap((n) => [...n.dossier.files, ...(n.credential ? [n.credential] : [])]),
  ];
  return [...new Map(all.map((f) => [f.path, f])).values()];
}
