// Physical samples of a round (issue #14, decision 038): the round's settings, each entry's
// receipt and its return or disposal, the blind tasting numbers and the judges' serving order.
// Organisers act only on the rounds they manage (managedRoundsWhere, in every query: an organiser
// of another province gets 404); judges read only the entries of their own queue
// (requireJudgeEntry / assignedEntriesWhere); producers read only their own entry's sample.
// Every write checks the state inside its transaction and appends its audit entry there.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import {
  assignedEntriesWhere,
  declarationRequired,
  requireJudgeEntry,
  requireJuryMember,
} from "~/modules/judging/access.server";
import type { GroupRows } from "~/modules/rounds/groups";
import type { LabelsPrint, TastingLabelsPrint } from "~/modules/print/samples-pdf.server";
import { prisma, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { drawPanelNumbers, drawRoundOrders, storeMissingOrders, tastingPanels } from "./tasting-orders.server";
import {
  ALL_PANELS,
  endOpen,
  RECEIPT_ENTRY_STATUSES,
  receiptOpen,
  sampleSettingsEditable,
  sampleStatus,
  TASTING_STATUSES,
  type SampleConditionName,
  type SampleEndName,
  type SampleStatus,
} from "./samples";

type Actor = Pick<Auth, "user" | "roles">;

const roundSelect = {
  id: true,
  name: true,
  status: true,
  blindJudging: true,
  groups: true,
  level: true,
  currentPass: true,
  sampleSettings: {
    select: { required: true, unitsPerEntry: true, receivingPlace: true, deadline: true, tastingDrawnAt: true },
  },
} satisfies Prisma.RoundSelect;
type SampleRound = Prisma.RoundGetPayload<{ select: typeof roundSelect }>;

async function managedRound(auth: Actor, roundId: string, db: Tx = prisma): Promise<SampleRound> {
  const round = await db.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: roundSelect,
  });
  if (!round) throw new DomainError(404, "error.404");
  return round;
}

export interface SampleSettings {
  required: boolean;
  unitsPerEntry: number;
  receivingPlace: string | null;
  deadline: Date | null;
}

const settingsOf = (round: SampleRound): SampleSettings & { tastingDrawnAt: Date | null } => ({
  required: round.sampleSettings?.required ?? false,
  unitsPerEntry: round.sampleSettings?.unitsPerEntry ?? 1,
  receivingPlace: round.sampleSettings?.receivingPlace ?? null,
  deadline: round.sampleSettings?.deadline ?? null,
  tastingDrawnAt: round.sampleSettings?.tastingDrawnAt ?? null,
});

const receiptSelect = {
  receivedAt: true,
  units: true,
  condition: true,
  storage: true,
  note: true,
  receivedById: true,
  endAction: true,
  endedAt: true,
  endNote: true,
} satisfies Prisma.SampleReceiptSelect;
type ReceiptRow = Prisma.SampleReceiptGetPayload<{ select: typeof receiptSelect }>;

export interface SampleRow {
  entryId: string;
  code: string | null;
  receiptNumber: string | null;
  productName: string;
  group: string;
  entryStatus: string;
  status: SampleStatus;
  receipt: ReceiptRow | null;
}

/** Entries whose sample is on the page: those that may send one, and any that already did. */
const sampleEntriesWhere = (roundId: string): Prisma.EntryWhereInput => ({
  roundId,
  OR: [{ status: { in: [...RECEIPT_ENTRY_STATUSES] } }, { sample: { isNot: null } }],
});

const byCode = (
  a: { code: string | null; receiptNumber: string | null },
  b: { code: string | null; receiptNumber: string | null },
) => (a.code ?? `~${a.receiptNumber ?? ""}`).localeCompare(b.code ?? `~${b.receiptNumber ?? ""}`);

