// Blind judging through files (issue #10, finding 3), end to end on a real database and the real
// disk: what the /files/:id routes give a judge of a blind round (a neutral name, a PDF without
// the producer's metadata, only files of the frozen dossier), what organisers still get (the
// originals) and what a judge of a non-blind round gets (the originals too, by design).
import crypto from "node:crypto";
import { PDFDocument, PDFHexString, PDFName, PDFStream, PDFString } from "pdf-lib";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { demoPhoto } from "../../prisma/demo-files";
import { authFor, makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get } from "../support/route-calls";
import { neutralFileName } from "~/modules/files/neutral-name";
import { storeFile } from "~/modules/files/upload.server";
import { getJudgeSheet } from "~/modules/judging/sheets.server";
import { itemAt } from "~/utils/arrays";
import * as fileRoute from "~/routes/files.$id";
import * as thumbRoute from "~/routes/files.$id.thumb";
import { prisma } from "~/utils/db.server";
import { getT } from "~/utils/i18n";

const meta = { ip: "127.0.0.1" };
/** What names the producer in the PDF's metadata, and in the name they gave the file. */
const PRODUCER = "HTX-Vai-thieu-Luc-Ngan";
const UPLOAD_NAME = `${PRODUCER}-chung-nhan-chat-luong.pdf`;

/** A PDF whose Info dictionary and XMP metadata name the producer, as office software writes them. */
async function identifyingPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText("Giay chung nhan chat luong san pham");
  doc.setAuthor(PRODUCER);
  doc.setTitle(`Chung nhan - ${PRODUCER}`);
  doc.setCreator(`Word - ${PRODUCER}`);
  doc.setProducer(`${PRODUCER} PDF`);
  doc.setSubject(PRODUCER);
  doc.setKeywords([PRODUCER]);
  const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description><dc:creator>${PRODUCER}</dc:creator><xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  doc.catalog.set(
    PDFName.of("Metadata"),
    doc.context.register(doc.context.stream(xmp, { Type: "Metadata", Subtype: "XML" })),
  );
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Every string and every stream of a PDF that mentions the producer (after parsing it). */
async function producerTraces(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const traces = [
    doc.getAuthor(),
    doc.getTitle(),
    doc.getCreator(),
    doc.getProducer(),
    doc.getSubject(),
    doc.getKeywords(),
  ].filter((v): v is string => !!v && v.includes(PRODUCER));
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const text = object instanceof PDFStream ? Buffer.from(object.getContents()).toString("latin1") : object.toString();
    if (text.includes(PRODUCER)) traces.push(`object ${ref.toString()}`);
  }
  const hexOf = (s: string) => PDFHexString.fromText(s).toString().slice(1, -1).slice(4); // UTF-16BE, no BOM
  const raw = Buffer.from(bytes).toString("latin1");
  if (
    raw.includes(PRODUCER) ||
    raw.toUpperCase().includes(hexOf(PRODUCER)) ||
    raw.includes(PDFString.of(PRODUCER).toString())
  )
    traces.push("raw bytes");
  return traces;
}

/** The file name a response gives, from filename* (RFC 5987). */
const servedName = (response: Response) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "");
const sha256 = (bytes: ArrayBuffer) => crypto.createHash("sha256").update(Buffer.from(bytes)).digest("hex");
const open = async (fileId: string, cookie: string, route = fileRoute) =>
  (await call(route.loader, get(`/files/${fileId}`, cookie), { id: fileId })).response!;

const firstEntry = (fx: JudgingFixture) => itemAt(fx.entries, 0, "the round's entries");
const firstJudge = (fx: JudgingFixture) => itemAt(fx.judges, 0, "the round's judges");

let original: Buffer;
let blindFx: JudgingFixture, openFx: JudgingFixture;
const pdfIds = new Map<string, string>(); // establishmentId → id of its identifying PDF

async function round(blindJudging: boolean) {
  return makeJudgingRound({
    groups: ["B"],
    judges: 1,
    blindJudging,
    beforeSubmit: async ({ establishmentId, productId, ownerId }) => {
      const row = await storeFile(
        prisma,
        {
          bytes: original,
          fileName: UPLOAD_NAME,
          kind: "QUALITY_CERT",
          establishmentId,
          productId,
          uploadedById: ownerId,
        },
        meta,
      );
      pdfIds.set(establishmentId, row.id);
    },
  });
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  original = await identifyingPdf();
  expect(await producerTraces(original)).not.toEqual([]); // the probe works on the original
  blindFx = await round(true);
  openFx = await round(false);
});

