// Importing the ministry's nomination short list (danh sách trích ngang) into a regional or
// national round (issue #15, decision 044). A province (or a region) sends the list in Excel or
// CSV; the organiser of the receiving round uploads it, sees what it will create, and confirms.
//
// Each row names a certificate of this installation's register (its serial, or its verification
// code) and the product it was issued for. The rows are checked in three passes, and every problem
// is reported with its row and column, never only the first:
//   1. the cells alone (columns.ts): required cells, group, dates, the same certificate twice;
//   2. against the register: certificate known, product, code, group, date and province as on it;
//   3. the nomination rules, by the same function as a nomination made on the nominations page
//      (nominateWithin: valid and not revoked, one tier below, province a member of the round,
//      group taken, round open, not already nominated elsewhere, frozen dossier, the province's quota).
// Pass 3 writes inside a transaction; the preview (and any error) rolls it back, so the preview is
// exactly what the confirmation will do. Rows whose certificate already has a live nomination in
// this round are shown as "already there" and skipped: the same file twice creates nothing new.
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { nominateWithin, NominationRefusedError } from "~/modules/nominations/nominations.server";
import { vnDay } from "~/utils/date-range";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { normalizeSearch } from "~/utils/text";
import { parseDay, rowShapeErrors, sameName, serialKey, sortErrors, type RowError, type ShortListRow } from "./columns";

export interface PlannedRow {
  row: number;
  serial: string;
  productName: string;
  establishmentName: string;
  province: string | null;
  sourceRound: string;
  /** "create": a new nomination; "already": nominated into this round before, skipped. */
  action: "create" | "already";
}

export interface ShortListPlan {
  target: { id: string; name: string };
  rows: PlannedRow[];
  errors: RowError[];
  /** Nominations written (0 on a preview or when refused). */
  created: number;
}

/** Rolls the transaction back while carrying the plan out of it. */
class RollBack extends Error {
  constructor(public readonly plan: ShortListPlan) {
    super("rolled back");
  }
}

const certificateSelect = {
  id: true,
  serial: true,
  code: true,
  roundId: true,
  productName: true,
  productGroup: true,
  establishmentName: true,
  issuedAt: true,
  province: { select: { id: true, name: true, successor: { select: { id: true, name: true } } } },
  round: { select: { name: true } },
  entry: { select: { entryCode: true } },
} as const;

type CertificateRow = Awaited<ReturnType<typeof loadCertificates>>[number];

/** The round the list goes into, if the caller organises it: 403 when it exists elsewhere, 404 when not. */
export async function shortListTarget(auth: Auth, roundId: string) {
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: { id: true, name: true, level: true },
  });
  if (!round) {
    const exists = await prisma.round.count({ where: { id: roundId } });
    throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
  }
  // A short list goes up a tier: into a regional or the national round, never a provincial one.
  if (round.level !== "REGION" && round.level !== "NATION")
    throw new DomainError(400, "nominations.shortlist.error.notHigherTier");
  return round;
}

function loadCertificates(rows: readonly ShortListRow[]) {
  // As written and in capitals: serials and codes are stored in capitals, but not always.
  const keys = [
    ...new Set(
      rows.flatMap((r) => (r.cells.serial ? [r.cells.serial.replace(/\s+/g, ""), serialKey(r.cells.serial)] : [])),
    ),
  ];
  return prisma.certificate.findMany({
    where: { OR: [{ serial: { in: keys } }, { code: { in: keys } }] },
    select: certificateSelect,
  });
}

/** Province names as people write them: "Tỉnh Bắc Ninh", "Bắc Ninh", "TP. Hà Nội", "Thành phố Hà Nội", or the code. */
const provinceKey = (text: string) =>
  normalizeSearch(text)
    .replace(/^(tinh|thanh pho|tp\.?)\s+/, "")
    .replace(/[^a-z0-9]+/g, "");

/** Provinces by every way of naming them; a name can be a current and a former province's (Bắc Ninh). */
async function provinceIndex() {
  const provinces = await prisma.province.findMany({ select: { id: true, code: true, name: true } });
  const index = new Map<string, string[]>();
  const add = (key: string, id: string) => index.set(key, [...(index.get(key) ?? []), id]);
  for (const p of provinces) {
    add(provinceKey(p.name), p.id);
    add(p.code.toLowerCase().replace(/[^a-z0-9]+/g, ""), p.id);
  }
  return index;
}