/** The round's samples page, for its organisers (404 for anyone else). */
export async function getSamplesPage(auth: Actor, roundId: string) {
  const round = await managedRound(auth, roundId);
  const settings = settingsOf(round);
  const entries = await prisma.entry.findMany({
    where: sampleEntriesWhere(roundId),
    select: {
      id: true,
      entryCode: true,
      receiptNumber: true,
      group: true,
      status: true,
      product: { select: { name: true } },
      sample: { select: receiptSelect },
    },
  });
  const rows: SampleRow[] = entries
    .map((e) => ({
      entryId: e.id,
      code: e.entryCode,
      receiptNumber: e.receiptNumber,
      productName: e.product.name,
      group: e.group,
      entryStatus: e.status,
      status: sampleStatus({ required: settings.required, receipt: e.sample }),
      receipt: e.sample,
    }))
    .sort(byCode);
  const tastingCount = await prisma.tastingNumber.count({ where: { roundId } });
  const panelCounts = await prisma.tastingNumber.groupBy({
    by: ["panelKey"],
    where: { roundId },
    _count: { _all: true },
  });
  const panelNames = new Map(
    (await prisma.panel.findMany({ where: { roundId }, select: { id: true, name: true } })).map((p) => [p.id, p.name]),
  );
  const tastingPanels = panelCounts
    .map((p) => ({
      key: p.panelKey,
      name: p.panelKey === ALL_PANELS ? null : (panelNames.get(p.panelKey) ?? null),
      numbers: p._count._all,
    }))
    .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
  const sheets = await prisma.scoreSheet.count({ where: { roundId } });
  return {
    round: { id: round.id, name: round.name, status: round.status, blindJudging: round.blindJudging },
    settings,
    settingsEditable: sampleSettingsEditable(round.status),
    rows,
    counts: {
      received: rows.filter((r) => r.status !== "awaiting" && r.status !== "notRequired").length,
      awaiting: rows.filter((r) => r.status === "awaiting").length,
      labelled: rows.filter((r) => r.code).length,
    },
    tasting: {
      drawnAt: settings.tastingDrawnAt,
      numbers: tastingCount,
      panels: tastingPanels,
      canDraw:
        round.blindJudging &&
        settings.required &&
        (TASTING_STATUSES as readonly string[]).includes(round.status) &&
        sheets === 0,
    },
  };
}

/**
 * Which samples link a round's page shows (decision 046): the samples page when the round asks
 * for samples; a set-up link while the requirement can still be turned on; nothing otherwise.
 * The caller has already checked that the user manages the round.
 */
export async function samplesLinkOf(round: { id: string; status: string }): Promise<"open" | "setup" | null> {
  const settings = await prisma.roundSampleSettings.findUnique({
    where: { roundId: round.id },
    select: { required: true },
  });
  if (settings?.required) return "open";
  return sampleSettingsEditable(round.status) ? "setup" : null;
}

/** Sets whether the round's entries send samples, how many units, where and by when. Audited as round.samples. */
export async function updateSampleSettings(auth: Actor, roundId: string, input: SampleSettings, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const round = await managedRound(auth, roundId, tx);
    if (!sampleSettingsEditable(round.status)) throw new DomainError(409, "samples.settings.error.locked");
    const data = {
      required: input.required,
      unitsPerEntry: input.unitsPerEntry,
      receivingPlace: input.receivingPlace,
      deadline: input.deadline,
    };
    await tx.roundSampleSettings.upsert({ where: { roundId }, create: { roundId, ...data }, update: data });
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.samples",
      entityType: "Round",
      entityId: roundId,
      before: round.sampleSettings,
      after: data,
      meta,
    });
    return data;
  });
}

// ───────────── one sample ─────────────

const entrySelect = {
  id: true,
  roundId: true,
  entryCode: true,
  receiptNumber: true,
  group: true,
  status: true,
  product: { select: { name: true } },
  sample: { select: receiptSelect },
  tastingNumbers: { select: { panelKey: true, number: true } },
} satisfies Prisma.EntrySelect;

