-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('planned', 'under_way', 'done');

-- CreateEnum
CREATE TYPE "RiskKind" AS ENUM ('assumption', 'risk');

-- CreateTable
CREATE TABLE "ResultsFramework" (
    "projectId" TEXT NOT NULL,
    "overallGoal" JSONB NOT NULL,
    "projectGoal" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResultsFramework_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "ExpectedResult" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "statement" JSONB NOT NULL,
    "indicator" JSONB NOT NULL,
    "baseline" JSONB NOT NULL,
    "target" JSONB NOT NULL,
    "verification" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,

    CONSTRAINT "ExpectedResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResultActivity" (
    "id" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "texts" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,
    "status" "ActivityStatus" NOT NULL DEFAULT 'planned',
    "visitId" TEXT,
    "milestoneId" TEXT,
    "budgetCategoryId" TEXT,

    CONSTRAINT "ResultActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResultRisk" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" "RiskKind" NOT NULL,
    "position" INTEGER NOT NULL,
    "texts" JSONB NOT NULL,
    "mitigation" JSONB NOT NULL,
    "originalLang" "Language" NOT NULL,

    CONSTRAINT "ResultRisk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExpectedResult_projectId_position_idx" ON "ExpectedResult"("projectId", "position");

-- CreateIndex
CREATE INDEX "ResultActivity_resultId_position_idx" ON "ResultActivity"("resultId", "position");

-- CreateIndex
CREATE INDEX "ResultRisk_projectId_position_idx" ON "ResultRisk"("projectId", "position");

-- AddForeignKey
ALTER TABLE "ResultsFramework" ADD CONSTRAINT "ResultsFramework_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpectedResult" ADD CONSTRAINT "ExpectedResult_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultActivity" ADD CONSTRAINT "ResultActivity_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "ExpectedResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultActivity" ADD CONSTRAINT "ResultActivity_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultActivity" ADD CONSTRAINT "ResultActivity_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultActivity" ADD CONSTRAINT "ResultActivity_budgetCategoryId_fkey" FOREIGN KEY ("budgetCategoryId") REFERENCES "CostCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultRisk" ADD CONSTRAINT "ResultRisk_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
