// Files for the demo data, generated at seed time so no binaries are committed: product photos
// drawn with sharp from SVG shapes, and small valid PDF "scans" written by hand.
import sharp from "sharp";

const PALETTE = ["#9b1c1c", "#b45309", "#15803d", "#1d4ed8", "#7c3aed", "#be185d", "#0f766e", "#4d7c0f"];

/** A 1200×900 JPEG: a coloured backdrop with a simple "product" shape seen from one angle. */
export function demoPhoto(seed: number, angle: "FRONT" | "SIDE" | "TOP"): Promise<Buffer> {
  const bg = PALETTE[seed % PALETTE.length];
  const fg = PALETTE[(seed + 3) % PALETTE.length];
  const shape =
    angle === "TOP"
      ? `<circle cx="600" cy="450" r="300" fill="${fg}"/><circle cx="600" cy="450" r="180" fill="#fef3c7"/>`
      : angle === "SIDE"
        ? `<rect x="250" y="300" width="700" height="320" rx="40" fill="${fg}"/><rect x="250" y="270" width="700" height="60" rx="20" fill="#fef3c7"/>`
        : `<rect x="380" y="180" width="440" height="560" rx="30" fill="${fg}"/><rect x="450" y="330" width="300" height="200" rx="12" fill="#fef3c7"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="#1f2933"/></linearGradient></defs>
    <rect width="1200" height="900" fill="url(#g)"/>${shape}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** A one-page PDF with a few lines of (ASCII) text: stands in for a scanned document. */
export function demoPdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "?");
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 60 ${760 - i * 28} Td (${esc(l)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