/** Pass 2: each row against the certificate it names. */
function registerErrors(r: ShortListRow, c: CertificateRow | undefined, provinces: Map<string, string[]>): RowError[] {
  const { cells } = r;
  if (!cells.serial) return [];
  if (!c)
    return [
      {
        row: r.row,
        column: "serial",
        messageKey: "nominations.shortlist.error.unknownCertificate",
        params: { serial: cells.serial },
      },
    ];
  const errors: RowError[] = [];
  const at = (column: RowError["column"], messageKey: RowError["messageKey"], params: RowError["params"]) =>
    errors.push({ row: r.row, column, messageKey, params });
  if (cells.product && !sameName(cells.product, c.productName))
    at("product", "nominations.shortlist.error.productMismatch", {
      serial: c.serial,
      value: cells.product,
      expected: c.productName,
    });
  if (cells.code && c.entry.entryCode && serialKey(cells.code) !== serialKey(c.entry.entryCode)) {
    at("code", "nominations.shortlist.error.codeMismatch", {
      serial: c.serial,
      value: cells.code,
      expected: c.entry.entryCode,
    });
  }
  if (cells.group && /^[A-D]$/i.test(cells.group) && cells.group.toUpperCase() !== c.productGroup) {
    at("group", "nominations.shortlist.error.groupMismatch", {
      serial: c.serial,
      value: cells.group,
      expected: c.productGroup,
    });
  }
  const day = cells.issuedAt ? parseDay(cells.issuedAt) : null;
  if (day && day !== vnDay(c.issuedAt))
    at("issuedAt", "nominations.shortlist.error.dateMismatch", { serial: c.serial, value: cells.issuedAt ?? "" });
  if (cells.province) {
    const ids = provinces.get(provinceKey(cells.province));
    if (!ids) at("province", "nominations.shortlist.error.unknownProvince", { value: cells.province });
    // The province at issue or the one that absorbed it (a 2024 Bắc Giang certificate is Bắc Ninh's now).
    else if (c.province && !ids.includes(c.province.id) && !ids.includes(c.province.successor?.id ?? "")) {
      at("province", "nominations.shortlist.error.provinceMismatch", {
        serial: c.serial,
        value: cells.province,
        expected: (c.province.successor ?? c.province).name,
      });
    }
  }
  return errors;
}

/** Certificates with a live nomination in the target round (the rows a second import skips). */
async function alreadyIn(targetId: string, certificateIds: string[]): Promise<Set<string>> {
  if (!certificateIds.length) return new Set();
  const live = await prisma.entry.findMany({
    where: { roundId: targetId, nominatedFromId: { in: certificateIds }, status: { notIn: ["WITHDRAWN", "REJECTED"] } },
    select: { nominatedFromId: true },
  });
  return new Set(live.map((e) => e.nominatedFromId!));
}

/** Pass 3 in the caller's transaction: nominate per source round, collecting every refusal as row errors. */
async function nominateRows(
  tx: Tx,
  auth: Auth,
  targetId: string,
  toCreate: Array<{ row: number; c: CertificateRow }>,
  meta: RequestMeta,
  now: Date,
) {
  const bySource = new Map<string, Array<{ row: number; c: CertificateRow }>>();
  for (const item of toCreate) bySource.set(item.c.roundId, [...(bySource.get(item.c.roundId) ?? []), item]);
  const errors: RowError[] = [];
  let created = 0;
  for (const [sourceId, items] of bySource) {
    try {
      // nominateWithin checks everything before its first write: a refusal leaves the transaction usable.
      const done = await nominateWithin(
        tx,
        auth.user.id,
        sourceId,
        targetId,
        items.map((i) => i.c.id),
        meta,
        now,
      );
      created += done.entries.length;
    } catch (error) {
      if (!(error instanceof NominationRefusedError)) throw error;
      for (const refusal of error.refusals) {
        for (const item of items.filter((i) => refusal.certificateIds.includes(i.c.id))) {
          errors.push({
            row: item.row,
            column: refusal.problem === "groupNotInRound" ? "group" : "serial",
            messageKey: refusal.messageKey,
            params: refusal.params,
          });
        }
      }
    }
  }
  return { errors, created };
}

