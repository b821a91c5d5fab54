// Complaints about results (khiếu nại, issue #5). The organiser sets the period in which producers
// may complain (Round.complaintsUntil); a producer lodges a complaint about their entry's official
// result; the council of the same level decides it, and its decision — recorded here by an
// organiser of the round or the council's secretary — is the ONLY way a result frozen at
// finalisation changes (every other results write answers "results.finalised.locked").
//
// decideComplaint() is the one place a complaint is decided: in one transaction it guards the
// complaint (OPEN → decided, so two decisions cannot both land), changes the entry's EntryOutcome
// when the council upheld the complaint with a new score and/or recognition, revokes the entry's
// certificate when recognition is withdrawn, and writes the audit rows with before and after.
// Mail leaves after commit. Scope is part of every query: another producer's entry, or a round
// outside an organiser's jurisdiction, looks like one that does not exist (or answers 403).
import type { Prisma } from "~/generated/sqlite/client.ts";
import { paging, PAGE_SIZE } from "~/utils/paging";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { revokeWithin } from "~/modules/certificates/certificates.server";
import { requireRoundOrganiser, requireSecretaryOrOrganiser } from "~/modules/judging/access.server";
import { queueMail, queueMails, type MailInput } from "~/modules/mail/outbox.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { prisma, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale, type MessageKey } from "~/utils/i18n";
import {
  changesResult,
  complaintTextProblem,
  decisionProblems,
  decisionRecord,
  LODGE_REFUSAL,
  lodgeState,
  outcomeAfter,
  periodProblem,
  revocationReason,
  type ComplaintStatus,
  type DecisionInput,
  type LodgeState,
  type OutcomeValues,
} from "./rules";

const outcomeSelect = { finalScore: true, finalPassed: true, recognised: true } satisfies Prisma.EntryOutcomeSelect;

const complaintSelect = {
  id: true,
  text: true,
  status: true,
  decision: true,
  decidedAt: true,
  newScore: true,
  newRecognised: true,
  createdAt: true,
} satisfies Prisma.ComplaintSelect;
export type ComplaintView = Prisma.ComplaintGetPayload<{ select: typeof complaintSelect }>;

const outcomeValues = (o: OutcomeValues | null | undefined): OutcomeValues | null =>
  o ? { finalScore: o.finalScore, finalPassed: o.finalPassed, recognised: o.recognised } : null;

// ───────────── the producer ─────────────

const producerEntrySelect = {
  id: true,
  status: true,
  entryCode: true,
  product: { select: { name: true } },
  establishment: { select: { name: true } },
  round: {
    select: {
      id: true,
      name: true,
      level: true,
      provinceId: true,
      regionId: true,
      passLine: true,
      resultsFinalisedAt: true,
      complaintsUntil: true,
    },
  },
  outcome: { select: outcomeSelect },
  certificate: { select: { serial: true, revokedAt: true, revokedReason: true } },
  complaints: { select: complaintSelect, orderBy: { createdAt: "desc" } },
} satisfies Prisma.EntrySelect;

/**
 * The official result of the caller's entry and their complaints about it: what the entry page
 * and the complaint page show. 404 when the entry is not theirs. `state` says whether they may
 * lodge a complaint now and, if not, why.
 */
export async function getMyEntryComplaints(auth: Pick<Auth, "user">, entryId: string, now: Date = new Date()) {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, establishment: { ownerId: auth.user.id } },
    select: producerEntrySelect,
  });
  if (!entry) throw new DomainError(404, "error.404");
  const state: LodgeState = lodgeState({
    resultsFinalisedAt: entry.round.resultsFinalisedAt,
    complaintsUntil: entry.round.complaintsUntil,
    entryStatus: entry.status,
    hasOpenComplaint: entry.complaints.some((c) => c.status === "OPEN"),
    now,
  });
  return {
    entry: {
      id: entry.id,
      status: entry.status,
      code: entry.entryCode,
      productName: entry.product.name,
      establishmentName: entry.establishment.name,
    },
    round: {
      id: entry.round.id,
      name: entry.round.name,
      passLine: entry.round.passLine,
      resultsFinalisedAt: entry.round.resultsFinalisedAt,
      complaintsUntil: entry.round.complaintsUntil,
    },
    outcome: outcomeValues(entry.outcome),
    certificate: entry.certificate,
    complaints: entry.complaints,
    state,
  };
}