async function managedEntry(auth: Actor, roundId: string, entryId: string, db: Tx = prisma) {
  const round = await managedRound(auth, roundId, db);
  const entry = await db.entry.findFirst({ where: { id: entryId, roundId }, select: entrySelect });
  if (!entry) throw new DomainError(404, "error.404");
  return { round, entry };
}

/** The record a sample's QR code opens: the entry, its receipt, its tasting numbers (organisers only). */
export async function getSampleRecord(auth: Actor, roundId: string, entryId: string) {
  const { round, entry } = await managedEntry(auth, roundId, entryId);
  const settings = settingsOf(round);
  const panelNames = new Map(
    (await prisma.panel.findMany({ where: { roundId }, select: { id: true, name: true } })).map((p) => [p.id, p.name]),
  );
  const people = [entry.sample?.receivedById].filter((id): id is string => !!id);
  const names = new Map(
    (await prisma.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return {
    round: { id: round.id, name: round.name, status: round.status, blindJudging: round.blindJudging },
    settings,
    entry: {
      id: entry.id,
      code: entry.entryCode,
      receiptNumber: entry.receiptNumber,
      productName: entry.product.name,
      group: entry.group,
      status: entry.status,
    },
    status: sampleStatus({ required: settings.required, receipt: entry.sample }),
    receipt: entry.sample ? { ...entry.sample, receivedBy: names.get(entry.sample.receivedById) ?? null } : null,
    tastingNumbers: entry.tastingNumbers
      .map((n) => ({
        panel: n.panelKey === ALL_PANELS ? null : (panelNames.get(n.panelKey) ?? null),
        number: n.number,
      }))
      .sort((a, b) => a.number - b.number),
    canReceive: settings.required && receiptOpen(round.status, entry.status) && !entry.sample?.endAction,
    canEnd: !!entry.sample && !entry.sample.endAction && endOpen(round.status, entry.status),
  };
}

export interface ReceiptInput {
  receivedAt: Date;
  units: number;
  condition: SampleConditionName;
  storage: string;
  note: string | null;
}

/**
 * Records (or corrects) the receipt of an entry's sample: only in a round that asks for samples,
 * while samples are taken (RECEIPT_STATUSES), for an entry still in the round, not after it was
 * returned or disposed of; never dated in the future. Audited as sample.receive.
 */
export async function recordReceipt(
  auth: Actor,
  roundId: string,
  entryId: string,
  input: ReceiptInput,
  meta: RequestMeta,
) {
  if (input.receivedAt.getTime() > Date.now() + 5 * 60_000)
    throw new DomainError(400, "samples.receipt.error.future", undefined, "receivedAt");
  return prisma.$transaction(async (tx) => {
    const { round, entry } = await managedEntry(auth, roundId, entryId, tx);
    if (!round.sampleSettings?.required) throw new DomainError(409, "samples.error.notRequired");
    if (!receiptOpen(round.status, entry.status)) throw new DomainError(409, "samples.receipt.error.closed");
    if (entry.sample?.endAction) throw new DomainError(409, "samples.receipt.error.ended");
    const data = {
      receivedAt: input.receivedAt,
      units: input.units,
      condition: input.condition,
      storage: input.storage,
      note: input.note,
      receivedById: auth.user.id,
    };
    await tx.sampleReceipt.upsert({ where: { entryId }, create: { roundId, entryId, ...data }, update: data });
    await audit(tx, {
      actorId: auth.user.id,
      action: "sample.receive",
      entityType: "Entry",
      entityId: entryId,
      before: entry.sample,
      after: { ...data, code: entry.entryCode, roundId },
      meta,
    });
    return { code: entry.entryCode ?? entry.receiptNumber ?? entryId, corrected: !!entry.sample };
  });
}

export interface EndInput {
  action: SampleEndName;
  endedAt: Date;
  note: string | null;
}

/** Records that a received sample went back to its producer or was disposed of, once, at the end. Audited as sample.end. */
export async function recordSampleEnd(
  auth: Actor,
  roundId: string,
  entryId: string,
  input: EndInput,
  meta: RequestMeta,
) {
  if (input.endedAt.getTime() > Date.now() + 5 * 60_000)
    throw new DomainError(400, "samples.receipt.error.future", undefined, "endedAt");
  return prisma.$transaction(async (tx) => {
    const { round, entry } = await managedEntry(auth, roundId, entryId, tx);
    if (!entry.sample) throw new DomainError(409, "samples.end.error.notReceived");
    if (entry.sample.endAction) throw new DomainError(409, "samples.end.error.already");
    if (!endOpen(round.status, entry.status)) throw new DomainError(409, "samples.end.error.tooEarly");
    if (input.endedAt < entry.sample.receivedAt)
      throw new DomainError(400, "samples.end.error.beforeReceipt", undefined, "endedAt");
    // Guarded: a second organiser recording the end at the same moment changes nothing.
    const { count } = await tx.sampleReceipt.updateMany({
      where: { entryId, endAction: null },
      data: { endAction: input.action, endedAt: input.endedAt, endNote: input.note, endedById: auth.user.id },
    });
    if (count !== 1) throw new DomainError(409, "samples.end.error.already");
    await audit(tx, {
      actorId: auth.user.id,
      action: "sample.end",
      entityType: "Entry",
      entityId: entryId,
      after: { ...input, code: entry.entryCode, roundId },
      meta,
    });
    return { code: entry.entryCode ?? entryId, action: input.action };
  });
}

// ───────────── labels ─────────────

/**
 * What the label sheet prints: for each accepted entry (or the one asked), its entry code, group
 * and the QR code of its record; the product's name only when the round is not blind, and never
 * the producer (see app/modules/judging/blind.ts).
 */
export async function labelsPrint(auth: Actor, roundId: string, entryId?: string): Promise<LabelsPrint> {
  const round = await managedRound(auth, roundId);
  if (!round.sampleSettings?.required) throw new DomainError(409, "samples.error.notRequired");
  const entries = await prisma.entry.findMany({
    where: { roundId, status: "ACCEPTED", entryCode: { not: null }, ...(entryId ? { id: entryId } : {}) },
    select: { id: true, entryCode: true, group: true, product: { select: { name: true } } },
    orderBy: { entryCode: "asc" },
  });
  if (entryId && !entries.length) throw new DomainError(404, "error.404");
  const base = getEnv().appUrl;
  return {
    roundName: round.name,
    blind: round.blindJudging,
    labels: entries.map((e) => ({
      code: e.entryCode!,
      group: e.group,
      productName: round.blindJudging ? null : e.product.name,
      url: `${base}/admin/rounds/${roundId}/samples/${e.id}`,
    })),
  };
}

/**
 * A panel's tasting-number labels (decision 046): one per sample of the panel, by number, with
 * the group only (no entry code, no QR, no product). The entry-code labels stay for storage.
 */
export async function tastingLabelsPrint(auth: Actor, roundId: string, panelKey: string): Promise<TastingLabelsPrint> {
  const round = await managedRound(auth, roundId);
  if (!round.blindJudging) throw new DomainError(409, "samples.tasting.error.notBlind");
  const numbers = await prisma.tastingNumber.findMany({
    where: { roundId, panelKey },
    select: { number: true, entry: { select: { group: true } } },
    orderBy: { number: "asc" },
  });
  if (!numbers.length) throw new DomainError(404, "error.404");
  const panel =
    panelKey === ALL_PANELS
      ? null
      : await prisma.panel.findFirst({ where: { id: panelKey, roundId }, select: { name: true } });
  return {
    roundName: round.name,
    panelName: panel?.name ?? null,
    labels: numbers.map((n) => ({ number: n.number, group: n.entry.group })),
  };
}

// ───────────── blind tasting ─────────────

/**
 * Draws a random tasting number per sample and panel (different from the entry code; the
 * numbers of a panel are distinct) and every judge's serving order (stored, decision 046),
 * replacing an earlier draw. Only in a blind round that asks for samples, during screening or
 * judging, before the first score is written (the judges' numbers must not change under them).
 * Audited as round.tasting.
 */
export async function drawTasting(auth: Actor, roundId: string, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const round = await managedRound(auth, roundId, tx);
    if (!round.blindJudging) throw new DomainError(409, "samples.tasting.error.notBlind");
    if (!round.sampleSettings?.required) throw new DomainError(409, "samples.error.notRequired");
    if (!(TASTING_STATUSES as readonly string[]).includes(round.status))
      throw new DomainError(409, "samples.tasting.error.state");
    if (await tx.scoreSheet.count({ where: { roundId } })) throw new DomainError(409, "samples.tasting.error.scoring");
    const panels = await tastingPanels(tx, roundId, round.groups);
    if (!panels.length) throw new DomainError(409, "samples.tasting.error.noJudges");
    await tx.tastingNumber.deleteMany({ where: { roundId } });
    let total = 0;
    for (const panel of panels) total += await drawPanelNumbers(tx, roundId, panel);
    const orders = await drawRoundOrders(tx, roundId, auth.user.id);
    const now = new Date();
    await tx.roundSampleSettings.update({
      where: { roundId },
      data: { tastingDrawnAt: now, tastingDrawnById: auth.user.id },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.tasting",
      entityType: "Round",
      entityId: roundId,
      after: { panels: panels.length, numbers: total, orders },
      meta,
    });
    return { panels: panels.length, numbers: total };
  });
}

