-- CreateTable
CREATE TABLE "CertificateConfirmation" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "changes" TEXT NOT NULL,
    "note" TEXT,
    "confirmedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificateConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfirmationReminder" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "sentTo" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConfirmationReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "plannedFor" TIMESTAMP(3) NOT NULL,
    "purpose" TEXT,
    "inspectedAt" TIMESTAMP(3),
    "findings" TEXT,
    "outcome" TEXT,
    "plannedById" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportCase" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answeredById" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "lastReportAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsumerReport" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "contact" TEXT,
    "photoStorage" TEXT,
    "photoKey" TEXT,
    "photoType" TEXT,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsumerReport_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "CertificateConfirmation" ADD CONSTRAINT "CertificateConfirmation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConfirmationReminder" ADD CONSTRAINT "ConfirmationReminder_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportCase" ADD CONSTRAINT "ReportCase_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerReport" ADD CONSTRAINT "ConsumerReport_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ReportCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The public product page shows "last confirmed" and whether an inspection is open (docs/decisions/040):
-- writes to these two tables raise the register version (function of decision 012).
CREATE TRIGGER "RegisterVersion_CertificateConfirmation" AFTER INSERT OR UPDATE OR DELETE ON "CertificateConfirmation"
FOR EACH STATEMENT EXECUTE FUNCTION "register_version_bump"();

CREATE TRIGGER "RegisterVersion_Inspection" AFTER INSERT OR UPDATE OR DELETE ON "Inspection"
FOR EACH STATEMENT EXECUTE FUNCTION "register_version_bump"();

