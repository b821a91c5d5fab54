// Consumers' reports about products carrying the logo (issue #14, docs/decisions/040). Anyone may
// report from /verify/<code>: what is wrong, where, an optional photo and contact. Reports are
// counted per address by the shared database rate limiter (every instance sees the same
// counters). A report joins the OPEN case of the same certificate and kind of problem, or opens a
// new one: the issuing organiser answers a case once, however many people reported it. Report
// contents are private: only the organisers of the round that issued the certificate read them.
import crypto from "node:crypto";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { normaliseVerificationCode } from "~/modules/certificates/codes";
import { ImageDecodeError, ImageTooLargeError, processImage, type ImageType } from "~/modules/files/image.server";
import { PHOTO_TYPES, sniffType, typeLabels } from "~/modules/files/sniff";
import { getFileStorage, newStorageKey, storageNamed } from "~/modules/files/storage.server";
import type { UploadedPart } from "~/modules/files/upload.server";
import { queueMails } from "~/modules/mail/outbox.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT } from "~/utils/i18n";
import { consumeRateLimit } from "~/utils/rate-limit.server";
import { REPORT_PHOTO_MAX_MB, type CaseStatus, type ReportCategory, type ReportInput } from "./schemas";

type Actor = Pick<Auth, "user" | "roles">;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The certificate a verification code names, for the report form (404 when unknown). */
export async function reportTarget(rawCode: string) {
  const code = rawCode.length <= 40 ? normaliseVerificationCode(rawCode) : null;
  const cert = code
    ? await prisma.certificate.findUnique({
        where: { code },
        select: { id: true, code: true, serial: true, productName: true, establishmentName: true },
      })
    : null;
  if (!cert) throw new DomainError(404, "error.404");
  return cert;
}

/** The sender's address, salted and hashed: enough to see repeats, never the address itself. */
function sourceHash(ip: string | null | undefined): string {
  return crypto
    .createHmac("sha256", getEnv().sessionSecret)
    .update(ip || "unknown")
    .digest("base64url")
    .slice(0, 32);
}

async function checkedPhoto(photo: UploadedPart) {
  const type = sniffType(photo.bytes);
  if (!type || !PHOTO_TYPES.includes(type))
    throw new DomainError(400, "monitoring.report.error.photoType", { allowed: typeLabels(PHOTO_TYPES) }, "photo");
  if (photo.bytes.length > REPORT_PHOTO_MAX_MB * 1024 * 1024)
    throw new DomainError(400, "monitoring.report.error.photoSize", { max: REPORT_PHOTO_MAX_MB }, "photo");
  try {
    // Re-encoded: no camera metadata (location) is kept, and a picture bomb is refused.
    return { type: type as ImageType, bytes: (await processImage(photo.bytes, type as ImageType)).bytes };
  } catch (error) {
    if (error instanceof ImageDecodeError || error instanceof ImageTooLargeError)
      throw new DomainError(400, "monitoring.report.error.photoType", { allowed: typeLabels(PHOTO_TYPES) }, "photo");
    throw error;
  }
}

/**
 * Records a consumer's report about the certificate of `code`. Rate-limited per address (429
 * once past the limit, before the photo is processed); the photo is stored first and removed
 * again if the rows cannot be written. Returns the case it joined.
 */
export async function submitReport(rawCode: string, input: ReportInput, photo: UploadedPart | null, meta: RequestMeta) {
  const cert = await reportTarget(rawCode);
  await consumeRateLimit("consumerReport", meta.ip);
  const stored = photo ? await checkedPhoto(photo) : null;
  const storage = getFileStorage();
  const key = stored ? newStorageKey() : null;
  if (stored && key) await storage.put(key, stored.bytes, stored.type);
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const open = await tx.reportCase.findFirst({
        where: { certificateId: cert.id, category: input.category, status: "OPEN" },
        select: { id: true },
        orderBy: { createdAt: "asc" },
      });
      const caseRow = open
        ? await tx.reportCase.update({
            where: { id: open.id },
            data: { reportCount: { increment: 1 }, lastReportAt: now },
            select: { id: true, reportCount: true },
          })
        : await tx.reportCase.create({
            data: {
              certificateId: cert.id,
              category: input.category,
              status: "OPEN",
              reportCount: 1,
              lastReportAt: now,
            },
            select: { id: true, reportCount: true },
          });
      await tx.consumerReport.create({
        data: {
          caseId: caseRow.id,
          text: input.text,
          place: input.place,
          contact: input.contact || null,
          photoStorage: key ? storage.name : null,
          photoKey: key,
          photoType: stored?.type ?? null,
          sourceHash: sourceHash(meta.ip),
        },
      });
      return { caseId: caseRow.id, grouped: caseRow.reportCount > 1, serial: cert.serial };
    });
  } catch (error) {
    if (key) await storage.delete(key).catch(() => undefined);
    throw error;
  }
}

