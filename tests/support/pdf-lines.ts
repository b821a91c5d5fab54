// The text of a rendered PDF as the eye reads it: per page, the lines top to bottom (pieces on the
// same baseline joined left to right), each with the fonts it was drawn in, so a test can assert
// "this line reads exactly so" and "this part is bold".
import { getDocumentProxy } from "unpdf";

// pdf.js reads fonts with ArrayBuffer.prototype.transferToFixedLength (Node 21+); Node 20 lacks it,
// and without it the fonts' names stay unknown. A copying stand-in, for these tests only.
const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
if (!proto.transferToFixedLength) {
  Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
    configurable: true,
    value(this: ArrayBuffer, length?: number) {
      const n = length ?? this.byteLength;
      const copy = new ArrayBuffer(n);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
      return copy;
    },
  });
}

export interface PdfPiece {
  text: string;
  x: number;
  /** The embedded font's name, e.g. "BZZZZZ+DejaVuSerif-Bold". */
  font: string;
}

export interface PdfLine {
  text: string;
  y: number;
  /** Never empty: a line is there because a piece was drawn on it. */
  pieces: [PdfPiece, ...PdfPiece[]];
}

interface TextItem {
  str: string;
  /** pdf.js's text matrix: [a, b, c, d, x, y]. */
  transform: [number, number, number, number, number, number];
  fontName: string;
}

export async function pdfLines(bytes: Uint8Array | Buffer): Promise<PdfLine[][]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: PdfLine[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    await page.getOperatorList(); // loads the fonts into commonObjs
    const content = await page.getTextContent();
    const fontNames = new Map<string, string>();
    const fontOf = (id: string) => {
      if (!fontNames.has(id)) {
        let name = id;
        try {
          const font = page.commonObjs.get(id) as { name?: string } | undefined;
          name = font?.name ?? id;
        } catch {
          // not loaded: keep the id
        }
        fontNames.set(id, name);
      }
      return fontNames.get(id)!;
    };
    const byY = new Map<number, [PdfPiece, ...PdfPiece[]]>();
    for (const raw of content.items as unknown[]) {
      const item = raw as TextItem;
      if (typeof item.str !== "string" || !item.str.trim()) continue;
      const y = Math.round(item.transform[5]);
      const key = [...byY.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      const piece = { text: item.str, x: item.transform[4], font: fontOf(item.fontName) };
      const list = byY.get(key);
      if (list) list.push(piece);
      else byY.set(key, [piece]);
    }
    pages.push(
      [...byY.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([y, pieces]) => {
          pieces.sort((a, b) => a.x - b.x);
          return {
            y,
            pieces,
            text: pieces
              .map((p) => p.text)
              .join(" ")
              .replace(/\s+/g, " ")
              .trim(),
          };
        }),
    );
  }
  return pages;
}

/** The lines' texts of one page. */
export const texts = (lines: PdfLine[]): string[] => lines.map((l) => l.text);
