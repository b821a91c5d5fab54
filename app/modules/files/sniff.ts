// The real type of an upload comes from its first bytes, never from its name or the browser's
// claimed type. Only these four types are accepted anywhere on the platform.
export type AllowedType = "image/jpeg" | "image/png" | "image/webp" | "application/pdf";

export const ALLOWED_EXTENSIONS: Record<AllowedType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/pdf": "pdf",
};

const startsWith = (buf: Uint8Array, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

export function sniffType(head: Uint8Array): AllowedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // RIFF....WEBP
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  // %PDF- may follow a few bytes of junk in real-world scans; the spec allows it within 1 KiB.
  const window = head.subarray(0, Math.min(head.length, 1024));
  for (let i = 0; i + 5 <= window.length; i++) {
    if (startsWith(window, [0x25, 0x50, 0x44, 0x46, 0x2d], i)) return "application/pdf";
  }
  return null;
}

export const isImage = (t: AllowedType) => t.startsWith("image/");

/**
 * A display name that is safe to store and to send in Content-Disposition: no path parts,
 * no control characters, bounded length. Vietnamese letters are kept.
 */
export function safeFileName(name: string, type: AllowedType): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 120);
  const stem = cleaned.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "tep";
  return `${stem}.${ALLOWED_EXTENSIONS[type]}`;
}

/** True when the name the browser sent tries to climb out of a folder or name one. */
export function hasPathTraversal(name: string): boolean {
  return /(^|[\\/])\.\.([\\/]|$)/.test(name) || /^[\\/]/.test(name) || /^[A-Za-z]:[\\/]/.test(name);
}

export const PHOTO_TYPES: readonly AllowedType[] = ["image/jpeg", "image/png", "image/webp"];
export const DOCUMENT_TYPES: readonly AllowedType[] = ["application/pdf"];
export const ALL_TYPES: readonly AllowedType[] = [...PHOTO_TYPES, ...DOCUMENT_TYPES];

const TYPE_LABELS: Record<AllowedType, string> = {
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/webp": "WebP",
  "application/pdf": "PDF",
};

/** Photos are images; every other kind of file (certificates, forms, registrations) is a PDF. */
export function allowedTypesFor(kind: string): readonly AllowedType[] {
  return kind === "PHOTO" ? PHOTO_TYPES : DOCUMENT_TYPES;
}

/** "JPEG, PNG, WebP" — names of types as people know them, for error messages. */
export function typeLabels(types: readonly AllowedType[]): string {
  return types.map((t) => TYPE_LABELS[t]).join(", ");
}

/**
 * The name as the user sent it, made printable for an error message: control characters
 * dropped, Unicode normalised, long names shortened. Never used as a path.
 */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

export function displayName(name: string): string {
  const clean = name.normalize("NFC").replace(CONTROL_CHARACTERS, "").trim();
  if (!clean) return "?";
  return clean.length > 80 ? `${clean.slice(0, 60)}…${clean.slice(-15)}` : clean;
}
