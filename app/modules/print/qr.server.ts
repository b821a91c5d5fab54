// QR codes drawn into a PDF: the certificate's verification link (issue #5) and the sample
// labels' record link (issue #14). qrcode is loaded by the first code drawn, not at the server's start.
import type QRCode from "qrcode";
import { lazyRequire } from "~/utils/lazy-require.server";
import type { PdfDoc } from "./pdf.server";

const loadQrCode = lazyRequire<typeof QRCode>("qrcode");

/**
 * The QR code as vector squares (crisp at any print size, no image decoding): dark modules of a
 * row merged into runs, filled in one path, on a white quiet zone of two modules.
 */
export function drawQr(doc: PdfDoc, text: string, x: number, y: number, size: number): void {
  const qr = loadQrCode().create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill("white");
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.data[row * n + col]) col++;
      // A hair of overlap so adjacent rows leave no hairline gaps in some viewers.
      doc.rect(x + (start + quiet) * cell, y + (row + quiet) * cell, (col - start) * cell, cell + 0.05);
    }
  }
  doc.fill("black");
  doc.restore();
}