/** The organisers of a round (RoleAssignment in its jurisdiction), to be told of a new complaint. */
async function roundOrganisers(tx: Tx, round: { level: string; provinceId: string | null; regionId: string | null }) {
  const role: Prisma.RoleAssignmentWhereInput =
    round.level === "PROVINCE"
      ? { role: "ORGANISER", level: "PROVINCE", provinceId: round.provinceId }
      : round.level === "REGION"
        ? { role: "ORGANISER", level: "REGION", regionId: round.regionId }
        : round.level === "NATION"
          ? { role: "ORGANISER", level: "NATION" }
          : { id: { in: [] } };
  return tx.user.findMany({
    where: { disabledAt: null, roles: { some: role } },
    select: { email: true, name: true, locale: true },
  });
}

const tFor = (locale: string) => getT(isLocale(locale) ? locale : "vi");

/** A new complaint: each organiser of the round is told, the producer gets a receipt. */
async function lodgedMails(
  tx: Tx,
  producer: Pick<Auth["user"], "email" | "name" | "locale">,
  entry: {
    id: string;
    entryCode: string | null;
    product: { name: string };
    establishment: { name: string };
    round: { id: string; name: string; level: string; provinceId: string | null; regionId: string | null };
  },
  complaint: { createdAt: Date; text: string },
): Promise<MailInput[]> {
  const params = {
    code: entry.entryCode ?? "",
    product: entry.product.name,
    establishment: entry.establishment.name,
    round: entry.round.name,
    date: formatDateTime(complaint.createdAt),
    text: complaint.text,
  };
  const mails: MailInput[] = (await roundOrganisers(tx, entry.round)).map((o) => {
    const t = tFor(o.locale);
    return {
      to: o.email,
      subject: t("complaints.mail.lodged.subject", params),
      text: t("complaints.mail.lodged.body", {
        ...params,
        name: o.name,
        url: `${getEnv().appUrl}/admin/rounds/${entry.round.id}/complaints?status=OPEN`,
      }),
      locale: o.locale,
    };
  });
  const t = tFor(producer.locale);
  mails.push({
    to: producer.email,
    subject: t("complaints.mail.receipt.subject", params),
    text: t("complaints.mail.receipt.body", {
      ...params,
      name: producer.name,
      url: `${getEnv().appUrl}/producer/entries/${entry.id}`,
    }),
    locale: producer.locale,
  });
  return mails;
}

/**
 * A producer lodges a complaint about their entry's result: the entry must be theirs (404), the
 * round's results finalised, a period set and not over, no other complaint of theirs open on the
 * entry (409 each, with the reason), and the text 20–5000 characters (400). Audited; the round's
 * organisers are mailed and the producer gets a receipt.
 */
export async function lodgeComplaint(
  auth: Pick<Auth, "user">,
  entryId: string,
  text: string,
  meta: RequestMeta,
  now: Date = new Date(),
) {
  const textProblem = complaintTextProblem(text);
  const body = text.trim();
  const complaint = await prisma.$transaction(async (tx) => {
    const entry = await tx.entry.findFirst({
      where: { id: entryId, establishment: { ownerId: auth.user.id } },
      select: producerEntrySelect,
    });
    if (!entry) throw new DomainError(404, "error.404");
    // Takes the outcome row's write lock first, so two complaints lodged at once are counted one after the other.
    const locked = await tx.entryOutcome.updateMany({ where: { entryId }, data: { updatedAt: now } });
    const open = await tx.complaint.count({ where: { entryId, status: "OPEN" } });
    const state = lodgeState({
      resultsFinalisedAt: entry.round.resultsFinalisedAt,
      complaintsUntil: entry.round.complaintsUntil,
      entryStatus: locked.count ? entry.status : "NOT_JUDGED",
      hasOpenComplaint: open > 0,
      now,
    });
    if (state !== "open")
      throw new DomainError(409, LODGE_REFUSAL[state], { date: formatDateTime(entry.round.complaintsUntil) });
    if (textProblem) throw new DomainError(400, textProblem, undefined, "text");
    const created = await tx.complaint.create({
      data: { roundId: entry.round.id, entryId, lodgedById: auth.user.id, text: body, status: "OPEN" },
      select: { id: true, createdAt: true },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "complaint.lodge",
      entityType: "Complaint",
      entityId: created.id,
      after: {
        entryId,
        roundId: entry.round.id,
        code: entry.entryCode,
        text: body,
        outcome: outcomeValues(entry.outcome),
      },
      meta,
    });
    await queueMails(tx, await lodgedMails(tx, auth.user, entry, { createdAt: created.createdAt, text: body }));
    return { ...created, entry };
  });
  const { entry } = complaint;
  return { id: complaint.id, code: entry.entryCode };
}

