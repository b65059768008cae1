-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "findingId" TEXT,
ALTER COLUMN "sectionId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Comment_findingId_lang_idx" ON "Comment"("findingId", "lang");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;
