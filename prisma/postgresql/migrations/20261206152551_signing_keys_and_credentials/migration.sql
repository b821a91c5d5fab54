-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateKey" TEXT,
    "activeSlot" INTEGER,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "CertificateCredential" (
    "certificateId" TEXT NOT NULL,
    "statusIndex" INTEGER NOT NULL,
    "kid" TEXT NOT NULL,
    "jwt" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificateCredential_pkey" PRIMARY KEY ("certificateId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_activeSlot_key" ON "SigningKey"("activeSlot");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateCredential_statusIndex_key" ON "CertificateCredential"("statusIndex");

