-- CreateTable
CREATE TABLE "PlanSection" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT,
    "titles" JSONB,
    "titleLang" "Language",
    "sourceLang" "Language" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "PlanSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanText" (
    "id" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "lang" "Language" NOT NULL,
    "ydoc" BYTEA NOT NULL,
    "json" JSONB NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "textHash" TEXT NOT NULL,
    "confirmedSourceHash" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanText_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanSection_projectId_position_idx" ON "PlanSection"("projectId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "PlanText_sectionId_lang_key" ON "PlanText"("sectionId", "lang");

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanText" ADD CONSTRAINT "PlanText_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
