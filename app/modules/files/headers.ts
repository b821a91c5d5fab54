// Content-Disposition with the user's file name intact: an ASCII fallback for old clients and
// the real (Vietnamese) name in RFC 5987/6266 form, filename*=UTF-8''…
export function asciiFallbackName(name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_")
    .trim();
  return ascii || "tep";
}

/** Percent-encodes everything outside RFC 5987's attr-char set. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const clean = name.normalize("NFC");
  return `${type}; filename="${asciiFallbackName(clean)}"; filename*=UTF-8''${rfc5987(clean)}`;
}
