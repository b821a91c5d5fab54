// Remix's multipart parser hands an upload handler only the base name of a file ("../../a.jpg"
// arrives as "a.jpg"), so a name that tries to climb out of a folder could not be refused with
// a message. This tap watches the raw body go by and records, for every part in order, the
// filename exactly as the client sent it (null for a text field). It only reads the bytes of
// part headers; part contents pass through untouched and nothing is buffered beyond a header.
const CRLF = new TextEncoder().encode("\r\n");
const HEADER_END = new TextEncoder().encode("\r\n\r\n");
const DASHES = new TextEncoder().encode("--");
/** Part headers larger than this are not ours to read (their part gets `undefined`). */
const MAX_HEADER_BYTES = 16 * 1024;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  if (first === undefined) return from <= haystack.length ? from : -1;
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The raw `filename` parameter of a part's Content-Disposition header, or null if none. */
export function rawFilename(headerBlock: string): string | null {
  const line = headerBlock.split(/\r\n/).find((l) => /^content-disposition\s*:/i.test(l));
  if (!line) return null;
  // `filename*=` (RFC 5987) is deliberately not matched: browsers do not send it in forms.
  const match = /;\s*filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/i.exec(line);
  if (!match) return null;
  // Like the parser Remix uses, only \" is an escape; a backslash is kept (Windows paths).
  return match[2] !== undefined ? match[2].replace(/\\"/g, '"') : (match[1] ?? "").trim();
}

export class MultipartNameTap {
  /** One entry per part seen so far: the raw filename, null for a text field. */
  readonly names: (string | null | undefined)[] = [];
  private readonly delimiter: Uint8Array;
  private state: "body" | "headers" | "done" = "body";
  // The body of a multipart message starts with the delimiter without its leading CRLF.
  private carry: Uint8Array = CRLF;

  constructor(boundary: string) {
    this.delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  }

  feed(chunk: Uint8Array): void {
    if (this.state === "done") return;
    let buf = concat(this.carry, chunk);
    this.carry = new Uint8Array(0);
    for (;;) {
      if (this.state === "body") {
        const at = indexOf(buf, this.delimiter);
        if (at === -1) {
          // Keep only what could be the start of a delimiter split across chunks.
          this.carry = buf.slice(Math.max(0, buf.length - (this.delimiter.length - 1)));
          return;
        }
        buf = buf.subarray(at + this.delimiter.length);
        this.state = "headers";
        continue;
      }
      if (buf.length < 2) {
        this.carry = buf.slice();
        return;
      }
      if (buf[0] === DASHES[0] && buf[1] === DASHES[1]) {
        this.state = "done"; // the closing delimiter: the rest is epilogue
        return;
      }
      const end = indexOf(buf, HEADER_END);
      if (end === -1) {
        if (buf.length > MAX_HEADER_BYTES) {
          this.names.push(undefined);
          this.state = "body";
          continue;
        }
        this.carry = buf.slice();
        return;
      }
      this.names.push(rawFilename(new TextDecoder().decode(buf.subarray(0, end))));
      buf = buf.subarray(end + HEADER_END.length);
      this.state = "body";
    }
  }
}