// ───────────── the organiser: the period ─────────────

/**
 * Sets (or moves) the end of the round's complaint period: organisers of the round only, once
 * its results are finalised, after finalisation and within a year of it. Audited with before and after.
 */
export async function setComplaintsPeriod(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  until: Date,
  meta: RequestMeta,
) {
  await requireRoundOrganiser(auth, roundId);
  return prisma.$transaction(async (tx) => {
    const round = await tx.round.findUniqueOrThrow({
      where: { id: roundId },
      select: { resultsFinalisedAt: true, complaintsUntil: true },
    });
    const problem = periodProblem({ resultsFinalisedAt: round.resultsFinalisedAt, until });
    if (problem)
      throw new DomainError(
        problem === "complaints.period.error.notFinalised" ? 409 : 400,
        problem,
        undefined,
        "complaintsUntil",
      );
    // Guarded on what was read, so two organisers saving at once cannot both think theirs was the change.
    const { count } = await tx.round.updateMany({
      where: { id: roundId, resultsFinalisedAt: { not: null }, complaintsUntil: round.complaintsUntil },
      data: { complaintsUntil: until },
    });
    if (count !== 1) throw new DomainError(409, "complaints.period.error.changedMeanwhile");
    await audit(tx, {
      actorId: auth.user.id,
      action: "complaints.period",
      entityType: "Round",
      entityId: roundId,
      before: { complaintsUntil: round.complaintsUntil },
      after: { complaintsUntil: until },
      meta,
    });
    return { complaintsUntil: until };
  });
}

// ───────────── the organiser and the council secretary: the list ─────────────

export interface ComplaintListOptions {
  status?: ComplaintStatus;
  page?: number;
}

/**
 * The complaints of a round for its organisers and its council secretary (403/404 for anyone
 * else), newest first, filtered by status, a page at a time — with each entry's code, product,
 * establishment, current official result and certificate. A fixed number of queries per page.
 */
export async function listComplaints(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  opts: ComplaintListOptions = {},
) {
  const access = await requireSecretaryOrOrganiser(auth, roundId);
  const where: Prisma.ComplaintWhereInput = { roundId, ...(opts.status ? { status: opts.status } : {}) };
  const { round } = access;
  const [{ complaintsUntil }, byStatus, total] = await Promise.all([
    // The only field the access check's round select lacks.
    prisma.round.findUniqueOrThrow({ where: { id: roundId }, select: { complaintsUntil: true } }),
    prisma.complaint.groupBy({ by: ["status"], where: { roundId }, _count: { _all: true } }),
    prisma.complaint.count({ where }),
  ]);
  const page = paging(opts.page ?? 1, total, PAGE_SIZE);
  const rows = await prisma.complaint.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take,
    select: {
      ...complaintSelect,
      decidedById: true,
      lodgedBy: { select: { name: true, email: true } },
      entry: {
        select: {
          id: true,
          entryCode: true,
          group: true,
          product: { select: { name: true } },
          establishment: { select: { name: true } },
          outcome: { select: outcomeSelect },
          certificate: { select: { serial: true, revokedAt: true } },
        },
      },
    },
  });
  const deciderIds = [...new Set(rows.map((r) => r.decidedById).filter((id): id is string => !!id))];
  const deciders = deciderIds.length
    ? await prisma.user.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true } })
    : [];
  const deciderName = new Map(deciders.map((d) => [d.id, d.name]));
  // Entries the council now recognises that have no certificate yet: the organiser issues it on the recognition page.
  const toCertify = await prisma.complaint.findMany({
    where: {
      roundId,
      status: "UPHELD",
      newRecognised: true,
      entry: { certificate: { is: null }, outcome: { is: { recognised: true } } },
    },
    select: { entry: { select: { id: true, entryCode: true, product: { select: { name: true } } } } },
    distinct: ["entryId"],
  });
  const counts: Record<ComplaintStatus, number> = { OPEN: 0, UPHELD: 0, DISMISSED: 0 };
  for (const g of byStatus) if (g.status in counts) counts[g.status as ComplaintStatus] = g._count._all;
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      level: round.level,
      passLine: round.passLine,
      resultsFinalisedAt: round.resultsFinalisedAt,
      complaintsUntil,
    },
    asOrganiser: access.asOrganiser,
    counts,
    paging: page,
    rows: rows.map(({ decidedById, ...r }) => ({
      ...r,
      decidedBy: decidedById ? (deciderName.get(decidedById) ?? null) : null,
    })),
    toCertify: toCertify.map((c) => ({
      entryId: c.entry.id,
      code: c.entry.entryCode,
      productName: c.entry.product.name,
    })),
  };
}

