// Cleaning the file store (docs/decisions/022-backup-restore-and-file-sweep.md):
//   1. orphans: bytes in the local store ($DATA_DIR/files) that no database row references —
//      what a crash between writing the bytes and committing the row leaves behind (storeFile
//      writes first, then commits; decision 006) — and temporary files of interrupted writes.
//      Only those older than a grace period go, so an upload still in flight is never touched.
//   2. purge: StoredFile rows soft-deleted (deletedAt) longer than the retention period, with
//      their bytes, unless a frozen dossier version (EntryVersion snapshot) still lists the file:
//      those stay for as long as the snapshot does, because judges and organisers open them.
// Dry run unless `apply` is set; the report says what was (or would be) removed either way.
// `npm run files:sweep` runs it once; a scheduler (the job runner) can call sweepFiles directly.
import fs from "node:fs/promises";
import path from "node:path";
import { audit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { cleanedKey } from "./serve.server";
import { storageNamed } from "./storage.server";

export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * Every database column that holds a file-store key. A feature that stores bytes under a key of
 * its own (e.g. a job's output) must add its column here, or the sweep deletes those bytes once
 * they are older than the grace period. `find` returns the keys of `keys` that are referenced.
 */
export interface KeyReference {
  name: string;
  find(db: Db, keys: string[]): Promise<string[]>;
}

export const KEY_REFERENCES: KeyReference[] = [
  {
    name: "StoredFile.storageKey",
    find: async (db, keys) =>
      (await db.storedFile.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } })).map(
        (r) => r.storageKey,
      ),
  },
  {
    name: "StoredFile.thumbnailKey",
    find: async (db, keys) =>
      (await db.storedFile.findMany({ where: { thumbnailKey: { in: keys } }, select: { thumbnailKey: true } })).map(
        (r) => r.thumbnailKey!,
      ),
  },
  {
    name: "RecognitionDecision.documentKey",
    find: async (db, keys) =>
      (
        await db.recognitionDecision.findMany({ where: { documentKey: { in: keys } }, select: { documentKey: true } })
      ).map((r) => r.documentKey!),
  },
  {
    // A site visit's photos (decision 039): rows of their own, not StoredFile.
    name: "SiteVisitPhoto.storageKey",
    find: async (db, keys) =>
      (
        await db.siteVisitPhoto.findMany({
          where: { OR: [{ storageKey: { in: keys } }, { thumbnailKey: { in: keys } }] },
          select: { storageKey: true, thumbnailKey: true },
        })
      )
        .flatMap((r) => [r.storageKey, r.thumbnailKey ?? ""])
        .filter((k) => keys.includes(k)),
  },
  {
    // A background job's output (a bulk print's ZIP or PDF, decision 019): the job purge deletes it with the job.
    name: "Job.resultKey",
    find: async (db, keys) =>
      (await db.job.findMany({ where: { resultKey: { in: keys } }, select: { resultKey: true } })).map(
        (r) => r.resultKey!,
      ),
  },
];

/** Keys made from another key (the blind-judging copy of a PDF): kept while the original is. */
const DERIVED_SUFFIXES = [cleanedKey("")];
const baseKeyOf = (key: string) => {
  const suffix = DERIVED_SUFFIXES.find((s) => key.endsWith(s) && key.length > s.length);
  return suffix ? key.slice(0, -suffix.length) : null;
};

/** Keys among `keys` that some row references (directly, or as the original of a derived key). */
export async function referencedKeys(
  db: Db,
  keys: string[],
  references: KeyReference[] = KEY_REFERENCES,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    const bases = batch.map(baseKeyOf).filter((k): k is string => k !== null);
    const lookup = [...new Set([...batch, ...bases])];
    const hits = new Set((await Promise.all(references.map((r) => r.find(db, lookup)))).flat());
    for (const key of batch) {
      const base = baseKeyOf(key);
      if (hits.has(key) || (base !== null && hits.has(base))) found.add(key);
    }
  }
  return found;
}

