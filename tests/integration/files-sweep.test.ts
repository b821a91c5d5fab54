// The file sweep (app/modules/files/sweep.server.ts) on a real database and the real disk:
// unreferenced bytes past the grace period go, recent ones and every referenced key stay; soft-
// deleted files past retention are purged with their bytes unless a frozen dossier lists them.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { beforeAll, describe, expect, test } from "vitest";
import { demoPdf } from "../../prisma/demo-files";
import { seed } from "../../prisma/seed";
import { makeJudgingRound } from "../support/judging-fixture";
import { cleanedKey } from "~/modules/files/serve.server";
import { LocalDiskStorage, newStorageKey } from "~/modules/files/storage.server";
import { sweepFiles } from "~/modules/files/sweep.server";
import { storeFile } from "~/modules/files/upload.server";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const filesDir = () => path.join(process.env.DATA_DIR!, "files");
const onDisk = (key: string) => fs.existsSync(path.join(filesDir(), key));
const age = (key: string, ms: number) => {
  const when = new Date(Date.now() - ms);
  fs.utimesSync(path.join(filesDir(), key), when, when);
};

let ownerId: string, establishmentId: string, productId: string, roundId: string, frozenIds: string[];

beforeAll(async () => {
  // A submitted entry through the real services: its files are frozen in a dossier version.
  await seed(prisma, { demo: true });
  const fixture = await makeJudgingRound({ groups: ["B"], judges: 1 });
  roundId = fixture.roundId;
  const entry = await prisma.entry.findUniqueOrThrow({
    where: { id: firstRow(fixture.entries, "the round's entries").id },
    select: { establishmentId: true, productId: true, establishment: { select: { ownerId: true } } },
  });
  ({ establishmentId, productId } = entry);
  ownerId = entry.establishment.ownerId;
  frozenIds = (await prisma.storedFile.findMany({ where: { establishmentId }, select: { id: true } })).map((f) => f.id);
});

async function photo(n: number) {
  const bytes = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: n * 40, g: 80, b: 120 } },
  })
    .jpeg()
    .toBuffer();
  return storeFile(
    prisma,
    {
      kind: "PHOTO",
      angle: "FRONT",
      establishmentId,
      productId,
      uploadedById: ownerId,
      bytes,
      fileName: `anh-${n}.jpg`,
    },
    meta,
  );
}
async function pdf(name: string) {
  return storeFile(
    prisma,
    {
      kind: "BUSINESS_REGISTRATION",
      establishmentId,
      uploadedById: ownerId,
      bytes: demoPdf([name]),
      fileName: `${name}.pdf`,
    },
    meta,
  );
}
const keysOf = async (id: string) =>
  prisma.storedFile.findUniqueOrThrow({ where: { id }, select: { storageKey: true, thumbnailKey: true } });
const softDelete = (id: string, ago: number) =>
  prisma.storedFile.update({ where: { id }, data: { deletedAt: new Date(Date.now() - ago) } });