// ───────────── the council's decision ─────────────

export interface DecideInput extends Omit<DecisionInput, "decisionDate"> {
  complaintId: string;
  decisionDate: Date | null;
}

const complaintForDecision = {
  id: true,
  status: true,
  createdAt: true,
  entryId: true,
  lodgedBy: { select: { email: true, name: true, locale: true } },
  entry: {
    select: {
      entryCode: true,
      product: { select: { name: true } },
      outcome: { select: { id: true, ...outcomeSelect } },
      certificate: { select: { id: true, serial: true, revokedAt: true } },
    },
  },
  round: { select: { id: true, name: true, passLine: true, resultsFinalisedAt: true } },
} satisfies Prisma.ComplaintSelect;

/**
 * Records the council's decision on an OPEN complaint (an organiser of the round or its council
 * secretary): UPHELD or DISMISSED with the decision's words, date and optional number, and — only
 * when UPHELD — an optional change of the official result (new score: the pass flag follows the
 * round's pass line; new recognition). One transaction: the complaint is moved off OPEN with a
 * guard (a second decision answers 409), the outcome changes, a withdrawn recognition revokes the
 * entry's certificate, and each is audited with before and after. The producer is mailed.
 */
/** The producer's notice of the decision, with what changed in the result. */
function decidedMail(
  found: {
    lodgedBy: { email: string; name: string; locale: string };
    round: { name: string };
    createdAt: Date;
    entryId: string;
  },
  status: string,
  record: string,
  change: { newScore: number | null; newRecognised: boolean | null } | null,
  result: {
    code: string;
    productName: string;
    changed: boolean;
    after: OutcomeValues | null;
    revokedSerial: string | null;
  },
): MailInput {
  const owner = found.lodgedBy;
  const t = tFor(owner.locale);
  const params = {
    name: owner.name,
    code: result.code,
    product: result.productName,
    round: found.round.name,
    status: t(`complaints.status.${status}` as MessageKey),
    decision: record,
    lodged: formatDate(found.createdAt),
    url: `${getEnv().appUrl}/producer/entries/${found.entryId}`,
  };
  const changeLines: string[] = [];
  if (result.changed && result.after) {
    if (change?.newScore !== null && change?.newScore !== undefined)
      changeLines.push(t("complaints.mail.decided.score", { score: result.after.finalScore ?? "" }));
    if (change?.newRecognised !== null && change?.newRecognised !== undefined) {
      changeLines.push(
        t(result.after.recognised ? "complaints.mail.decided.recognised" : "complaints.mail.decided.notRecognised"),
      );
    }
    if (result.revokedSerial) changeLines.push(t("complaints.mail.decided.revoked", { serial: result.revokedSerial }));
  }
  return {
    to: owner.email,
    subject: t("complaints.mail.decided.subject", params),
    text: t("complaints.mail.decided.body", {
      ...params,
      changes: changeLines.length ? `\n${changeLines.join("\n")}\n` : "",
    }),
    locale: owner.locale,
  };
}

