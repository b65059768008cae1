-- CreateEnum
CREATE TYPE "Currency" AS ENUM ('SEK', 'CNY', 'EUR', 'USD');

-- CreateEnum
CREATE TYPE "RateSource" AS ENUM ('typed', 'table');

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "expenseId" TEXT;

-- CreateTable
CREATE TABLE "CostCategory" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "CostCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "currency" "Currency" NOT NULL,
    "validFrom" DATE NOT NULL,
    "rate" DECIMAL(18,6) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "payee" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "descriptionLang" "Language" NOT NULL,
    "projectYear" INTEGER NOT NULL,
    "categoryId" TEXT NOT NULL,
    "payingOrgId" TEXT NOT NULL,
    "currency" "Currency" NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "rate" DECIMAL(18,6) NOT NULL,
    "rateSource" "RateSource" NOT NULL,
    "amountSek" DECIMAL(14,2) NOT NULL,
    "perDiem" BOOLEAN NOT NULL DEFAULT false,
    "salary" BOOLEAN NOT NULL DEFAULT false,
    "visitId" TEXT,
    "reversesId" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Expense_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CostCategory_projectId_key_key" ON "CostCategory"("projectId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeRate_projectId_currency_validFrom_key" ON "ExchangeRate"("projectId", "currency", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Expense_reversesId_key" ON "Expense"("reversesId");

-- CreateIndex
CREATE INDEX "Expense_projectId_date_idx" ON "Expense"("projectId", "date");

-- CreateIndex
CREATE INDEX "Attachment_expenseId_idx" ON "Attachment"("expenseId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_expenseId_fkey" FOREIGN KEY ("expenseId") REFERENCES "Expense"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostCategory" ADD CONSTRAINT "CostCategory_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeRate" ADD CONSTRAINT "ExchangeRate_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CostCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_payingOrgId_fkey" FOREIGN KEY ("payingOrgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "Expense"("id") ON DELETE SET NULL ON UPDATE CASCADE;