describe("file sweep", () => {
  test("removes old unreferenced bytes and purges old soft-deleted files, keeping everything still referenced", async () => {
    const store = new LocalDiskStorage(filesDir());
    // Live files: a photo (original + thumbnail) and a PDF with its blind-judging copy.
    const live = await photo(1);
    const livePdf = await pdf("dang-ky-kinh-doanh");
    const liveKeys = await keysOf(live.id);
    const livePdfKey = (await keysOf(livePdf.id)).storageKey;
    await store.put(cleanedKey(livePdfKey), demoPdf(["cleaned"]), "application/pdf");
    // The signed decision document of a round.
    const decisionKey = newStorageKey();
    await store.put(decisionKey, demoPdf(["Quyết định"]), "application/pdf");
    await prisma.recognitionDecision.create({
      data: {
        roundId,
        number: "44/QĐ-UBND",
        signedAt: new Date(),
        authority: "UBND tỉnh Bắc Ninh",
        signerName: "Nguyễn Văn A",
        signerTitle: "Phó Chủ tịch",
        documentSource: "UPLOADED",
        documentStorage: "local",
        documentKey: decisionKey,
        createdById: ownerId,
      },
    });
    // Bytes written by an upload whose row never committed (a crash): old, and one in flight.
    const orphan = newStorageKey();
    const inFlight = newStorageKey();
    await store.put(orphan, Buffer.from("stored but never recorded"), "application/pdf");
    await store.put(inFlight, Buffer.from("upload in flight"), "application/pdf");
    fs.writeFileSync(path.join(filesDir(), ".tmp-0123456789abcdef"), "half a write");
    // Soft-deleted: long ago and in no dossier (purged); long ago but frozen in a submitted
    // dossier (kept); yesterday (kept).
    const gone = await pdf("ban-cu");
    const goneKey = (await keysOf(gone.id)).storageKey;
    await store.put(cleanedKey(goneKey), demoPdf(["cleaned old"]), "application/pdf");
    const goneAgo = await photo(2);
    const goneAgoKeys = await keysOf(goneAgo.id);
    const frozen = { id: firstRow(frozenIds, "the frozen dossier's files") };
    const recent = await photo(4);
    await softDelete(gone.id, 40 * DAY);
    await softDelete(goneAgo.id, 31 * DAY);
    await softDelete(frozen.id, 400 * DAY);
    await softDelete(recent.id, DAY);
    // Every stored byte is two days old, except the upload in flight.
    for (const name of fs.readdirSync(filesDir())) age(name, 2 * DAY);
    age(inFlight, 10 * 60_000);

    const before = fs.readdirSync(filesDir()).sort();
    const dry = await sweepFiles(prisma);
    expect(dry.applied).toBe(false);
    expect(dry.orphans.map((o) => o.name)).toEqual([orphan]);
    expect(dry.tempFiles.map((t) => t.name)).toEqual([".tmp-0123456789abcdef"]);
    expect(dry.recentUnreferenced).toBe(1);
    expect(dry.purged.map((p) => p.id).sort()).toEqual([gone.id, goneAgo.id].sort());
    expect(dry.purged.find((p) => p.id === gone.id)!.keys).toEqual([goneKey, cleanedKey(goneKey)]);
    expect(dry.keptForDossiers).toBe(1);
    // A dry run changes nothing.
    expect(fs.readdirSync(filesDir()).sort()).toEqual(before);
    expect(await prisma.storedFile.count()).toBe(5 + frozenIds.length);

    const done = await sweepFiles(prisma, { apply: true });
    expect(done.applied).toBe(true);
    expect(done.errors).toEqual([]);
    expect(done.orphans.map((o) => o.name)).toEqual([orphan]);
    expect(done.purged.map((p) => p.id).sort()).toEqual([gone.id, goneAgo.id].sort());
    expect(done.bytesFreed).toBeGreaterThan(0);

    for (const key of [
      orphan,
      ".tmp-0123456789abcdef",
      goneKey,
      cleanedKey(goneKey),
      goneAgoKeys.storageKey,
      goneAgoKeys.thumbnailKey!,
    ]) {
      expect(onDisk(key), key).toBe(false);
    }
    for (const key of [
      liveKeys.storageKey,
      liveKeys.thumbnailKey!,
      livePdfKey,
      cleanedKey(livePdfKey),
      decisionKey,
      inFlight,
    ]) {
      expect(onDisk(key), key).toBe(true);
    }
    for (const id of [frozen.id, recent.id]) expect(onDisk((await keysOf(id)).storageKey)).toBe(true);
    expect((await prisma.storedFile.findMany({ select: { id: true } })).map((f) => f.id).sort()).toEqual(
      [live.id, livePdf.id, recent.id, ...frozenIds].sort(),
    );
    const purges = await prisma.auditLog.findMany({
      where: { action: "file.purge" },
      select: { entityId: true, actorId: true },
    });
    expect(purges.map((p) => p.entityId).sort()).toEqual([gone.id, goneAgo.id].sort());
    expect(purges.every((p) => p.actorId === null)).toBe(true);

    // A second sweep finds nothing more to do.
    const again = await sweepFiles(prisma, { apply: true });
    expect([again.orphans.length, again.tempFiles.length, again.purged.length]).toEqual([0, 0, 0]);
  });

  test("`npm run files:sweep` is a dry run unless --apply, and says what it did", async () => {
    const store = new LocalDiskStorage(filesDir());
    const orphan = newStorageKey();
    await store.put(orphan, Buffer.from("orphan for the command line"), "application/pdf");
    age(orphan, 3 * DAY);
    const run = (args: string[]) =>
      promisify(execFile)("npx", ["tsx", "scripts/files-sweep.ts", ...args], { env: process.env, cwd: process.cwd() });

    const dry = await run([]);
    expect(dry.stdout).toContain(`would remove unreferenced bytes ${orphan}`);
    expect(dry.stdout).toContain("Run with --apply to delete.");
    expect(onDisk(orphan)).toBe(true);

    const applied = await run(["--apply", "--grace-hours", "48"]);
    expect(applied.stdout).toContain(`removed unreferenced bytes ${orphan}`);
    expect(onDisk(orphan)).toBe(false);

    const wrong = await run(["--grace-hours", "soon"]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(wrong?.code).toBe(1);
    expect(wrong?.stderr).toContain("--grace-hours must be a number");
  }, 300_000); // three CLI runs: generous for a loaded CI machine
});