export interface TastingSlot {
  position: number;
  number: number;
  entryId: string;
  group: string;
}

export interface JudgeTasting {
  memberId: string;
  name: string;
  title: string | null;
  slots: TastingSlot[];
}

export interface PanelTasting {
  name: string | null;
  judges: JudgeTasting[];
}

type PlanMember = {
  id: string;
  isJudge: boolean;
  provinceId: string | null;
  panelId: string | null;
  panel: { groups: GroupRows } | null;
};

/**
 * One judge's serving order, read from their stored order (decision 046): the samples of their
 * queue in the stored order; samples of the panel that reached their queue after the draw (an
 * organiser's inclusion) follow, by tasting number. Positions count the judge's own turns.
 */
async function judgeSlots(
  round: Pick<SampleRound, "id" | "level" | "groups" | "currentPass">,
  member: PlanMember,
  actorId: string,
): Promise<TastingSlot[]> {
  const key = member.panelId ?? ALL_PANELS;
  const readOrder = () =>
    prisma.tastingOrder.findUnique({
      where: { juryMemberId: member.id },
      select: { panelKey: true, slots: { select: { entryId: true }, orderBy: { position: "asc" } } },
    });
  // A round drawn before orders were stored gets them on this first read (decision 046).
  let order = await readOrder();
  if (!order) {
    await storeMissingOrders(round.id, actorId);
    order = await readOrder();
  }
  const [numbers, queue] = await Promise.all([
    prisma.tastingNumber.findMany({
      where: { roundId: round.id, panelKey: key },
      select: { entryId: true, number: true, entry: { select: { group: true } } },
      orderBy: { number: "asc" },
    }),
    prisma.entry.findMany({ where: assignedEntriesWhere(member, round), select: { id: true } }),
  ]);
  if (!order || order.panelKey !== key) return [];
  const mine = new Set(queue.map((e) => e.id));
  const byEntry = new Map(numbers.map((n) => [n.entryId, n]));
  const stored = order.slots.map((s) => s.entryId);
  const ids = [...stored, ...numbers.map((n) => n.entryId).filter((id) => !stored.includes(id))];
  return ids
    .filter((id) => mine.has(id) && byEntry.has(id))
    .map((id, i) => ({
      position: i + 1,
      number: byEntry.get(id)!.number,
      entryId: id,
      group: byEntry.get(id)!.entry.group,
    }));
}

