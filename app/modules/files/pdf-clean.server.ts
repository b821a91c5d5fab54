// PDFs without the producer's identity, for judges of a blind round (issue #10, finding 3; see
// docs/decisions/018). A PDF says who made it in its document information dictionary (/Author,
// /Title, /Creator, /Producer, /Subject, /Keywords) and in XMP metadata streams (the catalog's,
// and any page's or image's /Metadata), and office software leaves private data in /PieceInfo.
// All of that is removed; the document ID in the trailer may stay (it identifies the file, not
// the person). The copy is written anew with every object that is no longer reachable from the
// catalog dropped, so an older revision's Info dictionary left behind by an incremental save
// does not survive either. The pages themselves are not changed: a letterhead stays a letterhead
// (organisers hide such documents from judges: StoredFile.hiddenFromJudges).
//
// pdf-lib parses and writes in small slices (it yields to the event loop every few hundred
// objects) and never decodes page contents or images, so a 10 MB scan costs little; at most one
// PDF is cleaned at a time, and the result is kept in the file storage (see serve.server.ts).
import pLimit from "p-limit";
import type { PDFDict as PDFDictType, PDFObject, PDFRef as PDFRefType } from "pdf-lib";

export class PdfCleanError extends Error {}

/** Keys that carry metadata wherever they appear in a dictionary. */
const METADATA_KEYS = ["Metadata", "PieceInfo"];

const queue = pLimit(1);

export async function stripPdfMetadata(input: Uint8Array): Promise<Buffer> {
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } = await import("pdf-lib");
  return queue(async () => {
    let doc;
    try {
      // updateMetadata: false, or pdf-lib would write its own Producer and dates into a new Info.
      doc = await PDFDocument.load(input, { updateMetadata: false });
    } catch (error) {
      throw new PdfCleanError(error instanceof Error ? error.message : String(error));
    }
    const { context } = doc;
    context.trailerInfo.Info = undefined;

    const dictOf = (object: PDFObject | undefined): PDFDictType | null =>
      object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : null;
    const scrub = (object: PDFObject | undefined) => {
      const dict = dictOf(object);
      if (dict) {
        for (const key of METADATA_KEYS) dict.delete(PDFName.of(key));
        for (const [, value] of dict.entries()) scrub(value);
      } else if (object instanceof PDFArray) {
        for (const value of object.asArray()) scrub(value);
      }
    };
    for (const [, object] of context.enumerateIndirectObjects()) scrub(object);

    // Keep only what the catalog reaches (the old Info and XMP objects are now unreferenced).
    const reachable = new Set<string>();
    const visit = (object: PDFObject | undefined) => {
      if (object instanceof PDFRef) {
        if (reachable.has(object.tag)) return;
        reachable.add(object.tag);
        return visit(context.lookup(object));
      }
      const dict = dictOf(object);
      if (dict) for (const [, value] of dict.entries()) visit(value);
      else if (object instanceof PDFArray) for (const value of object.asArray()) visit(value);
    };
    visit(context.trailerInfo.Root);
    const unreachable: PDFRefType[] = context
      .enumerateIndirectObjects()
      .flatMap(([ref]) => (reachable.has(ref.tag) ? [] : [ref]));
    for (const ref of unreachable) context.delete(ref);

    // Without object streams: every object stays plain text, easy to check by anyone.
    return Buffer.from(await doc.save({ useObjectStreams: false }));
  });
}
