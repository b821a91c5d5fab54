-- CreateTable
CREATE TABLE "ExportJob" (
    "jobId" TEXT NOT NULL PRIMARY KEY,
    "dedupKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExportJob_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ExportJob_dedupKey_key" ON "ExportJob"("dedupKey");

-- CreateIndex
CREATE INDEX "ExportJob_source_createdAt_idx" ON "ExportJob"("source", "createdAt");

