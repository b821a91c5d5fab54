-- CreateEnum
CREATE TYPE "CouncilRole" AS ENUM ('CHAIR', 'VICE_CHAIR', 'SECRETARY', 'MEMBER');

-- CreateEnum
CREATE TYPE "SheetStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "blindJudging" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "councilName" TEXT,
ADD COLUMN     "currentPass" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "resultsFinalisedAt" TIMESTAMP(3),
ADD COLUMN     "resultsFinalisedById" TEXT,
ADD COLUMN     "scoringPasses" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "spreadLimit" DOUBLE PRECISION,
ADD COLUMN     "tieBreak" TEXT NOT NULL DEFAULT 'C1,C2';

-- CreateTable
CREATE TABLE "Rubric" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT,
    "lockedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rubric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RubricItem" (
    "id" TEXT NOT NULL,
    "rubricId" TEXT NOT NULL,
    "criterion" INTEGER NOT NULL,
    "group" "ProductGroup",
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "guidance" TEXT,
    "max" DOUBLE PRECISION NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RubricItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Panel" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "groups" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Panel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryMember" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isJudge" BOOLEAN NOT NULL DEFAULT true,
    "panelId" TEXT,
    "councilRole" "CouncilRole",
    "title" TEXT,
    "provinceId" TEXT,
    "declaredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JuryMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conflict" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentOverride" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "include" BOOLEAN NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssignmentOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "pass" INTEGER NOT NULL DEFAULT 1,
    "rubricId" TEXT NOT NULL,
    "status" "SheetStatus" NOT NULL DEFAULT 'DRAFT',
    "scores" JSONB NOT NULL,
    "notes" JSONB,
    "comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMP(3),
    "onPaper" BOOLEAN NOT NULL DEFAULT false,
    "enteredById" TEXT,
    "reopenReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntryOutcome" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "secondPass" BOOLEAN NOT NULL DEFAULT false,
    "spreadDecision" TEXT,
    "spreadDecidedAt" TIMESTAMP(3),
    "spreadDecidedById" TEXT,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstain" INTEGER,
    "membersPresent" INTEGER,
    "membersTotal" INTEGER,
    "chairPresent" BOOLEAN,
    "recognised" BOOLEAN,
    "voteNote" TEXT,
    "votedAt" TIMESTAMP(3),
    "votedById" TEXT,
    "finalScore" DOUBLE PRECISION,
    "finalSheets" INTEGER,
    "finalRank" INTEGER,
    "finalPassed" BOOLEAN,
    "finalPass" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EntryOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Rubric_roundId_version_key" ON "Rubric"("roundId", "version");

-- CreateIndex
CREATE INDEX "RubricItem_rubricId_idx" ON "RubricItem"("rubricId");

-- CreateIndex
CREATE UNIQUE INDEX "Panel_roundId_name_key" ON "Panel"("roundId", "name");

-- CreateIndex
CREATE INDEX "JuryMember_userId_idx" ON "JuryMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "JuryMember_roundId_userId_key" ON "JuryMember"("roundId", "userId");

-- CreateIndex
CREATE INDEX "Conflict_roundId_idx" ON "Conflict"("roundId");

-- CreateIndex
CREATE INDEX "Conflict_establishmentId_idx" ON "Conflict"("establishmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Conflict_juryMemberId_establishmentId_key" ON "Conflict"("juryMemberId", "establishmentId");

-- CreateIndex
CREATE INDEX "AssignmentOverride_roundId_idx" ON "AssignmentOverride"("roundId");

-- CreateIndex
CREATE INDEX "AssignmentOverride_juryMemberId_idx" ON "AssignmentOverride"("juryMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentOverride_entryId_juryMemberId_key" ON "AssignmentOverride"("entryId", "juryMemberId");

-- CreateIndex
CREATE INDEX "ScoreSheet_roundId_pass_status_idx" ON "ScoreSheet"("roundId", "pass", "status");

-- CreateIndex
CREATE INDEX "ScoreSheet_juryMemberId_idx" ON "ScoreSheet"("juryMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreSheet_entryId_juryMemberId_pass_key" ON "ScoreSheet"("entryId", "juryMemberId", "pass");

-- CreateIndex
CREATE UNIQUE INDEX "EntryOutcome_entryId_key" ON "EntryOutcome"("entryId");

-- CreateIndex
CREATE INDEX "EntryOutcome_roundId_idx" ON "EntryOutcome"("roundId");

-- AddForeignKey
ALTER TABLE "Rubric" ADD CONSTRAINT "Rubric_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rubric" ADD CONSTRAINT "Rubric_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricItem" ADD CONSTRAINT "RubricItem_rubricId_fkey" FOREIGN KEY ("rubricId") REFERENCES "Rubric"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Panel" ADD CONSTRAINT "Panel_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryMember" ADD CONSTRAINT "JuryMember_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryMember" ADD CONSTRAINT "JuryMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryMember" ADD CONSTRAINT "JuryMember_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "Panel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryMember" ADD CONSTRAINT "JuryMember_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentOverride" ADD CONSTRAINT "AssignmentOverride_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentOverride" ADD CONSTRAINT "AssignmentOverride_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentOverride" ADD CONSTRAINT "AssignmentOverride_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_rubricId_fkey" FOREIGN KEY ("rubricId") REFERENCES "Rubric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntryOutcome" ADD CONSTRAINT "EntryOutcome_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntryOutcome" ADD CONSTRAINT "EntryOutcome_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

