-- CreateTable
CREATE TABLE "CertificateConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "changes" TEXT NOT NULL,
    "note" TEXT,
    "confirmedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CertificateConfirmation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConfirmationReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "sentTo" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConfirmationReminder_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "plannedFor" DATETIME NOT NULL,
    "purpose" TEXT,
    "inspectedAt" DATETIME,
    "findings" TEXT,
    "outcome" TEXT,
    "plannedById" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Inspection_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answer" TEXT,
    "answeredAt" DATETIME,
    "answeredById" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "lastReportAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportCase_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsumerReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "contact" TEXT,
    "photoStorage" TEXT,
    "photoKey" TEXT,
    "photoType" TEXT,
    "sourceHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConsumerReport_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ReportCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateConfirmation_certificateId_period_key" ON "CertificateConfirmation"("certificateId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "ConfirmationReminder_certificateId_period_key" ON "ConfirmationReminder"("certificateId", "period");

-- CreateIndex
CREATE INDEX "Inspection_certificateId_status_idx" ON "Inspection"("certificateId", "status");

-- CreateIndex
CREATE INDEX "Inspection_status_plannedFor_idx" ON "Inspection"("status", "plannedFor");

-- CreateIndex
CREATE INDEX "ReportCase_certificateId_category_status_idx" ON "ReportCase"("certificateId", "category", "status");

-- CreateIndex
CREATE INDEX "ReportCase_status_lastReportAt_idx" ON "ReportCase"("status", "lastReportAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsumerReport_photoKey_key" ON "ConsumerReport"("photoKey");

-- CreateIndex
CREATE INDEX "ConsumerReport_caseId_idx" ON "ConsumerReport"("caseId");


-- The public product page shows "last confirmed" and whether an inspection is open (docs/decisions/040):
-- writes to these two tables raise the register version, as the other public tables do (decision 012).
CREATE TRIGGER "RegisterVersion_CertificateConfirmation_insert" AFTER INSERT ON "CertificateConfirmation"
BEGIN
  UPDATE "RegisterVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "RegisterVersion_CertificateConfirmation_update" AFTER UPDATE ON "CertificateConfirmation"
BEGIN
  UPDATE "RegisterVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "RegisterVersion_CertificateConfirmation_delete" AFTER DELETE ON "CertificateConfirmation"
BEGIN
  UPDATE "RegisterVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "RegisterVersion_Inspection_insert" AFTER INSERT ON "Inspection"
BEGIN
  UPDATE "RegisterVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "RegisterVersion_Inspection_update" AFTER UPDATE ON "Inspection"
BEGIN
  UPDATE "RegisterVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "RegisterVersion_Inspection_delete" AFTER DELETE ON "Inspection"
BEGIN
  UPDATE "RegisterVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