// ───────────── the organiser's queue ─────────────

/** Report cases of the certificates the person's scope issued, newest activity first. */
export async function listReportCases(
  auth: Actor,
  opts: { status?: CaseStatus; certificateId?: string; take?: number } = {},
) {
  return prisma.reportCase.findMany({
    where: {
      ...(opts.status ? { status: opts.status } : {}),
      ...(opts.certificateId ? { certificateId: opts.certificateId } : {}),
      certificate: { round: managedRoundsWhere(auth.roles) },
    },
    select: {
      id: true,
      category: true,
      status: true,
      answer: true,
      answeredAt: true,
      reportCount: true,
      lastReportAt: true,
      certificate: { select: { id: true, serial: true, productName: true, establishmentName: true } },
      reports: {
        select: { id: true, text: true, place: true, contact: true, photoKey: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: { lastReportAt: "desc" },
    take: opts.take ?? 50,
  });
}

/**
 * Answers (or closes) a case of the person's scope. Audited; reporters who left an e-mail address
 * get the answer by mail. An answered case takes no more reports: a new one opens a new case.
 */
export async function answerCase(
  auth: Actor,
  input: { caseId: string; status: Exclude<CaseStatus, "OPEN">; answer: string },
  meta: RequestMeta,
  now: Date = new Date(),
) {
  const row = await prisma.reportCase.findFirst({
    where: { id: input.caseId, certificate: { round: managedRoundsWhere(auth.roles) } },
    select: {
      id: true,
      status: true,
      category: true,
      certificate: { select: { serial: true, productName: true } },
      reports: { select: { contact: true } },
    },
  });
  if (!row) {
    const exists = await prisma.reportCase.count({ where: { id: input.caseId } });
    throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
  }
  const t = getT("vi");
  const params = { serial: row.certificate.serial, product: row.certificate.productName, answer: input.answer };
  const emails = [...new Set(row.reports.map((r) => r.contact?.trim() ?? "").filter((c) => EMAIL.test(c)))];
  await prisma.$transaction(async (tx) => {
    await tx.reportCase.update({
      where: { id: row.id },
      data: { status: input.status, answer: input.answer, answeredAt: now, answeredById: auth.user.id },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "report.answer",
      entityType: "ReportCase",
      entityId: row.id,
      before: { status: row.status },
      after: { status: input.status, answer: input.answer, serial: row.certificate.serial },
      meta,
    });
    await queueMails(
      tx,
      emails.map((to) => ({
        to,
        subject: t("monitoring.mail.answer.subject", params),
        text: t("monitoring.mail.answer.body", params),
        locale: "vi",
      })),
    );
  });
  return { serial: row.certificate.serial, mailed: emails.length };
}

/** A report's photo, for the organisers of its certificate's round only. */
export async function reportPhoto(auth: Actor, reportId: string) {
  const row = await prisma.consumerReport.findFirst({
    where: { id: reportId, case: { certificate: { round: managedRoundsWhere(auth.roles) } } },
    select: { photoStorage: true, photoKey: true, photoType: true },
  });
  if (!row) {
    const exists = await prisma.consumerReport.count({ where: { id: reportId } });
    throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
  }
  if (!row.photoKey || !row.photoStorage || !row.photoType) throw new DomainError(404, "error.404");
  const bytes = await storageNamed(row.photoStorage).get(row.photoKey);
  if (!bytes) throw new DomainError(404, "error.404");
  return { bytes, type: row.photoType };
}

export type { ReportCategory };