export interface SweepOptions {
  /** Delete; without it nothing changes (dry run). */
  apply?: boolean;
  now?: Date;
  /** Unreferenced bytes younger than this are left alone (uploads in flight). Default 24 h. */
  graceMs?: number;
  /** Soft-deleted files are purged this long after deletedAt. Default 30 days. */
  retentionMs?: number;
  /** The local store's folder; default $DATA_DIR/files. */
  root?: string;
  references?: KeyReference[];
}

export interface SweptBytes {
  name: string;
  size: number;
  modifiedAt: Date;
}

export interface PurgedFile {
  id: string;
  storage: string;
  keys: string[];
  deletedAt: Date;
}

export interface SweepReport {
  applied: boolean;
  /** Unreferenced bytes past the grace period (removed when applied). */
  orphans: SweptBytes[];
  /** Left-over temporary files of interrupted writes past the grace period. */
  tempFiles: SweptBytes[];
  /** Unreferenced but younger than the grace period: kept. */
  recentUnreferenced: number;
  /** Soft-deleted past retention and listed in no frozen dossier: rows and bytes removed when applied. */
  purged: PurgedFile[];
  /** Soft-deleted past retention but still in a frozen dossier version: kept. */
  keptForDossiers: number;
  bytesFreed: number;
  /** Bytes that could not be removed (the row is gone; the next sweep finds local ones as orphans). */
  errors: string[];
}

interface DiskEntry extends SweptBytes {
  file: string;
}

