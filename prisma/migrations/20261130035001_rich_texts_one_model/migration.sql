-- Plan sections' texts join minutes and findings in RichText (decision 015), with their ids, so
-- their versions keep pointing at them; PlanVersion becomes TextVersion, for every rich text.

-- CreateEnum
CREATE TYPE "TextVersionKind" AS ENUM ('auto', 'named', 'restore');

-- AlterTable
ALTER TABLE "RichText" ADD COLUMN     "sectionId" TEXT;

-- Plan texts move over, ids and all.
INSERT INTO "RichText" ("id", "sectionId", "lang", "ydoc", "json", "text", "textHash", "confirmedSourceHash", "confirmedAt", "confirmedById", "updatedAt")
SELECT "id", "sectionId", "lang", "ydoc", "json", "text", "textHash", "confirmedSourceHash", "confirmedAt", "confirmedById", "updatedAt" FROM "PlanText";

-- CreateTable
CREATE TABLE "TextVersion" (
    "id" TEXT NOT NULL,
    "textId" TEXT NOT NULL,
    "kind" "TextVersionKind" NOT NULL,
    "snapshotId" TEXT,
    "json" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TextVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "TextVersion" ("id", "textId", "kind", "snapshotId", "json", "text", "createdById", "createdAt")
SELECT "id", "textId", "kind"::text::"TextVersionKind", "snapshotId", "json", "text", "createdById", "createdAt" FROM "PlanVersion";

-- DropForeignKey
ALTER TABLE "PlanText" DROP CONSTRAINT "PlanText_sectionId_fkey";

-- DropForeignKey
ALTER TABLE "PlanVersion" DROP CONSTRAINT "PlanVersion_snapshotId_fkey";

-- DropForeignKey
ALTER TABLE "PlanVersion" DROP CONSTRAINT "PlanVersion_textId_fkey";

-- DropTable
DROP TABLE "PlanVersion";

-- DropTable
DROP TABLE "PlanText";

-- DropEnum
DROP TYPE "PlanVersionKind";

-- CreateIndex
CREATE INDEX "TextVersion_textId_createdAt_idx" ON "TextVersion"("textId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RichText_sectionId_lang_key" ON "RichText"("sectionId", "lang");

-- AddForeignKey
ALTER TABLE "TextVersion" ADD CONSTRAINT "TextVersion_textId_fkey" FOREIGN KEY ("textId") REFERENCES "RichText"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TextVersion" ADD CONSTRAINT "TextVersion_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "PlanSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RichText" ADD CONSTRAINT "RichText_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
