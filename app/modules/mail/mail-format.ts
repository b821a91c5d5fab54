// Pure formatting of outgoing mail (issue #13 item 7): one subject prefix for every mail, and an
// HTML part made from the plain text that reads well on a phone. Shared by the outbox writer
// and /admin/outbox (which shows the same clickable links).

export const SUBJECT_PREFIX = "[Tiêu Biểu]";

/** The subject as sent: on one line, with the "[Tiêu Biểu]" prefix exactly once. */
export function brandSubject(subject: string): string {
  const line = subject.replace(/[\r\n]+/g, " ").trim();
  return line.startsWith(SUBJECT_PREFIX) ? line : `${SUBJECT_PREFIX} ${line}`;
}

export interface TextPart {
  text: string;
  /** Set when this part is a web address (http or https only). */
  href?: string;
}

// A web address ends at white space, angle brackets or quotes; punctuation that ends a
// sentence, or a closing bracket without its opening one, is not part of it.
const URL_PATTERN = /https?:\/\/[^\s<>"“”']+/g;

function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0) {
    const c = url.charAt(end - 1);
    if (".,;:!?".includes(c)) end--;
    else if (c === ")" && (url.slice(0, end).match(/\(/g)?.length ?? 0) < (url.slice(0, end).match(/\)/g)?.length ?? 0))
      end--;
    else break;
  }
  return url.slice(0, end);
}

/** Splits text into plain parts and web addresses, so both the mail and the page can link them. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    if (!isHttpUrl(url)) continue;
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = {
  body: "margin:0;padding:0;background:#f3f4f6;",
  wrap: "max-width:600px;margin:0 auto;padding:16px 12px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.55;color:#1f2937;",
  brand: "font-size:18px;font-weight:bold;color:#14532d;padding:4px 4px 12px;",
  card: "background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;padding:16px;",
  p: "margin:0 0 14px;overflow-wrap:anywhere;word-break:break-word;",
  a: "color:#1d4ed8;text-decoration:underline;overflow-wrap:anywhere;word-break:break-all;",
  button:
    "display:inline-block;background:#166534;color:#ffffff;text-decoration:none;padding:12px 16px;border-radius:6px;font-weight:bold;overflow-wrap:anywhere;word-break:break-all;",
};

function inlineHtml(line: string): string {
  return linkParts(line)
    .map((p) =>
      p.href ? `<a href="${escapeHtml(p.href)}" style="${STYLE.a}">${escapeHtml(p.text)}</a>` : escapeHtml(p.text),
    )
    .join("");
}

/** A paragraph that is only a web address becomes a large tap target (a button-like link). */
function paragraphHtml(paragraph: string): string {
  const alone = paragraph.trim();
  const parts = linkParts(alone);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.href) {
    return `<p style="${STYLE.p}"><a href="${escapeHtml(only.href)}" style="${STYLE.button}">${escapeHtml(only.text)}</a></p>`;
  }
  return `<p style="${STYLE.p}">${paragraph.split("\n").map(inlineHtml).join("<br>\n")}</p>`;
}

/**
 * The HTML part of a mail, made from its plain text: escaped, paragraphs and line breaks kept,
 * web addresses clickable, one narrow column with inline styles (mail clients drop <style>
 * blocks), readable on a 360 px phone without zooming.
 */
export function renderMailHtml(input: { subject: string; text: string; locale?: string }): string {
  const paragraphs = input.text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
  return [
    "<!doctype html>",
    `<html lang="${input.locale === "en" ? "en" : "vi"}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.wrap}">`,
    `<div style="${STYLE.brand}">Tiêu Biểu</div>`,
    `<div style="${STYLE.card}">`,
    ...paragraphs.map(paragraphHtml),
    "</div>",
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}

/**
 * When the next try of a message is due after `attempts` failed tries: exponential backoff
 * (base, 2×base, 4×base…) capped at `maxMs`.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
}
