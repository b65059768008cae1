-- CreateEnum
CREATE TYPE "ApprovalRule" AS ENUM ('any_one', 'majority', 'each_organisation');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('planned', 'submitted', 'changes_requested', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('pending', 'approved', 'changes_requested', 'rejected');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('approve', 'request_changes', 'reject');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "approvalRule" "ApprovalRule" NOT NULL DEFAULT 'each_organisation';

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "titles" JSONB NOT NULL,
    "descriptions" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,
    "dueDate" DATE NOT NULL,
    "ownerId" TEXT,
    "status" "MilestoneStatus" NOT NULL DEFAULT 'planned',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneSection" (
    "milestoneId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,

    CONSTRAINT "MilestoneSection_pkey" PRIMARY KEY ("milestoneId","sectionId")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "milestoneId" TEXT,
    "snapshotId" TEXT,
    "round" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "summaryLang" "Language" NOT NULL,
    "rule" "ApprovalRule" NOT NULL,
    "submittedById" TEXT,
    "status" "RequestStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "deciderId" TEXT,
    "organisationId" TEXT,
    "kind" "DecisionKind" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "commentLang" "Language" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Milestone_projectId_dueDate_idx" ON "Milestone"("projectId", "dueDate");

-- CreateIndex
CREATE INDEX "ApprovalRequest_projectId_createdAt_idx" ON "ApprovalRequest"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequest_milestoneId_round_key" ON "ApprovalRequest"("milestoneId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequest_snapshotId_round_key" ON "ApprovalRequest"("snapshotId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_requestId_deciderId_key" ON "Decision"("requestId", "deciderId");

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneSection" ADD CONSTRAINT "MilestoneSection_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneSection" ADD CONSTRAINT "MilestoneSection_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "PlanSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
