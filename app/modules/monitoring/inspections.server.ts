// Inspections of certified products (issue #14, docs/decisions/040): the organisers of the round
// that issued a certificate plan an inspection (a date and a purpose), then record it (the date it
// took place, findings, outcome: fine / warning / revocation proposed). Planned → done, once; a
// revocation itself stays the recognition page's act (certificates.server.ts revokeCertificate).
// The certificate's history page shows confirmations, reminders, inspections and consumer reports.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { certificateStatus } from "~/modules/certificates/validity";
import { vnDate } from "~/modules/rounds/round-fields";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { changesOf, obligationAt } from "./schedule";
import type { InspectionOutcome } from "./schemas";

type Actor = Pick<Auth, "user" | "roles">;

/** The certificate if the person's scope issued it; 404 unknown, 403 another scope's. */
export async function managedCertificate<S extends Prisma.CertificateSelect>(
  auth: Actor,
  certificateId: string,
  select: S,
) {
  const row = await prisma.certificate.findFirst({
    where: { id: certificateId, round: managedRoundsWhere(auth.roles) },
    select,
  });
  if (row) return row;
  const exists = await prisma.certificate.count({ where: { id: certificateId } });
  throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
}

/** Everything monitoring knows about one certificate, for its organisers. */
export async function certificateHistory(auth: Actor, certificateId: string, now: Date = new Date()) {
  const cert = await managedCertificate(auth, certificateId, {
    id: true,
    serial: true,
    code: true,
    roundId: true,
    productName: true,
    establishmentName: true,
    jurisdiction: true,
    issuedAt: true,
    validUntil: true,
    revokedAt: true,
    revokedReason: true,
    confirmations: {
      select: { id: true, period: true, changes: true, note: true, createdAt: true },
      orderBy: { period: "desc" },
    },
    confirmationReminders: { select: { period: true, createdAt: true }, orderBy: { period: "desc" } },
    inspections: { orderBy: [{ plannedFor: "desc" }, { createdAt: "desc" }] },
    reportCases: {
      select: { id: true, category: true, status: true, reportCount: true, lastReportAt: true, answer: true },
      orderBy: { lastReportAt: "desc" },
    },
  });
  return {
    ...cert,
    status: certificateStatus(cert, now),
    obligation: obligationAt(
      cert,
      cert.confirmations.map((c) => c.period),
      now,
    ),
    confirmations: cert.confirmations.map((c) => ({ ...c, changes: changesOf(c.changes) })),
  };
}

/** Plans an inspection of a valid certificate in the person's scope. Audited. */
export async function planInspection(
  auth: Actor,
  certificateId: string,
  input: { plannedFor: string; purpose?: string },
  meta: RequestMeta,
  now: Date = new Date(),
) {
  const cert = await managedCertificate(auth, certificateId, {
    id: true,
    serial: true,
    validUntil: true,
    revokedAt: true,
  });
  if (certificateStatus(cert, now) !== "valid")
    throw new DomainError(409, "monitoring.inspection.error.notValid", { serial: cert.serial });
  const plannedFor = vnDate(input.plannedFor);
  if (!plannedFor) throw new DomainError(400, "monitoring.error.dateRequired", undefined, "plannedFor");
  return prisma.$transaction(async (tx) => {
    const row = await tx.inspection.create({
      data: {
        certificateId: cert.id,
        status: "PLANNED",
        plannedFor,
        purpose: input.purpose || null,
        plannedById: auth.user.id,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "inspection.plan",
      entityType: "Certificate",
      entityId: cert.id,
      after: { inspectionId: row.id, serial: cert.serial, plannedFor, purpose: input.purpose || null },
      meta,
    });
    return { id: row.id, serial: cert.serial };
  });
}

export interface RecordInput {
  inspectionId: string;
  inspectedAt: string;
  findings: string;
  outcome: InspectionOutcome;
}

/**
 * Records a planned inspection's result (PLANNED → DONE, once: a second record is a 409). The
 * date may not be in the future. Audited with the outcome.
 */
export async function recordInspection(
  auth: Actor,
  certificateId: string,
  input: RecordInput,
  meta: RequestMeta,
  now: Date = new Date(),
) {
  const cert = await managedCertificate(auth, certificateId, { id: true, serial: true, roundId: true });
  const inspectedAt = vnDate(input.inspectedAt);
  if (!inspectedAt) throw new DomainError(400, "monitoring.error.dateRequired", undefined, "inspectedAt");
  if (inspectedAt.getTime() > now.getTime())
    throw new DomainError(400, "monitoring.inspection.error.future", undefined, "inspectedAt");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.inspection.updateMany({
      where: { id: input.inspectionId, certificateId: cert.id, status: "PLANNED" },
      data: {
        status: "DONE",
        inspectedAt,
        findings: input.findings,
        outcome: input.outcome,
        recordedById: auth.user.id,
      },
    });
    if (count !== 1) {
      const exists = await tx.inspection.count({ where: { id: input.inspectionId, certificateId: cert.id } });
      throw exists ? new DomainError(409, "monitoring.inspection.error.recorded") : new DomainError(404, "error.404");
    }
    await audit(tx, {
      actorId: auth.user.id,
      action: "inspection.record",
      entityType: "Certificate",
      entityId: cert.id,
      before: { status: "PLANNED" },
      after: {
        inspectionId: input.inspectionId,
        serial: cert.serial,
        inspectedAt,
        outcome: input.outcome,
        findings: input.findings,
      },
      meta,
    });
    return { serial: cert.serial, roundId: cert.roundId, outcome: input.outcome };
  });
}

/** Inspections not yet recorded, in the person's scope, soonest first. */
export async function listOpenInspections(auth: Actor, take = 50) {
  return prisma.inspection.findMany({
    where: { status: "PLANNED", certificate: { round: managedRoundsWhere(auth.roles) } },
    select: {
      id: true,
      plannedFor: true,
      purpose: true,
      certificate: { select: { id: true, serial: true, productName: true, establishmentName: true } },
    },
    orderBy: { plannedFor: "asc" },
    take,
  });
}