export async function decideComplaint(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  input: DecideInput,
  meta: RequestMeta,
  now: Date = new Date(),
) {
  await requireSecretaryOrOrganiser(auth, roundId);
  const found = await prisma.complaint.findFirst({
    where: { id: input.complaintId, roundId },
    select: complaintForDecision,
  });
  if (!found) throw new DomainError(404, "error.404");
  if (found.status !== "OPEN") throw new DomainError(409, "complaints.decide.error.alreadyDecided");
  const decisionInput: DecisionInput = { ...input, decisionDate: input.decisionDate };
  const check = (current: OutcomeValues | null) => {
    const problem = decisionProblems(decisionInput, {
      current,
      passLine: found.round.passLine,
      lodgedAt: found.createdAt,
      now,
    })[0];
    if (problem) throw new DomainError(400, problem.messageKey, undefined, problem.field);
  };
  check(outcomeValues(found.entry.outcome));
  const decisionDate = input.decisionDate!;
  const change =
    input.status === "UPHELD" && changesResult(input)
      ? { newScore: input.newScore ?? null, newRecognised: input.newRecognised ?? null }
      : null;
  const record = decisionRecord({ decision: input.decision, decisionNumber: input.decisionNumber, decisionDate });

  const result = await prisma.$transaction(async (tx) => {
    const { count } = await tx.complaint.updateMany({
      where: { id: found.id, roundId, status: "OPEN" },
      data: {
        status: input.status,
        decision: record,
        decidedAt: now,
        decidedById: auth.user.id,
        newScore: change?.newScore ?? null,
        newRecognised: change?.newRecognised ?? null,
      },
    });
    if (count !== 1) throw new DomainError(409, "complaints.decide.error.alreadyDecided");

    // Read again under the transaction: the result the decision changes is the one in force now.
    const entry = await tx.entry.findUniqueOrThrow({
      where: { id: found.entryId },
      select: complaintForDecision.entry.select,
    });
    const before = outcomeValues(entry.outcome);
    let after = before;
    if (change) {
      check(before);
      after = outcomeAfter(before, change, found.round.passLine);
      const data = { finalScore: after.finalScore, finalPassed: after.finalPassed, recognised: after.recognised };
      await tx.entryOutcome.upsert({
        where: { entryId: found.entryId },
        create: { roundId, entryId: found.entryId, ...data },
        update: data,
      });
    }
    await audit(tx, {
      actorId: auth.user.id,
      action: "complaint.decide",
      entityType: "Complaint",
      entityId: found.id,
      before: { complaintId: found.id, status: "OPEN", outcome: before },
      after: {
        complaintId: found.id,
        entryId: found.entryId,
        code: entry.entryCode,
        status: input.status,
        decision: record,
        change,
        outcome: after,
      },
      meta,
    });

    let revokedSerial: string | null = null;
    if (change?.newRecognised === false && entry.certificate && !entry.certificate.revokedAt) {
      const reason = revocationReason({ decisionNumber: input.decisionNumber, decisionDate });
      const audited = { revokedReason: reason, complaintId: found.id };
      if (await revokeWithin(tx, entry.certificate, { reason, actorId: auth.user.id, now, meta, audit: audited })) {
        revokedSerial = entry.certificate.serial;
      }
    }
    const decided = {
      code: entry.entryCode ?? "",
      productName: entry.product.name,
      changed: !!change,
      after,
      revokedSerial,
      /** Recognised by this decision and without a certificate: the organiser may now issue one. */
      canIssueCertificate: change?.newRecognised === true && !entry.certificate,
      /** Recognised again, but its certificate was revoked earlier: it stays revoked. */
      certificateRevokedEarlier: change?.newRecognised === true && !!entry.certificate?.revokedAt,
    };
    // The producer is told in the same transaction: a decision that rolls back announces nothing.
    await queueMail(tx, decidedMail(found, input.status, record, change, decided));
    return decided;
  });
  return result;
}