export interface ImportShortListOptions {
  /** True for the preview: everything is checked and written, then rolled back. */
  dryRun: boolean;
  meta: RequestMeta;
  now?: Date;
}

/**
 * Checks a short list against the register and the nomination rules and, unless it is a dry run,
 * nominates its rows into the round: all of them in one transaction, or none when any row has a
 * problem. Returns the plan: one line per row, and the row errors.
 */
export async function importShortList(
  auth: Auth,
  targetRoundId: string,
  rows: ShortListRow[],
  opts: ImportShortListOptions,
): Promise<ShortListPlan> {
  const now = opts.now ?? new Date();
  const target = await shortListTarget(auth, targetRoundId);
  const errors = rowShapeErrors(rows);
  const [certificates, provinces] = [await loadCertificates(rows), await provinceIndex()];
  const bySerial = new Map<string, CertificateRow>();
  for (const c of certificates) {
    bySerial.set(serialKey(c.serial), c);
    bySerial.set(serialKey(c.code), c);
  }
  const certOf = (r: ShortListRow) => (r.cells.serial ? bySerial.get(serialKey(r.cells.serial)) : undefined);

  // The same certificate by its serial on one row and its code on another is a duplicate too.
  const rowOfCertificate = new Map<string, number>();
  for (const r of rows) {
    errors.push(...registerErrors(r, certOf(r), provinces));
    const c = certOf(r);
    if (!c) continue;
    const first = rowOfCertificate.get(c.id);
    if (first === undefined) rowOfCertificate.set(c.id, r.row);
    else if (serialKey(r.cells.serial ?? "") !== serialKey(rows.find((x) => x.row === first)?.cells.serial ?? "")) {
      errors.push({
        row: r.row,
        column: "serial",
        messageKey: "nominations.shortlist.error.duplicate",
        params: { serial: r.cells.serial ?? "", first },
      });
    }
  }

  const already = await alreadyIn(
    target.id,
    certificates.map((c) => c.id),
  );
  const planned: PlannedRow[] = [];
  const toCreate: Array<{ row: number; c: CertificateRow }> = [];
  const rowsWithErrors = new Set(errors.map((e) => e.row));
  for (const r of rows) {
    const c = certOf(r);
    if (!c) continue;
    const action = already.has(c.id) ? "already" : "create";
    planned.push({
      row: r.row,
      serial: c.serial,
      productName: c.productName,
      establishmentName: c.establishmentName,
      province: c.province ? (c.province.successor ?? c.province).name : null,
      sourceRound: c.round.name,
      action,
    });
    if (action === "create" && !rowsWithErrors.has(r.row) && !toCreate.some((t) => t.c.id === c.id))
      toCreate.push({ row: r.row, c });
  }

  const planOf = (extra: RowError[], created: number): ShortListPlan => ({
    target: { id: target.id, name: target.name },
    rows: planned,
    errors: sortErrors([...errors, ...extra]),
    created,
  });
  if (!toCreate.length) return planOf([], 0);
  try {
    return await prisma.$transaction(
      async (tx) => {
        const pass3 = await nominateRows(tx, auth, target.id, toCreate, opts.meta, now);
        const plan = planOf(pass3.errors, pass3.created);
        if (opts.dryRun || plan.errors.length) throw new RollBack({ ...plan, created: 0 });
        await audit(tx, {
          actorId: auth.user.id,
          action: "nomination.shortlist.import",
          entityType: "Round",
          entityId: target.id,
          after: {
            rows: rows.length,
            created: plan.created,
            already: planned.filter((p) => p.action === "already").length,
            serials: toCreate.map((t) => t.c.serial),
          },
          meta: opts.meta,
        });
        return plan;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof RollBack) return error.plan;
    // The same list confirmed twice at the same moment: the other one got there first.
    if (isUniqueViolation(error)) throw new DomainError(409, "nominations.error.changedMeanwhile");
    throw error;
  }
}
