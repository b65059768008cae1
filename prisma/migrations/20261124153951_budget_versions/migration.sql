-- CreateEnum
CREATE TYPE "BudgetStatus" AS ENUM ('draft', 'submitted', 'changes_requested', 'approved', 'rejected', 'superseded');

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN     "budgetVersionId" TEXT;

-- CreateTable
CREATE TABLE "BudgetVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "BudgetStatus" NOT NULL DEFAULT 'draft',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" TIMESTAMP(3),

    CONSTRAINT "BudgetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "projectYear" INTEGER NOT NULL,
    "categoryId" TEXT NOT NULL,
    "descriptions" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetVersion_projectId_number_key" ON "BudgetVersion"("projectId", "number");

-- CreateIndex
CREATE INDEX "BudgetLine_versionId_projectYear_idx" ON "BudgetLine"("versionId", "projectYear");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequest_budgetVersionId_round_key" ON "ApprovalRequest"("budgetVersionId", "round");

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_budgetVersionId_fkey" FOREIGN KEY ("budgetVersionId") REFERENCES "BudgetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetVersion" ADD CONSTRAINT "BudgetVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "BudgetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CostCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