async function listStore(root: string): Promise<DiskEntry[]> {
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: DiskEntry[] = [];
  for (const name of names) {
    const file = path.join(root, name);
    const stat = await fs.lstat(file).catch(() => null); // removed meanwhile
    if (!stat?.isFile()) continue;
    entries.push({ name, file, size: stat.size, modifiedAt: stat.mtime });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

const isTempName = (name: string) => name.startsWith(".tmp-");

/** File ids listed in the frozen dossier versions of these establishments' entries. */
async function filesInSnapshots(db: Db, establishmentIds: string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let i = 0; i < establishmentIds.length; i += BATCH) {
    const versions = await db.entryVersion.findMany({
      where: { entry: { establishmentId: { in: establishmentIds.slice(i, i + BATCH) } } },
      select: { snapshot: true },
    });
    for (const { snapshot } of versions) {
      const files = (snapshot as { files?: { id?: unknown }[] } | null)?.files ?? [];
      for (const f of files) if (typeof f?.id === "string") ids.add(f.id);
    }
  }
  return ids;
}

async function purgeSoftDeleted(db: Db, report: SweepReport, cutoff: Date, apply: boolean): Promise<void> {
  const candidates = await db.storedFile.findMany({
    where: { deletedAt: { lte: cutoff } },
    select: {
      id: true,
      storage: true,
      storageKey: true,
      thumbnailKey: true,
      contentType: true,
      size: true,
      establishmentId: true,
      deletedAt: true,
    },
    orderBy: { id: "asc" },
  });
  if (!candidates.length) return;
  const inDossiers = await filesInSnapshots(db, [...new Set(candidates.map((c) => c.establishmentId))]);
  const purge = candidates.filter((c) => !inDossiers.has(c.id));
  report.keptForDossiers = candidates.length - purge.length;
  for (const file of purge) {
    const keys = [file.storageKey, ...(file.thumbnailKey ? [file.thumbnailKey] : [])];
    if (file.contentType === "application/pdf") keys.push(cleanedKey(file.storageKey));
    report.purged.push({ id: file.id, storage: file.storage, keys, deletedAt: file.deletedAt! });
  }
  if (!apply || !purge.length) return;
  // Rows first, in one transaction with the audit entries; then the bytes. A crash in between
  // leaves only unreferenced bytes, which the orphan sweep removes — never a row without bytes.
  const removed = new Set<string>();
  for (let i = 0; i < purge.length; i += BATCH) {
    const batch = purge.slice(i, i + BATCH);
    await db.$transaction(async (tx) => {
      // Re-checked inside the transaction: a row restored meanwhile is not purged.
      const still = await tx.storedFile.findMany({
        where: { id: { in: batch.map((f) => f.id) }, deletedAt: { lte: cutoff } },
        select: { id: true },
      });
      const ids = still.map((r) => r.id);
      await tx.storedFile.deleteMany({ where: { id: { in: ids } } });
      for (const id of ids) {
        const f = batch.find((b) => b.id === id)!;
        await audit(tx, {
          action: "file.purge",
          entityType: "StoredFile",
          entityId: id,
          before: { storage: f.storage, size: f.size, deletedAt: f.deletedAt!.toISOString() },
        });
        removed.add(id);
      }
    });
  }
  report.purged = report.purged.filter((p) => removed.has(p.id));
  for (const file of report.purged) {
    for (const key of file.keys) {
      try {
        await storageNamed(file.storage).delete(key);
      } catch (error) {
        report.errors.push(`${file.storage}:${key}: ${(error as Error).message}`);
      }
    }
    report.bytesFreed += purge.find((p) => p.id === file.id)!.size;
  }
}

/** One sweep of the file store; see the comment at the top of this file. */
export async function sweepFiles(db: Db, options: SweepOptions = {}): Promise<SweepReport> {
  const apply = options.apply === true;
  const now = options.now ?? new Date();
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const root = options.root ?? path.join(getEnv().dataDir, "files");
  const report: SweepReport = {
    applied: apply,
    orphans: [],
    tempFiles: [],
    recentUnreferenced: 0,
    purged: [],
    keptForDossiers: 0,
    bytesFreed: 0,
    errors: [],
  };

  // Purge first: its bytes are then gone before the listing, so they are not counted twice.
  await purgeSoftDeleted(db, report, new Date(now.getTime() - retentionMs), apply);

  const graceEnd = now.getTime() - graceMs;
  const entries = await listStore(root);
  const keys = entries.filter((e) => !isTempName(e.name)).map((e) => e.name);
  const referenced = await referencedKeys(db, keys, options.references);
  const remove: DiskEntry[] = [];
  for (const entry of entries) {
    const { file: _file, ...bytes } = entry;
    if (isTempName(entry.name)) {
      if (entry.modifiedAt.getTime() <= graceEnd) {
        report.tempFiles.push(bytes);
        remove.push(entry);
      }
      continue;
    }
    if (referenced.has(entry.name)) continue;
    if (entry.modifiedAt.getTime() > graceEnd) {
      report.recentUnreferenced++;
      continue;
    }
    report.orphans.push(bytes);
    remove.push(entry);
  }
  if (apply) {
    for (const entry of remove) {
      await fs.rm(entry.file, { force: true });
      report.bytesFreed += entry.size;
    }
  }
  return report;
}

/** A short text of the report for the command line. */
export function formatSweepReport(report: SweepReport): string[] {
  const verb = report.applied ? "removed" : "would remove";
  const lines = [
    ...report.purged.map(
      (p) =>
        `${verb} soft-deleted file ${p.id} (deleted ${p.deletedAt.toISOString()}, ${p.storage}: ${p.keys.join(", ")})`,
    ),
    ...report.orphans.map(
      (o) => `${verb} unreferenced bytes ${o.name} (${o.size} B, written ${o.modifiedAt.toISOString()})`,
    ),
    ...report.tempFiles.map(
      (t) => `${verb} temporary file ${t.name} (${t.size} B, written ${t.modifiedAt.toISOString()})`,
    ),
    ...report.errors.map((e) => `could not remove ${e}`),
  ];
  lines.push(
    `${report.applied ? "Removed" : "Dry run: would remove"} ${report.purged.length} soft-deleted file(s), ${report.orphans.length} unreferenced and ${report.tempFiles.length} temporary file(s)` +
      (report.applied ? `, ${report.bytesFreed} bytes freed` : "") +
      `; kept ${report.keptForDossiers} soft-deleted file(s) still in frozen dossiers and ${report.recentUnreferenced} unreferenced file(s) within the grace period.` +
      (report.applied ? "" : " Run with --apply to delete."),
  );
  return lines;
}