describe("a judge of a blind round", () => {
  test("gets the PDF under a neutral name (entry code, kind, number), without the producer in its Info or XMP metadata", async () => {
    const entry = firstEntry(blindFx);
    const response = await open(pdfIds.get(entry.establishmentId)!, await cookieFor(firstJudge(blindFx).email));
    expect(response.status).toBe(200);
    expect(servedName(response)).toBe(`${entry.code} - Chứng nhận chất lượng 1.pdf`);
    expect(response.headers.get("Content-Disposition")).not.toContain("HTX");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(await producerTraces(bytes)).toEqual([]);
    const cleaned = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(cleaned.getPageCount()).toBe(1);
    expect(cleaned.catalog.get(PDFName.of("Metadata"))).toBeUndefined();
    // The second time comes from the kept copy: same bytes.
    const again = await open(pdfIds.get(entry.establishmentId)!, await cookieFor(firstJudge(blindFx).email));
    expect(sha256(await again.arrayBuffer())).toBe(sha256(bytes.buffer as ArrayBuffer));
  });

  test("sees the same neutral names in the dossier list of the score-sheet page", async () => {
    const entry = firstEntry(blindFx);
    const sheet = await getJudgeSheet(await authFor(firstJudge(blindFx).email), blindFx.roundId, entry.id);
    // Not a blind tasting (no samples drawn): the dossier is on the sheet.
    const pdf = sheet.dossier!.documents.find((d) => d.id === pdfIds.get(entry.establishmentId))!;
    expect(pdf).toMatchObject({ kind: "QUALITY_CERT", name: null, number: 1 });
    expect(neutralFileName(getT("vi"), { entryCode: sheet.entry.code!, kind: pdf.kind, number: pdf.number })).toBe(
      `${entry.code} - Chứng nhận chất lượng 1`,
    );
    const food = sheet.dossier!.documents.find((d) => d.kind === "FOOD_SAFETY_CERT")!;
    const response = await open(food.id, await cookieFor(firstJudge(blindFx).email));
    expect(servedName(response)).toBe(
      `${neutralFileName(getT("vi"), { entryCode: entry.code, kind: food.kind, number: food.number })}.pdf`,
    );
  });

  test("cannot open a file of the product that is not in the frozen dossier (uploaded after submission): 403", async () => {
    const entry = firstEntry(blindFx);
    const product = await prisma.entry.findUniqueOrThrow({
      where: { id: entry.id },
      select: { productId: true, establishment: { select: { ownerId: true } } },
    });
    const add = (bytes: Buffer, fileName: string, kind: "QUALITY_CERT" | "PHOTO") =>
      storeFile(
        prisma,
        {
          bytes,
          fileName,
          kind,
          angle: kind === "PHOTO" ? "DETAIL" : null,
          establishmentId: entry.establishmentId,
          productId: product.productId,
          uploadedById: product.establishment.ownerId,
        },
        meta,
      );
    const late = await add(original, "bo-sung-sau.pdf", "QUALITY_CERT");
    const latePhoto = await add(await demoPhoto(7, "FRONT"), "anh-sau.jpg", "PHOTO");
    const cookie = await cookieFor(firstJudge(blindFx).email);
    expect((await open(late.id, cookie)).status).toBe(403);
    expect((await open(latePhoto.id, cookie)).status).toBe(403);
    expect((await open(latePhoto.id, cookie, thumbRoute)).status).toBe(403);
    // The owner still opens them: they are the producer's files, only not the judges'.
    expect((await open(late.id, await cookieFor(entry.ownerEmail))).status).toBe(200);
  });
});

describe("organisers and non-blind rounds", () => {
  test("the round's organiser gets the producer's original name and bytes", async () => {
    const entry = firstEntry(blindFx);
    const response = await open(pdfIds.get(entry.establishmentId)!, await cookieFor(blindFx.organiserEmail));
    expect(response.status).toBe(200);
    expect(servedName(response)).toBe(UPLOAD_NAME);
    expect(sha256(await response.arrayBuffer())).toBe(
      sha256(original.buffer.slice(original.byteOffset, original.byteOffset + original.byteLength) as ArrayBuffer),
    );
  });

  test("a judge of a non-blind round gets the original name and bytes (the producer is known to them anyway)", async () => {
    const entry = firstEntry(openFx);
    const response = await open(pdfIds.get(entry.establishmentId)!, await cookieFor(firstJudge(openFx).email));
    expect(response.status).toBe(200);
    expect(servedName(response)).toBe(UPLOAD_NAME);
    expect(await producerTraces(new Uint8Array(await response.arrayBuffer()))).not.toEqual([]);
  });
});