/**
 * The serving order of every judge, panel by panel (judges in the order they joined the jury),
 * from the stored orders; a judge without one (not a judge at the draw and not synced) has none.
 */
async function tastingPlan(
  round: Pick<SampleRound, "id" | "level" | "groups" | "currentPass">,
  actorId: string,
): Promise<PanelTasting[]> {
  if (!(await prisma.tastingNumber.count({ where: { roundId: round.id } }))) return [];
  await storeMissingOrders(round.id, actorId);
  const members = await prisma.juryMember.findMany({
    where: { roundId: round.id, isJudge: true },
    select: {
      id: true,
      isJudge: true,
      provinceId: true,
      title: true,
      panelId: true,
      panel: { select: { name: true, groups: true } },
      user: { select: { name: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const plans: PanelTasting[] = [];
  for (const key of [...new Set(members.map((m) => m.panelId ?? ALL_PANELS))]) {
    const judges = members.filter((m) => (m.panelId ?? ALL_PANELS) === key);
    const out: JudgeTasting[] = [];
    for (const m of judges)
      out.push({ memberId: m.id, name: m.user.name, title: m.title, slots: await judgeSlots(round, m, actorId) });
    plans.push({ name: judges[0]?.panel?.name ?? null, judges: out });
  }
  return plans.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
}

/** Every judge's serving order, for the round's organisers (the printable plan). */
export async function getTastingPlan(auth: Actor, roundId: string) {
  const round = await managedRound(auth, roundId);
  return {
    round: { id: round.id, name: round.name, blindJudging: round.blindJudging },
    drawnAt: round.sampleSettings?.tastingDrawnAt ?? null,
    panels: await tastingPlan(round, auth.user.id),
  };
}

/** The calling judge's own serving order (409 before the declaration, 403 not a judge of the round). */
export async function getJudgeTasting(auth: Pick<Auth, "user">, roundId: string) {
  const { member, round } = await requireJuryMember(auth, roundId);
  if (!member.isJudge) throw new DomainError(403, "error.403");
  if (!member.declaredAt) throw declarationRequired();
  return {
    round: { id: round.id, name: round.name },
    panel: member.panel?.name ?? null,
    slots: await judgeSlots(round, member, auth.user.id),
  };
}

/**
 * What a judge's sheet shows of the sample: whether it arrived, its condition and the tasting
 * number of the judge's panel. Nothing else (no notes, storage or who received it: free text
 * could name the producer, which blind judging hides). Through requireJudgeEntry, so only an
 * entry of the judge's queue answers.
 */
export async function getJudgeSample(auth: Pick<Auth, "user">, roundId: string, entryId: string) {
  const { member } = await requireJudgeEntry(auth, roundId, entryId);
  const [settings, receipt, tasting] = await Promise.all([
    prisma.roundSampleSettings.findUnique({ where: { roundId }, select: { required: true } }),
    prisma.sampleReceipt.findUnique({ where: { entryId }, select: { condition: true, endAction: true } }),
    prisma.tastingNumber.findUnique({
      where: { entryId_panelKey: { entryId, panelKey: member.panelId ?? ALL_PANELS } },
      select: { number: true },
    }),
  ]);
  if (!settings?.required) return null;
  return {
    status: sampleStatus({ required: true, receipt }),
    condition: receipt?.condition ?? null,
    tastingNumber: tasting?.number ?? null,
  };
}

/** A producer's own entry's sample: what is asked and what happened to it (404 for anyone else's entry). */
export async function getProducerSample(auth: Pick<Auth, "user">, entryId: string) {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, establishment: { ownerId: auth.user.id } },
    select: {
      round: {
        select: {
          sampleSettings: { select: { required: true, unitsPerEntry: true, receivingPlace: true, deadline: true } },
        },
      },
      sample: { select: { receivedAt: true, units: true, condition: true, endAction: true, endedAt: true } },
    },
  });
  if (!entry) throw new DomainError(404, "error.404");
  const settings = entry.round.sampleSettings;
  if (!settings?.required) return null;
  return { ...settings, status: sampleStatus({ required: true, receipt: entry.sample }), receipt: entry.sample };
}
