// The credentials attached to a certificate PDF (embedded files, see certificate-pdf.server.ts),
// read back with pdf-lib so a holder's PDF can be verified offline as it is.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { jwtFromText } from "./credential";

export async function credentialsInPdf(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const files = pdf.catalog
    .lookupMaybe(PDFName.of("Names"), PDFDict)
    ?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
  const found: string[] = [];
  // A name tree: leaves hold Names [name1 spec1 name2 spec2 …], inner nodes hold Kids.
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict));
    const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
    for (let i = 1; names && i < names.size(); i += 2) {
      const stream = names.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of("EF"), PDFDict)?.get(PDFName.of("F"));
      const raw = stream ? pdf.context.lookup(stream) : undefined;
      if (!(raw instanceof PDFRawStream)) continue;
      const jwt = jwtFromText(Buffer.from(decodePDFRawStream(raw).decode()).toString("utf8"));
      if (jwt) found.push(jwt);
    }
  };
  walk(files);
  return found;
}
