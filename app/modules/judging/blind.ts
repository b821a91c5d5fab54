// Blind judging (chấm kín): which parts of a dossier and which files a judge may see. Pure; the
// file rule is also given as a where clause so app/modules/files/access.server.ts enforces the
// very same rule in its query.
//
// Issue #4: in a blind round (Round.blindJudging, on by default) judges see the entry code, the
// product, its group, description and photos — never the producer's name, establishment,
// owner, address, registration numbers, nor a document that reveals them. Organisers mark such
// documents (StoredFile.hiddenFromJudges); the business registration and the registration form
// (mẫu 01) always name the producer, so blind rounds never show them. File names are the
// producer's own and often carry their name, so judges never see them in a blind round.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { fileNumberInDossier } from "~/modules/files/neutral-name";

/** Kinds that always name the producer: never shown to judges of a blind round. */
export const BLIND_HIDDEN_KINDS = ["BUSINESS_REGISTRATION", "REGISTRATION_FORM"] as const;

/** Judges open dossier files while scoring and while results are being compiled. */
export const JUDGE_FILE_ROUND_STATUSES = ["JUDGING", "RESULTS"] as const;
export const judgeFilesOpen = (roundStatus: string) =>
  (JUDGE_FILE_ROUND_STATUSES as readonly string[]).includes(roundStatus);

interface FileFacts {
  kind: string;
  hiddenFromJudges: boolean;
  /** null = a document of the establishment rather than of the product. */
  productId: string | null;
}

/**
 * Whether a judge of this round may see a file of an entry in their queue: not hidden by the
 * organisers, and in a blind round neither a kind that names the producer nor an
 * establishment document (those are about the producer, not the product).
 */
export function judgeMaySeeFile(file: FileFacts, round: { blindJudging: boolean }): boolean {
  if (file.hiddenFromJudges) return false;
  if (!round.blindJudging) return true;
  return file.productId !== null && !(BLIND_HIDDEN_KINDS as readonly string[]).includes(file.kind);
}

/**
 * judgeMaySeeFile as a where clause over StoredFile, given the entries of the judge's queue.
 * Product files reach through product.entries, establishment documents through
 * establishment.entries (non-blind rounds only).
 */
export function judgeFilesWhere(
  round: { blindJudging: boolean },
  queue: Prisma.EntryWhereInput,
): Prisma.StoredFileWhereInput[] {
  const visible: Prisma.StoredFileWhereInput = round.blindJudging
    ? { hiddenFromJudges: false, kind: { notIn: [...BLIND_HIDDEN_KINDS] } }
    : { hiddenFromJudges: false };
  const clauses: Prisma.StoredFileWhereInput[] = [{ ...visible, product: { entries: { some: queue } } }];
  if (!round.blindJudging) clauses.push({ ...visible, productId: null, establishment: { entries: { some: queue } } });
  return clauses;
}

// ───────────── the dossier ─────────────

/** Product fields a judge reads in a blind round: about the product, not about who makes it. */
export const BLIND_PRODUCT_FIELDS = [
  "description",
  "rawMaterials",
  "process",
  "annualCapacity",
  "markets",
  "qualityCerts",
  "ocopStars",
  "awards",
] as const;

/**
 * Fields left out of blind rounds: a trademark usually is the producer's name, and certificate
 * numbers can be looked up to find the holder.
 */
export const IDENTIFYING_PRODUCT_FIELDS = ["trademark", "foodSafetyCert", "ocopCertNumber"] as const;

export const PRODUCT_FIELDS = [...BLIND_PRODUCT_FIELDS, ...IDENTIFYING_PRODUCT_FIELDS] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

export interface SnapshotForJudge {
  product: Record<string, unknown> & { name: string; group: string; isSet?: boolean; setItems?: string | null };
  establishment: Record<string, unknown> & {
    name: string;
    legalForm?: string;
    commune?: string | null;
    province?: { name: string } | null;
  };
  files: Array<{
    id: string;
    kind: string;
    angle?: string | null;
    originalName?: string;
    contentType?: string;
    size?: number;
  }>;
}

export interface JudgeDossier {
  product: {
    name: string;
    group: string;
    isSet: boolean;
    setItems: string | null;
    fields: Array<{ key: ProductField; value: string }>;
  };
  /** Only in non-blind rounds. */
  establishment: { name: string; legalForm: string | null; commune: string | null; province: string | null } | null;
  photos: Array<{ id: string; angle: string | null }>;
  /** Documents by kind; the original file name only in non-blind rounds, and always the number
   * that makes the neutral name of a blind round (app/modules/files/neutral-name.ts). */
  documents: Array<{ id: string; kind: string; name: string | null; number: number }>;
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));

/**
 * The dossier as a judge may read it, built field by field from the frozen snapshot (nothing
 * is copied wholesale, so a field added to the snapshot later stays hidden until listed here).
 * `facts` gives each file's current hiddenFromJudges and productId; a file without facts is left out.
 */
export function judgeDossier(
  snapshot: SnapshotForJudge,
  round: { blindJudging: boolean },
  facts: ReadonlyMap<string, Omit<FileFacts, "kind">>,
): JudgeDossier {
  const blind = round.blindJudging;
  const keys: readonly ProductField[] = blind ? BLIND_PRODUCT_FIELDS : PRODUCT_FIELDS;
  const fields = keys.flatMap((key) => {
    const value = text(snapshot.product[key]);
    return value === null ? [] : [{ key, value }];
  });
  const files = snapshot.files.filter((f) => {
    const fact = facts.get(f.id);
    return fact ? judgeMaySeeFile({ kind: f.kind, ...fact }, round) : false;
  });
  return {
    product: {
      name: snapshot.product.name,
      group: snapshot.product.group,
      isSet: !!snapshot.product.isSet,
      setItems: text(snapshot.product.setItems),
      fields,
    },
    establishment: blind
      ? null
      : {
          name: snapshot.establishment.name,
          legalForm: text(snapshot.establishment.legalForm),
          commune: text(snapshot.establishment.commune),
          province: snapshot.establishment.province?.name ?? null,
        },
    photos: files.filter((f) => f.kind === "PHOTO").map((f) => ({ id: f.id, angle: f.angle ?? null })),
    documents: files
      .filter((f) => f.kind !== "PHOTO")
      .map((f) => ({
        id: f.id,
        kind: f.kind,
        name: blind ? null : (f.originalName ?? null),
        number: fileNumberInDossier(snapshot.files, f.id),
      })),
  };
}
