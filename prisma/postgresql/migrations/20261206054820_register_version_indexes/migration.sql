-- CreateTable
CREATE TABLE "RegisterVersion" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RegisterVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Entry_productId_idx" ON "Entry"("productId");

-- CreateIndex
CREATE INDEX "Certificate_issuedAt_serial_idx" ON "Certificate"("issuedAt" DESC, "serial");

-- CreateIndex
CREATE INDEX "Certificate_searchText_year_serial_idx" ON "Certificate"("searchText", "year" DESC, "serial");

-- CreateIndex
CREATE INDEX "Certificate_year_idx" ON "Certificate"("year");

