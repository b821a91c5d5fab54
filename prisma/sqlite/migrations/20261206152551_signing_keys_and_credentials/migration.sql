-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "publicJwk" TEXT NOT NULL,
    "privateKey" TEXT,
    "activeSlot" INTEGER,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CertificateCredential" (
    "certificateId" TEXT NOT NULL PRIMARY KEY,
    "statusIndex" INTEGER NOT NULL,
    "kid" TEXT NOT NULL,
    "jwt" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_activeSlot_key" ON "SigningKey"("activeSlot");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateCredential_statusIndex_key" ON "CertificateCredential"("statusIndex");

