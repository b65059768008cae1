-- AlterTable
ALTER TABLE "Expense" ADD COLUMN     "submissionKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Expense_projectId_submissionKey_key" ON "Expense"("projectId", "submissionKey");
